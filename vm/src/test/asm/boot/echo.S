# echo.S: receives typed bytes through the UART's receive interrupt (IRQ4), sleeping in hlt between
# them, and echoes them inside brackets until a '.' arrives; then exits 0x14 (process exit 41).
# '#' bytes are not echoed: the test sends one first because a byte that arrives before
# serial_init resets the FIFO is lost (under QEMU as on hardware), and when it arrives is up to
# the host.
    .set COM1, 0x3f8
    .text
    .globl kmain
kmain:
    movl $prompt, %esi
    call puts
    movl $idt, %edi                        # every vector: unexpected; 0x24: the UART
    movl $256, %ecx
1:  movl $unexpected_int, %eax
    call set_gate
    addl $8, %edi
    loop 1b
    movl $idt + 0x24 * 8, %edi
    movl $uart_irq, %eax
    call set_gate
    lidt idt_desc

    movb $0x11, %al                        # PICs: vectors 0x20/0x28, only IRQ4 unmasked
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
    movb $0xef, %al
    outb %al, $0x21
    movb $0xff, %al
    outb %al, $0xa1

    movb $'[', %al
    call putc
    movw $COM1+1, %dx                      # IER: received data available
    movb $0x01, %al
    outb %al, %dx
    sti
2:  hlt                                    # no timer: only a typed byte wakes us
    cmpb $0, done
    je 2b
    cli
    movb $']', %al
    call putc
    call newline
    movl $0x14, %eax
    call debug_exit

# Stack on entry: eip, cs, eflags. Drains the receive FIFO, echoing each byte.
uart_irq:
    pushal
1:  movw $COM1+5, %dx
    inb %dx, %al
    testb $0x01, %al                       # LSR.DR
    jz 2f
    movw $COM1, %dx
    inb %dx, %al
    cmpb $'#', %al                         # padding: see the top of the file
    je 1b
    call putc
    cmpb $'.', %al
    jne 1b
    movb $1, done
    movw $COM1+1, %dx                      # no more receive interrupts
    movb $0x00, %al
    outb %al, %dx
2:  movb $0x20, %al                        # EOI
    outb %al, $0x20
    popal
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
done: .byte 0
    .align 8
idt_desc:
    .word 256 * 8 - 1
    .long idt

    .bss
    .align 8
idt: .space 256 * 8

    .section .rodata
prompt:       .asciz "type, end with a dot\n"
s_unexpected: .asciz "unexpected interrupt\n"
