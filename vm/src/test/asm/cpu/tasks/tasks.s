# Hardware task switching (SDM vol. 3 ch. 7) with 32-bit TSSs: jmp/call to a TSS and through
# GDT/LDT task gates, int n and exceptions through IDT task gates (the error code on the new
# task's stack), iret with NT=1 back along the link, the checks that fault before the commit
# point (old task) and after it (new task), the T bit, and a double fault after a kernel stack
# overflow handled by a task with a fresh stack, as Linux i386 does.
# Links with ../system/sys_lib.s; we copy its GDT into a bigger one of our own.
#
# "facts" prints TR, LDTR, EFLAGS.NT, CR0.TS (then clears TS, so each line says whether a switch
# happened since the last one) and the busy bit (read with lar) of TSS main/A/B/DF/G.

        .include "sys_macros.s"

        .set TSS_A, 0x30
        .set TSS_B, 0x38
        .set TSS_DF, 0x40
        .set TSS_G, 0x48
        .set GATE_B, 0x50               # GDT task gate -> TSS_B
        .set LDTSEL, 0x58
        .set TSS_SHORT, 0x60            # limit 0x60 < 0x67: #TS
        .set TSS_NP, 0x68               # not present: #NP
        .set GATE_NP, 0x70              # not-present task gate: #NP
        .set TSS_BADGS, 0x78            # its GS is execute-only code: #TS in the new task
        .set XCODE, 0x80                # execute-only code segment
        .set TSS_T, 0x88                # T bit set: #DB before its first instruction
        .set GATE_MAIN_U, 0x93          # GDT task gate, DPL 3 -> our own TSS (RPL 3)
        .set TSS_U, 0x98                # a ring-3 task with its own I/O bitmap
        .set LDT_GATE_A, 0x04           # LDT index 0, TI=1: task gate -> TSS_A
        .set TF_ES, 32                  # trap frame slots sys_macros.s does not name
        .set TF_DS, 36

# TSS body: link, esp0/ss0..esp2/ss2, cr3, eip, eflags, eax..edi, es cs ss ds fs gs, ldt, T, iomap.
        .macro TSS eip, esp, eax=0, ebx=0, gs=KDATA, t=0
        .long 0, 0, 0, 0, 0, 0, 0, 0    # link, esp0..ss2, cr3
        .long \eip, 0x2                 # eip, eflags
        .long \eax, 0, 0, \ebx, \esp, 0, 0, 0
        .long KDATA, KCODE, KDATA, KDATA, KDATA, \gs
        .long 0                         # ldt
        .word \t, 104                   # T bit, I/O bitmap base (none: at the limit)
        .endm

        .text
        .globl kmain
kmain:
        PRINT "tasks\n"
        call setup
        PRINT "main: "
        call facts

# (a) jmp to a TSS descriptor: main's busy bit is cleared, A's set, no link, no NT.
        movl $0x5a5a5a5a, %esi
        ljmp $TSS_A, $0
        PRINT "main back from A: "
        call facts
        PRINT "  esi="
        HEX %esi
        PRINT " A saved eax="
        HEX tss_a+0x28
        PRINT " A eip at its ljmp back="
        movl tss_a+0x20, %eax
        subl $task_a_back, %eax
        HEX %eax, 2
        PRINT "\n"

# (b) call through a GDT task gate: nested (NT, link, both busy); B's iret returns here.
        lcall $GATE_B, $0
        PRINT "main back from B: "
        call facts
        PRINT "  B saved NT="
        movl tss_b+0x24, %eax
        shrl $14, %eax
        andl $1, %eax
        HEX %eax, 1
        PRINT "\n"
        lcall $GATE_B, $0               # B resumes after its iret
        PRINT "main back from B again\n"

# jmp through a task gate in the LDT
        movl $LDTSEL, %eax
        lldt %ax
        ljmp $LDT_GATE_A, $0
        PRINT "main back from A via LDT gate: "
        call facts

# (c) int n through an IDT task gate (DPL 0 from ring 0)
        movl $(TSS_B << 16), idt+0x40*8
        movl $0x8500, idt+0x40*8+4
        int $0x40
        PRINT "main back from int 0x40: "
        call facts

# an exception with an error code through a task gate: #GP(0x1ff8) -> task G
        pushl idt+13*8
        pushl idt+13*8+4
        movl $(TSS_G << 16), idt+13*8
        movl $0x8500, idt+13*8+4
        movw $0x1ff8, %ax
gp_insn:
        movw %ax, %ds                   # beyond the GDT: #GP(0x1ff8)
        PRINT "UNEXPECTED: no #GP\n"
gp_resume:
        popl idt+13*8+4
        popl idt+13*8
        movw $KDATA, %ax
        movw %ax, %ds
        PRINT "main back from #GP task: "
        call facts

# faults before the commit point: delivered in main (default hook prints them)
        EXPECT_FAULT 1f
        ljmp $TSSSEL, $0                # our own TSS is busy: #GP(0x28)
1:      call check_faulted
        EXPECT_FAULT 1f
        lcall $TSS_SHORT, $0            # limit < 0x67: #TS(0x60)
1:      call check_faulted
        EXPECT_FAULT 1f
        ljmp $TSS_NP, $0                # not present: #NP(0x68)
1:      call check_faulted
        EXPECT_FAULT 1f
        lcall $GATE_NP, $0              # gate not present: #NP(0x70)
1:      call check_faulted
        EXPECT_FAULT 1f
        ljmp $(TSS_A | 3), $0           # RPL 3 > DPL 0: #GP(0x30)
1:      call check_faulted
        PRINT "main after pre-commit faults: "
        call facts

# a fault after the commit point: #TS(XCODE) while loading GS, delivered in the new task
        movl $in_task_hook, trap_hook
        ljmp $TSS_BADGS, $0
        PRINT "main back from the bad-GS task: "
        call facts

# the T bit: #DB (DR6.BT) before the new task's first instruction
        ljmp $TSS_T, $0
        movl $default_trap, trap_hook
        PRINT "main back from the T task: "
        call facts

# iret with NT=1 whose link names a TSS that is not busy: #TS(link), before the commit point
        movw $TSS_A, tss                # main's back link
        EXPECT_FAULT 1f
        pushfl
        orl $0x4000, (%esp)
        popfl
        iret
1:      call check_faulted
        pushfl
        andl $~0x4000, (%esp)           # the handler's iret gave us our NT back
        popfl
        movw $0, tss
        PRINT "main after a bad task return: "
        call facts

# from ring 3: int through a DPL-0 task gate is #GP(vector*8+2); through a DPL-3 one it switches
        movl $(TSS_B << 16), idt+0x41*8
        movl $0xe500, idt+0x41*8+4
        movl $user_code, %eax
        movl $user_stack_top, %ebx
        movl $0x2, %ecx
        call enter_user
        PRINT "main back from ring 3: "
        call facts
        PRINT "  saved cs="
        HEX tss+0x4c, 4
        PRINT " ss="
        HEX tss+0x50, 4
        PRINT " ds="
        HEX tss+0x54, 4
        PRINT " fs="
        HEX tss+0x58, 4
        PRINT "\n"

# an external interrupt (PIT, IRQ0 at vector 0x20) through a task gate -> task B
        call pic_init
        movl $(TSS_B << 16), idt+0x20*8
        movl $0x8500, idt+0x20*8+4
        movb $0x30, %al                 # PIT channel 0, lobyte/hibyte, mode 0 (one shot)
        outb %al, $0x43
        movb $0x00, %al
        outb %al, $0x40
        movb $0x10, %al
        outb %al, $0x40
        sti
        hlt                             # B runs, its iret returns after the hlt
        cli
        movb $0x20, %al                 # EOI
        outb %al, $0x20
        PRINT "main back from the timer interrupt: "
        call facts

# the same gate (DPL 0) from ring 3: an external interrupt ignores the gate's DPL
        movb $0x30, %al
        outb %al, $0x43
        movb $0x00, %al
        outb %al, $0x40
        movb $0x10, %al
        outb %al, $0x40
        movl $user_wait, %eax
        movl $user_stack_top, %ebx
        movl $0x202, %ecx               # IF=1 in ring 3
        call enter_user
        movb $0x20, %al                 # EOI
        outb %al, $0x20
        movb $0xff, %al
        outb %al, $0x21
        PRINT "main back from ring 3 after the timer: "
        call facts

# a ring-3 task: the I/O bitmap comes from its TSS (COM1 allowed, the PIC denied)
        ljmp $TSS_U, $0
        PRINT "main back from the ring-3 task: "
        call facts

# (d) a kernel stack overflow: #PF, #PF while pushing its frame -> #DF through a task gate
        call paging_on
        movl $(TSS_DF << 16), idt+8*8
        movl $0x8500, idt+8*8+4
        movl %esp, saved_esp
        movl $overflow_top, %esp
overflow:
        call overflow                   # recurses until the push hits the unmapped guard page
df_resume:
        movl saved_esp, %esp
        movl %cr0, %eax
        andl $0x7fffffff, %eax
        movl %eax, %cr0
        PRINT "main back from the double-fault task: "
        call facts
        ret

# ---- ring 3 ----
user_code:
        USER_EXPECT_FAULT 1f
        int $0x40                       # gate DPL 0 < CPL 3: #GP(0x202)
1:      movl $0x33333333, %edi
        int $0x41                       # task B, whose iret returns here at CPL 3
        cmpl $0x33333333, %edi
        jne 2f
        int $0x81
2:      ud2

# wait (IF=1) until task B has run once more, then back to the kernel
user_wait:
        movl b_count, %eax
1:      cmpl b_count, %eax
        je 1b
        int $0x81

# ---- the tasks ----

task_u:
        PRINT "U: ring 3 task printing through its own I/O bitmap\n"
        USER_EXPECT_FAULT 1f
        inb $0x21, %al                  # denied by its bitmap: #GP(0)
1:      ljmp $GATE_MAIN_U, $0           # back to main through a DPL-3 task gate

task_a:
        PRINT "A: "
        call facts
        PRINT "  eax="
        HEX %eax
        PRINT " ebx="
        HEX %ebx
        PRINT " esi="
        HEX %esi
        PRINT " link="
        HEX tss_a, 4
        PRINT "\n"
        ljmp $TSSSEL, $0
task_a_back:
        jmp task_a

task_b:
        PRINT "B: "
        call facts
        incl b_count
        PRINT "  link="
        HEX tss_b, 4
        PRINT " run="
        HEX b_count, 1
        PRINT " caller cs="
        HEX tss+0x4c, 4                 # as saved in the linked (main) TSS
        PRINT "\n"
        iret
        jmp task_b

# the #GP handler task: the error code is on its stack; it skips the faulting instruction by
# editing the EIP saved in the interrupted task's TSS.
task_g:
        PRINT "G: "
        call facts
        popl %eax
        PRINT "  err="
        HEX %eax, 4
        PRINT " link="
        HEX tss_g, 4
        PRINT " saved eip is the faulting insn="
        xorl %eax, %eax
        cmpl $gp_insn, tss+0x20
        sete %al
        HEX %eax, 1
        PRINT " saved ds="
        HEX tss+0x54, 4
        PRINT "\n"
        movl $gp_resume, tss+0x20
        iret
        jmp task_g

task_badgs:
        PRINT "UNEXPECTED: bad-GS task ran\n"
        ljmp $TSSSEL, $0
badgs_resume:
        PRINT "bad-GS task after its #TS: "
        call facts
        PRINT "  gs="
        movw %gs, %ax
        HEX %eax, 4
        PRINT "\n"
        movw $KDATA, %ax
        movw %ax, %gs
        ljmp $TSSSEL, $0

task_t:
        PRINT "T task: "
        call facts
        ljmp $TSSSEL, $0

# the double-fault task: a fresh stack; the error code (0) on it
task_df:
        PRINT "DF: "
        call facts
        popl %eax
        PRINT "  err="
        HEX %eax, 4
        PRINT " link="
        HEX tss_df, 4
        PRINT " cr2="
        movl %cr2, %eax
        HEX %eax
        PRINT " saved esp=guard top+"
        movl tss+0x38, %eax
        subl $overflow_stack, %eax
        HEX %eax, 4
        PRINT " saved eip is the call="
        xorl %eax, %eax
        cmpl $overflow, tss+0x20
        sete %al
        HEX %eax, 1
        PRINT "\n"
        movl $df_resume, tss+0x20
        iret

# Hook for faults delivered inside a task after a switch's commit: prints the vector, error code
# and TR (not EIP: QEMU reports the EIP of the old task's instruction) and resumes per vector.
in_task_hook:
        PRINT "in-task fault "
        HEX TF_VEC(%ebx), 2
        PRINT " err="
        HEX TF_ERR(%ebx), 4
        PRINT " TR="
        str %ax
        HEX %eax, 4
        cmpl $1, TF_VEC(%ebx)
        jne 1f
        PRINT " dr6.bt="
        movl %db6, %eax
        shrl $15, %eax
        andl $1, %eax
        HEX %eax, 1
        PRINT " at task entry="
        xorl %eax, %eax
        cmpl $task_t, TF_EIP(%ebx)
        sete %al
        HEX %eax, 1
        PRINT "\n"
        ret
1:      PRINT "\n"
        movl $badgs_resume, TF_EIP(%ebx)
        movl $KDATA, TF_DS(%ebx)
        movl $KDATA, TF_ES(%ebx)
        ret

# facts: see the top. Preserves all registers and flags.
facts:
        pushal
        PRINT "TR="
        xorl %eax, %eax
        str %ax
        HEX %eax, 4
        PRINT " LDTR="
        sldt %ax
        HEX %eax, 4
        PRINT " NT="
        pushfl
        popl %eax
        shrl $14, %eax
        andl $1, %eax
        HEX %eax, 1
        PRINT " TS="
        movl %cr0, %eax
        shrl $3, %eax
        andl $1, %eax
        HEX %eax, 1
        clts
        PRINT " busy="
        movl $TSSSEL, %edx
        call busy
        movl $TSS_A, %edx
        call busy
        movl $TSS_B, %edx
        call busy
        movl $TSS_DF, %edx
        call busy
        movl $TSS_G, %edx
        call busy
        PRINT "\n"
        popal
        ret

busy:                                   # print bit 9 (busy) of the TSS descriptor %edx, via lar
        larl %edx, %eax
        shrl $9, %eax
        andl $1, %eax
        HEX %eax, 1
        ret

# setup: our GDT = sys_lib's first six entries + ours; fill in bases.
setup:
        movl $gdt, %esi
        movl $tgdt, %edi
        movl $12, %ecx                  # 6 descriptors (the TSS one with its busy bit)
        rep movsl
        movl $TSS_A, %ecx
        movl $tss_a, %eax
        call set_tss
        movl $TSS_B, %ecx
        movl $tss_b, %eax
        call set_tss
        movl $TSS_DF, %ecx
        movl $tss_df, %eax
        call set_tss
        movl $TSS_G, %ecx
        movl $tss_g, %eax
        call set_tss
        movl $TSS_SHORT, %ecx
        movl $tss_a, %eax
        call set_tss
        movw $0x60, tgdt+TSS_SHORT
        movl $TSS_NP, %ecx
        movl $tss_a, %eax
        call set_tss
        andb $0x7f, tgdt+TSS_NP+5
        movl $TSS_BADGS, %ecx
        movl $tss_badgs, %eax
        call set_tss
        movl $TSS_T, %ecx
        movl $tss_t, %eax
        call set_tss
        movl $TSS_U, %ecx
        movl $tss_u, %eax
        call set_tss
        movw $104 + 129 - 1, tgdt+TSS_U
        movl $LDTSEL, %ecx              # the LDT: limit 7, type 2
        movl $ldt, %eax
        call set_tss
        movw $7, tgdt+LDTSEL
        movb $0x82, tgdt+LDTSEL+5
        lgdt tgdt_desc
        ret

# set_tss: descriptor %ecx = base %eax, limit 0x67, type 0x89 (available 32-bit TSS, P, DPL 0)
set_tss:
        movw $0x67, tgdt(%ecx)
        movw %ax, tgdt+2(%ecx)
        shrl $16, %eax
        movb %al, tgdt+4(%ecx)
        movb $0x89, tgdt+5(%ecx)
        movb $0, tgdt+6(%ecx)
        movb %ah, tgdt+7(%ecx)
        ret

