# The x87's system side, checked against QEMU: CR0.EM/TS/MP decide #NM for ESC opcodes and
# WAIT; with CR0.NE a pending unmasked exception is reported as #MF by WAIT (never by the
# no-wait FN* forms) until FNCLEX clears it. Built with the system tests' sys_lib.s.
# (QEMU reports a pending exception only at WAIT, not at the next waiting ESC instruction as
# the hardware does, and models neither the unmasked responses nor FNSTENV's masking: those
# are checked against the host CPU in X87DifferentialTest and X87SystemTest.)

        .include "sys_macros.s"

        .set CR0_MP, 0x2
        .set CR0_EM, 0x4
        .set CR0_TS, 0x8
        .set CR0_NE, 0x20

        .text
        .globl kmain
kmain:
        PRINT "x87 traps\n"
        fninit
        # EM: every ESC opcode faults with #NM (eip: the ESC instruction); WAIT does not
        movl %cr0, %eax
        orl $CR0_EM, %eax
        movl %eax, %cr0
        EXPECT_FAULT 1f
        fld1
1:      call check_faulted
        EXPECT_FAULT 1f
        fnstsw %ax                      # even the no-wait forms
1:      call check_faulted
        PRINT "wait with EM: "
        fwait
        PRINT "no trap\n"
        # TS without MP: ESC faults, WAIT does not
        movl %cr0, %eax
        andl $~CR0_EM, %eax
        orl $CR0_TS, %eax
        movl %eax, %cr0
        EXPECT_FAULT 1f
        fldz
1:      call check_faulted
        PRINT "wait with TS, no MP: "
        fwait
        PRINT "no trap\n"
        # TS with MP: WAIT faults too
        movl %cr0, %eax
        orl $CR0_MP, %eax
        movl %eax, %cr0
        EXPECT_FAULT 1f
        fwait
1:      call check_faulted
        clts
        # NE: divide by zero with ZE unmasked; the result register keeps its old value
        movl %cr0, %eax
        orl $CR0_NE, %eax
        movl %eax, %cr0
        fninit
        fldcw cw_ze_unmasked
        fld1
        fldz
        fdivr %st(1), %st               # st0 = st1 / st0 = 1 / 0: ZE, pending
        fnstsw %ax                      # no-wait: no #MF
        PRINT "status after 1/0: "
        HEX %eax, 4
        PRINT "\n"
        fnstenv env                     # no-wait: no #MF either
        fldenv env
        EXPECT_FAULT 1f
        fwait                           # reports it
1:      call check_faulted
        EXPECT_FAULT 1f
        fwait                           # still pending
1:      call check_faulted
        fnclex
        PRINT "after fnclex: "
        fwait
        fnstsw %ax
        HEX %eax, 4
        PRINT "\n"
        PRINT "END\n"
        EXIT 0x10
        hlt

        .data
        .balign 8
cw_ze_unmasked: .word 0x037b
cw_ie_unmasked: .word 0x037e
cw_oe_unmasked: .word 0x0377
operand: .double 2.5
big:    .quad 0xc000000000000000
        .word 0x7000
        .balign 4
result: .space 16
env:    .space 28
