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
    movl $uart_irq, %eax                   # 0x24: the UART; every other vector: unexpected
    movl $0x24, %ecx
    call idt_init
    movw $0xffef, %ax                      # PICs: only IRQ4 unmasked (slave 0xff, master 0xef)
    call pic_remap

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

    .data
done: .byte 0

    .section .rodata
prompt:       .asciz "type, end with a dot\n"
