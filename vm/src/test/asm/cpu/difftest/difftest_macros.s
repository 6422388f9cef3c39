# Macros the generated case files use (see difftest_harness.s for the memory layout).

# CASE_BEGIN: load dt_mem from \pattern, then the arithmetic flags, then switch to the private
# stack and load the seven general registers. Flags go first because mov leaves them alone.
        .macro CASE_BEGIN pattern, flags, eax, ecx, edx, ebx, ebp, esi, edi
        movl $\pattern, %esi
        call dt_load_mem
        pushl $\flags
        popfl
        movl %esp, dt_host_esp
        movl $dt_mem+48, %esp           # private stack: the same address on every platform
        movl $\eax, %eax
        movl $\ecx, %ecx
        movl $\edx, %edx
        movl $\ebx, %ebx
        movl $\ebp, %ebp
        movl $\esi, %esi
        movl $\edi, %edi
        .endm

# CASE_END: store registers and flags (arithmetic flags and DF only: IF, IOPL and friends differ
# between user mode and ring 0 by design), go back to the harness stack and print the record.
        .macro CASE_END withmem
        movl %esp, dt_rec+16
        movl $dt_flagstack_top, %esp
        pushfl
        movl %eax, dt_rec+0
        movl %ecx, dt_rec+4
        movl %edx, dt_rec+8
        movl %ebx, dt_rec+12
        movl %ebp, dt_rec+20
        movl %esi, dt_rec+24
        movl %edi, dt_rec+28
        popl %eax
        andl $0xcd5, %eax               # OF DF SF ZF AF PF CF
        movl %eax, dt_rec+32
        movl dt_host_esp, %esp
        cld
        movl $\withmem, %eax
        call dt_emit
        .endm
