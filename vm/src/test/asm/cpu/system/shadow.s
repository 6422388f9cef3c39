# Interrupt shadows: after sti the next instruction runs before a pending interrupt is taken
# (so "sti; hlt" cannot miss a wakeup), and after mov to ss a single-step trap waits one more
# instruction. The interrupt is IRQ0 from the PIT, made pending while IF=0.

        .include "sys_macros.s"

        .text
        .globl kmain
kmain:
        PRINT "shadow\n"
        movl $irq_hook, trap_hook
        call pic_init
        # 1. pending IRQ0, then sti; movl; movl: taken after the first movl
        call make_irq0_pending
        sti
after_sti:
        movl $1, marker
        movl $2, marker
        cli
        PRINT "marker at the end "
        HEX marker, 1
        PRINT "\n"
        # 2. pending IRQ0, then sti; hlt: taken after hlt, not before it
        call make_irq0_pending
        sti
        hlt
after_hlt:
        cli
        PRINT "woke from hlt\n"
        # 3. TF and mov ss: the step trap comes after the instruction after mov ss
        movl $db_hook, trap_hook
        movw %ss, %ax
        pushfl
        orl $0x100, (%esp)
        popfl
        movw %ax, %ss
        nop
        nop
        movl $default_trap, trap_hook
        PRINT "step eips: "
        HEX step_eip1
        PRINT " "
        HEX step_eip2
        PRINT "\n"
        ret

# IRQ0 (vector 0x20): print where it arrived and the marker, acknowledge it.
irq_hook:
        cmpl $0x20, TF_VEC(%ebx)
        jne default_trap
        PRINT "IRQ0 at "
        movl TF_EIP(%ebx), %eax
        subl $after_hlt, %eax
        cmpl $0x10, %eax
        jb 1f
        PRINT "after_sti+"
        movl TF_EIP(%ebx), %eax
        subl $after_sti, %eax
        jmp 2f
1:      PRINT "after_hlt+"
2:      HEX %eax, 2
        PRINT " marker="
        HEX marker, 1
        PRINT "\n"
        movb $0x20, %al                 # EOI
        outb %al, $0x20
        ret

db_hook:
        cmpl $1, TF_VEC(%ebx)
        jne default_trap
        movl TF_EIP(%ebx), %eax
        cmpl $0, step_eip1
        jne 1f
        movl %eax, step_eip1
        ret
1:      movl %eax, step_eip2
        andl $~0x100, TF_EFLAGS(%ebx)
        ret

# Master PIC at vectors 0x20-0x27, slave at 0x28-0x2f; only IRQ0 unmasked.
pic_init:
        movb $0x11, %al
        outb %al, $0x20
        outb %al, $0xa0
        movb $0x20, %al
        outb %al, $0x21
        movb $0x28, %al
        outb %al, $0xa1
        movb $4, %al
        outb %al, $0x21
        movb $2, %al
        outb %al, $0xa1
        movb $1, %al
        outb %al, $0x21
        outb %al, $0xa1
        movb $0xfe, %al
        outb %al, $0x21
        movb $0xff, %al
        outb %al, $0xa1
        ret

# PIT channel 0, mode 0, a short count; then wait (IF=0) until the PIC's IRR shows IRQ0.
make_irq0_pending:
        movb $0x30, %al                 # channel 0, lobyte/hibyte, mode 0
        outb %al, $0x43
        movb $0x40, %al
        outb %al, $0x40
        movb $0x00, %al
        outb %al, $0x40
1:      movb $0x0a, %al                 # OCW3: read IRR
        outb %al, $0x20
        inb $0x20, %al
        testb $1, %al
        jz 1b
        movl $0, marker
        ret

        .data
marker: .long 0
step_eip1:
        .long 0
step_eip2:
        .long 0
