package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.codec.RspException;

/** Reads a packet's comma/colon-separated hex arguments left to right; malformed input throws {@link RspException}. */
final class ArgumentCursor {

    private final String packet;
    private int pos;

    ArgumentCursor(String packet, int start) {
        this.packet = packet;
        this.pos = start;
    }

    /** A hex number ending at {@code separator}, which is consumed. */
    long hexUntil(char separator) {
        int end = packet.indexOf(separator, pos);
        if (end < 0) {
            throw new RspException("expected '" + separator + "' in " + packet);
        }
        long v = Hex.parseUnsigned(packet, pos, end);
        pos = end + 1;
        return v;
    }

    /** A hex number running to the end of the packet. */
    long hexToEnd() {
        long v = Hex.parseUnsigned(packet, pos, packet.length());
        pos = packet.length();
        return v;
    }

    /** A hex number ending at {@code separator} or at the end; the separator, if present, is consumed. */
    long hexUntilOrEnd(char separator) {
        int end = packet.indexOf(separator, pos);
        return end < 0 ? hexToEnd() : hexUntil(separator);
    }

    boolean atEnd() {
        return pos >= packet.length();
    }

    String rest() {
        String r = packet.substring(pos);
        pos = packet.length();
        return r;
    }

    int position() {
        return pos;
    }
}
