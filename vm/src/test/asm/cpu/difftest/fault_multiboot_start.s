# Multiboot start of the fault-atomicity image: paging with the same four-page window as the
# Linux start (not present, user RW, not present, user read-only), the cases run at ring 3
# with IOPL 3 (so they can print), and #DE #BP #OF #BR #UD #NP #SS #GP #PF record what the CPU
# pushed into fc_state and resume at fc_recover.

        .set WINDOW, 0x10000000
        .set FRAME_RW, 0xa00000
        .set FRAME_RO, 0xa01000

        .include "start_common.inc"

        MULTIBOOT_HEADER

        .section .start, "ax"
        .globl _start
_start:
        cli
        movl $tss, %eax                 # TSS base into its descriptor
        movw %ax, gdt+0x28+2
        shrl $16, %eax
        movb %al, gdt+0x28+4
        movb %ah, gdt+0x28+7
        LOAD_GDT
        movl $kstack_top, %esp
        movl $kstack_top, tss+4
        movl $0x10, tss+8
        movw $104, tss+102
        movw $0x28, %ax
        ltr %ax
        xorl %ecx, %ecx                 # IDT: 32 vectors
2:      movl %ecx, %eax
        shll $4, %eax
        addl $stubs, %eax
        movw %ax, idt(,%ecx,8)
        movw $0x08, idt+2(,%ecx,8)
        movw $0x8e00, idt+4(,%ecx,8)
        cmpl $3, %ecx                   # int3 and into are allowed from ring 3
        je 3f
        cmpl $4, %ecx
        jne 4f
3:      movw $0xee00, idt+4(,%ecx,8)
4:      shrl $16, %eax
        movw %ax, idt+6(,%ecx,8)
        incl %ecx
        cmpl $32, %ecx
        jb 2b
        lidt idt_desc
        movl $fc_page_pattern, %esi     # the read-only frame holds the pattern too
        movl $FRAME_RO, %edi
        movl $1024, %ecx
        cld
        rep movsl
        movl $0x00000087, pd            # 0-16 MiB identity, 4 MiB pages, user
        movl $0x00400087, pd+4
        movl $0x00800087, pd+8
        movl $0x00c00087, pd+12
        movl $pt, %eax
        orl $7, %eax
        movl %eax, pd + 4 * (WINDOW >> 22)
        movl $FRAME_RW | 7, pt+4        # page 1: present, writable, user
        movl $FRAME_RO | 5, pt+12       # page 3: present, read-only, user
        movl %cr4, %eax
        orl $0x10, %eax
        movl %eax, %cr4
        movl $pd, %eax
        movl %eax, %cr3
        movl %cr0, %eax
        orl $0x80010000, %eax           # PG, WP
        movl %eax, %cr0
        pushl $0x23                     # to ring 3 with IOPL 3, IF 0
        pushl $ustack_top
        pushl $0x3002
        pushl $0x1b
        pushl $user_entry
        movw $0x23, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %fs
        movw %ax, %gs
        iret

user_entry:
        call fc_main
        movb $0x10, %al                 # exit 33
        outb %al, $0xf4
1:      jmp 1b

        .balign 16
stubs:
        .set vec, 0
        .rept 32
        .balign 16
        .if vec == 8 || (vec >= 10 && vec <= 14) || vec == 17
        pushl $vec
        .else
        pushl $0
        pushl $vec
        .endif
        jmp on_trap
        .set vec, vec + 1
        .endr

# Stack: pushal image (0-31), vector 32, error 36, eip 40, cs 44, eflags 48, esp 52, ss 56.
on_trap:
        pushal
        movl 32(%esp), %eax
        cmpl $14, %eax                  # #DE #BP #OF #BR #UD and #NP #SS #GP #PF are reported
        ja fatal
        btl %eax, reported
        jnc fatal
        movl %eax, fc_state
        movl 36(%esp), %eax
        movl %eax, fc_state + 4
        xorl %eax, %eax
        cmpl $14, fc_state
        jne 1f
        movl %cr2, %eax
1:      movl %eax, fc_state + 8
        movl 40(%esp), %eax
        movl %eax, fc_state + 12
        movl 28(%esp), %eax
        movl %eax, fc_state + 16        # eax
        movl 24(%esp), %eax
        movl %eax, fc_state + 20        # ecx
        movl 20(%esp), %eax
        movl %eax, fc_state + 24        # edx
        movl 16(%esp), %eax
        movl %eax, fc_state + 28        # ebx
        movl 52(%esp), %eax
        movl %eax, fc_state + 32        # esp (ring 3)
        movl 8(%esp), %eax
        movl %eax, fc_state + 36        # ebp
        movl 4(%esp), %eax
        movl %eax, fc_state + 40        # esi
        movl (%esp), %eax
        movl %eax, fc_state + 44        # edi
        movl 48(%esp), %eax
        movl %eax, fc_state + 48        # eflags
        movl fc_recover, %eax
        movl %eax, 40(%esp)
        popal
        addl $8, %esp
        iret
fatal:  movb $3, %al                    # exit 7
        outb %al, $0xf4
        hlt

        COM1_PUTC fc_putc

        .section .startdata, "aw"
reported:
        .long 1 << 0 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 6 | 0x7800
        .balign 8
gdt:    .quad 0
        .quad 0x00cf9a000000ffff        # 0x08 kernel code
        .quad 0x00cf92000000ffff        # 0x10 kernel data
        .quad 0x00cffa000000ffff        # 0x18 user code
        .quad 0x00cff2000000ffff        # 0x20 user data
        .quad 0x0000890000000067        # 0x28 TSS
gdt_desc:
        .word gdt_desc - gdt - 1
        .long gdt
        IDT_TABLE
        .balign 64
tss:    .space 104
        .balign 4096
pd:     .space 4096
pt:     .space 4096
        .space 4096
kstack_top:
        .space 8192
ustack_top:
