package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class BasicExecutionTest {
    @Test
    void movAndAddLeaveTheSumInEax() throws Exception {
        CpuTestRig t = new CpuTestRig().load("mov $40, %eax\n add $2, %eax\n hlt");
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(42, t.eax());
    }

    @Test
    void loopWithJccCountsDown() throws Exception {
        CpuTestRig t = new CpuTestRig().load("mov $10, %ecx\n xor %eax,%eax\n1: add %ecx,%eax\n dec %ecx\n jnz 1b\n hlt");
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(55, t.eax());
        assertEquals(0, t.reg(Cpu.ECX));
    }

    @Test
    void callAndRetUseTheStack() throws Exception {
        CpuTestRig t = new CpuTestRig().load("call f\n hlt\nf: mov $7, %ebx\n ret");
        t.run();
        assertEquals(7, t.reg(Cpu.EBX));
        assertEquals(CpuTestRig.STACK_TOP, t.reg(Cpu.ESP));
    }

    @Test
    void outWritesToTheIoBus() throws Exception {
        CpuTestRig t = new CpuTestRig().load("mov $'h', %al\n out %al, $0xe9\n mov $'i', %al\n mov $0xe9, %dx\n out %al, %dx\n hlt");
        t.run();
        assertEquals("hi", t.output());
    }

    @Test
    void repMovsbCopiesAString() throws Exception {
        CpuTestRig t = new CpuTestRig().load(
                "cld\n lea src, %esi\n mov $0x200000, %edi\n mov $5, %ecx\n rep movsb\n"
                + " mov $0x200000, %esi\n mov $5, %ecx\n mov $0xe9, %dx\n rep outsb\n hlt\nsrc: .ascii \"hello\"");
        t.run();
        assertEquals("hello", t.output());
    }

    @Test
    void budgetEndsTheRunWithRunBudget() throws Exception {
        CpuTestRig t = new CpuTestRig().load("1: jmp 1b");
        assertEquals(Cpu.RUN_BUDGET, t.cpu.run(1000));
        assertEquals(1000, t.cpu.retired());
    }

    @Test
    void requestStopEndsTheRun() throws Exception {
        CpuTestRig t = new CpuTestRig().load("1: jmp 1b");
        t.cpu.requestStop();
        assertEquals(Cpu.RUN_STOP_REQUESTED, t.cpu.run(1000));
    }

    @Test
    void undefinedOpcodeWithoutIdtTripleFaults() throws Exception {
        CpuTestRig t = new CpuTestRig().load("ud2");
        // the IDT limit after reset is 0x3ff but protected mode needs 8-byte gates: vector 6 gate is zero → #GP → #DF → triple
        assertEquals(Cpu.RUN_TRIPLE_FAULT, t.run());
    }
}
