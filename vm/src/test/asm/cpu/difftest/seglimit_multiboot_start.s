# Multiboot start of the segment-limit image: the generated raw descriptors become our LDT, the
# cases run at ring 3 with IOPL 3 (the test segments are DPL 3, and SS may only hold a segment
# of the current privilege level), and #GP/#SS/#NP print "fault vv eeee" and resume at
# sl_recover, like the Linux start.

        .include "start_common.inc"

        MULTIBOOT_HEADER

        .section .start, "ax"
        .globl _start
_start:
        cli
        movl $sl_raw_descs, %eax        # LDT descriptor in GDT slot 3
        movw $0xffff, gdt+0x18
        movw %ax, gdt+0x18+2
        shrl $16, %eax
        movb %al, gdt+0x18+4
        movb $0x82, gdt+0x18+5
        movb $0, gdt+0x18+6
        movb %ah, gdt+0x18+7
        movl sl_descriptor_count, %eax
        shll $3, %eax
        decl %eax
        movw %ax, gdt+0x18              # limit: exactly the generated descriptors
        movl $tss, %eax                 # TSS descriptor in slot 6
        movw %ax, gdt+0x30+2
        shrl $16, %eax
        movb %al, gdt+0x30+4
        movb %ah, gdt+0x30+7
        LOAD_GDT
        movl $stack_top, %esp
        movw $0x18, %ax
        lldt %ax
        FILL_IDT stubs                  # IDT: 32 vectors to stubs, only 11-13 resume
        lidt idt_desc
        movl $stack_top, tss+4          # esp0
        movl $0x10, tss+8               # ss0
        movw $104, tss+102
        movw $0x30, %ax
        ltr %ax
        pushl $0x2b                     # to ring 3, IOPL 3 (so it can print), IF 0
        pushl $user_stack_top
        pushl $0x3002
        pushl $0x23
        pushl $user_entry
        movw $0x2b, %ax
        movw %ax, %ds
        movw %ax, %es
        iret

user_entry:
        call sl_main
        movb $0x10, %al                 # exit 33
        outb %al, $0xf4
1:      jmp 1b

        .balign 8
stubs:
        VECTOR_STUBS on_trap
# Stack: vector, error code (11-13 push one), eip, cs, eflags. Others end the run.
on_trap:
        popl %eax
        cmpl $11, %eax
        jb 1f
        cmpl $13, %eax
        ja 1f
        popl %edx
        call sl_fault
        pushl %eax
        movl sl_recover, %eax
        movl %eax, 4(%esp)
        popl %eax
        iret
1:      movb $3, %al                    # exit 7
        outb %al, $0xf4
        hlt

        COM1_PUTC sl_putc

        .section .startdata, "aw"
        .balign 8
gdt:    .quad 0
        .quad 0x00cf9a000000ffff
        .quad 0x00cf92000000ffff
        .quad 0                         # 0x18: the LDT
        .quad 0x00cffa000000ffff        # 0x20 ring-3 code (0x23, as Linux's __USER_CS)
        .quad 0x00cff2000000ffff        # 0x28 ring-3 data (0x2b, as Linux's __USER_DS)
        .quad 0x0000890000000067        # 0x30 TSS
gdt_desc:
        .word gdt_desc - gdt - 1
        .long gdt
        IDT_TABLE
        .balign 64
tss:    .space 104
        .balign 16
        .space 4096
stack_top:
        .space 4096
user_stack_top:
