package io.trapgate.gdbstub.session;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.trapgate.gdbstub.codec.RspControl;
import io.trapgate.gdbstub.codec.RspCorruptFrame;
import io.trapgate.gdbstub.codec.RspFrame;
import io.trapgate.gdbstub.codec.RspFrameDecoder;
import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.packets.ClientFeatures;
import io.trapgate.gdbstub.packets.ConsoleText;
import io.trapgate.gdbstub.packets.ErrorReplies;
import io.trapgate.gdbstub.packets.PacketContext;
import io.trapgate.gdbstub.packets.PacketDispatcher;
import io.trapgate.gdbstub.packets.StopReplies;
import io.trapgate.gdbstub.target.RegisterLayout;
import io.trapgate.gdbstub.target.ResumeAction;
import io.trapgate.gdbstub.target.TargetEvents;
import io.trapgate.gdbstub.target.StopReason;
import io.trapgate.gdbstub.target.Target;
import io.trapgate.gdbstub.target.TargetDescription;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's conversation with the target. On the event loop it acknowledges packets (until no-ack
 * mode), answers {@code -} with the last packet again, turns 0x03 into {@link Target#interrupt()}, and
 * queues every packet to the target's thread ({@link Target#execute}), where the handlers run and replies
 * are written. Stop replies are written from whatever thread the target reports the stop on; Netty's
 * {@code writeAndFlush} is safe from any thread and keeps one thread's writes in order.
 */
public final class RspSession extends SimpleChannelInboundHandler<RspFrame> implements PacketContext {

    private static final Logger log = LoggerFactory.getLogger(RspSession.class);

    private final Target target;
    private final TargetDescription description;
    private final RegisterLayout layout;
    private final ClientSlot slot;
    private final PacketDispatcher dispatcher;
    private final int maxPacketSize;
    private final ClientFeatures client = new ClientFeatures();
    private final TargetEvents events = new TargetEvents() {
        @Override
        public void stopped(StopReason reason) {
            RspSession.this.stopped(reason);
        }

        @Override
        public void console(String text) {
            RspSession.this.console(text);
        }
    };
    /** Console text produced while stopped, shown at the next resume; target thread only. */
    private final StringBuilder heldConsole = new StringBuilder();
    private static final int MAX_HELD_CONSOLE = 64 * 1024;

    /** A newcomer waits up to CLAIM_ATTEMPTS * CLAIM_RETRY_MILLIS for the previous client to go away. */
    static final int CLAIM_ATTEMPTS = 10;
    static final long CLAIM_RETRY_MILLIS = 50;

    private Channel channel;
    private boolean claimed;
    private volatile boolean ackMode = true;
    /** True from the moment a resume packet is queued until the target reports the stop. */
    private volatile boolean running;
    private volatile boolean attached;
    private volatile StopReason lastStop;
    private volatile RspPacket lastSent;
    /** Set on the target thread while one packet is handled: did it resume the target? */
    private boolean resumedByCurrentPacket;

    public RspSession(Target target, ClientSlot slot) {
        this(target, slot, PacketDispatcher.standard(), RspFrameDecoder.DEFAULT_MAX_PAYLOAD);
    }

    public RspSession(Target target, ClientSlot slot, PacketDispatcher dispatcher, int maxPacketSize) {
        this.target = target;
        this.description = target.description();
        this.layout = description.layout();
        this.slot = slot;
        this.dispatcher = dispatcher;
        this.maxPacketSize = maxPacketSize;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        // Read nothing until the slot is ours: a client that reconnects at once may arrive before the
        // event loop has seen its previous connection close.
        channel.config().setAutoRead(false);
        claimSlot(ctx, 0);
        ctx.fireChannelActive();
    }

    private void claimSlot(ChannelHandlerContext ctx, int attempt) {
        if (!channel.isActive()) {
            return;
        }
        if (slot.claim(channel)) {
            claimed = true;
            log.info("debugger connected from {}", channel.remoteAddress());
            submit(() -> {
                lastStop = target.attach(events);
                attached = true;
            });
            channel.config().setAutoRead(true);
            channel.read();
        } else if (attempt < CLAIM_ATTEMPTS) {
            ctx.executor().schedule(() -> claimSlot(ctx, attempt + 1), CLAIM_RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            log.warn("refusing debugger connection from {}: another client is attached", channel.remoteAddress());
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (claimed) {
            slot.release(ctx.channel());
            running = false;
            log.info("debugger disconnected");
            submit(() -> {
                if (attached) {
                    attached = false;
                    target.detach(); // gone without D: let the machine run on, as after a detach
                }
            });
        }
        ctx.fireChannelInactive();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RspFrame frame) {
        if (!claimed) {
            return;
        }
        if (frame instanceof RspPacket packet) {
            onPacket(ctx, packet);
        } else if (frame == RspControl.INTERRUPT) {
            if (running) {
                target.interrupt();
            }
        } else if (frame == RspControl.NACK) {
            RspPacket again = lastSent;
            if (ackMode && again != null) {
                ctx.writeAndFlush(again);
            }
        } else if (frame instanceof RspCorruptFrame corrupt) {
            onCorrupt(ctx, corrupt);
        }
        // ACK needs no action: retransmission is only ever asked for the last packet
    }

    private void onPacket(ChannelHandlerContext ctx, RspPacket packet) {
        if (ackMode) {
            ctx.writeAndFlush(RspControl.ACK);
        }
        String text = packet.text();
        boolean resumes = PacketDispatcher.resumes(text);
        if (resumes) {
            running = true; // a Ctrl-C arriving before the target thread gets to the resume must still count
        }
        submit(() -> handle(text, resumes));
    }

    private void handle(String text, boolean resumes) {
        resumedByCurrentPacket = false;
        dispatcher.dispatch(this, text);
        if (resumes && !resumedByCurrentPacket) {
            running = false; // the resume was rejected; nothing runs
        }
    }

    private void onCorrupt(ChannelHandlerContext ctx, RspCorruptFrame corrupt) {
        log.debug("corrupt frame: {} ({})", corrupt.kind(), corrupt.detail());
        if (corrupt.kind() == RspCorruptFrame.Kind.BAD_CHECKSUM && ackMode) {
            ctx.writeAndFlush(RspControl.NACK); // the client sends it again
            return;
        }
        if (ackMode) {
            ctx.writeAndFlush(RspControl.ACK); // resending would not help; take it and answer with an error
        }
        submit(() -> send(ErrorReplies.BAD_ARGUMENT));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.warn("debugger connection failed: {}", cause.toString());
        ctx.close();
    }

    /**
     * Queues work for the target's thread. A failure in it is logged and ends there: debugging must never
     * unwind the thread that runs the machine.
     */
    private void submit(Runnable work) {
        target.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("debugger command failed", e);
            }
        });
    }

    private void stopped(StopReason reason) {
        lastStop = reason;
        boolean wasRunning = running;
        running = false;
        if (wasRunning && attached && channel.isActive()) {
            RspPacket reply;
            try {
                reply = StopReplies.format(this, reason);
            } catch (RuntimeException e) { // a register the target failed to read: report the stop without it
                log.warn("could not expedite registers in the stop reply", e);
                reply = RspPacket.text("T" + io.trapgate.gdbstub.codec.Hex.byteToHex(StopReplies.signalOf(reason)));
            }
            send(reply);
        }
    }

    /** gdb shows {@code O} packets only while it waits for a stop reply, i.e. while the target runs. */
    private void console(String text) {
        if (!attached || !channel.isActive()) {
            return;
        }
        if (running) {
            ConsoleText.send(this, text);
        } else if (heldConsole.length() < MAX_HELD_CONSOLE) {
            heldConsole.append(text, 0, Math.min(text.length(), MAX_HELD_CONSOLE - heldConsole.length()));
        }
    }

    // ---- PacketContext, called on the target's thread ----

    @Override
    public Target target() {
        return target;
    }

    @Override
    public TargetDescription description() {
        return description;
    }

    @Override
    public RegisterLayout layout() {
        return layout;
    }

    @Override
    public int maxPacketSize() {
        return maxPacketSize;
    }

    @Override
    public ClientFeatures client() {
        return client;
    }

    @Override
    public StopReason lastStop() {
        return lastStop;
    }

    @Override
    public void send(RspPacket packet) {
        lastSent = packet;
        channel.writeAndFlush(packet);
    }

    @Override
    public void enterNoAckMode() {
        ackMode = false;
    }

    @Override
    public void resume(ResumeAction action) {
        resumedByCurrentPacket = true;
        running = true;
        if (heldConsole.length() > 0) {
            ConsoleText.send(this, heldConsole.toString());
            heldConsole.setLength(0);
        }
        target.resume(action);
    }

    @Override
    public void detach() {
        if (attached) {
            attached = false;
            running = false;
            slot.release(channel); // a new client may connect before this socket finishes closing
            target.detach();
        }
    }

    @Override
    public void kill() {
        attached = false;
        running = false;
        slot.release(channel);
        channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        target.kill();
    }

    public boolean isRunning() {
        return running;
    }

    public boolean isAckMode() {
        return ackMode;
    }
}
