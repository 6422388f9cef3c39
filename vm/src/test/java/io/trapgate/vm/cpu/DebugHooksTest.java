package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What the debugger relies on: breakpoints, single step, register and linear-memory access, interrupt log. */
@Timeout(30)
class DebugHooksTest {
    @Test
    void breakpointStopsBeforeTheInstructionAndResumeExecutesIt() throws Exception {
        CpuTestRig t = new CpuTestRig().load("mov $1, %eax\n mov $2, %eax\n mov $3, %eax\n hlt");
        int second = CpuTestRig.ORIGIN + 5;
        t.cpu.debugHooks().addBreakpoint(second);
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertEquals(second, t.regs.eip());
        assertEquals(1, t.eax());
        t.cpu.debugHooks().resumeOverBreakpoint();
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(3, t.eax());
    }

    @Test
    void singleStepRunsExactlyOneInstruction() throws Exception {
        CpuTestRig t = new CpuTestRig().load("mov $1, %eax\n mov $2, %eax\n hlt");
        t.cpu.debugHooks().setSingleStep(true);
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertEquals(1, t.eax());
        assertEquals(CpuTestRig.ORIGIN + 5, t.regs.eip());
        assertEquals(1, t.cpu.retired());
    }

    @Test
    void linearReadsTranslateThroughPageTablesWithoutFaulting() throws Exception {
        CpuTestRig t = MiniKernel.boot(PagingAndPrivilegeTest.PAGING + "movl $0x11223344, 0x80000100\n hlt");
        t.run();
        byte[] b = new byte[4];
        assertTrue(t.cpu.readLinear(0x80000100, b, 0, 4));
        assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11}, b);
        assertFalse(t.cpu.readLinear(0x500000, b, 0, 4)); // not present
        assertEquals(0x600100L, t.cpu.debugTranslate(0x80000100));
        assertTrue(t.cpu.writeLinear(0x80000104, new byte[] {7}, 0, 1));
        assertEquals(7, t.memory.read8(0x600104));
    }

    @Test
    void interruptLogSeesExceptionsWithErrorCodes() throws Exception {
        CpuTestRig t = MiniKernel.boot("mov $0x1233, %ax\n mov %ax, %ds\n hlt");
        List<String> seen = new ArrayList<>();
        t.cpu.debugHooks().setInterruptLog((kind, vector, error, eip, cpl, retired) ->
                seen.add(kind + " " + vector + " " + Integer.toHexString(error)));
        t.run();
        assertEquals(List.of("exception 13 1230"), seen);
    }

    @Test
    void registersCanBeWrittenAndReadBack() throws Exception {
        CpuTestRig t = new CpuTestRig().load("hlt");
        CpuRegisters r = t.regs;
        r.set(Cpu.EBX, 0x1234);
        r.setEflags(0x8D7);
        r.setGdtr(0x5000, 0x27);
        r.setSysenter(8, 0x9000, 0xC0001000);
        assertEquals(0x1234, r.get(Cpu.EBX));
        assertEquals(0x8D7, r.eflags() & 0xFFF);
        assertEquals(0x5000, r.gdtrBase());
        assertEquals(0xC0001000, r.sysenterEip());
        assertEquals(0x08, r.segmentSelector(Cpu.CS));
    }

    @Test
    void codeWrittenByTheDebuggerIsExecutedAfterwards() throws Exception {
        CpuTestRig t = new CpuTestRig().load("1: mov $1, %eax\n jmp 1b");
        t.cpu.run(10);
        // patch the immediate: the decode cache must drop the page
        assertTrue(t.cpu.writeLinear(CpuTestRig.ORIGIN + 1, new byte[] {9}, 0, 1));
        t.cpu.run(10);
        assertEquals(9, t.eax());
    }

    @Test
    void fpuRegistersAreVisibleAsExtendedPrecision() throws Exception {
        CpuTestRig t = new CpuTestRig().load("fninit\n fld1\n fldpi\n hlt");
        t.run();
        byte[] st0 = new byte[10];
        t.regs.fpuStackRegister(0, st0, 0);
        // pi in extended precision: significand c90fdaa22168c235, exponent 0x4000
        assertArrayEquals(new byte[] {0x35, (byte) 0xc2, 0x68, 0x21, (byte) 0xa2, (byte) 0xda, 0x0f, (byte) 0xc9, 0x00, 0x40}, st0);
        assertEquals(6, (t.regs.fpuStatusWord() >> 11) & 7); // two pushes: TOP = 6
        assertEquals(0x0FFF, t.regs.fpuTagWord()); // physical 6 and 7 valid, the rest empty
        assertEquals(0x037F, t.regs.fpuControlWord());
    }

    @Test
    void writeWatchpointStopsRightAfterTheStoreToTheWatchedWord() throws Exception {
        CpuTestRig t = new CpuTestRig().load("""
                movl $1, 0x200010
                mov 0x200020, %eax
                movl $2, 0x200020
                mov $3, %ebx
                hlt
            """);
        t.cpu.debugHooks().addWatchpoint(0x200020, 4, DebugHooks.WATCH_WRITE);
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertTrue(t.cpu.debugHooks().stoppedByWatchpoint());
        assertEquals(0x200020, t.cpu.debugHooks().watchHitAddress());
        assertEquals(DebugHooks.WATCH_WRITE, t.cpu.debugHooks().watchHitKind());
        assertEquals(2, t.memory.read32(0x200020)); // the store happened
        assertEquals(0x9000, t.reg(Cpu.EBX)); // the next instruction did not
        t.cpu.debugHooks().clearWatchpoints();
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(3, t.reg(Cpu.EBX));
    }

    @Test
    void readWatchpointIgnoresWritesAndStopsOnTheRead() throws Exception {
        CpuTestRig t = new CpuTestRig().load("""
                movl $7, 0x200040
                mov $1, %ecx
                mov 0x200040, %eax
                mov $2, %ecx
                hlt
            """);
        t.cpu.debugHooks().addWatchpoint(0x200040, 4, DebugHooks.WATCH_READ);
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertEquals(DebugHooks.WATCH_READ, t.cpu.debugHooks().watchHitKind());
        assertEquals(7, t.eax());
        assertEquals(1, t.reg(Cpu.ECX));
    }

    @Test
    void aByteWriteNextToAWatchedByteDoesNotStop() throws Exception {
        CpuTestRig t = new CpuTestRig().load("""
                movb $1, 0x200020
                movb $2, 0x200022
                movl $3, 0x20001d
                mov $3, %ebx
                hlt
            """);
        t.cpu.debugHooks().addWatchpoint(0x200021, 1, DebugHooks.WATCH_WRITE);
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertFalse(t.cpu.debugHooks().stoppedByWatchpoint());
        assertEquals(3, t.reg(Cpu.EBX));
    }

    @Test
    void aDwordWriteOverlappingTheWatchedByteStops() throws Exception {
        CpuTestRig t = new CpuTestRig().load("""
                movl $0x11223344, 0x20001e
                mov $3, %ebx
                hlt
            """);
        t.cpu.debugHooks().addWatchpoint(0x200021, 1, DebugHooks.WATCH_WRITE);
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertTrue(t.cpu.debugHooks().stoppedByWatchpoint());
        assertEquals(0x200021, t.cpu.debugHooks().watchHitAddress());
        assertEquals(0x11, t.memory.read8(0x200021));
        assertEquals(0x9000, t.reg(Cpu.EBX)); // the next instruction did not run
    }

    @Test
    void aReadModifyWriteOverlappingTheWatchedByteStops() throws Exception {
        CpuTestRig t = new CpuTestRig().load("""
                addl $1, 0x20001f
                mov $3, %ebx
                hlt
            """);
        t.cpu.debugHooks().addWatchpoint(0x200022, 1, DebugHooks.WATCH_WRITE);
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertEquals(0x200022, t.cpu.debugHooks().watchHitAddress());
        assertEquals(DebugHooks.WATCH_WRITE, t.cpu.debugHooks().watchHitKind());
        assertEquals(0x9000, t.reg(Cpu.EBX));
    }

    @Test
    void aWatchSpanningThreePagesStopsOnAWriteToItsMiddlePage() throws Exception {
        CpuTestRig t = new CpuTestRig().load("""
                movl $5, 0x201400
                mov $3, %ebx
                hlt
            """);
        t.cpu.debugHooks().addWatchpoint(0x200800, 0x2000, DebugHooks.WATCH_WRITE); // pages 0x200000-0x202000
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertEquals(0x201400, t.cpu.debugHooks().watchHitAddress());
        assertEquals(5, t.memory.read32(0x201400));
        assertEquals(0x9000, t.reg(Cpu.EBX));
    }

    @Test
    void aWatchedWriteThatFaultsStopsOnlyWhenTheRestartedWriteCompletes() throws Exception {
        // the write straddles from the watched dword into 0x500000, which is not present until the #PF handler maps it
        CpuTestRig t = MiniKernel.boot(PagingAndPrivilegeTest.PAGING + """
                mov $14, %ecx
                mov $h14, %eax
                mov $0x8E00, %edx
                call set_gate
                mov $after_write, %ecx
                mov $0x4ffffe, %edi
                movl $0x11223344, (%edi)
            after_write:
                mov $3, %ebx
                hlt
            h14: inc %ebp
                movl $0x00500007, 0x401400
                invlpg 0x500000
                add $4, %esp
                iret
            """);
        t.cpu.debugHooks().addWatchpoint(0x4ffffc, 4, DebugHooks.WATCH_WRITE);
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertTrue(t.cpu.debugHooks().stoppedByWatchpoint());
        assertEquals(t.reg(Cpu.ECX), t.regs.eip(), "stopped right after the write, not in the #PF handler");
        assertEquals(1, t.reg(Cpu.EBP), "the #PF handler ran once");
        assertEquals(0x3344, t.memory.read16(0x4ffffe), "the restarted write completed");
        assertEquals(0x1122, t.memory.read16(0x500000));
        assertEquals(0x9000, t.reg(Cpu.EBX), "the next instruction did not run");
        assertEquals(0, t.reg(Cpu.ESI));
        t.cpu.debugHooks().clearWatchpoints();
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(3, t.reg(Cpu.EBX));
    }

    /** Single-steps itself with TF from a write to 0x200020 on; its #DB handler logs each EIP from 0x200100. */
    private static final String SELF_STEPPING = """
                mov $1, %ecx
                mov $db, %eax
                mov $0x8E00, %edx
                call set_gate
                movl $0x200100, 0x2000fc
                pushf
                orl $0x100, (%esp)
                popf
                movl $1, 0x200020
                mov $2, %ebx
                mov $3, %ecx
                pushf
                andl $~0x100, (%esp)
                popf
                hlt
            db: push %eax
                push %edx
                mov 0x2000fc, %edx
                mov 8(%esp), %eax
                mov %eax, (%edx)
                addl $4, 0x2000fc
                pop %edx
                pop %eax
                iret
            """;

    private static List<Integer> stepLog(CpuTestRig t) {
        List<Integer> eips = new ArrayList<>();
        for (int at = 0x200100; at < t.memory.read32(0x2000fc); at += 4) {
            eips.add(t.memory.read32(at));
        }
        return eips;
    }

    @Test
    void aWatchpointStopDoesNotMakeTheGuestLoseTheSingleStepTrapOfTheWatchedWrite() throws Exception {
        CpuTestRig plain = MiniKernel.boot(SELF_STEPPING);
        assertEquals(Cpu.RUN_HALTED, plain.run());
        CpuTestRig t = MiniKernel.boot(SELF_STEPPING);
        t.cpu.debugHooks().addWatchpoint(0x200020, 4, DebugHooks.WATCH_WRITE);
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertTrue(t.cpu.debugHooks().stoppedByWatchpoint());
        int afterWrite = t.regs.eip();
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(stepLog(plain), stepLog(t), "the guest sees the same single-step traps with and without the stop");
        assertTrue(stepLog(t).contains(afterWrite), "the write's trap: " + stepLog(t));
    }

    @Test
    void aStepAfterAWatchpointStopOnADataBreakpointHitEndsAtTheGuestsDebugHandler() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $1, %ecx
                mov $db, %eax
                mov $0x8E00, %edx
                call set_gate
                mov $0x200020, %eax
                mov %eax, %dr0
                mov $0x000d0001, %eax
                mov %eax, %dr7
                mov $db, %ecx
                movl $1, 0x200020
                mov $2, %ebx
                hlt
            db: mov (%esp), %edi
                mov %dr6, %ebp
                iret
            """);
        t.cpu.debugHooks().addWatchpoint(0x200020, 4, DebugHooks.WATCH_WRITE);
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertTrue(t.cpu.debugHooks().stoppedByWatchpoint());
        int afterWrite = t.regs.eip();
        t.cpu.debugHooks().setSingleStep(true);
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertEquals(t.reg(Cpu.ECX), t.regs.eip(), "the step delivered the guest's #DB");
        assertEquals(0x9000, t.reg(Cpu.EBX), "and ran nothing after the write");
        assertEquals(Cpu.RUN_DEBUG, t.run());
        assertEquals(afterWrite, t.reg(Cpu.EDI), "the #DB's EIP is right after the write");
        t.cpu.debugHooks().setSingleStep(false);
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(1, t.reg(Cpu.EBP) & 0xF, "DR6: B0");
        assertEquals(2, t.reg(Cpu.EBX));
    }
}
