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

    @Test
    void overlappingRepMovsbReplicatesLikeAByteLoop() throws Exception {
        CpuTestRig t = new CpuTestRig().load("""
                movb $0x5a, 0x200000
                mov $0x200000, %esi
                mov $0x200001, %edi
                mov $100, %ecx
                cld
                rep movsb
                hlt
            """);
        t.run();
        for (int k = 0; k <= 100; k++) {
            assertEquals(0x5a, t.memory.read8(0x200000 + k), "byte " + k);
        }
        assertEquals(0, t.memory.read8(0x200000 + 101)); // and not one byte further
    }

    @Test
    void repStosdOverCodeAlreadyRunExecutesTheNewBytes() throws Exception {
        CpuTestRig t = new CpuTestRig().load("""
                xor %ebx, %ebx
                call target
                mov %ebx, %esi
                mov $target, %edi
                mov $0x90909090, %eax
                mov $2, %ecx
                cld
                rep stosl
                xor %ebx, %ebx
                call target
                hlt
            target:
                mov $1, %ebx
                nop
                nop
                nop
                ret
            """);
        t.run();
        assertEquals(1, t.reg(Cpu.ESI)); // first call ran the original mov
        assertEquals(0, t.reg(Cpu.EBX)); // second call ran the nops stored over it
    }

    @Test
    void backwardRepMovsdCopiesFromTheTop() throws Exception {
        CpuTestRig t = new CpuTestRig().load("""
                movl $1, 0x200000
                movl $2, 0x200004
                movl $3, 0x200008
                mov $0x200008, %esi
                mov $0x20000c, %edi
                mov $3, %ecx
                std
                rep movsl
                cld
                hlt
            """);
        t.run();
        assertEquals(1, t.memory.read32(0x200004));
        assertEquals(2, t.memory.read32(0x200008));
        assertEquals(3, t.memory.read32(0x20000c));
    }

    @Test
    void longRepYieldsToTheRunLoopAndContinuesWhereItStopped() throws Exception {
        CpuTestRig t = new CpuTestRig().load("""
                mov $0xf0000000, %edi
                mov $0x30000, %ecx
                cld
                rep stosb
                hlt
            """);
        assertEquals(Cpu.RUN_BUDGET, t.cpu.run(4)); // two movs, cld and one slice of the rep
        assertEquals(0x30000 - StringOps.REP_SLICE, t.reg(Cpu.ECX));
        assertEquals(0xf0000000 + StringOps.REP_SLICE, t.reg(Cpu.EDI));
        assertEquals(CpuTestRig.ORIGIN + 11, t.regs.eip()); // still on the rep stosb
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(0, t.reg(Cpu.ECX));
    }
}
