package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** I/O permission, call gates, descriptor instructions, MSRs, cpuid, debug registers, TF, REP restart. */
@Timeout(30)
class SystemInstructionsTest {
    private static String gate(int vector, String handler, String attrs) {
        return "mov $" + vector + ", %ecx\n mov $" + handler + ", %eax\n mov $" + attrs + ", %edx\n call set_gate\n";
    }

    private static final String TO_RING3 = """
                mov $0x23, %ax
                mov %ax, %ds
                mov %ax, %es
                push $0x23
                push $0x7f0000
                pushf
                push $0x1b
                push $user_main
                iret
            """;

    @Test
    void ioBitmapAllowsAPortAndDeniesItsNeighbourInRing3() throws Exception {
        // the TSS bitmap starts at offset 104: ports 0-7 map to byte 104; allow port 0xE9 only
        CpuTestRig t = MiniKernel.boot(gate(13, "h13", "0x8E00") + gate(0x80, "h80", "0xEE00") + """
                movw $104, tss+0x66
                mov $tss+104, %edi
                mov $0xff, %al
                mov $32, %ecx
                rep stosb
                andb $0xfd, tss+104+(0xe9/8)
                movw $104+32+1, gdt+0x28
                movb $0x89, gdt+0x28+5
                mov $0x28, %ax
                ltr %ax
            """ + TO_RING3 + """
            user_main:
                mov $'k', %al
                out %al, $0xe9
                out %al, $0xe8
                int $0x80
            h13: pop %ebx
                mov (%esp), %edi
                cli
                hlt
            h80: cli
                hlt
            """);
        t.run();
        assertEquals("k", t.output());
        assertEquals(0, t.reg(Cpu.EBX)); // #GP(0) for the denied port
        assertEquals(0xE6, t.memory.read8(t.reg(Cpu.EDI))); // faulting instruction: out %al, $imm8
    }

