package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.boot.TestKernels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real gdb 13 ({@code gdb -batch}) against the real VM booting the bundled kernel and demo initramfs, frozen
 * by -S at the kernel's first instruction: what a student does in the lab, end to end.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GdbOnTheVmTest {

    private static void assertClean(String out) {
        assertFalse(out.contains("Remote 'g' packet reply is too long"), out);
        assertFalse(out.contains("Could not load XML"), out);
        assertFalse(out.contains("Architecture rejected"), out);
        assertFalse(out.contains("Remote connection closed"), out);
        assertFalse(out.contains("Remote failure reply"), out);
    }

    /** The value gdb printed for history variable {@code $n}, parsed as hex or decimal. */
    private static long value(String out, int n) {
        Matcher m = Pattern.compile("\\$" + n + " = (?:\\([^)]*\\) )?(0x[0-9a-f]+|-?\\d+)").matcher(out);
        assertTrue(m.find(), "no $" + n + " in:\n" + out);
        String v = m.group(1);
        return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
    }

    @Test
    void gdbSeesTheMultibootEntryStateAtTheKernelsFirstInstruction() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "p/x $eip", "p/x $eax", "p/x $cs", "p/x $cr0", "p $orig_eax",
                    "info registers eflags", "monitor extable", "kill");
            assertClean(out);
            assertTrue(out.contains("_start () at boot/head.s"), out);
            assertEquals(DebuggedVm.symbol("_start"), value(out, 1));
            assertEquals(0x2BADB002L, value(out, 2)); // multiboot's magic in eax
            assertEquals(0x8, value(out, 3));
            assertEquals(1, value(out, 4) & 1); // protected mode, paging still off
            assertEquals(-1, value(out, 5));
            assertTrue(out.contains("entries at 0x" + Long.toHexString(DebuggedVm.symbol("__start___ex_table"))
                    + " (insn -> fixup), from the kernel image (not mapped yet)"), out);
            assertTrue(out.contains("<copy_from_user+0x20> -> 0x"), out);
            assertTrue(out.contains("[Inferior 1 (Remote target) killed]"), out);
            assertEquals(0, vm.awaitExit(20));
            assertTrue(vm.diagnostics().contains("killed by the debugger"), vm.diagnostics());
            assertFalse(vm.serial().contains("trapgate demo init"), "the guest never ran: " + vm.serial());
        }
    }

    @Test
    void breakInTheSyscallPathShowsPtRegsBySymbolAndByOffset() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "break entry_INT80_32", "continue", "p $eax",
                    "break syscall_call", "continue",
                    "p ((struct pt_regs *)$esp)->orig_ax", "p *(unsigned long *)($esp + 0x2c)", "p $orig_eax",
                    "p/x ((struct pt_regs *)$esp)->cs", "p/x *(unsigned long *)($esp + 0x34)",
                    "p ((struct pt_regs *)$esp)->bx", "p *(unsigned long *)($esp + 0)",
                    "p (long)((struct pt_regs *)$esp)->ax", "monitor pt_regs", "kill");
            assertClean(out);
            assertTrue(out.contains("Breakpoint 1, entry_INT80_32 () at kernel/entry_32.s"), out);
            long nr = value(out, 1);
            assertEquals(4, nr, "the demo's first call is write"); // __NR_write
            assertTrue(out.contains("Breakpoint 2, "), out);
            assertEquals(nr, value(out, 2));
            assertEquals(nr, value(out, 3));
            assertEquals(nr, value(out, 4), "$orig_eax is the frame's orig_ax");
            assertEquals(0x73, value(out, 5)); // entered from user space (__USER_CS)
            assertEquals(0x73, value(out, 6));
            assertEquals(1, value(out, 7), "write(1, ...): ebx = fd 1");
            assertEquals(1, value(out, 8));
            assertEquals(-38, value(out, 9), "ax is -ENOSYS until the call returns");
            assertTrue(out.contains("struct pt_regs at 0x"), out);
            assertTrue(out.matches("(?s).*orig_ax\\s+0x2c\\s+0x00000004 \\(write\\).*"), out);
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void stepiAcrossIretLandsOnTheSavedUserEip() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "break irq_return if *(unsigned long *)($esp + 4) == 0x73",
                    "continue", "p/x *(unsigned long *)$esp", "p/x *(unsigned long *)($esp + 12)", "stepi", "p/x $pc",
                    "p/x $cs", "p/x $esp", "kill");
            assertClean(out);
            assertTrue(out.contains("Breakpoint 1, "), out);
            assertEquals(value(out, 1), value(out, 3), "iret went to the saved eip");
            assertEquals(0x73, value(out, 4));
            assertEquals(value(out, 2), value(out, 5), "and the saved user esp");
        }
    }

    @Test
    void stepiAcrossSysexitLandsInTheVdso() throws Exception {
        long exit = DebuggedVm.symbol("sysenter_exit");
        byte[] code = DebuggedVm.kernelBytes(exit, 64);
        long sysexit = -1;
        for (int i = 0; i + 1 < code.length; i++) {
            if ((code[i] & 0xFF) == 0x0F && (code[i + 1] & 0xFF) == 0x35) {
                sysexit = exit + i;
                break;
            }
        }
        assertTrue(sysexit > 0, "no sysexit after sysenter_exit");
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "break *0x" + Long.toHexString(sysexit), "continue",
                    "p/x $edx", "p/x $ecx", "stepi", "p/x $pc", "p/x $esp", "p/x $cs", "p/x $ss", "kill");
            assertClean(out);
            assertTrue(out.contains("Breakpoint 1, "), out);
            assertEquals(value(out, 1), value(out, 3), "sysexit: eip = edx");
            assertEquals(value(out, 2), value(out, 4), "sysexit: esp = ecx");
            assertEquals(0x73, value(out, 5));
            assertEquals(0x7b, value(out, 6));
        }
    }

    @Test
    void hardwareBreakpointStopsAtTheSysenterEntry() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "hbreak entry_SYSENTER_32", "continue", "p $eax", "p/x $eip",
                    "kill");
            assertClean(out);
            assertTrue(out.contains("Hardware assisted breakpoint 1 at"), out);
            assertTrue(out.contains("Breakpoint 1, entry_SYSENTER_32 ()"), out);
            assertEquals(63, value(out, 1), "the demo's first call through the vDSO is dup2");
            assertEquals(DebuggedVm.symbol("entry_SYSENTER_32"), value(out, 2));
        }
    }

    @Test
    void watchpointSeesFixupExceptionRewriteTheSavedEip() throws Exception {
        long copyFromUser = DebuggedVm.symbol("copy_from_user");
        long copyToUser = DebuggedVm.symbol("copy_to_user");
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port,
                    "break fixup_exception if (*(struct pt_regs **)($esp + 4))->ip >= 0x" + Long.toHexString(copyFromUser)
                            + " && (*(struct pt_regs **)($esp + 4))->ip < 0x" + Long.toHexString(copyToUser),
                    "continue", "set $r = *(struct pt_regs **)($esp + 4)", "p/x $r->ip", "set $insn = $r->ip",
                    "watch -l $r->ip", "delete 1", "continue", "p/x $r->ip", "p/x $pc",
                    "eval \"monitor extable 0x%x\", $insn", "delete", "continue");
            assertClean(out);
            assertTrue(out.contains("Hardware watchpoint 2: -location $r->ip"), out);
            long faulting = value(out, 1);
            assertTrue(faulting >= copyFromUser && faulting < copyToUser, out);
            Matcher m = Pattern.compile("Old value = (\\d+)\\s+New value = (\\d+)").matcher(out);
            assertTrue(m.find(), out);
            assertEquals(faulting, Long.parseLong(m.group(1)));
            long fixup = Long.parseLong(m.group(2));
            assertEquals(fixup, value(out, 2));
            assertTrue(out.contains("fixup_exception () at kernel/extable.s"), "stopped after the store: " + out);
            long pc = value(out, 3);
            assertTrue(pc > DebuggedVm.symbol("fixup_exception") && pc < DebuggedVm.symbol("fixup_exception") + 0x40, out);
            // the new value is the exception table's fixup for the faulting instruction
            assertTrue(out.contains(String.format("0x%08x <copy_from_user+0x%x> -> 0x%08x", faulting,
                    faulting - copyFromUser, fixup)), out);
            assertTrue(out.contains("[Inferior 1 (Remote target) exited normally]"), out);
            assertTrue(vm.serial().contains("write(1, 0x1000, 16) = -EFAULT"), vm.serial());
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void ctrlCStopsARunningGuest() throws Exception {
        long start = DebuggedVm.symbol("_start");
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            // a guest that runs forever: jmp . over the kernel's first instruction
            DebuggerProcess gdb = DebuggerProcess.gdb(vm.port, "set {unsigned short}0x" + Long.toHexString(start)
                    + " = 0xfeeb", "echo resuming\\n", "continue", "p/x $pc", "x/2xb $pc", "kill");
            gdb.awaitOutput("resuming", 30);
            Thread.sleep(500);
            gdb.interrupt();
            String out = gdb.finish(60);
            assertClean(out);
            assertTrue(out.contains("Program received signal SIGINT"), out);
            assertEquals(start, value(out, 1));
            assertTrue(out.contains("0xeb\t0xfe"), out);
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void detachLetsTheGuestRunOnAndAReconnectStopsItAgain() throws Exception {
        long start = DebuggedVm.symbol("_start");
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String first = DebuggerProcess.runGdb(vm.port, "set {unsigned short}0x" + Long.toHexString(start) + " = 0xfeeb",
                    "break entry_INT80_32", "detach");
            assertClean(first);
            assertTrue(first.contains("[Inferior 1 (Remote target) detached]"), first);
            Thread.sleep(300);
            assertTrue(vm.isRunning());
            String second = DebuggerProcess.runGdb(vm.port, "p/x $pc", "info breakpoints", "kill");
            assertClean(second);
            assertEquals(start, value(second, 1), "the guest spun on its jmp . after the detach");
            assertTrue(second.contains("No breakpoints or watchpoints."), second);
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void syscallLogPrintsEachCallWithItsResultWhileTheGuestRuns() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "monitor syscalls on", "continue");
            assertClean(out);
            assertTrue(out.contains("[syscall] 63 dup2(0x1, 0xa, 0x0, 0x0, 0x0, 0x0) = 10"), out);
            assertTrue(out.contains("[syscall] 63 dup2(0x1, 0xb, 0x0, 0x0, 0x0, 0x0) [sysenter] = 11"), out);
            assertTrue(out.contains("[syscall] 4 write(0x1, 0x1000, 0x10, 0x0, 0x0, 0x0) = -14 (EFAULT)"), out);
            assertTrue(out.contains("[syscall] 5 open("), out);
            assertTrue(out.contains("[syscall] 252 exit_group(0x0"), out);
            assertTrue(out.contains("[Inferior 1 (Remote target) exited normally]"), out);
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void monitorShowsWhatGdbCannot() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "break syscall_call", "continue", "monitor info registers",
                    "monitor idt", "monitor gdt", "monitor info mem", "monitor extable", "monitor x/4x 0x100000",
                    "p/x $cr3", "p/x $sysenter_eip", "p/x $tr", "p/x $gdtr_base", "monitor phys on", "x/1xw 0x100000",
                    "monitor phys off", "monitor no-such-command", "p $pc", "monitor info tlb", "monitor help", "kill");
            assertClean(out);
            assertTrue(out.contains("CR0=80010033 [ PE MP ET NE WP PG ]"), out);
            assertTrue(out.contains("SYSENTER_CS=00000060"), out);
            assertTrue(out.matches("(?s).*EFL=\\p{XDigit}{8} \\[.* IF .*\\].*"), out);
            assertTrue(out.contains("80: trap gate sel=0060 off=" + String.format("%08x",
                    DebuggedVm.symbol("entry_INT80_32")) + " DPL=3 <entry_INT80_32>"), out);
            assertTrue(out.contains("0e: page fault") || out.contains("<page_fault>"), out);
            assertTrue(out.contains("32-bit TSS (busy)"), out);
            assertTrue(out.contains("-> 0x") && out.contains("<copy_from_user+0x"), out);
            assertTrue(out.contains("c0000000-"), out);
            long sysenterEip = value(out, 2);
            assertEquals(DebuggedVm.symbol("entry_SYSENTER_32"), sysenterEip);
            assertEquals(0x80, value(out, 3));
            // physical 0x100000 holds the multiboot header's magic in both views
            assertTrue(out.contains("00100000: 1badb002"), out);
            assertTrue(out.contains("0x100000 <multiboot_header>:\t0x1badb002"), out);
            assertTrue(out.contains("unknown monitor command 'no-such-command'"), out);
            assertTrue(out.matches("(?s).*\\n08048000: \\p{XDigit}{8} ---[-A]U[RW].*"), "init's text page, user: " + out);
            assertTrue(out.contains("trapgate monitor commands:"), out);
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void aStepHoldsBackAPendingInterruptUnlessSstepIrqIsOn() throws Exception {
        long sysenter = DebuggedVm.symbol("entry_SYSENTER_32");
        long irq0 = DebuggedVm.symbol("irq0_interrupt");
        byte[] original = DebuggedVm.kernelBytes(sysenter, 2);
        assertEquals(0x6a, original[0] & 0xFF, "entry_SYSENTER_32 starts with pushl $imm8");
        String at = "0x" + Long.toHexString(sysenter);
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            // spin with IF=0 (sysenter cleared it) until the timer's IRQ0 is pending, then stop there
            DebuggerProcess gdb = DebuggerProcess.gdb(vm.port, "break *" + at, "continue", "delete",
                    "set {unsigned short}" + at + " = 0xfeeb", "echo spinning\\n", "continue",
                    "set {unsigned short}" + at + " = 0x" + String.format("%02x%02x", original[1], original[0]),
                    "set $eflags = $eflags | 0x200", "stepi", "p/x $pc", "monitor sstep irq on", "stepi", "p/x $pc",
                    "kill");
            gdb.awaitOutput("spinning", 30);
            Thread.sleep(500);
            gdb.interrupt();
            String out = gdb.finish(60);
            assertClean(out);
            assertTrue(out.contains("Program received signal SIGINT"), out);
            assertEquals(sysenter + 2, value(out, 1), "the step ran pushl, the pending IRQ0 waited");
            assertTrue(out.contains("sstep irq on"), out);
            assertEquals(irq0, value(out, 2), "with sstep irq on the step entered the handler");
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void withBpCr3OnABreakpointStopsOnlyInTheAddressSpaceItWasSetIn() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            // set at the first instruction (CR3 = 0): the kernel's and init's page directories never match
            String out = DebuggerProcess.runGdb(vm.port, "monitor bp-cr3 on", "p/x $cr3", "break entry_INT80_32",
                    "continue");
            assertClean(out);
            assertEquals(0, value(out, 1));
            assertTrue(out.contains("bp-cr3 on"), out);
            assertFalse(out.contains("Breakpoint 1, "), out);
            assertTrue(out.contains("[Inferior 1 (Remote target) exited normally]"), out);
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void registerWritesReachTheMachineAndBadOnesAreRefused() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "break syscall_call", "continue",
                    "set $ebx = 2", "p ((struct pt_regs *)$esp)->bx", "p $ebx",
                    "set $es = 0x68", "p/x $es", "monitor info registers",
                    "set $ds = 0x1234", "p/x $ds",
                    "set $xmm0.uint128 = 1", "p $xmm0.uint128",
                    "set $cr3 = $cr3", "p/x $cr3",
                    "x/1xw 0x1000", "x/1xw $esp",
                    "set $ebx = 1", "set $es = 0x7b", "delete", "continue");
            assertClean(out);
            assertEquals(1, value(out, 1), "the frame is memory; the register changed");
            assertEquals(2, value(out, 2));
            assertEquals(0x68, value(out, 3));
            assertTrue(out.contains("ES =0068 00000000 ffffffff DPL=0 32-bit data writable"), "descriptor reloaded: " + out);
            assertTrue(out.contains("Could not write register \"ds\""), out);
            assertEquals(0x7b, value(out, 4), "a selector that would fault is refused, ds unchanged");
            assertTrue(out.contains("Could not write register \"xmm0\""), "this CPU has no SSE: " + out);
            assertTrue(out.contains("Cannot access memory at address 0x1000"), out);
            assertTrue(out.contains("[Inferior 1 (Remote target) exited normally]"), out);
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void readAndAccessWatchpointsStopAfterTheDispatchReadsTheTable() throws Exception {
        long slot = DebuggedVm.symbol("sys_call_table") + 4 * 63; // dup2
        long dup2 = DebuggedVm.symbol("sys_dup2");
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "break start_kernel", "continue", "delete",
                    "rwatch *(unsigned long *)0x" + Long.toHexString(slot), "continue", "p/x $pc", "delete",
                    "awatch *(unsigned long *)0x" + Long.toHexString(slot), "continue", "p/x $pc", "kill");
            assertClean(out);
            assertTrue(out.contains("Hardware read watchpoint 2: *(unsigned long *)0x"), out);
            assertTrue(out.contains("Value = " + dup2), out);
            assertEquals(dup2, value(out, 1), "stopped after call *sys_call_table(,%eax,4), at its target");
            assertTrue(out.contains("Hardware access (read/write) watchpoint 3"), out);
            assertEquals(dup2, value(out, 2), "the second dup2, through sysenter");
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void monitorResetRestartsTheMachineAtTheKernelEntryStillStopped() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "break syscall_call", "continue", "delete",
                    "monitor reset", "maintenance flush register-cache", "p/x $pc", "p/x $eax", "p/x $cr0", "monitor quit");
            // the VM is gone after quit: gdb's detach at its own exit finds the connection closed
            assertClean(out.substring(0, out.indexOf("$3 = ")));
            assertTrue(out.contains("resetting the machine"), out);
            assertEquals(DebuggedVm.symbol("_start"), value(out, 1));
            assertEquals(0x2BADB002L, value(out, 2));
            assertEquals(0x11, value(out, 3), "paging is off again");
            assertEquals(0, vm.awaitExit(20));
            assertTrue(vm.diagnostics().contains("quit from the debugger's monitor"), vm.diagnostics());
        }
    }

    @Test
    void stepiIntoTheKernelEndsAtTheHandlersFirstInstruction() throws Exception {
        long int80 = DebuggedVm.symbol("entry_INT80_32");
        long sysenter = DebuggedVm.symbol("entry_SYSENTER_32");
        long pageFault = DebuggedVm.symbol("page_fault");
        long rep = DebuggedVm.symbol("copy_from_user") + 0x20; // the rep movsb __ex_table lists
        assertEquals(0xF3, DebuggedVm.kernelBytes(rep, 1)[0] & 0xFF, "copy_from_user's rep movsb moved");
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port,
                    // int $0x80: find the user's int instruction from the first call's return address
                    "break entry_INT80_32", "continue", "set $int = *(unsigned long *)$esp - 2", "delete",
                    "break *$int", "continue", "x/1i $pc", "delete", "stepi", "p/x $pc", "p/x $cs",
                    // sysenter: the vDSO's, just before the landing pad sysexit returns to
                    "break entry_SYSENTER_32", "continue", "delete",
                    "break *(*(unsigned long *)&vdso_landing_pad - 4)", "continue", "x/1i $pc", "delete", "stepi",
                    "p/x $pc", "p/x $cs",
                    // a faulting instruction: write(1, 0x1000, 16)'s copy_from_user
                    "break *0x" + Long.toHexString(rep) + " if $esi == 0x1000", "continue", "delete", "stepi",
                    "p/x $pc", "p/x $cr2", "kill");
            assertClean(out);
            assertTrue(out.contains("int    $0x80"), out);
            assertEquals(int80, value(out, 1));
            assertEquals(0x60, value(out, 2));
            assertTrue(out.contains("sysenter"), out);
            assertEquals(sysenter, value(out, 3));
            assertEquals(0x60, value(out, 4));
            assertEquals(pageFault, value(out, 5), "the step ended at the #PF handler's first instruction");
            assertEquals(0x1000, value(out, 6));
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void gdbReadsTheX87Stack() throws Exception {
        long start = DebuggedVm.symbol("_start");
        String at = "0x" + Long.toHexString(start);
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            // fninit; fld1; fldpi over the kernel's first instructions, stepped one by one
            String out = DebuggerProcess.runGdb(vm.port, "p/x $fctrl",
                    "set {unsigned char[6]}" + at + " = {0xdb, 0xe3, 0xd9, 0xe8, 0xd9, 0xeb}",
                    "stepi", "stepi", "stepi", "p $st0", "p $st1", "p/x $fstat", "p/x $fctrl", "p/x $ftag",
                    "set $st0 = 2", "p $st0", "p $st1", "kill");
            assertClean(out);
            assertEquals(0x40, value(out, 1), "the x87's power-on control word");
            assertTrue(out.contains("$2 = 3.14159265358979323851"), out);
            assertTrue(out.contains("$3 = 1\n"), out);
            assertEquals(0x3000, value(out, 4), "TOP = 6 after two pushes");
            assertEquals(0x37f, value(out, 5));
            assertEquals(0x0fff, value(out, 6), "R6, R7 valid; the rest empty");
            assertTrue(out.contains("$7 = 2\n"), "st0 written: " + out);
            assertTrue(out.contains("$8 = 1\n"), out);
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void stepiRunsOneRepIteration() throws Exception {
        long rep = DebuggedVm.symbol("copy_from_user") + 0x20; // rep movsb
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "break *0x" + Long.toHexString(rep) + " if $ecx > 2",
                    "continue", "delete", "p $ecx", "p/x $esi", "stepi", "p $ecx", "p/x $esi", "p/x $pc", "stepi",
                    "p $ecx", "kill");
            assertClean(out);
            long count = value(out, 1);
            assertEquals(count - 1, value(out, 3), "one byte moved");
            assertEquals(value(out, 2) + 1, value(out, 4));
            assertEquals(rep, value(out, 5), "eip stays on the rep until the count is done");
            assertEquals(count - 2, value(out, 6));
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void watchpointInTheMiddleOfABufferCatchesTheKernelsRepCopy() throws Exception {
        long copyToUser = DebuggedVm.symbol("copy_to_user");
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            // read(fd, buf, 512) of /etc/motd: watch buf[50], which copy_to_user's rep movsb fills
            String out = DebuggerProcess.runGdb(vm.port, "break syscall_call if $eax == 3", "continue", "delete",
                    "set $buf = ((struct pt_regs *)$esp)->cx", "watch -l *(char *)($buf + 50)", "continue", "p/x $pc",
                    "p *(char *)($buf + 50)", "kill");
            assertClean(out);
            assertTrue(out.contains("Hardware watchpoint 2: -location *(char *)($buf + 50)"), out);
            assertTrue(out.contains("New value = "), out);
            long pc = value(out, 1);
            assertTrue(pc > copyToUser && pc < copyToUser + 0x40, "stopped in copy_to_user after the copy: " + out);
            String motd = "Welcome to trapgate.\nThis file was read from the initramfs by the demo init";
            assertTrue(out.contains("$2 = " + (int) motd.charAt(50) + " '" + motd.charAt(50) + "'"), out);
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void aWatchpointInsideRepStopsRightAfterTheIterationThatWroteItAndContinueFinishesTheCopy() throws Exception {
        // repwatch: rep stosb fills dst[256] with 'Z', then rep movsb copies src over it; watch dst[100]
        Path elf = TestKernels.elf("repwatch");
        KernelSymbols symbols = KernelSymbols.parse(Files.readAllBytes(elf));
        long dst = symbols.address("dst").orElseThrow();
        long src = symbols.address("src").orElseThrow();
        long fillRep = symbols.address("fill_rep").orElseThrow();
        long copyRep = symbols.address("copy_rep").orElseThrow();
        try (DebuggedVm vm = DebuggedVm.startFrozen("-kernel", elf.toString())) {
            String out = DebuggerProcess.gdb(elf, vm.port, "set $dst = (unsigned char *)&dst",
                    "watch -l $dst[100]", "continue",
                    "p $ecx", "p/x $edi", "p/x $pc", "p $dst[101]",
                    "continue",
                    "p $ecx", "p/x $esi", "p/x $edi", "p/x $pc", "p $dst[101]",
                    "delete", "break copied", "continue", "p $ecx", "p $dst[101]", "p $dst[255]", "continue")
                    .finish(60);
            assertClean(out);
            assertTrue(out.contains("Hardware watchpoint 1: -location $dst[100]"), out);
            // rep stosb: the 101st store wrote dst[100]; 155 stores remain, eip is still on the rep
            assertTrue(out.contains("Old value = 17 '\\021'\nNew value = 90 'Z'"), out);
            assertEquals(155, value(out, 1), "ECX after the iteration that wrote dst[100]");
            assertEquals(dst + 101, value(out, 2));
            assertEquals(fillRep, value(out, 3), "EIP stays on rep stosb");
            assertEquals(0x11, value(out, 4), "dst[101] is not written yet");
            // rep movsb, resumed by continue after stosb finished: the same iteration of the copy
            assertTrue(out.contains("Old value = 90 'Z'\nNew value = 191 '\\277'"), out);
            assertEquals(155, value(out, 5));
            assertEquals(src + 101, value(out, 6));
            assertEquals(dst + 101, value(out, 7));
            assertEquals(copyRep, value(out, 8), "EIP stays on rep movsb");
            assertEquals('Z', value(out, 9), "dst[101] still holds the fill");
            // continue ran the rest of the copy: src[i] = 7i + 3
            assertEquals(0, value(out, 10));
            assertEquals((101 * 7 + 3) & 0xFF, value(out, 11));
            assertEquals((255 * 7 + 3) & 0xFF, value(out, 12));
            assertEquals(33, vm.awaitExit(20), "the kernel found the whole copy right (exit 0x10)");
            assertTrue(vm.serial().contains("the copy matches\n"), vm.serial());
        }
    }

    @Test
    void aGuestDataBreakpointOnTheWatchedVariableStillTrapsRightAfterTheWriteWhenGdbContinues() throws Exception {
        // dbwatch: DR7 breakpoint on `watched`, a #DB handler recording the EIP it was raised at, one write
        Path elf = TestKernels.elf("dbwatch");
        KernelSymbols symbols = KernelSymbols.parse(Files.readAllBytes(elf));
        long afterWrite = symbols.address("after_write").orElseThrow();
        try (DebuggedVm vm = DebuggedVm.startFrozen("-kernel", elf.toString())) {
            String out = DebuggerProcess.gdb(elf, vm.port, "watch *(unsigned *)&watched", "continue", "p/x $pc",
                    "continue").finish(60);
            assertClean(out);
            assertTrue(out.contains("Hardware watchpoint 1: *(unsigned *)&watched"), out);
            assertTrue(out.contains("Old value = 0\nNew value = 4660"), out);
            assertEquals(afterWrite, value(out, 1), "gdb's stop is right after the write, not in the guest's #DB handler");
            assertEquals(33, vm.awaitExit(20), "the kernel ran to its end (exit 0x10)");
            // on continue the guest's #DB came before the instruction after the write ran, and only once
            String serial = vm.serial();
            assertTrue(serial.contains(String.format("#DB eip 0x%08x\n", afterWrite)), serial);
            assertTrue(serial.contains("#DB count 1\n"), serial);
            assertTrue(serial.contains("#DB dr6 0x00000001\n"), serial);
        }
    }

    @Test
    void syscallLogShowsANumberPastTheTableFailingWithEnosys() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            String out = DebuggerProcess.runGdb(vm.port, "break entry_INT80_32", "continue",
                    "set $int = *(unsigned long *)$esp - 2", "delete", "break *$int", "continue", "delete",
                    "monitor syscalls on", "set $eax = 999", "continue");
            assertClean(out);
            assertTrue(out.contains("[syscall] 999 ?("), out);
            assertTrue(out.matches("(?s).*\\[syscall\\] 999 \\?\\([^\\n]*\\) = -38 \\(ENOSYS\\)\\n.*"), out);
            assertTrue(out.contains("[Inferior 1 (Remote target) exited"), out);
            vm.awaitExit(20);
        }
    }

    @Test
    void aWatchpointOverSeveralPagesSeesWritesToItsMiddlePages() throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            // 12 KiB ending 2 KiB past the kernel stack's page: the stack's page is a middle page
            String out = DebuggerProcess.runGdb(vm.port, "set print elements 4", "break syscall_call", "continue",
                    "delete", "set $base = ((unsigned long)$esp & ~0xfff) - 0x1800", "p/x $base",
                    "watch -l *(char (*)[0x3000])$base", "continue", "p/x $esp", "kill");
            assertClean(out);
            long base = value(out, 1);
            assertTrue(out.contains("Hardware watchpoint 2: -location *(char (*)[0x3000])$base"), out);
            assertTrue(out.contains("Old value = "), "the write to the stack was caught: " + out);
            long esp = value(out, 2);
            long page = esp & ~0xFFFL;
            assertTrue(page > (base & ~0xFFFL) && page < ((base + 0x3000 - 1) & ~0xFFFL),
                    "the write was to a middle page: " + out);
            assertEquals(0, vm.awaitExit(20));
        }
    }

    @Test
    void dashDExecKeepsLoggingEveryInstructionAcrossGdbContinues(@TempDir Path tmp) throws Exception {
        Path log = tmp.resolve("exec.log");
        long start = DebuggedVm.symbol("_start"); // cli; cld; mov %eax,%esi; mov %ebx,%ebp; mov $..,%edi
        try (DebuggedVm vm = DebuggedVm.startFrozen("-d", "exec", "-D", log.toString())) {
            String out = DebuggerProcess.runGdb(vm.port, "break *(_start + 2)", "break *(_start + 6)", "continue",
                    "continue", "kill");
            assertClean(out);
            assertEquals(0, vm.awaitExit(20));
        }
        // each instruction once, as the CPU reaches it: through both continues and gdb's step off the first
        // breakpoint, up to the second breakpoint
        assertEquals(List.of(String.format("exec: 0008:%08x retired=0", start),
                String.format("exec: 0008:%08x retired=1", start + 1),
                String.format("exec: 0008:%08x retired=2", start + 2),
                String.format("exec: 0008:%08x retired=3", start + 4),
                String.format("exec: 0008:%08x retired=4", start + 6)), Files.readAllLines(log));
    }
}
