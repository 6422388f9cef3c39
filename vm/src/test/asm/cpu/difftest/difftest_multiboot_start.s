# Multiboot v1 ring-0 start for a differential-test image: flat segments of our own, an IDT
# whose every vector prints "EXC vv eip" and exits, output on COM1, exit through isa-debug-exit.

        .set COM1, 0x3f8
        .set DEBUG_EXIT, 0xf4

        .section .multiboot, "a"
        .balign 4
        .long 0x1badb002                # magic
        .long 0                         # flags: an ELF image needs nothing more
        .long -0x1badb002               # checksum

        .section .start, "ax"
        .globl _start
_start:
        cli
        lgdt gdt_desc
        ljmp $0x08, $1f
1:      movw $0x10, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %fs
        movw %ax, %gs
        movw %ax, %ss
        movl $boot_stack_top, %esp
        # IDT: vector n -> exc_stubs + 8*n, 32-bit interrupt gate, DPL 0
        xorl %ecx, %ecx
2:      leal exc_stubs(,%ecx,8), %eax
        movw %ax, idt(,%ecx,8)
        movw $0x08, idt+2(,%ecx,8)
        movw $0x8e00, idt+4(,%ecx,8)
        shrl $16, %eax
        movw %ax, idt+6(,%ecx,8)
        incl %ecx
        cmpl $32, %ecx
        jb 2b
        lidt idt_desc
        call dt_main
        movb $0x10, %al                 # exit (0x10 << 1) | 1 = 33, unlike trapgate's own codes
        outb %al, $DEBUG_EXIT
        hlt

# dt_putc: send %al to COM1 once the transmitter holding register is empty.
        .globl dt_putc
dt_putc:
        pushl %edx
        pushl %eax
        movw $COM1+5, %dx
1:      inb %dx, %al
        testb $0x20, %al
        jz 1b
        popl %eax
        movw $COM1, %dx
        outb %al, %dx
        popl %edx
        ret

# Every exception ends the run: print "EXC vv" and the two words on top of the stack (eip, or
# error code then eip), then exit with status 3 (process exit 7).
        .balign 8
exc_stubs:
        .set vec, 0
        .rept 32
        .balign 8
        pushl $vec
        jmp exc_common
        .set vec, vec + 1
        .endr
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
        .balign 8
idt:    .space 32 * 8
idt_desc:
        .word 32 * 8 - 1
        .long idt
        .balign 16
        .space 4096
boot_stack_top:
