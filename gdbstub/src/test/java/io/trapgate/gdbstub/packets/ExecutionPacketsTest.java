package io.trapgate.gdbstub.packets;

import static io.trapgate.gdbstub.fake.StubHarness.packets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.fake.FakeI386Target;
import io.trapgate.gdbstub.fake.FakeMachine;
import io.trapgate.gdbstub.fake.I386Description;
import io.trapgate.gdbstub.fake.StubHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ExecutionPacketsTest {

    private final StubHarness h = new StubHarness().noAck();

    /** Sends a resume packet and pumps until the stop reply comes. */
    private String resume(String packet) {
        List<String> out = packets(h.send(packet));
        for (int i = 0; out.isEmpty() && i < 100; i++) {
            out = packets(h.pump());
        }
        assertEquals(1, out.size(), out.toString());
        return out.get(0);
    }

    @Test
    void questionMarkReportsWhyTheTargetIsStopped() {
        assertEquals("T05thread:1;04:00800000;05:00000000;08:00100000;", h.ask("?"));
    }

    @Test
    void stepExecutesOneInstructionAndReportsTheNewPc() {
        assertEquals("T05thread:1;04:00800000;05:00000000;08:01100000;", resume("s"));
        assertEquals(1, h.target.reg32(I386Description.EAX));
    }

    @Test
    void stepWithAnAddressStartsThere() {
        resume("s1007");
        assertEquals(0x1008, h.target.reg32(I386Description.EIP));
    }

    @Test
    void continueWithAnAddressStartsThere() {
        h.ask("Z0,1000,1");
        resume("c100d");
        assertEquals(0x1000, h.target.reg32(I386Description.EIP), "jumped back to the breakpoint");
        assertEquals(0, h.target.reg32(I386Description.EAX));
    }

    @Test
    void signalResumesPassTheSignalToTheTarget() {
        resume("S0b");
        assertEquals(11, h.target.lastResumeSignal);
        assertEquals(0x1001, h.target.reg32(I386Description.EIP));
        resume("S02;1007");
        assertEquals(0x1008, h.target.reg32(I386Description.EIP));
    }

    @Test
    void softwareBreakpointStopReportsSwbreakToAClientThatAskedForIt() {
        h.ask("qSupported:swbreak+;hwbreak+");
        assertEquals("OK", h.ask("Z0,1007,1"));
        assertEquals("T05thread:1;04:00800000;05:00000000;08:07100000;swbreak:;", resume("c"));
    }

    @Test
    void softwareBreakpointStopOmitsSwbreakForAClientThatDidNotAsk() {
        h.ask("Z0,1007,1");
        assertEquals("T05thread:1;04:00800000;05:00000000;08:07100000;", resume("c"));
    }

    @Test
    void hardwareBreakpointStopReportsHwbreak() {
        h.ask("qSupported:hwbreak+");
        h.ask("Z1,1008,1");
        assertTrue(resume("vCont;c").endsWith("08:08100000;hwbreak:;"));
    }

    @Test
    void removedBreakpointNoLongerStops() {
        h.ask("Z0,1007,1");
        assertEquals("OK", h.ask("z0,1007,1"));
        h.send("c");
        h.pump();
        assertTrue(h.target.isRunning());
        assertEquals("E01", h.ask("z0,1007,1"), "removing what is not there is refused");
    }

    @Test
    void writeWatchpointReportsTheDataAddress() {
        assertEquals("OK", h.ask("Z2,2000,4"));
        String stop = resume("c");
        assertTrue(stop.endsWith("08:07100000;watch:2000;"), stop);
    }

    @Test
    void readWatchpointReportsRwatch() {
        h.ask("Z3,2002,2");
        assertTrue(resume("c").endsWith("08:0d100000;rwatch:2002;"));
    }

    @Test
    void accessWatchpointReportsAwatchOnTheFirstAccess() {
        h.ask("Z4,2000,4");
        assertTrue(resume("c").endsWith("awatch:2000;"));
    }

    @Test
    void zeroLengthWatchpointIsABadArgument() {
        assertEquals("E16", h.ask("Z2,2000,0"));
    }

    @Test
    void breakpointConditionsAfterASemicolonAreIgnored() {
        assertEquals("OK", h.ask("Z0,1007,1;X3,220027"));
        assertTrue(resume("c").contains("08:07100000;"));
    }

    @Test
    void vContQueryListsTheActions() {
        assertEquals("vCont;c;C;s;S", h.ask("vCont?"));
    }

    @Test
    void vContStepForOurThreadAndContinueForOthersSteps() {
        assertTrue(resume("vCont;s:1;c").contains("08:01100000;"));
        assertTrue(resume("vCont;S05:1;c").contains("08:02100000;"));
    }

    @Test
    void vContNamingOnlyAnotherThreadIsRejectedAndNothingRuns() {
        assertEquals("E16", h.ask("vCont;s:2"));
        assertFalse(h.target.isRunning());
        assertFalse(h.session.isRunning());
    }

    @Test
    void programExitIsReportedWithW() {
        h.target.poke(0x1000, (byte) 0xf4); // hlt: the fake exits with status eax
        h.target.setReg32(I386Description.EAX, 3);
        assertEquals("W03", resume("c"));
        assertEquals("W03", h.ask("?"));
        assertEquals("W03", resume("c"), "an exited program stays exited");
    }

    @Test
    void faultingProgramStopsWithItsSignal() {
        h.target.poke(0x1000, (byte) 0x0f);
        assertTrue(resume("c").startsWith("T04"));
    }

    @Test
    void detachRepliesOkAndTheProgramRunsOn() {
        h.ask("Z0,1007,1");
        assertEquals("OK", h.ask("D"));
        assertEquals(1, h.target.detaches);
        assertTrue(h.target.isRunning());
        assertEquals(0, ((FakeI386Target) h.target).breakpointCount(), "the target dropped the client's breakpoints");
    }

    @Test
    void killRepliesX09ThenClosesAndKillsTheTarget() {
        assertEquals("X09", h.ask("k"));
        assertTrue(h.target.killed);
        h.channel.runPendingTasks();
        assertFalse(h.channel.isOpen());
    }

    @Test
    void vKillRepliesOkAndKills() {
        assertEquals("OK", h.ask("vKill;1"));
        assertTrue(h.target.killed);
    }

    @Test
    void stopAfterDetachIsNotSentToTheOldClient() {
        h.ask("D");
        h.target.interrupt();
        assertEquals(List.of(), h.pump());
        assertFalse(h.target.isRunning());
        assertEquals(FakeMachine.SIGSEGV, 11);
    }
}
