# Macros of the generated x87 case files (see x87_harness.s).

# X87_BEGIN: a fresh FPU with control word \cw, EFLAGS = \flags, x87_out (32 bytes) filled with 0xaa.
        .macro X87_BEGIN cw, flags
        fninit
        movl $0xaaaaaaaa, %eax
        movl %eax, x87_out
        movl %eax, x87_out+4
        movl %eax, x87_out+8
        movl %eax, x87_out+12
        movl %eax, x87_out+16
        movl %eax, x87_out+20
        movl %eax, x87_out+24
        movl %eax, x87_out+28
        pushl $\cw
        fldcw (%esp)
        addl $4, %esp
        pushl $\flags
        popfl
        .endm

# X87_END: keep EFLAGS, save the FPU image (fnsave also reinitialises it), print the record.
        .macro X87_END
        pushfl
        popl x87_flags
        fnsave x87_area
        call x87_emit
        .endm
