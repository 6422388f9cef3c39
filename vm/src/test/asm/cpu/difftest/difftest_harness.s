# The platform-independent half of a differential-test image: the case memory, the record the
# cases fill, and the routines that load memory and print one record as a line of hex.
# A case (see difftest_macros.s) loads dt_mem from a pattern, loads flags and registers, runs the
# instruction under test on the private stack inside dt_mem, and stores everything to dt_rec.
# The platform start supplies dt_putc (character in %al, all registers preserved).

        .section .dtdata, "aw"
        .balign 64
        .globl dt_mem, dt_rec, dt_host_esp, dt_flagstack_top
dt_mem: .space 64                       # operands at dt_mem+0..; the private stack top is dt_mem+48
dt_rec: .space 36                       # eax ecx edx ebx esp ebp esi edi eflags
dt_host_esp:
        .long 0                         # the harness stack while a case runs on its own
        .space 60
dt_flagstack_top:                       # pushfl lands here so it cannot touch dt_mem

        .text
# dt_load_mem: copy 64 bytes from (%esi) to dt_mem. Clobbers %ecx, %edx, %esi.
        .globl dt_load_mem
dt_load_mem:
        movl $dt_mem, %edx
        movl $16, %ecx
1:      movl (%esi), %eax
        movl %eax, (%edx)
        addl $4, %esi
        addl $4, %edx
        decl %ecx
        jnz 1b
        ret

# dt_emit: print dt_rec (9 words) and, if %eax != 0, the 64 bytes of dt_mem, as one hex line.
        .globl dt_emit
dt_emit:
        pushl %eax
        movl $dt_rec, %esi
        movl $9, %ebx
1:      movl (%esi), %edx
        call put_hex32
        addl $4, %esi
        decl %ebx
        jnz 1b
        popl %eax
        testl %eax, %eax
        jz 3f
        movb $' ', %al
        call dt_putc
        movl $dt_mem, %esi
        movl $64, %ebx
2:      movzbl (%esi), %edx
        shll $24, %edx                  # put_hex8 prints the top byte
        movl $2, %ecx
        call put_digits
        incl %esi
        decl %ebx
        jnz 2b
3:      movb $'\n', %al
        call dt_putc
        ret

# put_hex32: print %edx as 8 hex digits. put_digits: print the top %ecx nibbles of %edx.
put_hex32:
        movl $8, %ecx
put_digits:
1:      roll $4, %edx
        movl %edx, %eax
        andl $15, %eax
        movb hexdigits(%eax), %al
        call dt_putc
        decl %ecx
        jnz 1b
        ret

        .section .rodata
hexdigits:
        .ascii "0123456789abcdef"
