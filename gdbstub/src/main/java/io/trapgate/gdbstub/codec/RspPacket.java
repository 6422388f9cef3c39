package io.trapgate.gdbstub.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A packet's payload: the bytes between {@code $} and {@code #}, after escapes and run lengths are
 * undone (inbound) or before they are applied (outbound). Payloads are handled as ISO-8859-1 text, which
 * maps every byte to one char, so binary data ({@code X}) survives the conversion unchanged.
 */
public final class RspPacket implements RspFrame {

    public static final RspPacket EMPTY = text("");
    public static final RspPacket OK = text("OK");

    private final byte[] payload;
    private final boolean escapeBraces;

    private RspPacket(byte[] payload, boolean escapeBraces) {
        this.payload = payload;
        this.escapeBraces = escapeBraces;
    }

    public static RspPacket of(byte[] payload) {
        return new RspPacket(payload.clone(), true);
    }

    public static RspPacket text(String payload) {
        return new RspPacket(payload.getBytes(StandardCharsets.ISO_8859_1), true);
    }

    /**
     * A JSON reply for lldb. lldb parses {@code j…} replies without undoing escapes, so the {@code }} that
     * closes every JSON object must go out as is; {@code $ # *} are still escaped (JSON text we write never
     * contains them outside strings).
     */
    public static RspPacket json(String payload) {
        return new RspPacket(payload.getBytes(StandardCharsets.ISO_8859_1), false);
    }

    public byte[] payload() {
        return payload.clone();
    }

    public int length() {
        return payload.length;
    }

    byte byteAt(int index) {
        return payload[index];
    }

    public boolean escapeBraces() {
        return escapeBraces;
    }

    public String text() {
        return new String(payload, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RspPacket p && p.escapeBraces == escapeBraces && Arrays.equals(p.payload, payload);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "$" + text();
    }
}
