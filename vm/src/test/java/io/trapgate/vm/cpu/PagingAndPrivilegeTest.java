package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Paging, #PF, ring 3 via iret, int $0x80 through a DPL-3 gate, sysenter/sysexit. */
@Timeout(30)
class PagingAndPrivilegeTest {
    /**
     * Page directory at 0x400000: entry 0 a 4 MiB user+supervisor identity page (PSE), entry 1
     * (0x400000-0x7fffff) a page table at 0x401000 mapping identity for user and supervisor,
     * except page 0x500000 not present. Linear 0x80000000 (entry 512) is a page table at 0x402000
     * mapping 0x80000000 → physical 0x600000 supervisor-only.
     */
    static final String PAGING = """
                mov %cr4, %eax
                or $0x10, %eax
                mov %eax, %cr4
                mov $0x400000, %edi
                xor %eax, %eax
                mov $3072, %ecx
                rep stosl
                movl $0x000000E7, 0x400000
                movl $0x00401007, 0x400004
                movl $0x00402003, 0x400800
                mov $0x401000, %edi
                mov $0x400007, %eax
                mov $1024, %ecx
            3:  stosl
                add $0x1000, %eax
                loop 3b
                movl $0, 0x401400
                movl $0x00600003, 0x402000
                mov $0x400000, %eax
                mov %eax, %cr3
                mov %cr0, %eax
                or $0x80010000, %eax
                mov %eax, %cr0
            """;

    @Test
    void writesThroughAMappedPageLandInItsPhysicalFrame() throws Exception {
        CpuTestRig t = MiniKernel.boot(PAGING + """
                movl $0x12345678, 0x80000010
                mov 0x80000010, %ebx
                hlt
            """);
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(0, t.reg(Cpu.ESI));
        assertEquals(0x12345678, t.reg(Cpu.EBX));
        assertEquals(0x12345678, t.memory.read32(0x600010));
    }

    @Test
    void pageWalkSetsAccessedAndDirtyBits() throws Exception {
        CpuTestRig t = MiniKernel.boot(PAGING + """
                mov 0x80000000, %eax
                mov 0x402000, %ebx
                movl $1, 0x80000000
                mov 0x402000, %ecx
                hlt
            """);
        t.run();
        assertEquals(0x00600023, t.reg(Cpu.EBX)); // read: Accessed only
        assertEquals(0x00600063, t.reg(Cpu.ECX)); // then write: Dirty too
    }

    @Test
    void notPresentPageFaultsWithCr2AndErrorCodeAndTheHandlerCanMapIt() throws Exception {
        CpuTestRig t = MiniKernel.boot(PAGING + """
                mov $14, %ecx
                mov $h14, %eax
                mov $0x8E00, %edx
                call set_gate
                xor %ebp, %ebp
                movl $0xabcd, 0x500004
                mov 0x500004, %ebx
                hlt
            h14: pop %edx
                mov %cr2, %edi
                inc %ebp
                movl $0x00500007, 0x401400
                iret
            """);
        t.run();
        assertEquals(0, t.reg(Cpu.ESI));
        assertEquals(1, t.reg(Cpu.EBP));
        assertEquals(0x500004, t.reg(Cpu.EDI));
        assertEquals(2, t.reg(Cpu.EDX)); // not present, write, supervisor
        assertEquals(0xabcd, t.reg(Cpu.EBX));
    }

    @Test
    void writeProtectBitMakesReadOnlyPagesFaultForTheKernel() throws Exception {
        CpuTestRig t = MiniKernel.boot(PAGING + """
                mov $14, %ecx
                mov $h14, %eax
                mov $0x8E00, %edx
                call set_gate
                movl $0x00600001, 0x402000
                invlpg 0x80000000
                movl $1, 0x80000000
                hlt
            h14: pop %edx
                mov %cr2, %edi
                cli
                hlt
            """);
        t.run();
        assertEquals(3, t.reg(Cpu.EDX)); // present, write, supervisor
        assertEquals(0x80000000, t.reg(Cpu.EDI));
    }

