package io.trapgate.gdbstub.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.fake.FakeI386Target;
import io.trapgate.gdbstub.fake.I386Description;
import io.trapgate.gdbstub.fake.StubOverTcp;
import io.trapgate.gdbstub.session.GdbServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real gdb 13 against the stub over the fake target: the generated target.xml and g layout must be accepted. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GdbClientTest extends StubOverTcp {

    private String gdb(String... commands) throws Exception {
        String out = ClientProcess.run(30, ClientProcess.gdb(server.port(), commands));
        assertFalse(out.contains("Remote 'g' packet reply is too long"), out);
        assertFalse(out.contains("Could not load XML"), out);
        assertFalse(out.contains("warning: Architecture rejected target-supplied description"), out);
        assertFalse(out.contains("Remote connection closed"), out);
        return out;
    }

    @Test
    void gdbReadsRegistersThroughTheGeneratedDescription() throws Exception {
        String out = gdb("info registers", "p $eip", "p/x $cr3", "p/x $orig_eax", "p $st0", "p/x $mxcsr", "p $tsc");
        assertTrue(out.matches("(?s).*eip\\s+0x1000\\s.*"), out);
        assertTrue(out.matches("(?s).*esp\\s+0x8000\\s.*"), out);
        assertTrue(out.matches("(?s).*eflags\\s+0x202\\s+\\[ IF \\].*"), out);
        assertTrue(out.contains("(void (*)()) 0x1000"), out);
        assertTrue(out.contains("= 0x9000"), out);
        assertTrue(out.contains("= 0xffffffff"), out);
        assertTrue(out.contains("= 0x1f80"), out);
    }

    @Test
    void gdbWritesRegistersAndReadsVectorAndFlagTypes() throws Exception {
        String out = gdb("set $ebx = 0x55", "set $cr3 = 0x7000", "p/x $ebx", "p $xmm0", "p $eflags", "p $mxcsr");
        assertTrue(out.contains("$1 = 0x55"), out);
        assertTrue(out.contains("v4_float = {0, 0, 0, 0}"), out); // the union type the sse feature defines
        assertTrue(out.contains("uint128 = 0"), out);
        assertTrue(out.contains("$3 = [ IF ]"), out);
        assertTrue(out.contains("$4 = [ IM DM ZM OM UM PM ]"), out);
        assertEquals(0x55, target.query(() -> target.reg32(3))); // ebx: the looping program leaves it alone
        assertEquals(0x7000, target.query(() -> target.reg32(I386Description.CR3)));
    }

    @Test
    void gdbReadsAndWritesMemory() throws Exception {
        String out = gdb("x/4xb 0x1000", "set {int}0x3000 = 0x12345678", "x/1xw 0x3000", "x/1xw 0x20000");
        assertTrue(out.contains("0x1000:\t0x40\t0x40\t0xa3\t0x00"), out);
        assertTrue(out.contains("0x3000:\t0x12345678"), out);
        assertTrue(out.contains("Cannot access memory at address 0x20000"), out);
        assertEquals(0x12345678, target.query(() -> target.mem32(0x3000)));
    }

    @Test
    void gdbBreakpointAndContinueStopAtTheAddress() throws Exception {
        String out = gdb("break *0x1007", "continue", "p $eax", "p $pc", "continue", "p $eax");
        assertTrue(out.contains("Breakpoint 1 at 0x1007"), out);
        assertTrue(out.contains("Breakpoint 1, 0x00001007 in ?? ()"), out);
        assertTrue(out.contains("$1 = 2"), out);
        assertTrue(out.contains("$2 = (void (*)()) 0x1007"), out);
        assertTrue(out.contains("$3 = 4"), out); // once round the loop, over the breakpoint gdb stepped past
        assertEquals(0, target.query(target::breakpointCount), "gdb removed its breakpoint when it detached");
    }

    @Test
    void gdbHardwareBreakpointStopsThere() throws Exception {
        String out = gdb("hbreak *0x1008", "continue", "p $pc");
        assertTrue(out.contains("Hardware assisted breakpoint 1 at 0x1008"), out);
        assertTrue(out.contains("$1 = (void (*)()) 0x1008"), out);
    }

    @Test
    void gdbStepiExecutesExactlyOneInstruction() throws Exception {
        String out = gdb("stepi", "p $pc", "stepi", "stepi", "p $pc", "p $eax");
        assertTrue(out.contains("$1 = (void (*)()) 0x1001"), out);
        assertTrue(out.contains("$2 = (void (*)()) 0x1007"), out);
        assertTrue(out.contains("$3 = 2"), out);
    }

    @Test
    void gdbWriteWatchpointStopsAfterTheStoreWithOldAndNewValue() throws Exception {
        String out = gdb("watch *(int *)0x2000", "continue", "p $pc");
        assertTrue(out.contains("Hardware watchpoint 1: *(int *)0x2000"), out);
        assertTrue(out.contains("Old value = 0"), out);
        assertTrue(out.contains("New value = 2"), out);
        assertTrue(out.contains("$1 = (void (*)()) 0x1007"), out);
    }

    @Test
    void gdbReadWatchpointStopsAfterTheLoad() throws Exception {
        String out = gdb("rwatch *(int *)0x2000", "continue", "p $pc");
        assertTrue(out.contains("Hardware read watchpoint 1: *(int *)0x2000"), out);
        assertTrue(out.contains("Value = 2"), out);
        assertTrue(out.contains("$1 = (void (*)()) 0x100d"), out);
    }

    @Test
    void gdbDetachesAndReconnectsInOneSession() throws Exception {
        String out = gdb("stepi", "detach", "target remote 127.0.0.1:" + server.port(), "p $eax", "detach");
        assertTrue(out.contains("[Inferior 1 (Remote target) detached]"), out);
        assertEquals(2, target.attaches);
        assertTrue(target.query(target::isRunning), "the program runs on after the last detach");
        String again = gdb("p $cs");
        assertTrue(again.contains("$1 = 96"), again);
        assertEquals(3, target.attaches);
    }

    @Test
    void gdbKillEndsTheProgram() throws Exception {
        String out = gdb("stepi", "kill");
        assertTrue(out.contains("[Inferior 1 (Remote target) killed]"), out);
        assertTrue(target.killed, out);
    }

    @Test
    void ctrlCInGdbStopsARunningProgram() throws Exception {
        String out = ClientProcess.run(30, ClientProcess.gdb(server.port(), "continue", "p $eip < 0x1010", "stepi"), gdb -> {
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!target.query(target::isRunning)) { // gdb sent 'c' and the program runs
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("gdb never resumed the target");
                }
                Thread.sleep(20);
            }
            Thread.sleep(200);
            ClientProcess.interrupt(gdb);
        });
        assertTrue(out.contains("Program received signal SIGINT"), out);
        assertTrue(out.contains("$1 = 1"), out);
        assertFalse(out.contains("Remote connection closed"), out);
    }

    @Test
    void monitorOutputReachesGdb() throws Exception {
        String out = gdb("monitor help", "monitor echo hello from the target");
        assertTrue(out.contains("fake target commands:"), out);
        assertTrue(out.contains("hello from the target"), out);
    }

    @Test
    void consoleTextFromTheRunningTargetReachesGdbBeforeTheStop() throws Exception {
        String out = gdb("monitor trace on", "break *0x1008", "continue");
        int text = out.indexOf("store eax=2");
        int stop = out.indexOf("Breakpoint 1, 0x00001008");
        assertTrue(text >= 0 && stop > text, out);
    }

    @Test
    void secondGdbIsRefusedWhileTheFirstIsAttached() throws Exception {
        try (java.net.Socket first = new java.net.Socket("127.0.0.1", server.port())) {
            first.setSoTimeout(10_000);
            first.getOutputStream().write("$qC#b4".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertEquals("+$QC1#c5", new String(first.getInputStream().readNBytes(8),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            String out = ClientProcess.run(30, ClientProcess.gdb(server.port(), "p $eip"));
            // gdb words it by where it noticed the close: while connecting or at its first packet
            assertTrue(out.contains("Remote connection closed") || out.contains("Connection reset")
                    || out.contains("Target disconnected"), out);
            assertTrue(out.contains("No registers."), out);
            assertFalse(out.contains("$1 ="), out);
            first.getOutputStream().write("$qC#b4".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            assertEquals("+$QC1#c5", new String(first.getInputStream().readNBytes(8),
                    java.nio.charset.StandardCharsets.ISO_8859_1), "the first client is still served");
        }
    }

    @Test
    void gdbAcceptsTheDescriptionWithOsabiNone() throws Exception {
        FakeI386Target bare = new FakeI386Target(I386Description.create("none"));
        bare.startThread();
        try (GdbServer other = GdbServer.start(bare, 0)) {
            String out = ClientProcess.run(30, ClientProcess.gdb(other.port(), "show osabi", "p $eip", "p $cr0"));
            assertFalse(out.contains("Could not load XML"), out);
            assertTrue(out.contains("(currently \"none\")"), out);
            assertTrue(out.contains("$1 = (void (*)()) 0x1000"), out);
            assertTrue(out.contains("$2 = 2147483665"), out);
        } finally {
            bare.stopThread();
        }
    }
}
