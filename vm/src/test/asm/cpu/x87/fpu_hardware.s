# x87 behaviour that QEMU does not model, checked against the manual (Intel SDM vol. 1 §8.6,
# §8.7, vol. 2 FSTENV/FISTTP/FXSAVE): with CR0.NE a pending unmasked exception is reported as
# #MF by the next *waiting* x87 instruction (here fld1), not only by WAIT; no-wait forms never
# report it; FNSTENV masks all exceptions afterwards; FISTTP (SSE3) and FXSAVE/FXRSTOR (FXSR)
# are #UD on an i686 without them. Each faulting instruction has a global label so the test
# can check the reported eip against the symbol table.

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
        PRINT "END\n"
        EXIT 0x10
        hlt

        .data
        .balign 16
cw_ze_unmasked: .word 0x037b
        .balign 4
scratch: .space 16
env:    .space 28
        .balign 16
area:   .space 512
