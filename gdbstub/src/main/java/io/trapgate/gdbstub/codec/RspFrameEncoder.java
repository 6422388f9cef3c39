package io.trapgate.gdbstub.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes {@link RspPacket}s as {@code $payload#cs} (escaping {@code $ # } *}, optionally run-length
 * encoding repeated bytes) and {@link RspControl}s as their single byte.
 */
@ChannelHandler.Sharable
public final class RspFrameEncoder extends MessageToByteEncoder<RspFrame> {

    /** Runs longer than this are split: the count byte must stay printable (29 + 97 = '~'). */
    private static final int MAX_REPEATS = 97;

    private final boolean runLengthEncoding;

    public RspFrameEncoder() {
        this(true);
    }

    public RspFrameEncoder(boolean runLengthEncoding) {
        super(RspFrame.class);
        this.runLengthEncoding = runLengthEncoding;
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RspFrame frame, ByteBuf out) {
        if (frame instanceof RspControl control) {
            out.writeByte(control.wireByte());
        } else if (frame instanceof RspPacket packet) {
            encodePacket(packet, out);
        } else {
            throw new IllegalArgumentException("not an outbound frame: " + frame);
        }
    }

    private void encodePacket(RspPacket packet, ByteBuf out) {
        out.writeByte('$');
        int bodyStart = out.writerIndex();
        int n = packet.length();
        for (int i = 0; i < n; ) {
            byte b = packet.byteAt(i);
            if (needsEscape(b, packet.escapeBraces())) {
                out.writeByte('}');
                out.writeByte(b ^ 0x20);
                i++;
                continue;
            }
            int run = 1;
            while (runLengthEncoding && i + run < n && run <= MAX_REPEATS && packet.byteAt(i + run) == b) {
                run++;
            }
            int repeats = run - 1;
            if (repeats == 6 || repeats == 7) {
                repeats = 5; // 29+6 = '#' and 29+7 = '$' would frame; send the rest as a new run
            }
            out.writeByte(b);
            if (repeats >= 3) {
                out.writeByte('*');
                out.writeByte(repeats + 29);
                i += repeats + 1;
            } else {
                i++;
            }
        }
        int sum = 0;
        for (int i = bodyStart; i < out.writerIndex(); i++) {
            sum += out.getByte(i) & 0xff;
        }
        out.writeByte('#');
        out.writeByte(Hex.DIGITS[(sum >> 4) & 0xf]);
        out.writeByte(Hex.DIGITS[sum & 0xf]);
    }

    private static boolean needsEscape(byte b, boolean escapeBraces) {
        return b == '$' || b == '#' || b == '*' || (b == '}' && escapeBraces);
    }
}
