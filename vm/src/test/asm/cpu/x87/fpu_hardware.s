# x87 behaviour that QEMU does not model, checked against the manual (Intel SDM vol. 1 §8.6,
# §8.7, vol. 2 FSTENV/FISTTP/FXSAVE): with CR0.NE a pending unmasked exception is reported as
# #MF by the next *waiting* x87 instruction (here fld1), not only by WAIT; no-wait forms never
# report it; FNSTENV masks all exceptions afterwards; FISTTP (SSE3) and FXSAVE/FXRSTOR (FXSR)
# are #UD on an i686 without them; an x87 store, load, FNSAVE or FRSTOR that faults part way
# (a page missing or read-only) changes neither memory nor the FPU (vol. 3 §6.6: faults are
# restartable). Each faulting instruction has a global label so the test can check the
# reported eip against the symbol table.
#
# Paging for the fault cases: 0-4 MiB one identity 4 MiB page; 8-12 MiB through pt with page
# 1 (0x801000) present and writable, page 2 missing, page 3 read-only (CR0.WP).

        .include "sys_macros.s"

        .text
        .globl kmain
kmain:
        PRINT "x87 hardware\n"
        movl %cr0, %eax
        orl $0x22, %eax                 # NE, MP
        movl %eax, %cr0
        fninit
        fldcw cw_ze_unmasked
        fld1
        fldz
        fdivr %st(1), %st               # 1/0 with ZE unmasked: pending
        fnstsw %ax                      # no-wait forms do not report it
        fnstcw scratch
        EXPECT_FAULT 1f
        .globl mf_at_fld
mf_at_fld:
        fld1
1:      call check_faulted
        fnclex
        # fnstenv masks every exception: a new 1/0 is then masked (no ES)
        fnstenv env
        fldz
        fld1
        fdiv %st(1), %st
        fnstsw %ax
        PRINT "after fnstenv, 1/0 sets "
        HEX %eax, 4
        PRINT "\n"
        fninit
        EXPECT_FAULT 1f
        .globl ud_fisttp16
ud_fisttp16:
        .byte 0xdf, 0x0d                # fisttps scratch
        .long scratch
1:      call check_faulted
        EXPECT_FAULT 1f
        .globl ud_fisttp32
ud_fisttp32:
        .byte 0xdb, 0x0d                # fisttpl scratch
        .long scratch
1:      call check_faulted
        EXPECT_FAULT 1f
        .globl ud_fisttp64
ud_fisttp64:
        .byte 0xdd, 0x0d                # fisttpll scratch
        .long scratch
1:      call check_faulted
        EXPECT_FAULT 1f
        .globl ud_fxsave
ud_fxsave:
        .byte 0x0f, 0xae, 0x05          # fxsave area
        .long area
1:      call check_faulted
        EXPECT_FAULT 1f
        .globl ud_fxrstor
ud_fxrstor:
        .byte 0x0f, 0xae, 0x0d          # fxrstor area
        .long area
1:      call check_faulted
        call fault_cases
        PRINT "END\n"
        EXIT 0x10
        hlt

# SHOW: print the FPU's control and status words and st0's top dword, without changing them.
        .macro SHOW
        fnstcw scratch
        fnstsw scratch+2
        PRINT " cw="
        HEX scratch, 4
        PRINT " sw="
        HEX scratch+2, 4
        fld %st(0)                      # a copy of st0 to store (fstpt pops it again)
        fstpt scratch
        PRINT " st0="
        HEX scratch+4
        PRINT "\n"
        .endm

fault_cases:
        movl $0x00000083, pd            # 0-4 MiB: P RW PS
        movl $pt + 0x003, pd + 8        # 8-12 MiB: pt
        movl $0x801003, pt + 4          # page 1: P RW
        movl $0x803001, pt + 12         # page 3: P, read-only
        movl %cr4, %eax
        orl $0x10, %eax                 # PSE
        movl %eax, %cr4
        movl $pd, %eax
        movl %eax, %cr3
        movl %cr0, %eax
        orl $0x80010000, %eax           # PG, WP
        movl %eax, %cr0
        movl $0x801f00, %edi            # the last 256 bytes of page 1: a known pattern
        movl $0x55555555, %eax
        movl $64, %ecx
        rep stosl
        fninit
        fldcw cw_chop
        fld1
        fldpi
        PRINT "before:"
        SHOW
        EXPECT_FAULT 1f
        .globl pf_fstpt
pf_fstpt:
        fstpt 0x801ffa                  # 10 bytes, the last 4 on the missing page
1:      call check_faulted
        PRINT "fstpt:"
        SHOW
        EXPECT_FAULT 1f
        .globl pf_fistpll
pf_fistpll:
        fistpll 0x801ffc
1:      call check_faulted
        EXPECT_FAULT 1f
        .globl pf_fnsave
pf_fnsave:
        fnsave 0x801fc0                 # 108 bytes: the FPU must not be reinitialised
1:      call check_faulted
        PRINT "fnsave:"
        SHOW
        EXPECT_FAULT 1f
        .globl pf_fstl_ro
pf_fstl_ro:
        fstl 0x803000                   # a read-only page
1:      call check_faulted
        EXPECT_FAULT 1f
        .globl pf_frstor
pf_frstor:
        frstor 0x801fc0                 # would load the pattern: nothing may change
1:      call check_faulted
        EXPECT_FAULT 1f
        .globl pf_fldt
pf_fldt:
        fldt 0x801ffa
1:      call check_faulted
        PRINT "after all:"
        SHOW
        PRINT "page 1 tail "
        HEX 0x801fc0
        HEX 0x801ffc
        PRINT "\n"
        movl %cr0, %eax
        andl $0x7fffffff, %eax
        movl %eax, %cr0
        ret

        .data
        .balign 4096
pd:     .space 4096
pt:     .space 4096
        .balign 16
cw_chop: .word 0x0f7f
cw_ze_unmasked: .word 0x037b
        .balign 4
scratch: .space 16
env:    .space 28
        .balign 16
area:   .space 512