    /** Enters ring 3 at user_main with a user stack at 0x7f0000; int $0x80 and sysenter come back to the kernel. */
    static final String RING3 = """
                mov $0x80, %ecx
                mov $syscall80, %eax
                mov $0xEE00, %edx
                call set_gate
                mov $0x174, %ecx
                mov $0x08, %eax
                xor %edx, %edx
                wrmsr
                mov $0x175, %ecx
                mov $0x7fd000, %eax
                wrmsr
                mov $0x176, %ecx
                mov $sysenter_entry, %eax
                wrmsr
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
    void int80FromRing3SwitchesToTheTssStackAndIretReturnsToRing3() throws Exception {
        CpuTestRig t = MiniKernel.boot(RING3 + """
            user_main:
                mov $41, %eax
                int $0x80
                mov %cs, %ebx
                mov %esp, %ebp
                mov %eax, %edi
                mov $1, %eax
                int $0x80
            syscall80:
                cmp $1, %eax
                je done
                mov %esp, %esi
                mov 4(%esp), %ecx
                mov 16(%esp), %edx
                mov $42, %eax
                iret
            done:
                mov %esi, %esp
                xor %esi, %esi
                cli
                hlt
            sysenter_entry:
                hlt
            """);
        assertEquals(Cpu.RUN_HALTED, t.run());
        assertEquals(0x1b, t.reg(Cpu.ECX)); // pushed user CS
        assertEquals(0x23, t.reg(Cpu.EDX)); // pushed user SS
        assertEquals(0x7fe000 - 20, t.reg(Cpu.ESP)); // the frame sits at the top of the TSS ESP0 stack
        assertEquals(0x1b, t.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(0x7f0000, t.reg(Cpu.EBP));
        assertEquals(42, t.reg(Cpu.EDI));
        assertEquals(0, t.regs.cpl());
    }

    @Test
    void sysenterEntersRing0AtTheMsrAddressAndSysexitReturns() throws Exception {
        CpuTestRig t = MiniKernel.boot(RING3 + """
            user_main:
                mov $after, %edx
                mov %esp, %ecx
                sysenter
            after:
                mov %cs, %ebx
                mov %ss, %ebp
                mov $1, %eax
                int $0x80
            sysenter_entry:
                mov %cs, %edi
                mov %esp, %esi
                mov $77, %eax
                sysexit
            syscall80:
                cli
                hlt
            """);
        t.run();
        assertEquals(0x08, t.reg(Cpu.EDI) & 0xFFFF);
        assertEquals(0x7fd000, t.reg(Cpu.ESI));
        assertEquals(0x1b, t.reg(Cpu.EBX) & 0xFFFF);
        assertEquals(0x23, t.reg(Cpu.EBP) & 0xFFFF);
        
    }

    @Test
    void userAccessToASupervisorPageFaultsWithTheUserBit() throws Exception {
        CpuTestRig t = MiniKernel.boot(PAGING + """
                mov $14, %ecx
                mov $h14, %eax
                mov $0x8E00, %edx
                call set_gate
            """ + RING3 + """
            user_main:
                mov 0x80000000, %eax
                hlt
            h14: pop %edx
                mov %cr2, %edi
                cli
                hlt
            syscall80:
            sysenter_entry:
                cli
                hlt
            """);
        t.run();
        assertEquals(0, t.reg(Cpu.ESI), t.cpu::describeState);
        assertEquals(5, t.reg(Cpu.EDX)); // present, read, user
        assertEquals(0x80000000, t.reg(Cpu.EDI));
    }

    @Test
    void hltInRing3IsAGeneralProtectionFault() throws Exception {
        CpuTestRig t = MiniKernel.boot(RING3 + """
            user_main:
                hlt
            syscall80:
            sysenter_entry:
                cli
                hlt
            """);
        t.run();
        assertEquals(0xdead, t.reg(Cpu.ESI)); // #GP went to the default handler
    }

    @Test
    void readModifyWriteOnAReadOnlyPageFaultsBeforeChangingFlags() throws Exception {
        CpuTestRig t = MiniKernel.boot(PAGING + """
                mov $14, %ecx
                mov $h14, %eax
                mov $0x8E00, %edx
                call set_gate
                movl $0xffffffff, 0x80000000
                movl $0x00600001, 0x402000
                invlpg 0x80000000
                mov $1, %eax
                stc
                adc %eax, 0x80000000
                setc %bl
                hlt
            h14: mov 12(%esp), %esi
                movl $0x00600003, 0x402000
                invlpg 0x80000000
                add $4, %esp
                iret
            """);
        t.run();
        assertEquals(1, t.reg(Cpu.ESI) & 1); // CF in the frame is still the stc's
        assertEquals(1, t.memory.read32(0x600000)); // 0xffffffff + 1 + carry
        assertEquals(1, t.reg(Cpu.EBX) & 0xFF);
    }

    @Test
    void repMovsAcrossPagesFollowsEachPagesMapping() throws Exception {
        // linear 0x80000000 → 0x600000 and 0x80001000 → 0x700000: not contiguous physically
        CpuTestRig t = MiniKernel.boot(PAGING + """
                movl $0x00700003, 0x402004
                mov $0x300000, %edi
                mov $0x1000, %ecx
                xor %eax, %eax
            1:  mov %eax, (%edi,%eax,4)
                inc %eax
                loop 1b
                mov $0x300000, %esi
                mov $0x80000800, %edi
                mov $0x400, %ecx
                cld
                rep movsl
                hlt
            """);
        t.run();
        assertEquals(0, t.reg(Cpu.ECX));
        assertEquals(0x1FF, t.memory.read32(0x600FFC));
        assertEquals(0x200, t.memory.read32(0x700000));
        assertEquals(0x3FF, t.memory.read32(0x7007FC));
    }
}
