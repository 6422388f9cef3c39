package io.trapgate.gdbstub.session;

import static io.trapgate.gdbstub.fake.StubHarness.frame;
import static io.trapgate.gdbstub.fake.StubHarness.packets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.codec.RspControl;
import io.trapgate.gdbstub.codec.RspFrame;
import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.fake.FakeI386Target;
import io.trapgate.gdbstub.fake.StubHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RspSessionTest {

    /** What gdb 13 sends on connect (brief §4), in ack mode. */
    private static final List<String> GDB_CONNECT = List.of(
            "qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;fork-events+;vfork-events+;exec-events+;"
                    + "vContSupported+;QThreadEvents+;no-resumed+;memory-tagging+;xmlRegisters=i386",
            "vMustReplyEmpty", "Hg0", "qXfer:features:read:target.xml:0,ffb", "qTStatus", "?", "qfThreadInfo",
            "qsThreadInfo", "qAttached", "Hc-1", "qOffsets", "g");

    @Test
    void eachPacketIsAcknowledgedBeforeItsReply() {
        StubHarness h = new StubHarness();
        List<RspFrame> out = h.send("qC");
        assertEquals(List.of(RspControl.ACK, RspPacket.text("QC1")), out);
    }

    @Test
    void noAckModeStopsAcknowledgementsAfterItsOwnReply() {
        StubHarness h = new StubHarness();
        assertEquals(List.of(RspControl.ACK, RspPacket.OK), h.send("QStartNoAckMode"));
        assertEquals(List.of(RspPacket.text("QC1")), h.send("qC"));
        assertFalse(h.session.isAckMode());
    }

    @Test
    void nackMakesTheStubSendItsLastPacketAgain() {
        StubHarness h = new StubHarness();
        h.send("qC");
        assertEquals(List.of(RspPacket.text("QC1")), h.sendRaw("-"));
    }

    @Test
    void badChecksumIsAnsweredWithNackAndTheRetransmissionIsAnswered() {
        StubHarness h = new StubHarness();
        assertEquals(List.of(RspControl.NACK), h.sendRaw("$qC#00"));
        assertEquals(List.of(RspControl.ACK, RspPacket.text("QC1")), h.send("qC"));
    }

    @Test
    void badChecksumInNoAckModeGetsAnErrorReplyInsteadOfSilence() {
        StubHarness h = new StubHarness().noAck();
        assertEquals(List.of(RspPacket.text("E16")), h.sendRaw("$qC#00"));
    }

    @Test
    void oversizedPacketGetsAnErrorAndTheSessionGoesOn() {
        StubHarness h = new StubHarness();
        List<RspFrame> out = h.send("M0,4:" + "00".repeat(20000));
        assertEquals(List.of(RspControl.ACK, RspPacket.text("E16")), out);
        assertEquals("QC1", h.ask("qC"));
    }

    @Test
    void interruptStopsARunningTargetWithSigint() {
        StubHarness h = new StubHarness().noAck();
        assertEquals(List.of(), h.send("c"));
        assertTrue(h.target.isRunning());
        assertEquals(List.of(), h.pump()); // the loop runs on
        List<String> stop = packets(h.sendRaw("\u0003"));
        assertEquals(1, stop.size());
        assertTrue(stop.get(0).startsWith("T02thread:1;"), stop.get(0));
        assertFalse(h.target.isRunning());
    }

    @Test
    void interruptQueuedBehindAResumeStillStopsIt() {
        StubHarness h = new StubHarness().noAck();
        // 'c' and Ctrl-C arrive together, before the target thread has run the 'c'
        List<String> out = packets(h.sendRaw(frame("c") + "\u0003"));
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("T02"), out.get(0));
    }

    @Test
    void interruptWhileStoppedIsIgnored() {
        StubHarness h = new StubHarness().noAck();
        assertEquals(List.of(), h.sendRaw("\u0003"));
        h.send("s"); // the stale Ctrl-C must not turn the next step into an interrupt
        assertEquals(0x1001, h.target.reg32(8));
    }

    @Test
    void secondClientIsRefusedWhileTheFirstIsAttached() {
        ClientSlot slot = new ClientSlot();
        FakeI386Target target = new FakeI386Target();
        StubHarness first = new StubHarness(target, slot);
        StubHarness second = new StubHarness(target, slot);
        assertTrue(second.channel.isOpen(), "a newcomer first waits a moment for the slot");
        second.advanceTime(1000);
        assertFalse(second.channel.isOpen());
        assertEquals(1, target.attaches);
        assertEquals("QC1", first.ask("qC"));
    }

    @Test
    void newcomerGetsTheSlotWhenThePreviousClientGoesAwayWhileItWaits() {
        ClientSlot slot = new ClientSlot();
        FakeI386Target target = new FakeI386Target();
        StubHarness first = new StubHarness(target, slot);
        StubHarness second = new StubHarness(target, slot);
        first.channel.close();
        target.pump();
        second.advanceTime(100);
        assertTrue(second.channel.isOpen());
        assertEquals(2, target.attaches);
        assertEquals("QC1", second.ask("qC"));
    }

    @Test
    void aClientCanConnectAfterThePreviousOneDisconnected() {
        ClientSlot slot = new ClientSlot();
        FakeI386Target target = new FakeI386Target();
        StubHarness first = new StubHarness(target, slot);
        first.channel.close();
        target.pump();
        assertEquals(1, target.detaches);
        StubHarness second = new StubHarness(target, slot);
        assertTrue(second.channel.isOpen());
        assertEquals("QC1", second.ask("qC"));
        assertEquals(2, target.attaches);
    }

    @Test
    void aClientCanConnectRightAfterDetachEvenBeforeTheOldSocketCloses() {
        ClientSlot slot = new ClientSlot();
        FakeI386Target target = new FakeI386Target();
        StubHarness first = new StubHarness(target, slot);
        assertEquals("OK", first.ask("D"));
        StubHarness second = new StubHarness(target, slot);
        assertTrue(second.channel.isOpen());
        assertTrue(second.ask("?").startsWith("T02"), "the reattach stopped the program that ran on");
    }

    @Test
    void gdbConnectSequenceSplitAtEveryByteGetsTheSameReplies() {
        StringBuilder stream = new StringBuilder();
        for (String p : GDB_CONNECT) {
            stream.append(frame(p)).append('+');
        }
        String s = stream.toString();
        List<RspFrame> expected = new StubHarness().sendRaw(s);
        assertEquals(GDB_CONNECT.size() * 2, expected.size(), expected.toString());
        for (int i = 0; i <= s.length(); i++) {
            StubHarness h = new StubHarness();
            List<RspFrame> got = new java.util.ArrayList<>(h.sendRaw(s.substring(0, i)));
            got.addAll(h.sendRaw(s.substring(i)));
            // acks interleave with replies differently when the target runs between reads; replies do not
            assertEquals(packets(expected), packets(got), "split at " + i);
            assertEquals(GDB_CONNECT.size(), got.stream().filter(f -> f == RspControl.ACK).count());
        }
    }

    @Test
    void everyPacketOfTheConnectSequenceSplitAtEveryByteIsAnswered() {
        for (String p : GDB_CONNECT) {
            String f = frame(p);
            StubHarness reference = new StubHarness();
            List<RspFrame> expected = reference.sendRaw(f);
            for (int i = 1; i < f.length(); i++) {
                StubHarness h = new StubHarness();
                List<RspFrame> got = new java.util.ArrayList<>(h.sendRaw(f.substring(0, i)));
                got.addAll(h.sendRaw(f.substring(i)));
                assertEquals(expected, got, p + " split at " + i);
            }
        }
    }

    @Test
    void stopReplyIsRetransmittedOnNack() {
        StubHarness h = new StubHarness();
        List<String> stop = packets(h.send("s"));
        assertEquals(1, stop.size());
        assertEquals(stop, packets(h.sendRaw("-")));
    }

    @Test
    void consoleTextWhileRunningGoesOutAsOPacketsBeforeTheStopReply() {
        StubHarness h = new StubHarness().noAck();
        h.send("qRcmd," + io.trapgate.gdbstub.codec.Hex.encodeText("trace on"));
        h.ask("Z0,1007,1");
        List<String> out = packets(h.send("c"));
        assertEquals(2, out.size(), out.toString());
        assertEquals("O" + io.trapgate.gdbstub.codec.Hex.encodeText("store eax=2\n"), out.get(0));
        assertTrue(out.get(1).startsWith("T05"), out.get(1));
    }

    @Test
    void consoleTextWhileStoppedIsHeldUntilTheNextResume() {
        StubHarness h = new StubHarness().noAck();
        h.target.consoleNow("while stopped\n");
        assertEquals(List.of(), h.received());
        List<String> out = packets(h.send("s"));
        assertEquals(List.of("O" + io.trapgate.gdbstub.codec.Hex.encodeText("while stopped\n"),
                "T05thread:1;04:00800000;05:00000000;08:01100000;"), out);
    }
}
