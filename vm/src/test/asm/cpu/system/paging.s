# Paging: Accessed/Dirty bits in PTEs, PDEs and 4 MiB PDEs, CR0.WP, U/S and R/W combined over
# PDE and PTE from ring 3, the #PF error code and CR2, demand paging that resumes the faulting
# instruction, and INVLPG / CR3 reloads making a changed mapping visible.
#
# Linear layout: 0-8 MiB identity 4 MiB pages (kernel, ring 3 allowed); 8-12 MiB through the
# 4 KiB table pt (identity, pages 0-15 present P|RW|US); 12-16 MiB one 4 MiB supervisor page.

        .include "sys_macros.s"

        .set PT_BASE, 0x800000          # linear = physical through pt
        .set BIG_BASE, 0xc00000

# ENTRY label, index: print "label[index]=" and the entry's low 12 bits (flags).
        .macro ENTRY table, index
        PRINT "\table[\index]="
        movl \table+4*\index, %eax
        andl $0xfff, %eax
        HEX %eax, 3
        PRINT " "
        .endm

        .text
        .globl kmain
kmain:
        PRINT "paging\n"
        movl $0x000000e7, pd            # P RW US A D PS
        movl $0x004000e7, pd+4
        movl $pt, %eax
        orl $0x007, %eax                # P RW US, A clear
        movl %eax, pd+8
        movl $BIG_BASE | 0x083, pd+12   # P RW PS, supervisor
        xorl %ecx, %ecx
1:      movl %ecx, %eax
        shll $12, %eax
        addl $PT_BASE | 0x007, %eax
        movl %eax, pt(,%ecx,4)
        incl %ecx
        cmpl $16, %ecx
        jb 1b
        movl $0xfeedf00d, PT_BASE + 0x1000 + 8  # distinct contents in pages 1, 2, 3
        movl $0xcafe0002, PT_BASE + 0x2000 + 8
        movl $0xbeef0003, PT_BASE + 0x3000 + 8
        PAGING_ON pd
        PRINT "before: "
        ENTRY pd, 2
        ENTRY pd, 3
        ENTRY pt, 1
        PRINT "\n"

        # Accessed on read, Dirty on the first write after it (the TLB already holds the page)
        movl PT_BASE + 0x1000, %eax
        PRINT "read:   "
        ENTRY pd, 2
        ENTRY pt, 1
        PRINT "\n"
        movl %eax, PT_BASE + 0x1004
        PRINT "write:  "
        ENTRY pd, 2
        ENTRY pt, 1
        PRINT "\n"
        movl %eax, PT_BASE + 0x5000     # a write first sets both at once
        PRINT "write-only: "
        ENTRY pt, 5
        PRINT "\n"
        movl BIG_BASE, %eax             # 4 MiB page: A and D live in the PDE
        PRINT "4M read: "
        ENTRY pd, 3
        movl %eax, BIG_BASE + 0x10
        PRINT "4M write: "
        ENTRY pd, 3
        PRINT "\n"

        # CR0.WP: a supervisor write to a read-only page passes without it, faults with it
        andl $~0x002, pt+4*6            # page 6 read-only
        invlpg PT_BASE + 0x6000
        movl $0x11112222, PT_BASE + 0x6000
        PRINT "WP=0 write to read-only: "
        HEX PT_BASE + 0x6000
        PRINT "\n"
        movl %cr0, %eax
        orl $0x10000, %eax
        movl %eax, %cr0
        EXPECT_FAULT 1f
        movl $0x33334444, PT_BASE + 0x6000
1:      call check_faulted
        PRINT "WP=1 value: "
        HEX PT_BASE + 0x6000
        PRINT "\n"

        # demand paging: the fault handler maps the page, the instruction runs again
        movl $demand_hook, trap_hook
        movl $0x5a5a5a5a, %eax
        movl %eax, PT_BASE + 0x20010    # page 0x20 is not present yet
        PRINT "demand write: "
        HEX PT_BASE + 0x20010
        PRINT " "
        ENTRY pt, 0x20
        PRINT "\n"
        movl $default_trap, trap_hook

        # INVLPG and CR3 reloads make changes visible: page 1 -> frame 2 -> frame 3
        PRINT "page 1 reads "
        HEX PT_BASE + 0x1008
        movl $PT_BASE + 0x2000 | 0x007, pt+4*1
        invlpg PT_BASE + 0x1000
        PRINT ", after remap and invlpg "
        HEX PT_BASE + 0x1008
        movl $PT_BASE + 0x3000 | 0x007, pt+4*1
        movl %cr3, %eax
        movl %eax, %cr3
        PRINT ", after remap and cr3 reload "
        HEX PT_BASE + 0x1008
        PRINT "\n"

        # ring 3: U/S and R/W combined over PDE and PTE, not present, and 4 MiB supervisor pages
        andl $~0x004, pt+4*8            # page 8: supervisor
        andl $~0x002, pt+4*9            # page 9: read-only
        movl $0, pt+4*10                # page 10: not present
        movl %cr3, %eax
        movl %eax, %cr3
        movl $user_main, %eax
        movl $user_stack_top, %ebx
        movl $0x202, %ecx
        call enter_user
        PRINT "after ring 3: "
        ENTRY pt, 7                     # (not page 8: whether a U/S fault sets A varies)
        ENTRY pt, 9
        PRINT "\n"
        andl $~0x002, pd+8              # PDE read-only over a writable PTE
        movl %cr3, %eax
        movl %eax, %cr3
        movl $user_pde_readonly, %eax
        movl $user_stack_top, %ebx
        movl $0x202, %ecx
        call enter_user
        ret

# #PF hook that maps the missing page (identity) and retries; any other trap goes on.
demand_hook:
        cmpl $14, TF_VEC(%ebx)
        jne default_trap
        call report_trap
        movl %cr2, %eax
        shrl $12, %eax
        andl $0x3ff, %eax
        movl %eax, %ecx
        shll $12, %eax
        addl $PT_BASE | 0x007, %eax
        movl %eax, pt(,%ecx,4)
        ret

user_main:
        movl PT_BASE + 0x7000, %eax     # user read of a user page: fine
        movl %eax, PT_BASE + 0x7004     # and write
        USER_EXPECT_FAULT 1f
        movl PT_BASE + 0x8000, %eax     # supervisor page: err 5
1:      USER_EXPECT_FAULT 1f
        movl %eax, PT_BASE + 0x8000     # err 7
1:      movl PT_BASE + 0x9000, %eax     # read-only page: reads fine
        USER_EXPECT_FAULT 1f
        movl %eax, PT_BASE + 0x9000     # err 7
1:      USER_EXPECT_FAULT 1f
        movl PT_BASE + 0xa000, %eax     # not present: err 4
1:      USER_EXPECT_FAULT 1f
        movl %eax, PT_BASE + 0xa000     # err 6
1:      USER_EXPECT_FAULT 1f
        movl BIG_BASE, %eax             # a 4 MiB supervisor page: err 5
1:      USER_EXPECT_FAULT 1f
        .byte 0xff, 0x25                # jmp *(PT_BASE+0x8000): the read of the target faults
        .long PT_BASE + 0x8000
1:      int $0x81

user_pde_readonly:
        movl PT_BASE + 0x7000, %eax     # still readable
        USER_EXPECT_FAULT 1f
        movl %eax, PT_BASE + 0x7000     # PDE R/W=0 wins over PTE R/W=1: err 7
1:      int $0x81

        .data
        .balign 4096
pd:     .space 4096
pt:     .space 4096
        .space 4096
user_stack_top:
