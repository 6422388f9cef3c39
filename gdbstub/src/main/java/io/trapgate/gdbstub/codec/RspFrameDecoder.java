package io.trapgate.gdbstub.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.Arrays;
import java.util.List;

/**
 * Splits the client's byte stream into {@link RspFrame}s: {@code $payload#cs} packets (checksum verified,
 * {@code }} escapes and {@code *} run lengths undone), {@code +}/{@code -} acknowledgements and 0x03
 * interrupts between packets. Other bytes between packets are line noise and are dropped, as gdb's own
 * stubs do. A frame that cannot be decoded becomes an {@link RspCorruptFrame}, never an exception, so one
 * bad packet does not end the connection.
 */
public final class RspFrameDecoder extends ByteToMessageDecoder {

    /** Largest payload accepted by default; {@code PacketSize} in qSupported advertises the same number. */
    public static final int DEFAULT_MAX_PAYLOAD = 0x4000;

    private enum State { BETWEEN_FRAMES, PAYLOAD, CHECKSUM }

    private final int maxPayload;
    private State state = State.BETWEEN_FRAMES;
    private byte[] raw = new byte[256];
    private int rawLength;
    private int sum;
    private boolean oversized;

    public RspFrameDecoder() {
        this(DEFAULT_MAX_PAYLOAD);
    }

    public RspFrameDecoder(int maxPayload) {
        if (maxPayload < 1) {
            throw new IllegalArgumentException("maxPayload must be positive: " + maxPayload);
        }
        this.maxPayload = maxPayload;
    }

    public int maxPayload() {
        return maxPayload;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            switch (state) {
                case BETWEEN_FRAMES -> decodeControl(in.readByte(), out);
                case PAYLOAD -> {
                    if (!consumePayload(in)) {
                        return;
                    }
                }
                case CHECKSUM -> {
                    if (in.readableBytes() < 2) {
                        return;
                    }
                    finishFrame(in.readByte(), in.readByte(), out);
                }
            }
        }
    }

    private void decodeControl(byte b, List<Object> out) {
        switch (b) {
            case '+' -> out.add(RspControl.ACK);
            case '-' -> out.add(RspControl.NACK);
            case 0x03 -> out.add(RspControl.INTERRUPT);
            case '$' -> startPayload();
            default -> { } // line noise between frames
        }
    }

    private void startPayload() {
        state = State.PAYLOAD;
        rawLength = 0;
        sum = 0;
        oversized = false;
    }

    /** Takes payload bytes up to '#'; returns false when the buffer ran out first. */
    private boolean consumePayload(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.forEachByte(start, in.readableBytes(), b -> b != '#' && b != '$');
        int stop = end < 0 ? in.writerIndex() : end;
        int n = stop - start;
        for (int i = 0; i < n; i++) {
            sum += in.getByte(start + i) & 0xff;
        }
        if (!oversized && rawLength + n > maxPayload) {
            oversized = true; // keep counting the checksum, stop keeping bytes
        }
        if (!oversized) {
            ensureRawCapacity(rawLength + n);
            in.getBytes(start, raw, rawLength, n);
            rawLength += n;
        }
        in.readerIndex(stop);
        if (end < 0) {
            return false;
        }
        if (in.readByte() == '$') {
            startPayload(); // the sender gave up on a frame and began a new one
        } else {
            state = State.CHECKSUM;
        }
        return true;
    }

    private void ensureRawCapacity(int needed) {
        if (needed > raw.length) {
            raw = Arrays.copyOf(raw, Math.max(needed, raw.length * 2));
        }
    }

    private void finishFrame(byte hi, byte lo, List<Object> out) {
        state = State.BETWEEN_FRAMES;
        int h = Hex.digit(hi);
        int l = Hex.digit(lo);
        if (oversized) {
            out.add(new RspCorruptFrame(RspCorruptFrame.Kind.OVERSIZED, "packet longer than " + maxPayload + " bytes"));
        } else if (h < 0 || l < 0 || ((h << 4) | l) != (sum & 0xff)) {
            out.add(new RspCorruptFrame(RspCorruptFrame.Kind.BAD_CHECKSUM, "checksum " + (char) hi + (char) lo
                    + " does not match computed " + Hex.byteToHex(sum & 0xff)));
        } else {
            out.add(expand());
        }
        if (raw.length > 4 * 1024) {
            raw = new byte[256]; // do not keep a large buffer alive for one big packet
        }
    }

    /** Undoes {@code }} escapes and {@code *} run lengths. */
    private RspFrame expand() {
        byte[] decoded = new byte[Math.min(rawLength, maxPayload) + 16];
        int length = 0;
        for (int i = 0; i < rawLength; i++) {
            byte b = raw[i];
            if (b == '}') {
                if (++i == rawLength) {
                    return malformed("escape '}' at the end of the packet");
                }
                b = (byte) (raw[i] ^ 0x20);
            } else if (b == '*') {
                if (length == 0 || ++i == rawLength) {
                    return malformed("run-length '*' without a character to repeat or a count");
                }
                int repeats = (raw[i] & 0xff) - 29;
                if (repeats < 0) {
                    return malformed("run-length count below zero");
                }
                if (length + repeats > maxPayload) {
                    return new RspCorruptFrame(RspCorruptFrame.Kind.OVERSIZED,
                            "run-length expansion longer than " + maxPayload + " bytes");
                }
                decoded = grow(decoded, length + repeats);
                Arrays.fill(decoded, length, length + repeats, decoded[length - 1]);
                length += repeats;
                continue;
            }
            decoded = grow(decoded, length + 1);
            decoded[length++] = b;
        }
        return RspPacket.of(Arrays.copyOf(decoded, length));
    }

    private static byte[] grow(byte[] a, int needed) {
        return needed <= a.length ? a : Arrays.copyOf(a, Math.max(needed, a.length * 2));
    }

    private static RspCorruptFrame malformed(String detail) {
        return new RspCorruptFrame(RspCorruptFrame.Kind.MALFORMED, detail);
    }
}
