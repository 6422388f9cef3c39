package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Error codes of segment faults, double faults, far returns across privilege, TLB flush rules. */
@Timeout(30)
class ExceptionsAndSegmentsTest {
    private static String gate(int vector, String handler) {
        return "mov $" + vector + ", %ecx\n mov $" + handler + ", %eax\n mov $0x8E00, %edx\n call set_gate\n";
    }

    /** Appends descriptors to the prelude's GDT at 0x30 and up by loading a bigger copy. */
    private static final String EXTRA_GDT = """
                lgdt gdt3_desc
                jmp 5f
                .p2align 3
            gdt3:
                .quad 0
                .quad 0x00CF9A000000FFFF
                .quad 0x00CF92000000FFFF
                .quad 0x00CFFA000000FFFF
                .quad 0x00CFF2000000FFFF
                .quad 0
                .quad 0x00CF12000000FFFF    # 0x30: data, not present
                .quad 0x0040920000000FFF    # 0x38: data, limit 0xfff bytes
                .quad 0x0040F20000000FFF    # 0x40: ring-3 data, limit 0xfff bytes
            gdt3_end:
            gdt3_desc: .word gdt3_end - gdt3 - 1
                .long gdt3
            5:
            """;

    @Test
    void notPresentDataSegmentRaisesNpWithTheSelector() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(11, "h11") + EXTRA_GDT + """
                mov $0x30, %ax
                mov %ax, %es
                hlt
            h11: pop %ebx
                cli
                hlt
            """);
        t.run();
        assertEquals(0x30, t.reg(Cpu.EBX));
    }

    @Test
    void stackAccessBeyondTheSsLimitRaisesSsWithErrorCodeZero() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(12, "h12") + EXTRA_GDT + """
                push $0x43
                push $0x2000
                push $0x1b
                push $user_main
                lret
            user_main:
                push %eax
                hlt
            h12: pop %ebx
                mov $12, %esi
                cli
                hlt
            """);
        t.run();
        assertEquals(12, t.reg(Cpu.ESI), t.cpu::describeState);
        assertEquals(0, t.reg(Cpu.EBX));
    }

    @Test
    void dataAccessBeyondTheLimitRaisesGpZero() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(13, "h13") + EXTRA_GDT + """
                mov $0x38, %ax
                mov %ax, %es
                mov %es:0xffc, %eax
                mov $0x77, %ebx
                mov %es:0xffe, %eax
                hlt
            h13: pop %esi
                cli
                hlt
            """);
        t.run();
        assertEquals(0x77, t.reg(Cpu.EBX));
        assertEquals(0, t.reg(Cpu.ESI));
    }

    @Test
    void faultWhileDeliveringAFaultBecomesADoubleFaultWithErrorCodeZero() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(8, "h8") + """
                andb $0x7f, idt+13*8+5
                mov $0x1233, %ax
                mov %ax, %ds
                hlt
            h8: pop %ebx
                mov $8, %esi
                cli
                hlt
            """);
        t.run();
        assertEquals(8, t.reg(Cpu.ESI));
        assertEquals(0, t.reg(Cpu.EBX));
    }

    @Test
    void benignExceptionDuringDeliveryIsHandledSerially() throws Exception {
        // int3 through a not-present gate: #NP(vector 3) is delivered normally, not #DF
        CpuTestRig t = MiniKernel.boot(gate(11, "h11") + gate(8, "h8") + """
                andb $0x7f, idt+3*8+5
                int3
                hlt
            h11: pop %ebx
                cli
                hlt
            h8: mov $8, %esi
                cli
                hlt
            """);
        t.run();
        assertEquals(3 * 8 + 2, t.reg(Cpu.EBX));
        assertEquals(0, t.reg(Cpu.ESI));
    }

    @Test
    void farReturnToRing3NullsKernelDataSegments() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(0x80, "h80").replace("0x8E00", "0xEE00") + """
                push $0x23
                push $0x7f0000
                push $0x1b
                push $user_main
                lret
            user_main:
                mov %ds, %ebx
                mov %ss, %ecx
                int $0x80
            h80: cli
                hlt
            """);
        t.run();
        assertEquals(0, t.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(0x23, t.reg(Cpu.ECX) & 0xFFFF);
    }

    @Test
    void movToSsHoldsOffInterruptsForOneInstruction() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(0x20, "h20") + """
                xor %ebx, %ebx
                mov %ss, %eax
                sti
                nop
                mov %eax, %ss
                mov $5, %ebx
                mov $6, %ebx
                cli
                hlt
            h20: mov %ebx, %esi
                iret
            """);
        t.cpu.debugHooks().setSingleStep(true);
        int guard = 0;
        while (!(t.memory.read8(t.regs.eip()) == 0x8E && t.memory.read8(t.regs.eip() + 1) == 0xD0
                && (t.regs.eflags() & Flags.IF) != 0)) {
            assertEquals(Cpu.RUN_DEBUG, t.run());
            if (++guard > 10000) {
                throw new AssertionError("never reached mov %eax,%ss");
            }
        }
        assertEquals(Cpu.RUN_DEBUG, t.run()); // executes mov %eax,%ss
        t.pic.pendingVector = 0x20;
        t.cpu.debugHooks().setSingleStep(false);
        t.run();
        assertEquals(5, t.reg(Cpu.ESI)); // the instruction after mov ss ran before the interrupt
        assertEquals(1, t.pic.acknowledged);
    }

    @Test
    void cr3ReloadFlushesOrdinaryPagesButKeepsGlobalOnes() throws Exception {
        CpuTestRig t = MiniKernel.boot(PagingAndPrivilegeTest.PAGING + """
                mov %cr4, %eax
                or $0x80, %eax
                mov %eax, %cr4
                movl $0x00600103, 0x402000
                movl $0x00601003, 0x402004
                movl $0xaaaa, 0x600000
                movl $0xbbbb, 0x601000
                movl $0xcccc, 0x602000
                mov 0x80000000, %eax
                mov 0x80001000, %eax
                movl $0x00602103, 0x402000
                movl $0x00602003, 0x402004
                mov %cr3, %eax
                mov %eax, %cr3
                mov 0x80000000, %ebx
                mov 0x80001000, %ecx
                invlpg 0x80000000
                mov 0x80000000, %edx
                hlt
            """);
        t.run();
        assertEquals(0xaaaa, t.reg(Cpu.EBX)); // global: still the old translation
        assertEquals(0xcccc, t.reg(Cpu.ECX)); // non-global: re-walked
        assertEquals(0xcccc, t.reg(Cpu.EDX)); // invlpg drops the global entry too
    }
}
