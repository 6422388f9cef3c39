package io.trapgate.gdbstub.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RspFrameDecoderTest {

    /** A stream with every kind of frame: acks, interrupts, escapes, run lengths, a bad checksum, noise. */
    private static final String STREAM = "+" + frame("qSupported:swbreak+;hwbreak+") + "-" + frame("g")
            + "\u0003" + "$X1000,4:a}]}\u0003b#00" /* bad checksum on purpose */ + "\r\n"
            + frame("X1000,4:}]}\u0003}\u0004}\n") + frame("0* ") + frame("m1000,4") + "+";

    static String frame(String raw) {
        int sum = 0;
        for (byte b : raw.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        return "$" + raw + "#" + String.format("%02x", sum & 0xff);
    }

    static List<Object> decode(int maxPayload, String... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(new RspFrameDecoder(maxPayload));
        for (String c : chunks) {
            ch.writeInbound(Unpooled.copiedBuffer(c, StandardCharsets.ISO_8859_1));
        }
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = ch.readInbound()) != null) {
            out.add(o);
        }
        return out;
    }

    static List<Object> decode(String... chunks) {
        return decode(RspFrameDecoder.DEFAULT_MAX_PAYLOAD, chunks);
    }

    @Test
    void decodesPacketsAcksNacksAndInterrupts() {
        List<Object> out = decode(STREAM);
        assertEquals(RspControl.ACK, out.get(0));
        assertEquals(RspPacket.text("qSupported:swbreak+;hwbreak+"), out.get(1));
        assertEquals(RspControl.NACK, out.get(2));
        assertEquals(RspPacket.text("g"), out.get(3));
        assertEquals(RspControl.INTERRUPT, out.get(4));
        assertEquals(RspCorruptFrame.Kind.BAD_CHECKSUM, ((RspCorruptFrame) out.get(5)).kind());
        assertEquals(RspPacket.text("X1000,4:}#$*"), out.get(6));
        assertEquals(RspPacket.text("0000"), out.get(7));
        assertEquals(RspPacket.text("m1000,4"), out.get(8));
        assertEquals(RspControl.ACK, out.get(9));
        assertEquals(10, out.size());
    }

    @Test
    void everyStreamSplitAtEveryByteDecodesTheSame() {
        List<Object> whole = decode(STREAM);
        for (int i = 0; i <= STREAM.length(); i++) {
            assertEquals(whole, decode(STREAM.substring(0, i), STREAM.substring(i)), "split at " + i);
        }
        String[] bytes = STREAM.split("");
        assertEquals(whole, decode(bytes), "one byte at a time");
    }

    @Test
    void everyStreamSplitAtEveryPairOfBytesDecodesTheSame() {
        String s = frame("m1000,4") + frame("0*!}]") + "\u0003";
        List<Object> whole = decode(s);
        for (int i = 0; i <= s.length(); i++) {
            for (int j = i; j <= s.length(); j++) {
                assertEquals(whole, decode(s.substring(0, i), s.substring(i, j), s.substring(j)), i + "/" + j);
            }
        }
    }

    @Test
    void badChecksumIsReportedNotThrownAndTheRetransmissionDecodes() {
        List<Object> out = decode("$g#00", frame("g"));
        assertEquals(RspCorruptFrame.Kind.BAD_CHECKSUM, ((RspCorruptFrame) out.get(0)).kind());
        assertEquals(RspPacket.text("g"), out.get(1));
    }

    @Test
    void nonHexChecksumIsABadChecksum() {
        List<Object> out = decode("$g#zz");
        assertEquals(RspCorruptFrame.Kind.BAD_CHECKSUM, ((RspCorruptFrame) out.get(0)).kind());
    }

    @Test
    void uppercaseChecksumIsAccepted() {
        assertEquals(List.of(RspPacket.text("qC")), decode("$qC#B4"));
    }

    @Test
    void runLengthsRepeatThePreviousByte() {
        // '*' then ' ' (32) means 3 more copies; '~' (126) means 97 more
        assertEquals(List.of(RspPacket.text("a0000b")), decode(frame("a0* b")));
        assertEquals(List.of(RspPacket.text("x".repeat(98))), decode(frame("x*~")));
    }

    @Test
    void escapedBytesAreXoredWith0x20() {
        // 0x03 inside a packet is data, not an interrupt
        assertEquals(List.of(RspPacket.of(new byte[] {'}', '#', '$', '*', 0x03})), decode(frame("}]}\u0003}\u0004}\n\u0003")));
    }

    @Test
    void oversizedPacketIsRejectedAndTheNextPacketStillDecodes() {
        List<Object> out = decode(16, frame("m" + "0".repeat(40)), frame("qC"));
        assertEquals(RspCorruptFrame.Kind.OVERSIZED, ((RspCorruptFrame) out.get(0)).kind());
        assertEquals(RspPacket.text("qC"), out.get(1));
    }

    @Test
    void oversizedPacketSplitAcrossReadsIsRejectedToo() {
        String big = frame("M0,100:" + "ab".repeat(100));
        List<Object> out = decode(32, big.substring(0, 10), big.substring(10, 150), big.substring(150));
        assertEquals(1, out.size());
        assertEquals(RspCorruptFrame.Kind.OVERSIZED, ((RspCorruptFrame) out.get(0)).kind());
    }

    @Test
    void runLengthExpansionBeyondTheLimitIsOversized() {
        List<Object> out = decode(16, frame("x*~"));
        assertEquals(RspCorruptFrame.Kind.OVERSIZED, ((RspCorruptFrame) out.get(0)).kind());
    }

    @Test
    void danglingEscapeIsMalformed() {
        RspCorruptFrame f = assertInstanceOf(RspCorruptFrame.class, decode(frame("ab}")).get(0));
        assertEquals(RspCorruptFrame.Kind.MALFORMED, f.kind());
    }

    @Test
    void runLengthWithoutAPreviousByteIsMalformed() {
        RspCorruptFrame f = assertInstanceOf(RspCorruptFrame.class, decode(frame("* ab")).get(0));
        assertEquals(RspCorruptFrame.Kind.MALFORMED, f.kind());
    }

    @Test
    void lineNoiseBetweenPacketsIsIgnored() {
        assertEquals(List.of(RspPacket.text("g"), RspPacket.text("qC")), decode("\r\nxyz" + frame("g") + "#00 " + frame("qC")));
    }

    @Test
    void aDollarInsideAPacketStartsANewOne() {
        assertEquals(List.of(RspPacket.text("qC")), decode("$m10" + frame("qC")));
    }

    @Test
    void emptyPacketDecodes() {
        assertEquals(List.of(RspPacket.EMPTY), decode("$#00"));
    }
}
