# Multiboot v1 ring-0 start for a differential-test image: flat segments of our own, an IDT
# whose every vector prints "EXC vv eip" and exits, output on COM1, exit through isa-debug-exit.

        .include "start_common.inc"

        .set DEBUG_EXIT, 0xf4

        MULTIBOOT_HEADER

        .section .start, "ax"
        .globl _start
_start:
        cli
        LOAD_GDT
        movl $boot_stack_top, %esp
        FILL_IDT exc_stubs
        lidt idt_desc
        call dt_main
        movb $0x10, %al                 # exit (0x10 << 1) | 1 = 33, unlike trapgate's own codes
        outb %al, $DEBUG_EXIT
        hlt

        COM1_PUTC dt_putc

# Every exception ends the run: print "EXC vv" and the two words on top of the stack (eip, or
# error code then eip), then exit with status 3 (process exit 7).
        .balign 8
exc_stubs:
        VECTOR_STUBS exc_common
exc_common:
        movl $excmsg, %esi
1:      movb (%esi), %al
        testb %al, %al
        jz 2f
        call dt_putc
        incl %esi
        jmp 1b
2:      popl %edx                       # vector
        shll $24, %edx
        movl $2, %ecx
        call exc_digits
        movb $' ', %al
        call dt_putc
        movl (%esp), %edx
        movl $8, %ecx
        call exc_digits
        movb $' ', %al
        call dt_putc
        movl 4(%esp), %edx
        movl $8, %ecx
        call exc_digits
        movb $'\n', %al
        call dt_putc
        movb $3, %al
        outb %al, $DEBUG_EXIT
        hlt
exc_digits:
1:      roll $4, %edx
        movl %edx, %eax
        andl $15, %eax
        movb exc_hex(%eax), %al
        call dt_putc
        decl %ecx
        jnz 1b
        ret
excmsg: .asciz "\nEXC "
exc_hex: .ascii "0123456789abcdef"

        .section .startdata, "aw"
        .balign 8
gdt:    .quad 0
        .quad 0x00cf9a000000ffff        # 0x08 code, flat 4 GiB, ring 0
        .quad 0x00cf92000000ffff        # 0x10 data, flat 4 GiB, ring 0
gdt_desc:
        .word gdt_desc - gdt - 1
        .long gdt
        IDT_TABLE
        .balign 16
        .space 4096
boot_stack_top:
