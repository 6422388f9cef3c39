package io.trapgate.gdbstub.session;

import io.netty.channel.Channel;
import java.util.concurrent.atomic.AtomicReference;

/** The one debugger connection a target serves at a time. */
public final class ClientSlot {

    private final AtomicReference<Channel> holder = new AtomicReference<>();

    /** Takes the slot for {@code channel}; false if another client holds it. */
    public boolean claim(Channel channel) {
        return holder.compareAndSet(null, channel);
    }

    /** Frees the slot if {@code channel} holds it (detach, kill or disconnect). */
    public void release(Channel channel) {
        holder.compareAndSet(channel, null);
    }

    public boolean isHeldBy(Channel channel) {
        return holder.get() == channel;
    }
}
