package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.RspPacket;

/** The error replies the stub uses ({@code E} and two hex digits; clients show them, they do not interpret them). */
public final class ErrorReplies {

    /** Malformed arguments: bad hex, overflow, wrong length, unknown register or thread. */
    public static final RspPacket BAD_ARGUMENT = RspPacket.text("E16");
    /** Memory that cannot be read or written. */
    public static final RspPacket FAULT = RspPacket.text("E14");
    /** The target refused a well-formed request (a breakpoint it cannot place, a register it will not set). */
    public static final RspPacket REFUSED = RspPacket.text("E01");

    private ErrorReplies() {
    }
}
