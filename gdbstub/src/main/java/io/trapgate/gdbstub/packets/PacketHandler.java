package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.RspPacket;

/** Answers one kind of packet. */
@FunctionalInterface
public interface PacketHandler {

    /**
     * @param packet the whole payload, ISO-8859-1 decoded (binary data is one char per byte)
     * @return the reply, or null when there is none now (a resume: the stop reply comes later)
     * @throws io.trapgate.gdbstub.codec.RspException for malformed arguments; the dispatcher replies with an error
     */
    RspPacket handle(PacketContext ctx, String packet);
}
