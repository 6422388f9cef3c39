# pit.S: programs both 8259As and the 8254 and counts timer interrupts: channel 0 in modes 2 and 3
# through IRQ0, IRR/ISR reads with OCW3, masking, and channel 2 gated through port 0x61.
    .set PIC1, 0x20
    .set PIC2, 0xa0
    .set PIT_CH0, 0x40
    .set PIT_CH2, 0x42
    .set PIT_CMD, 0x43
    .set PORTB, 0x61
    .set DIVISOR, 1193                     # 1.193182 MHz / 1193 = 1 kHz

    .text
    .globl kmain
kmain:
    movl $timer_irq, %eax                  # 0x20: the timer; every other vector: unexpected
    movl $0x20, %ecx
    call idt_init
    movw $0xfffe, %ax                      # PICs: only IRQ0 unmasked (slave 0xff, master 0xfe)
    call pic_remap
    xorl %eax, %eax
    inb $PIC1+1, %al
    movl $s_imr, %esi
    call label_hex

    # Channel 0, lobyte/hibyte, mode 2 (rate generator).
    movb $0x34, %al
    outb %al, $PIT_CMD
    movb $DIVISOR & 0xff, %al
    outb %al, $PIT_CH0
    movb $DIVISOR >> 8, %al
    outb %al, $PIT_CH0
    movl $10, %ecx
    call wait_ticks
    movl ticks, %eax
    movl $s_mode2, %esi
    call label_dec
    movzbl isr_in_handler, %eax
    movl $s_isr_in, %esi
    call label_hex
    movb $0x0b, %al                        # OCW3: read ISR
    outb %al, $PIC1
    xorl %eax, %eax
    inb $PIC1, %al
    movl $s_isr_out, %esi
    call label_hex

    # Channel 0, mode 3 (square wave), same rate.
    movb $0x36, %al
    outb %al, $PIT_CMD
    movb $DIVISOR & 0xff, %al
    outb %al, $PIT_CH0
    movb $DIVISOR >> 8, %al
    outb %al, $PIT_CH0
    movl $5, %ecx
    call wait_ticks
    movl ticks, %eax
    movl $s_mode3, %esi
    call label_dec

    # Masked: the request waits in IRR and is delivered once unmasked.
    movb $0xff, %al
    outb %al, $PIC1+1
    movl $0, ticks
    movb $0x0a, %al                        # OCW3: read IRR
    outb %al, $PIC1
    movl $100000000, %ecx
1:  inb $PIC1, %al
    testb $0x01, %al
    jnz 2f
    loop 1b
2:  andl $0x01, %eax
    movl $s_irr, %esi
    call label_hex
    movl ticks, %eax
    movl $s_masked, %esi
    call label_dec
    movb $0xfe, %al
    outb %al, $PIC1+1
    sti
    nop                                    # the pending IRQ0 is taken here
    cli
    movl ticks, %eax
    movl $s_unmasked, %esi
    call label_dec

    # Channel 2, gated by port 0x61 bit 0, output on bit 5; mode 0 (interrupt on terminal count).
    inb $PORTB, %al
    andb $0xfc, %al
    orb $0x01, %al                         # gate on, speaker off
    outb %al, $PORTB
    movb $0xb0, %al                        # channel 2, lobyte/hibyte, mode 0
    outb %al, $PIT_CMD
    movb $0xff, %al
    outb %al, $PIT_CH2
    outb %al, $PIT_CH2
    call latch_ch2
    movl %eax, %ebx
    movl $20000, %ecx
3:  loop 3b
    call latch_ch2
    cmpl %ebx, %eax                        # moved (not "below": a host that stalls QEMU for
    setne %al                              # 55 ms would let the count wrap)
    movzbl %al, %eax
    movl $s_down, %esi
    call label_dec

    movb $0xb0, %al                        # a long count: out must still be low when read
    outb %al, $PIT_CMD
    movb $0xff, %al
    outb %al, $PIT_CH2
    outb %al, $PIT_CH2
    inb $PORTB, %al
    shrb $5, %al
    andl $1, %eax
    movl $s_out0, %esi
    call label_dec
    movb $0xb0, %al                        # a short count, polled to its end
    outb %al, $PIT_CMD
    movb $2000 & 0xff, %al
    outb %al, $PIT_CH2
    movb $2000 >> 8, %al
    outb %al, $PIT_CH2
    movl $100000000, %ecx
4:  inb $PORTB, %al
    testb $0x20, %al
    jnz 5f
    loop 4b
5:  shrb $5, %al
    andl $1, %eax
    movl $s_out1, %esi
    call label_dec

    movl $0x11, %eax
    call debug_exit

# wait_ticks: resets the tick count and sleeps with hlt until %ecx timer interrupts have come.
wait_ticks:
    movl $0, ticks
1:  sti                                    # sti's shadow: the interrupt comes at the hlt
    hlt
    cli                                    # count with interrupts off, so the total cannot run past
    cmpl %ecx, ticks
    jb 1b
    ret

# latch_ch2: returns channel 2's latched count in %eax.
latch_ch2:
    movb $0x80, %al                        # counter latch command for channel 2
    outb %al, $PIT_CMD
    xorl %eax, %eax
    inb $PIT_CH2, %al
    movb %al, %ah
    inb $PIT_CH2, %al
    xchgb %al, %ah
    ret

# Stack on entry: eip, cs, eflags (no error code for IRQs).
timer_irq:
    pushl %eax
    cmpl $0, ticks
    jne 1f
    movb $0x0b, %al                        # OCW3: read ISR while IRQ0 is in service
    outb %al, $PIC1
    inb $PIC1, %al
    movb %al, isr_in_handler
1:  incl ticks
    movb $0x20, %al                        # non-specific EOI
    outb %al, $PIC1
    popl %eax
    iret

    .data
ticks:          .long 0
isr_in_handler: .byte 0

    .section .rodata
s_imr:        .asciz "pic1 imr "
s_mode2:      .asciz "mode 2 ticks "
s_isr_in:     .asciz "isr in handler "
s_isr_out:    .asciz "isr after eoi "
s_mode3:      .asciz "mode 3 ticks "
s_irr:        .asciz "irr while masked "
s_masked:     .asciz "ticks while masked "
s_unmasked:   .asciz "ticks after unmask "
s_down:       .asciz "ch2 count moved "
s_out0:       .asciz "ch2 out after load "
s_out1:       .asciz "ch2 out at terminal count "