# pic_init: master PIC at vectors 0x20-0x27 with only IRQ0 unmasked, slave at 0x28, masked.
pic_init:
        movb $0x11, %al
        outb %al, $0x20
        outb %al, $0xa0
        movb $0x20, %al
        outb %al, $0x21
        movb $0x28, %al
        outb %al, $0xa1
        movb $0x04, %al
        outb %al, $0x21
        movb $0x02, %al
        outb %al, $0xa1
        movb $0x01, %al
        outb %al, $0x21
        outb %al, $0xa1
        movb $0xfe, %al
        outb %al, $0x21
        movb $0xff, %al
        outb %al, $0xa1
        ret

# paging: one page table for the first 4 MiB, identity, with the guard page under the overflow
# stack left out; the tasks that run under paging get its CR3.
paging_on:
        xorl %ecx, %ecx
1:      movl %ecx, %eax
        shll $12, %eax
        orl $3, %eax
        movl %eax, pt(,%ecx,4)
        incl %ecx
        cmpl $1024, %ecx
        jb 1b
        movl $guard_page, %eax
        shrl $12, %eax
        movl $0, pt(,%eax,4)
        movl $pt, %eax
        orl $3, %eax
        movl %eax, pd
        movl $pd, %eax
        movl %eax, tss+0x1c             # the CR3 each task switch loads
        movl %eax, tss_df+0x1c
        movl %eax, %cr3
        movl %cr0, %eax
        orl $0x80000000, %eax
        movl %eax, %cr0
        ret

        .data
        .balign 8
tgdt:   .space 6 * 8                    # 0x00-0x28: sys_lib's, copied by setup
        .space 4 * 8                    # 0x30-0x48: TSS_A, TSS_B, TSS_DF, TSS_G
        .long TSS_B << 16, 0x8500       # 0x50 GATE_B: task gate, P, DPL 0
        .space 8                        # 0x58 LDT
        .space 2 * 8                    # 0x60 TSS_SHORT, 0x68 TSS_NP
        .long TSS_B << 16, 0x0500       # 0x70 GATE_NP: task gate, not present
        .space 8                        # 0x78 TSS_BADGS
        .quad 0x00cf98000000ffff        # 0x80 XCODE: execute-only code
        .space 8                        # 0x88 TSS_T
        .long TSSSEL << 16, 0xe500      # 0x90 GATE_MAIN_U: task gate, P, DPL 3
        .space 8                        # 0x98 TSS_U (limit covers its 129-byte bitmap)
tgdt_end:
tgdt_desc:
        .word tgdt_end - tgdt - 1
        .long tgdt
        .balign 8
ldt:    .long TSS_A << 16, 0x8500       # task gate -> TSS_A, P, DPL 0
saved_esp:
        .long 0
b_count:
        .long 0
        .balign 128
tss_a:  TSS task_a, stack_a, 0xaaaa0001, 0xaaaa0002
        .balign 128
tss_b:  TSS task_b, stack_b
        .balign 128
tss_df: TSS task_df, stack_df
        .balign 128
tss_g:  TSS task_g, stack_g
        .balign 128
tss_badgs: TSS task_badgs, stack_badgs, gs=XCODE
        .balign 128
tss_t:  TSS task_t, stack_t, t=1
        .balign 128
tss_u:  .long 0, stack_u0, KDATA, 0, 0, 0, 0, 0 # link, esp0/ss0 for its traps, cr3
        .long task_u, 0x2               # eip, eflags (IOPL 0)
        .long 0, 0, 0, 0, stack_u, 0, 0, 0
        .long UDATA, UCODE, UDATA, UDATA, 0, 0
        .long 0
        .word 0, 104                    # I/O bitmap right after the TSS
        .fill 0x7f, 1, 0xff             # ports 0x000-0x3f7 denied
        .byte 0x00                      # 0x3f8-0x3ff (COM1) allowed
        .byte 0xff                      # the byte past the end
        .balign 16
        .space 1024
stack_u:
        .space 1024
stack_u0:
        .space 1024
stack_a:
        .space 1024
stack_b:
        .space 1024
stack_df:
        .space 1024
stack_g:
        .space 1024
stack_badgs:
        .space 1024
stack_t:
        .space 1024
user_stack_top:
        .balign 4096
pd:     .space 4096
pt:     .space 4096
guard_page:
        .space 4096
overflow_stack:                         # the guard page's top: the overflow stack grows down to it
        .space 4096
overflow_top:
