package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Task-switch rules the QEMU comparison (tasks/TaskSwitchKernelTest) cannot check: what trapgate
 * deliberately does differently from QEMU 7.2, per the SDM.
 */
@Timeout(30)
class TaskSwitchRulesTest {
    /** Our GDT: MiniKernel's six entries, then extra descriptors at 0x30.. from {@code extra}. */
    private static String withGdt(String extra, String body) {
        return """
                mov $gdt, %esi
                mov $tgdt, %edi
                mov $12, %ecx
                rep movsl
                lgdt tgdt_desc
            """ + body + """
                .p2align 3
            tgdt: .fill 6*8, 1, 0
            """ + extra + """
            tgdt_end:
            tgdt_desc: .word tgdt_end - tgdt - 1
                .long tgdt
            """;
    }

    @Test
    void farJumpToA16BitTssRaisesTsWithItsSelector() throws Exception {
        CpuTestRig t = MiniKernel.boot(withGdt("    .quad 0x000081000000002b\n", """
                mov $10, %ecx
                mov $h10, %eax
                mov $0x8E00, %edx
                call set_gate
                ljmp $0x30, $0
                hlt
            h10: pop %ebx
                cli
                hlt
            """));
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(0x30, t.reg(Cpu.EBX)); // the #TS handler ran, with the TSS selector
    }

    @Test
    void externalInterruptThroughATaskGateToABusyTssRaisesGpWithTheExtBit() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $13, %ecx
                mov $h13, %eax
                mov $0x8E00, %edx
                call set_gate
                movl $(0x28 << 16), idt+0x20*8
                movl $0x8500, idt+0x20*8+4
                xor %ebx, %ebx
                sti
                hlt
            h13: pop %ebx
                cli
                hlt
            """);
        assertEquals(Cpu.RUN_HALTED, t.run());
        t.pic.pendingVector = 0x20;
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(0x28 | 1, t.reg(Cpu.EBX)); // the task gate's TSS is our own, busy one
        assertEquals(0, t.reg(Cpu.ESI));
    }
}
