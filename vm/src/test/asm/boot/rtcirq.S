# rtcirq.S: counts RTC interrupts on IRQ8 (through the slave 8259A): 16 periodic ones at 1024 Hz,
# then one update-ended interrupt; each handler reads status C to re-arm the line.
    .text
    .globl kmain
kmain:
    movl $rtc_irq, %eax                    # 0x28: the RTC; every other vector: unexpected
    movl $0x28, %ecx
    call idt_init
    movw $0xfefb, %ax                      # PICs: master only the cascade (0xfb), slave IRQ8 (0xfe)
    call pic_remap

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

    .data
count:  .long 0
last_c: .byte 0

    .section .rodata
s_periodic:   .asciz "periodic interrupts "
s_update:     .asciz "update interrupts "
s_c:          .asciz "status c "
