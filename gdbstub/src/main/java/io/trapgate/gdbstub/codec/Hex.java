package io.trapgate.gdbstub.codec;

/** Hexadecimal text as the protocol writes it: lowercase, two digits per byte, no prefix. */
public final class Hex {

    static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Hex() {
    }

    /** The value of one hex digit, or -1. */
    public static int digit(int c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    public static String byteToHex(int b) {
        return new String(new char[] {(char) DIGITS[(b >> 4) & 0xf], (char) DIGITS[b & 0xf]});
    }

    public static void appendBytes(StringBuilder sb, byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            sb.append((char) DIGITS[(bytes[i] >> 4) & 0xf]).append((char) DIGITS[bytes[i] & 0xf]);
        }
    }

    public static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        appendBytes(sb, bytes, 0, bytes.length);
        return sb.toString();
    }

    /** Decodes {@code text[start, end)} (an even number of hex digits) into bytes. */
    public static byte[] decode(CharSequence text, int start, int end) {
        if (start < 0 || end > text.length() || start > end || ((end - start) & 1) != 0) {
            throw new RspException("hex data of odd length");
        }
        byte[] out = new byte[(end - start) / 2];
        for (int i = 0; i < out.length; i++) {
            int h = digit(text.charAt(start + 2 * i));
            int l = digit(text.charAt(start + 2 * i + 1));
            if (h < 0 || l < 0) {
                throw new RspException("bad hex digit in '" + text.subSequence(start, end) + "'");
            }
            out[i] = (byte) ((h << 4) | l);
        }
        return out;
    }

    public static byte[] decode(CharSequence text) {
        return decode(text, 0, text.length());
    }

    /** Parses {@code text[start, end)} as an unsigned hex number of at most 64 bits. */
    public static long parseUnsigned(CharSequence text, int start, int end) {
        if (start >= end) {
            throw new RspException("missing hex number");
        }
        int i = start;
        while (i < end - 1 && text.charAt(i) == '0') {
            i++; // leading zeros do not count towards the 16-digit limit
        }
        if (end - i > 16) {
            throw new RspException("hex number overflows 64 bits: " + text.subSequence(start, end));
        }
        long v = 0;
        for (; i < end; i++) {
            int d = digit(text.charAt(i));
            if (d < 0) {
                throw new RspException("bad hex digit in '" + text.subSequence(start, end) + "'");
            }
            v = (v << 4) | d;
        }
        return v;
    }

    public static long parseUnsigned(CharSequence text) {
        return parseUnsigned(text, 0, text.length());
    }

    /** Parses a hex number that must fit a non-negative int (register numbers, lengths). */
    public static int parseInt(CharSequence text, int start, int end) {
        long v = parseUnsigned(text, start, end);
        if (v > Integer.MAX_VALUE) {
            throw new RspException("hex number too large: " + text.subSequence(start, end));
        }
        return (int) v;
    }

    /** Text as hex of its ISO-8859-1 bytes (monitor output, qHostInfo strings). */
    public static String encodeText(String text) {
        return encode(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    public static String decodeText(CharSequence hex) {
        return new String(decode(hex), java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
