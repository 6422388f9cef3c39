# Debug registers and single-step: an execution breakpoint (a fault, eip at the instruction),
# data write and read/write breakpoints (traps, eip after the access), TF single-step with
# DR6.BS, and which DR6 bits report it. DR6 is printed masked to B0-B3 and BS.

        .include "sys_macros.s"

        .text
        .globl kmain
kmain:
        PRINT "debugregs\n"
        movl $db_hook, trap_hook
        # execution breakpoint on bp_target: the hook disables DR7 and resumes there
        movl $bp_target, %eax
        movl %eax, %dr0
        movl $0x00000001, %eax          # L0, RW0=00 (execute), LEN0=00
        movl %eax, %dr7
        call bp_target
        PRINT "bp_target returned "
        HEX %eax
        PRINT "\n"
        # data write breakpoint on watched (4 bytes): a write to the second byte hits
        movl $watched, %eax
        movl %eax, %dr1
        movl $0x00d00004, %eax          # L1, RW1=01 (write), LEN1=11 (4 bytes)
        movl %eax, %dr7
        movl watched, %eax              # a read does not hit a write breakpoint
        PRINT "read passed\n"
        movb $0x55, watched+1
        PRINT "after the write\n"
        # read/write breakpoint: a read hits too
        movl $0x00f00004, %eax          # RW1=11
        movl %eax, %dr7
        movl watched, %eax
        PRINT "after the read\n"
        xorl %eax, %eax
        movl %eax, %dr7
        # single-step three instructions with TF
        movl $3, steps
        pushfl
        orl $0x100, (%esp)
        popfl                           # TF takes effect after the instruction after popf
        nop
        incl %eax
        incl %eax
        PRINT "single-step done, eax="
        HEX %eax, 2
        PRINT "\n"
        movl $default_trap, trap_hook
        ret

bp_target:
        movl $0xb0b0b0b0, %eax
        ret

# #DB: print eip and DR6 (B0-B3, BS), clear DR6; an execution hit disables DR7 first so the
# instruction can run; single-step clears TF once the step budget is spent.
db_hook:
        cmpl $1, TF_VEC(%ebx)
        jne default_trap
        PRINT "DB eip="
        HEX TF_EIP(%ebx)
        PRINT " dr6="
        movl %dr6, %eax
        andl $0x400f, %eax
        HEX %eax, 4
        PRINT "\n"
        movl %dr6, %eax
        testl $1, %eax
        jz 1f
        xorl %ecx, %ecx
        movl %ecx, %dr7
1:      xorl %ecx, %ecx
        movl %ecx, %dr6
        testl $0x4000, %eax
        jz 2f
        decl steps
        jnz 2f
        andl $~0x100, TF_EFLAGS(%ebx)
2:      ret

        .data
steps:  .long 0
        .balign 4
watched:
        .long 0x11223344