    @Test
    void callGateFromRing3CopiesParametersToTheRing0Stack() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $gatefn, %eax
                mov %ax, callgate
                shr $16, %eax
                mov %ax, callgate+6
                lgdt gdt2_desc
            """ + TO_RING3 + """
            user_main:
                push $0x1111
                push $0x2222
                lcall $0x33, $0
                mov $1, %eax
            gatefn:
                mov %cs, %ebx
                mov 8(%esp), %ecx
                mov 12(%esp), %edx
                mov 20(%esp), %esi
                cli
                hlt
                .p2align 3
            gdt2:
                .quad 0
                .quad 0x00CF9A000000FFFF
                .quad 0x00CF92000000FFFF
                .quad 0x00CFFA000000FFFF
                .quad 0x00CFF2000000FFFF
                .quad 0
            callgate:
                .word 0, 0x08
                .byte 2, 0xEC
                .word 0
            gdt2_end:
            gdt2_desc: .word gdt2_end - gdt2 - 1
                .long gdt2
            """);
        t.run();
        assertEquals(0x08, t.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(0x2222, t.reg(Cpu.ECX));
        assertEquals(0x1111, t.reg(Cpu.EDX));
        assertEquals(0x23, t.reg(Cpu.ESI));
        assertEquals(0x7fe000 - 24, t.reg(Cpu.ESP));
    }

    @Test
    void larLslAndVerwReportDescriptorFields() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $0x1b, %ecx
                lar %ecx, %eax
                lsl %ecx, %ebx
                mov $0x08, %ecx
                verw %cx
                setz %dl
                mov $0x10, %ecx
                verw %cx
                setz %dh
                mov $0x99, %ecx
                lsl %ecx, %esi
                setz %cl
                hlt
            """);
        t.run();
        assertEquals(0x00C0FA00, t.eax()); // bits 16-19 are undefined; zero like QEMU
        assertEquals(0xFFFFFFFF, t.reg(Cpu.EBX));
        assertEquals(0x0100, t.reg(Cpu.EDX) & 0xFFFF); // code not writable, data writable
        assertEquals(0, t.reg(Cpu.ECX) & 0xFF);
    }

    @Test
    void arplRaisesTheRequestedPrivilegeLevel() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $0x10, %eax
                mov $0x1b, %ebx
                arpl %bx, %ax
                setz %cl
                hlt
            """);
        t.run();
        assertEquals(0x13, t.eax() & 0xFFFF);
        assertEquals(1, t.reg(Cpu.ECX) & 0xFF);
    }

    @Test
    void boundOutsideTheRangeRaisesBr() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(5, "h5", "0x8E00") + """
                mov $10, %eax
                bound %eax, limits
                mov $11, %eax
                bound %eax, limits
                hlt
            h5: mov $5, %ebx
                cli
                hlt
            limits: .long 0, 10
            """);
        t.run();
        assertEquals(5, t.reg(Cpu.EBX));
        assertEquals(11, t.eax());
    }

    @Test
    void cpuidReportsAnI686WithSysenterAndGlobalPages() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                xor %eax, %eax
                cpuid
                mov %ebx, %esi
                mov $1, %eax
                cpuid
                hlt
            """);
        t.run();
        assertEquals(0x756E6547, t.reg(Cpu.ESI));
        assertEquals(6, (t.eax() >> 8) & 0xF);
        int edx = t.reg(Cpu.EDX);
        for (int bit : new int[] {0, 3, 4, 5, 8, 11, 13, 15}) {
            assertEquals(1, (edx >> bit) & 1, "feature bit " + bit);
        }
        assertEquals(0, (edx >> 6) & 1, "no PAE");
        assertEquals(0, (edx >> 25) & 1, "no SSE");
    }

    @Test
    void rdtscCountsRetiredInstructions() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                rdtsc
                mov %eax, %ebx
                nop
                nop
                rdtsc
                sub %ebx, %eax
                hlt
            """);
        t.run();
        assertEquals(4, t.eax()); // the first rdtsc, mov and two nops retired in between
    }

    @Test
    void rdmsrOfAnUnknownMsrRaisesGp() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(13, "h13", "0x8E00") + """
                mov $0x175, %ecx
                mov $0x1234, %eax
                xor %edx, %edx
                wrmsr
                xor %eax, %eax
                rdmsr
                mov %eax, %esi
                mov $0xdeadbeef, %ecx
                rdmsr
                hlt
            h13: mov $13, %ebx
                cli
                hlt
            """);
        t.run();
        assertEquals(0x1234, t.reg(Cpu.ESI));
        assertEquals(13, t.reg(Cpu.EBX));
    }

    @Test
    void popfInRing3CannotClearIf() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(0x80, "h80", "0xEE00") + """
                sti
            """ + TO_RING3 + """
            user_main:
                push $0
                popf
                pushf
                pop %ebx
                int $0x80
            h80: cli
                hlt
            """);
        t.run();
        assertEquals(Flags.IF, t.reg(Cpu.EBX) & Flags.IF);
    }

    @Test
    void trapFlagRaisesDebugAfterEachInstruction() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(1, "h1", "0x8E00") + """
                xor %esi, %esi
                pushf
                orl $0x100, (%esp)
                popf
                nop
                nop
                pushf
                andl $~0x100, (%esp)
                popf
                mov %esi, %ebx
                hlt
            h1: inc %esi
                mov %dr6, %edi
                iret
            """);
        t.run();
        // traps after: popf(set TF)? no - TF takes effect after popf; then nop, nop, pushf, andl, popf
        assertEquals(5, t.reg(Cpu.EBX));
        assertEquals(0x4000, t.reg(Cpu.EDI) & 0x4000);
    }

    @Test
    void dr7InstructionBreakpointFaultsBeforeTheInstruction() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(1, "h1", "0x8E00") + """
                mov $target, %eax
                mov %eax, %dr0
                mov $0x1, %eax
                mov %eax, %dr7
                xor %ebx, %ebx
            target:
                inc %ebx
                hlt
            h1: mov (%esp), %esi
                mov %dr6, %edi
                orl $0x10000, 8(%esp)
                xor %eax, %eax
                mov %eax, %dr7
                iret
            """);
        t.run();
        assertEquals(1, t.reg(Cpu.EBX));
        assertEquals(1, t.reg(Cpu.EDI) & 0xF);
        assertEquals(0x43, t.memory.read8(t.reg(Cpu.ESI))); // inc %ebx was not yet executed
    }

    @Test
    void dr7DataWriteBreakpointTrapsAfterTheStore() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(1, "h1", "0x8E00") + """
                mov $watched, %eax
                mov %eax, %dr1
                mov $0x00d00004, %eax
                mov %eax, %dr7
                xor %esi, %esi
                mov watched, %ecx
                movl $5, watched
                nop
                hlt
            h1: inc %esi
                mov %dr6, %edi
                mov watched, %ebx
                iret
                .p2align 2
            watched: .long 0
            """);
        t.run();
        assertEquals(1, t.reg(Cpu.ESI));
        assertEquals(2, t.reg(Cpu.EDI) & 0xF);
        assertEquals(5, t.reg(Cpu.EBX));
    }

    @Test
    void repStosFaultingMidwayRestartsWithProgressKept() throws Exception {
        CpuTestRig t = MiniKernel.boot(PagingAndPrivilegeTest.PAGING + gate(14, "h14", "0x8E00") + """
                xor %ebp, %ebp
                mov $0x4ffff0, %edi
                mov $8, %ecx
                mov $0x11111111, %eax
                cld
                rep stosl
                hlt
            h14: inc %ebp
                mov %ecx, %ebx
                movl $0x00500007, 0x401400
                add $4, %esp
                iret
            """);
        t.run();
        assertEquals(1, t.reg(Cpu.EBP));
        assertEquals(4, t.reg(Cpu.EBX)); // four dwords were stored before the fault
        assertEquals(0, t.reg(Cpu.ECX));
        assertEquals(0x11111111, t.memory.read32(0x50000c));
        assertEquals(0x500010, t.reg(Cpu.EDI));
    }

    @Test
    void stiDelaysInterruptsByOneInstruction() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(0x20, "h20", "0x8E00") + """
                xor %ebx, %ebx
                sti
                mov $1, %ebx
                mov $2, %ebx
                cli
                hlt
            h20: mov %ebx, %esi
                iret
            """);
        t.pic.pendingVector = 0x20;
        t.run();
        assertEquals(1, t.reg(Cpu.ESI)); // the instruction after sti ran first
    }

    @Test
    void enterWithNestingLevelCopiesFramePointers() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $0x7f0000, %ebp
                mov $0x7e0000, %esp
                movl $0xaaaa, 0x7efffc
                enter $16, $2
                mov %ebp, %ebx
                mov (%ebp), %ecx
                mov -4(%ebp), %edx
                mov -8(%ebp), %esi
                leave
                hlt
            """);
        t.run();
        assertEquals(0x7e0000 - 4, t.reg(Cpu.EBX));
        assertEquals(0x7f0000, t.reg(Cpu.ECX));
        assertEquals(0xaaaa, t.reg(Cpu.EDX));
        assertEquals(0x7e0000 - 4, t.reg(Cpu.ESI));
        assertEquals(0x7e0000, t.reg(Cpu.ESP));
        assertEquals(0x7f0000, t.reg(Cpu.EBP));
    }

    @Test
    void sixteenBitAddressingUsesBxSiAndWrapsAt64k() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $0x1000, %ebx
                mov $0x0010, %esi
                movl $0x12345678, 0x1010
                addr16 mov (%bx,%si), %eax
                mov $0xffff, %ebx
                mov $0x0002, %esi
                movl $0xcafe, 0x0001
                addr16 mov (%bx,%si), %ecx
                hlt
            """);
        t.run();
        assertEquals(0x12345678, t.eax());
        assertEquals(0xcafe, t.reg(Cpu.ECX));
    }

    @Test
    void cmpxchg8bSwapsWhenEqualAndLoadsWhenNot() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $1, %eax
                mov $2, %edx
                mov $3, %ebx
                mov $4, %ecx
                lock cmpxchg8b val
                setz %al
                mov val, %esi
                mov val+4, %edi
                mov $0, %eax
                cmpxchg8b val
                setz %bl
                hlt
                .p2align 3
            val: .long 1, 2
            """);
        t.run();
        assertEquals(3, t.reg(Cpu.ESI));
        assertEquals(4, t.reg(Cpu.EDI));
        assertEquals(3, t.eax());
        assertEquals(4, t.reg(Cpu.EDX));
        assertEquals(0, t.reg(Cpu.EBX) & 0xFF);
    }

    @Test
    void lockPrefixOnARegisterOperandIsUndefined() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(6, "h6", "0x8E00") + """
                lock add %eax, %eax
                hlt
            h6: mov $6, %ebx
                cli
                hlt
            """.replace("lock add %eax, %eax", ".byte 0xf0, 0x01, 0xc0"));
        t.run();
        assertEquals(6, t.reg(Cpu.EBX));
    }

    @Test
    void cmovMovesOnlyWhenTheConditionHolds() throws Exception {
        CpuTestRig t = MiniKernel.boot("""
                mov $1, %eax
                mov $2, %ebx
                mov $3, %ecx
                cmp %ebx, %eax
                cmovl %ecx, %eax
                cmovg %ecx, %ebx
                nopw 0(%eax,%eax,1)
                hlt
            """);
        t.run();
        assertEquals(3, t.eax());
        assertEquals(2, t.reg(Cpu.EBX));
    }

    @Test
    void aPentiumHasNoSysenterAndSaysSoInCpuid() throws Exception {
        CpuTestRig t = MiniKernel.boot(gate(6, "h6", "0x8E00") + """
                mov $1, %eax
                cpuid
                mov %edx, %esi
                sysenter
                hlt
            h6: mov $6, %ebx
                cli
                hlt
            """);
        t.cpu.setModel(CpuModel.PENTIUM);
        t.run();
        assertEquals(0, t.reg(Cpu.ESI) & (1 << 11));
        assertEquals(5, (t.eax() >> 8) & 0xF);
        assertEquals(6, t.reg(Cpu.EBX));
    }
}
