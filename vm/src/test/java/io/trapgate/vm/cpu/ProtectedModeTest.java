package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class ProtectedModeTest {
    @Test
    void farJumpLoadsCsFromTheGdt() throws Exception {
        CpuTestRig t = MiniKernel.boot("mov %cs, %eax\n mov %ss, %ebx\n hlt");
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(0x08, t.eax() & 0xFFFF);
        assertEquals(0x10, t.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(0, t.reg(Cpu.ESI));
    }

    @Test
    void softwareInterruptRunsTheGateHandlerAndIretReturns() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $0x30, %ecx
                mov $h30, %eax
                mov $0x8E00, %edx
                call set_gate
                mov $0, %ebx
                int $0x30
                add $1, %ebx
                hlt
            h30: mov $100, %ebx
                iret
            """);
        t.run();
        assertEquals(101, t.reg(Cpu.EBX));
        assertEquals(0, t.reg(Cpu.ESI));
    }

    @Test
    void divideByZeroPushesTheFaultingEip() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $0, %ecx
                mov $h0, %eax
                mov $0x8E00, %edx
                call set_gate
                xor %ecx, %ecx
                mov $5, %eax
            faulting: div %ecx
                hlt
            h0: mov (%esp), %ebx
                cli
                hlt
            """);
        t.run();
        assertEquals(t.reg(Cpu.EBX), labelAfterPrelude(t, "faulting"));
    }

    /** The faulting div is 2 bytes before the hlt that follows it; compute from the pushed EIP instead. */
    private static int labelAfterPrelude(CpuTestRig t, String label) {
        // div %ecx (f7 f1) is followed by hlt (f4): the pushed EIP must point at f7 f1
        int eip = t.reg(Cpu.EBX);
        assertEquals(0xF7, t.memory.read8(eip));
        assertEquals(0xF1, t.memory.read8(eip + 1));
        return eip;
    }

    @Test
    void loadingAnOutOfRangeSelectorRaisesGpWithTheSelectorAsErrorCode() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $13, %ecx
                mov $h13, %eax
                mov $0x8E00, %edx
                call set_gate
                mov $0x1233, %ax
                mov %ax, %ds
                hlt
            h13: pop %ebx
                cli
                hlt
            """);
        t.run();
        assertEquals(0x1230, t.reg(Cpu.EBX));
    }

    @Test
    void externalInterruptWakesHltAndIsAcknowledged() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $0x20, %ecx
                mov $h20, %eax
                mov $0x8E00, %edx
                call set_gate
                xor %ebx, %ebx
                sti
                hlt
                cli
                hlt
            h20: inc %ebx
                iret
            """);
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(0, t.reg(Cpu.EBX));
        t.pic.pendingVector = 0x20;
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(1, t.reg(Cpu.EBX));
        assertEquals(1, t.pic.acknowledged);
    }

    @Test
    void interruptIsNotTakenWhileIfIsClear() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $0x20, %ecx
                mov $h20, %eax
                mov $0x8E00, %edx
                call set_gate
                xor %ebx, %ebx
                cli
                nop
                nop
                hlt
            h20: inc %ebx
                iret
            """);
        t.pic.pendingVector = 0x20;
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(0, t.reg(Cpu.EBX));
        assertEquals(0, t.pic.acknowledged);
    }

    @Test
    void undefinedOpcodeRaisesUdThroughTheIdt() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $6, %ecx
                mov $h6, %eax
                mov $0x8E00, %edx
                call set_gate
                .byte 0x0f, 0xff
                hlt
            h6: mov $6, %ebx
                cli
                hlt
            """);
        t.run();
        assertEquals(6, t.reg(Cpu.EBX));
    }

    @Test
    void faultInsideTheDoubleFaultHandlerIsATripleFault() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                lidt bad_idt
                int3
                hlt
            bad_idt: .word 0
                .long 0
            """);
        assertEquals(Cpu.RUN_TRIPLE_FAULT, t.run());
    }

    @Test
    void selfModifyingCodeRunsTheNewBytes() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $2, %ecx
            again:
            patch: mov $1, %eax
                movl $2, patch+1
                dec %ecx
                jnz again
                hlt
            """);
        t.run();
        assertEquals(2, t.eax());
    }

    /**
     * The run loop chains decoded instructions once it has seen them follow each other. The
     * store here runs every iteration, into a data byte of the code's own page (which keeps the
     * decoded instructions) until the 51st, when it patches the immediate of the add right
     * after it: that add, and every one after, must run with the new byte, not the chained one.
     */
    @Test
    void patchingTheNextInstructionOfAChainedLoopRunsTheNewBytes() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $100, %ecx
                xor %ebx, %ebx
            again:
                lea data, %edx          # not code: writing it keeps the decoded page
                cmp $50, %ecx
                jne 1f
                lea imm, %edx
            1:  movb $3, (%edx)
                .byte 0x83, 0xC3        # add $imm8, %ebx
            imm: .byte 1
                dec %ecx
                jnz again
                hlt
            data: .byte 0
            """);
        t.run();
        assertEquals(50 * 1 + 50 * 3, t.reg(Cpu.EBX));
    }
}
