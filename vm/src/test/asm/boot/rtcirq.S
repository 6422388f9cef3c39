# rtcirq.S: counts RTC interrupts on IRQ8 (through the slave 8259A): 16 periodic ones at 1024 Hz,
# then one update-ended interrupt; each handler reads status C to re-arm the line.
    .text
    .globl kmain
kmain:
    movl $idt, %edi                        # every vector: unexpected; 0x28: the RTC
    movl $256, %ecx
1:  movl $unexpected_int, %eax
    call set_gate
    addl $8, %edi
    loop 1b
    movl $idt + 0x28 * 8, %edi
    movl $rtc_irq, %eax
    call set_gate
    lidt idt_desc

    movb $0x11, %al                        # PICs: vectors 0x20/0x28; master: only the cascade; slave: IRQ8
    outb %al, $0x20
    outb %al, $0xa0
    movb $0x20, %al
    outb %al, $0x21
    movb $0x28, %al
    outb %al, $0xa1
    movb $0x04, %al
    outb %al, $0x21
    movb $0x02, %al
    outb %al, $0xa1
    movb $0x01, %al
    outb %al, $0x21
    outb %al, $0xa1
    movb $0xfb, %al
    outb %al, $0x21
    movb $0xfe, %al
    outb %al, $0xa1

    movb $0x0a, %al                        # status A: 32.768 kHz base, rate 6 (1024 Hz)
    outb %al, $0x70
    movb $0x26, %al
    outb %al, $0x71
    movb $0x0c, %al                        # clear anything pending
    outb %al, $0x70
    inb $0x71, %al
    movb $0x0b, %al                        # status B: PIE, 24 hour, BCD
    outb %al, $0x70
    movb $0x42, %al
    outb %al, $0x71
    movl $16, %ecx
    call wait_irqs
    movb $0x0b, %al                        # PIE off
    outb %al, $0x70
    movb $0x02, %al
    outb %al, $0x71
    movl count, %eax
    movl $s_periodic, %esi
    call label_dec
    movzbl last_c, %eax
    andb $0xc0, %al                        # IRQF | PF
    movl $s_c, %esi
    call label_hex

    movb $0x0b, %al                        # status B: UIE
    outb %al, $0x70
    movb $0x12, %al
    outb %al, $0x71
    movl $1, %ecx
    call wait_irqs
    movb $0x0b, %al
    outb %al, $0x70
    movb $0x02, %al
    outb %al, $0x71
    movl count, %eax
    movl $s_update, %esi
    call label_dec
    movzbl last_c, %eax
    andb $0x90, %al                        # IRQF | UF
    movl $s_c, %esi
    call label_hex

    movl $0x15, %eax
    call debug_exit

# wait_irqs: sleeps in hlt until %ecx RTC interrupts have come.
wait_irqs:
    movl $0, count
1:  sti                                    # sti's shadow: the interrupt comes at the hlt
    hlt
    cli                                    # count with interrupts off, so the total cannot run past
    cmpl %ecx, count
    jb 1b
    ret

# Stack on entry: eip, cs, eflags.
rtc_irq:
    pushl %eax
    movb $0x0c, %al                        # reading status C acknowledges the RTC
    outb %al, $0x70
    inb $0x71, %al
    movb %al, last_c
    incl count
    movb $0x20, %al                        # EOI to the slave, then the master
    outb %al, $0xa0
    outb %al, $0x20
    popl %eax
    iret

# set_gate: writes a 32-bit ring-0 interrupt gate to handler %eax at %edi.
set_gate:
    movw %ax, 0(%edi)
    movw $0x08, 2(%edi)
    movw $0x8e00, 4(%edi)
    shrl $16, %eax
    movw %ax, 6(%edi)
    ret

unexpected_int:
    movl $s_unexpected, %esi
    call puts
    movl $0x7e, %eax
    call debug_exit

    .data
count:  .long 0
last_c: .byte 0
    .align 8
idt_desc:
    .word 256 * 8 - 1
    .long idt

    .bss
    .align 8
idt: .space 256 * 8

    .section .rodata
s_periodic:   .asciz "periodic interrupts "
s_update:     .asciz "update interrupts "
s_c:          .asciz "status c "
s_unexpected: .asciz "unexpected interrupt\n"
