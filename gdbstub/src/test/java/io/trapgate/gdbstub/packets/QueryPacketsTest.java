package io.trapgate.gdbstub.packets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.fake.FakeMachine;
import io.trapgate.gdbstub.fake.StubHarness;
import io.trapgate.gdbstub.target.TargetXml;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class QueryPacketsTest {

    private final StubHarness h = new StubHarness().noAck();

    @Test
    void qSupportedAdvertisesEveryCapabilityTheTargetImplements() {
        assertEquals("PacketSize=4000;qXfer:features:read+;QStartNoAckMode+;vContSupported+;swbreak+;hwbreak+",
                h.ask("qSupported:multiprocess+;swbreak+;hwbreak+;xmlRegisters=i386"));
    }

    @Test
    void qSupportedLeavesOutCapabilitiesTheTargetLacks() {
        StubHarness plain = new StubHarness(new FakeMachine()).noAck();
        assertEquals("PacketSize=4000;qXfer:features:read+;QStartNoAckMode+;vContSupported+", plain.ask("qSupported"));
    }

    @Test
    void breakpointsAndMonitorOfATargetWithoutThemGetTheEmptyReply() {
        StubHarness plain = new StubHarness(new FakeMachine()).noAck();
        assertEquals("", plain.ask("Z0,1000,1"));
        assertEquals("", plain.ask("Z1,1000,1"));
        assertEquals("", plain.ask("Z2,2000,4"));
        assertEquals("", plain.ask("qRcmd," + Hex.encodeText("help")));
    }

    @Test
    void targetXmlIsServedWholeWhenItFits() {
        String xml = TargetXml.generate(h.target.description());
        assertEquals("l" + xml, h.ask("qXfer:features:read:target.xml:0,ffff"));
    }

    @Test
    void targetXmlIsServedInChunksHonouringOffsetAndLength() {
        String xml = TargetXml.generate(h.target.description());
        StringBuilder got = new StringBuilder();
        String reply;
        int offset = 0;
        do {
            reply = h.ask("qXfer:features:read:target.xml:" + Integer.toHexString(offset) + ",100");
            assertTrue(reply.length() <= 0x101);
            got.append(reply.substring(1));
            offset += reply.length() - 1;
        } while (reply.startsWith("m"));
        assertEquals("l", reply.substring(0, 1));
        assertEquals(xml, got.toString());
        assertEquals("l", h.ask("qXfer:features:read:target.xml:" + Integer.toHexString(xml.length() + 5) + ",100"));
    }

    @Test
    void unknownAnnexIsAnError() {
        assertEquals("E00", h.ask("qXfer:features:read:i386-core.xml:0,100"));
    }

    @Test
    void oneThreadIsShown() {
        assertEquals("QC1", h.ask("qC"));
        assertEquals("m1", h.ask("qfThreadInfo"));
        assertEquals("l", h.ask("qsThreadInfo"));
        assertEquals("OK", h.ask("Hg0"));
        assertEquals("OK", h.ask("Hc-1"));
        assertEquals("OK", h.ask("Hg1"));
        assertEquals("E16", h.ask("Hg2"));
        assertEquals("OK", h.ask("T1"));
        assertEquals("E16", h.ask("T2"));
    }

    @Test
    void attachedAndOffsetsQueries() {
        assertEquals("1", h.ask("qAttached"));
        assertEquals("1", h.ask("qAttached:1"));
        assertEquals("Text=0;Data=0;Bss=0", h.ask("qOffsets"));
    }

    @Test
    void unknownPacketsGetTheEmptyReply() {
        assertEquals("", h.ask("vMustReplyEmpty"));
        assertEquals("", h.ask("qTStatus"));
        assertEquals("", h.ask("qCRC:1000,10")); // not mistaken for qC
        assertEquals("", h.ask("!"));
        assertEquals("", h.ask(""));
    }

    @Test
    void monitorOutputComesAsOPacketsThenOk() {
        List<String> out = StubHarness.packets(h.send("qRcmd," + Hex.encodeText("echo hi there")));
        assertEquals(List.of("O" + Hex.encodeText("hi there\n"), "OK"), out);
    }

    @Test
    void monitorUnknownCommandPrintsAnErrorLine() {
        List<String> out = StubHarness.packets(h.send("qRcmd," + Hex.encodeText("frobnicate")));
        assertEquals("unknown command: frobnicate\n", Hex.decodeText(out.get(0).substring(1)));
    }

    @Test
    void lldbHostInfoCarriesTheTargetsTripleInHex() {
        assertEquals("triple:" + Hex.encodeText("i386-pc-linux-gnu") + ";ptrsize:4;endian:little;", h.ask("qHostInfo"));
        assertTrue(h.ask("qProcessInfo").startsWith("pid:1;triple:"));
    }

    @Test
    void lldbRegisterInfoDescribesEachRegisterThenEnds() {
        assertEquals("name:eax;bitsize:32;offset:0;encoding:uint;format:hex;set:general;ehframe:0;dwarf:0;",
                h.ask("qRegisterInfo0"));
        assertEquals("name:eip;bitsize:32;offset:32;encoding:uint;format:hex;set:general;ehframe:8;dwarf:8;generic:pc;",
                h.ask("qRegisterInfo8"));
        assertEquals("name:st0;bitsize:80;offset:64;encoding:ieee754;format:float;set:float;ehframe:11;dwarf:11;",
                h.ask("qRegisterInfo10"));
        assertEquals("name:tsc;bitsize:64;offset:364;encoding:uint;format:hex;set:system;", h.ask("qRegisterInfo37"));
        assertEquals("E45", h.ask("qRegisterInfo38"));
    }

    @Test
    void lldbThreadsInfoIsJsonWithBracesLeftUnescaped() {
        h.send("jThreadsInfo");
        // received() decodes escapes; check the wire form separately
        StubHarness raw = new StubHarness().noAck();
        raw.channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(StubHarness.frame("jThreadsInfo"),
                java.nio.charset.StandardCharsets.ISO_8859_1));
        raw.target.pump();
        assertEquals(StubHarness.frame("[{\"tid\":1,\"signal\":5,\"registers\":{\"4\":\"00800000\",\"5\":\"00000000\","
                + "\"8\":\"00100000\"}}]"), raw.receivedRaw());
    }

    @Test
    void lldbThreadStopInfoRepeatsTheStopReply() {
        assertEquals(h.ask("?"), h.ask("qThreadStopInfo1"));
        assertEquals("E16", h.ask("qThreadStopInfo2"));
    }

    @Test
    void memoryRegionInfoDescribesMappedMemoryAndGaps() {
        assertEquals("start:0;size:10000;permissions:rwx;", h.ask("qMemoryRegionInfo:1000"));
        assertEquals("start:10000;size:ffff0000;", h.ask("qMemoryRegionInfo:20000"));
        assertEquals("E14", h.ask("qMemoryRegionInfo:100000000"));
        assertEquals("E16", h.ask("qMemoryRegionInfo:zz"));
    }

    @Test
    void memoryRegionInfoOfATargetWithoutAMapIsUnsupported() {
        assertEquals("", new StubHarness(new FakeMachine()).noAck().ask("qMemoryRegionInfo:1000"));
    }
}
