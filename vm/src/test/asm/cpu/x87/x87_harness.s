# Record printer for the x87 differential images. It links with the integer suite's starts
# (difftest_native_start.s: Linux user mode, difftest_multiboot_start.s: ring 0 under a VM),
# which call dt_main and provide dt_putc. One line per case:
#   R <sw> <cw> <tw> <eflags&0x8d5> <st0> ... <st7> <out>
# st(i) as 10 bytes in memory order (significand first), out the 32 bytes at x87_out.

        .section .dtdata, "aw"
        .globl dt_mem, x87_out, x87_area, x87_flags
dt_mem:                                 # the start files' link script wants this symbol here
x87_out:   .space 32                    # where cases store memory results
x87_area:  .space 108                   # fnsave image: 28-byte environment, then st0..st7
x87_flags: .long 0

        .text
        .globl x87_emit
x87_emit:
        pushal
        movb $'R', %al
        call dt_putc
        movl x87_area+4, %edx           # status word
        call put_word
        movl x87_area+0, %edx           # control word
        call put_word
        movl x87_area+8, %edx           # tag word
        call put_word
        movl x87_flags, %edx
        andl $0x8d5, %edx               # OF SF ZF AF PF CF
        call put_word
        movl $x87_area+28, %esi         # st0 .. st7
        movl $8, %ebx
1:      movb $' ', %al
        call dt_putc
        movl $10, %ecx
        call put_bytes
        decl %ebx
        jnz 1b
        movb $' ', %al
        call dt_putc
        movl $x87_out, %esi
        movl $32, %ecx
        call put_bytes
        movb $'\n', %al
        call dt_putc
        popal
        ret

# put_word: " " and the low 16 bits of %edx as four hex digits.
put_word:
        movb $' ', %al
        call dt_putc
        shll $16, %edx
        movl $4, %ecx
1:      roll $4, %edx
        movl %edx, %eax
        andl $15, %eax
        movb hex(%eax), %al
        call dt_putc
        decl %ecx
        jnz 1b
        ret

# put_bytes: %ecx bytes from %esi as hex pairs; advances %esi.
put_bytes:
1:      movzbl (%esi), %edx
        shrl $4, %edx
        movb hex(%edx), %al
        call dt_putc
        movzbl (%esi), %edx
        andl $15, %edx
        movb hex(%edx), %al
        call dt_putc
        incl %esi
        decl %ecx
        jnz 1b
        ret

hex:    .ascii "0123456789abcdef"
