package io.trapgate.gdbstub.codec;

/** One unit of the Remote Serial Protocol byte stream: a packet, a control byte, or a frame that failed to decode. */
public sealed interface RspFrame permits RspPacket, RspControl, RspCorruptFrame {
}
