package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Real lldb, a second client with its own habits (brief §4), against the VM frozen at the kernel's entry. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LldbOnTheVmTest {

    @Test
    void lldbReadsRegistersAndMemoryStopsAtABreakpointAndSteps() throws Exception {
        long int80 = DebuggedVm.symbol("entry_INT80_32");
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.lldb(vm.port, "register read eip eax cs orig_eax",
                    "memory read -s 4 -f x -c 2 0x100000", "breakpoint set -a 0x" + Long.toHexString(int80), "continue",
                    "register read eip eax cr3", "memory region 0x" + Long.toHexString(int80), "si", "register read eip",
                    "process kill").finish(60);
            assertTrue(out.matches("(?s).*eip = 0x0010000c.*"), out);
            assertTrue(out.matches("(?s).*eax = 0x2badb002.*"), out);
            assertTrue(out.matches("(?s).*orig_eax = 0xffffffff.*"), out);
            assertTrue(out.contains("0x00100000: 0x1badb002 0x00000003"), out); // the multiboot header
            assertTrue(out.contains("stop reason = breakpoint 1.1"), out);
            assertTrue(out.matches("(?s).*eip = 0x" + String.format("%08x", int80) + ".*"), out);
            assertTrue(out.matches("(?s).*eax = 0x00000004.*"), out); // write
            assertTrue(out.contains("pushl  %eax"), out); // lldb disassembled the kernel from our memory
            assertTrue(out.contains("[0x00000000c0000000-0x00000000d0000000) rwx"), "the kernel's mapping: " + out);
            assertTrue(out.contains("stop reason = instruction step into"), out);
            assertTrue(out.matches("(?s).*eip = 0x" + String.format("%08x", int80 + 1) + ".*"), out);
            assertTrue(out.contains("exited with status = 9"), out);
            assertEquals(0, vm.awaitExit(20));
        }
    }
}
