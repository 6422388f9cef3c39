package io.trapgate.gdbstub.codec;

/**
 * A {@code $…#cs} frame that could not be turned into a packet. The decoder reports it instead of throwing
 * so the session decides the answer ({@code -} for a checksum the sender can fix by resending, an error
 * reply for a frame that resending cannot fix) and the stream stays usable.
 */
public record RspCorruptFrame(Kind kind, String detail) implements RspFrame {

    public enum Kind {
        /** The checksum did not match (or was not hex): a retransmission can fix it. */
        BAD_CHECKSUM,
        /** The payload is longer than the size we advertised, before or after run-length expansion. */
        OVERSIZED,
        /** A dangling {@code }} escape or an impossible run-length count. */
        MALFORMED
    }
}
