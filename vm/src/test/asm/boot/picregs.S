# picregs.S: reads the 8259A's registers through OCW3 (IRR, ISR, poll) with interrupts off, using
# the UART's THR-empty interrupt (IRQ4, raised at once) and a PIT one-shot (IRQ0) as requests:
# edge latching, poll acknowledge, specific EOI, masking, auto-EOI and priority rotation.
    .set COM1, 0x3f8
    .set PIC1, 0x20
    .text
    .globl kmain
kmain:
    movb $0x01, %al                        # ICW4 value: 8086 mode, normal EOI
    call pic_init
    movb $0xef, %al                        # only IRQ4
    outb %al, $PIC1+1

    call irq4_edge                         # THRE pending: IRQ4 rises
    movl $s_irr, %esi
    call show_irr
    movl $s_isr, %esi
    call show_isr
    movl $s_poll, %esi
    call show_poll                         # poll = INTA: 0x80 | 4
    movl $s_isr, %esi
    call show_isr
    movl $s_irr_after, %esi
    call show_irr                          # edge triggered: the request is gone, the line still high
    movb $0x64, %al                        # OCW2: specific EOI for IR4
    outb %al, $PIC1
    movl $s_isr_eoi, %esi
    call show_isr

    call irq4_edge
    movb $0xff, %al                        # masked: still seen in IRR, not by poll
    outb %al, $PIC1+1
    movl $s_irr_masked, %esi
    call show_irr
    movl $s_poll_masked, %esi
    call show_poll
    xorl %eax, %eax
    inb $PIC1+1, %al
    movl $s_imr, %esi
    call label_hex

    movb $0x03, %al                        # ICW4: auto EOI
    call pic_init
    movb $0xef, %al
    outb %al, $PIC1+1
    call irq4_edge
    movl $s_poll_aeoi, %esi
    call show_poll
    movl $s_isr_aeoi, %esi
    call show_isr

    movb $0x01, %al                        # back to normal EOI; IRQ0 and IRQ4 both requesting
    call pic_init
    movb $0xee, %al
    outb %al, $PIC1+1
    movb $0x30, %al                        # PIT channel 0, mode 0, count 100: one rising edge soon
    outb %al, $0x43
    movb $100, %al
    outb %al, $0x40
    movb $0, %al
    outb %al, $0x40
    movb $0x0a, %al
    outb %al, $PIC1
1:  inb $PIC1, %al                         # wait for IRQ0 in IRR
    testb $0x01, %al
    jz 1b
    call irq4_edge
    movl $s_irr_two, %esi
    call show_irr
    movb $0xc0, %al                        # OCW2: set priority, IR0 lowest, so IR1 (..IR4) outranks it
    outb %al, $PIC1
    movl $s_poll_rot, %esi
    call show_poll
    movb $0x20, %al                        # non-specific EOI clears the highest in service (IR4)
    outb %al, $PIC1
    movl $s_poll_next, %esi
    call show_poll
    movb $0x20, %al
    outb %al, $PIC1
    movl $s_isr_eoi, %esi
    call show_isr

    movl $0x16, %eax
    call debug_exit

# pic_init: ICW1-ICW4 on the master (vectors 0x20), ICW4 = %al.
pic_init:
    pushl %eax
    movb $0x11, %al
    outb %al, $PIC1
    movb $0x20, %al
    outb %al, $PIC1+1
    movb $0x04, %al
    outb %al, $PIC1+1
    popl %eax
    outb %al, $PIC1+1
    ret

# irq4_edge: drops and raises the UART's interrupt line: IER off, then THR-empty on (pending at once).
irq4_edge:
    movw $COM1+1, %dx
    movb $0x00, %al
    outb %al, %dx
    movb $0x02, %al
    outb %al, %dx
    ret

# show_irr / show_isr / show_poll: label %esi, then the register in hex.
show_irr:
    movb $0x0a, %al
    jmp 1f
show_isr:
    movb $0x0b, %al
    jmp 1f
show_poll:
    movb $0x0c, %al
1:  outb %al, $PIC1
    xorl %eax, %eax
    inb $PIC1, %al
    jmp label_hex

    .section .rodata
s_irr:         .asciz "irr "
s_isr:         .asciz "isr "
s_poll:        .asciz "poll "
s_irr_after:   .asciz "irr after poll "
s_isr_eoi:     .asciz "isr after eoi "
s_irr_masked:  .asciz "irr masked "
s_poll_masked: .asciz "poll masked "
s_imr:         .asciz "imr "
s_poll_aeoi:   .asciz "poll aeoi "
s_isr_aeoi:    .asciz "isr aeoi "
s_irr_two:     .asciz "irr two requests "
s_poll_rot:    .asciz "poll rotated "
s_poll_next:   .asciz "poll next "
