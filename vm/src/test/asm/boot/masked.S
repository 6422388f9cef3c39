# masked.S: arms PIT channel 0 but masks IRQ0 at the PIC, enables interrupts and halts: the timer
# keeps running but can never wake the CPU.
    .text
    .globl kmain
kmain:
    movl $msg, %esi
    call puts
    movb $0x11, %al                        # ICW1..4: vectors 0x20/0x28
    outb %al, $0x20
    movb $0x20, %al
    outb %al, $0x21
    movb $0x04, %al
    outb %al, $0x21
    movb $0x01, %al
    outb %al, $0x21
    movb $0xff, %al                        # every IRQ masked
    outb %al, $0x21
    movb $0x34, %al                        # channel 0, mode 2, 1 kHz
    outb %al, $0x43
    movb $0xa9, %al
    outb %al, $0x40
    movb $0x04, %al
    outb %al, $0x40
    sti
    hlt
    movl $0x7b, %eax
    call debug_exit
    .section .rodata
msg: .asciz "waiting for a masked timer\n"
