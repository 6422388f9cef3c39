package io.trapgate.gdbstub.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RspFrameEncoderTest {

    static String encode(boolean rle, Object frame) {
        EmbeddedChannel ch = new EmbeddedChannel(new RspFrameEncoder(rle));
        ch.writeOutbound(frame);
        ByteBuf b = ch.readOutbound();
        String s = b.toString(StandardCharsets.ISO_8859_1);
        b.release();
        return s;
    }

    @Test
    void packetIsFramedWithItsChecksum() {
        assertEquals("$OK#9a", encode(true, RspPacket.OK));
        assertEquals("$#00", encode(true, RspPacket.EMPTY));
    }

    @Test
    void controlFramesAreSingleBytes() {
        assertEquals("+", encode(true, RspControl.ACK));
        assertEquals("-", encode(true, RspControl.NACK));
        assertEquals("\u0003", encode(true, RspControl.INTERRUPT));
    }

    @Test
    void framingCharactersAreEscaped() {
        assertEquals(RspFrameDecoderTest.frame("a}\u0004}\u0003}]}\nb"), encode(false, RspPacket.text("a$#}*b")));
    }

    @Test
    void jsonKeepsItsBracesButStillEscapesFraming() {
        assertEquals(RspFrameDecoderTest.frame("[{\"a\":1}]"), encode(false, RspPacket.json("[{\"a\":1}]")));
        assertEquals(RspFrameDecoderTest.frame("}\u0004"), encode(false, RspPacket.json("$")));
    }

    @Test
    void longRunsAreRunLengthEncoded() {
        assertEquals(RspFrameDecoderTest.frame("0* "), encode(true, RspPacket.text("0000")));
        assertEquals(RspFrameDecoderTest.frame("000"), encode(true, RspPacket.text("000")));
        assertEquals(RspFrameDecoderTest.frame("x*~x"), encode(true, RspPacket.text("x".repeat(99))));
    }

    @Test
    void runLengthCountsNeverProduceHashOrDollar() {
        for (int n = 1; n < 300; n++) {
            String wire = encode(true, RspPacket.text("7".repeat(n)));
            String body = wire.substring(1, wire.indexOf('#'));
            assertFalse(body.contains("#") || body.contains("$"), n + " gives " + wire);
            assertEquals(List.of(RspPacket.text("7".repeat(n))), RspFrameDecoderTest.decode(1 << 16, wire), "n=" + n);
        }
    }

    @Test
    void runLengthOffWritesEveryByte() {
        assertEquals(RspFrameDecoderTest.frame("0000000000"), encode(false, RspPacket.text("0000000000")));
    }

    @Test
    void randomPayloadsRoundTripThroughTheDecoderWithAndWithoutRunLengths() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] payload = new byte[random.nextInt(200)];
            for (int j = 0; j < payload.length; j++) {
                // few distinct values, so runs and framing characters are common
                payload[j] = (byte) "0$#}*a\u0003+-".charAt(random.nextInt(9));
            }
            for (boolean rle : new boolean[] {true, false}) {
                String wire = encode(rle, RspPacket.of(payload));
                assertTrue(wire.startsWith("$"));
                assertEquals(List.of(RspPacket.of(payload)), RspFrameDecoderTest.decode(1 << 16, wire));
            }
        }
    }
}
