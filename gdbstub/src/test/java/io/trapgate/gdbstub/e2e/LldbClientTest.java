package io.trapgate.gdbstub.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.fake.StubOverTcp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real lldb against the stub over the fake target: a second client with different habits (brief §4). */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LldbClientTest extends StubOverTcp {

    private String lldb(String... commands) throws Exception {
        return ClientProcess.run(30, ClientProcess.lldb(server.port(), commands));
    }

    @Test
    void lldbReadsRegistersThroughTheGeneratedDescription() throws Exception {
        String out = lldb("register read", "register read eip eflags cr3 orig_eax tsc");
        assertTrue(out.contains("stop reason = signal SIGTRAP"), out);
        assertTrue(out.contains("0x1000: incl   %eax"), out); // lldb disassembled the fake's memory
        assertTrue(out.matches("(?s).*eip = 0x00001000.*"), out);
        assertTrue(out.matches("(?s).*esp = 0x00008000.*"), out);
        assertTrue(out.matches("(?s).*cr3 = 0x00009000.*"), out);
        assertTrue(out.matches("(?s).*orig_eax = 0xffffffff.*"), out);
        assertTrue(out.matches("(?s).*tsc = 0x0000000000000000.*"), out);
    }

    @Test
    void lldbWritesRegisters() throws Exception {
        String out = lldb("register write eax 0x55", "register write cr2 0xbad", "register read eax cr2");
        assertTrue(out.matches("(?s).*eax = 0x00000055.*"), out);
        assertTrue(out.matches("(?s).*cr2 = 0x00000bad.*"), out);
    }

    @Test
    void lldbReadsAndWritesMemory() throws Exception {
        String out = lldb("memory write 0x3000 0x11 0x22 0x33 0x44", "memory read -s 4 -f x -c 1 0x3000",
                "memory read -s 1 -f x -c 4 0x1000");
        assertTrue(out.contains("0x00003000: 0x44332211"), out);
        assertTrue(out.contains("0x00001000: 0x40 0x40 0xa3 0x00"), out);
    }

    @Test
    void lldbBreakpointStopsTheContinuedProgram() throws Exception {
        String out = lldb("breakpoint set -a 0x1007", "continue", "register read eip eax");
        assertTrue(out.contains("stop reason = breakpoint 1.1"), out);
        assertTrue(out.matches("(?s).*eip = 0x00001007.*"), out);
        assertTrue(out.matches("(?s).*eax = 0x00000002.*"), out);
    }

    @Test
    void lldbStepsOneInstruction() throws Exception {
        String out = lldb("thread step-inst", "register read eip", "si", "si", "register read eip eax");
        assertTrue(out.matches("(?s).*eip = 0x00001001.*"), out);
        assertTrue(out.matches("(?s).*eip = 0x00001007.*"), out);
        assertTrue(out.matches("(?s).*eax = 0x00000002.*"), out);
    }

    @Test
    void lldbKillGetsTheExitReply() throws Exception {
        String out = lldb("process kill");
        assertTrue(out.contains("exited with status = 9") || out.contains("status = 9"), out);
        assertTrue(target.killed, out);
    }

    @Test
    void lldbShowsMemoryRegions() throws Exception {
        String out = lldb("memory region 0x1000", "memory region 0x20000");
        assertTrue(out.contains("[0x0000000000000000-0x0000000000010000) rwx"), out);
        assertTrue(out.contains("[0x0000000000010000-0x0000000100000000) ---"), out);
    }

    @Test
    void lldbWriteWatchpointStopsAfterTheStore() throws Exception {
        String out = lldb("watchpoint set expression -w write -s 4 -- 0x2000", "continue", "register read eip eax");
        assertTrue(out.contains("stop reason = watchpoint 1"), out);
        assertTrue(out.contains("new value: 2"), out);
        assertTrue(out.matches("(?s).*eip = 0x00001007.*"), out);
    }
}
