# hello.S: greets over COM1, then reads back the 16550A registers a driver relies on and exits 0x10.
    .set COM1, 0x3f8
    .text
    .globl kmain
kmain:
    movl $hello, %esi
    call puts

    movw $COM1+7, %dx                      # scratch register keeps what is written
    movb $0x5a, %al
    outb %al, %dx
    xorl %eax, %eax
    inb %dx, %al
    movl $scr, %esi
    call label_hex

    movw $COM1+2, %dx                      # IIR: FIFOs on (bits 7:6), nothing pending (bit 0)
    xorl %eax, %eax
    inb %dx, %al
    movl $iir, %esi
    call label_hex

    movw $COM1+3, %dx                      # LCR reads back 8N1
    xorl %eax, %eax
    inb %dx, %al
    movl $lcr, %esi
    call label_hex

    movw $COM1+5, %dx                      # LSR: transmitter empty, no data
    xorl %eax, %eax
    inb %dx, %al
    movl $lsr, %esi
    call label_hex

    movw $COM1+3, %dx                      # the divisor latch reads back through DLAB
    movb $0x83, %al
    outb %al, %dx
    movw $COM1+0, %dx
    inb %dx, %al
    movb %al, saved_dll                    # print only after DLAB is off: THR is DLL now
    movw $COM1+3, %dx
    movb $0x03, %al
    outb %al, %dx
    movzbl saved_dll, %eax
    movl $dll, %esi
    call label_hex

    movw $COM1+4, %dx                      # loopback: THR comes back in RBR, MCR shows in MSR
    movb $0x1b, %al                        # LOOP | OUT2 | RTS | DTR
    outb %al, %dx
    movw $COM1+6, %dx
    inb %dx, %al
    andb $0xf0, %al                        # the state bits; deltas depend on history
    movb %al, saved_msr
    movw $COM1, %dx
    movb $'Q', %al
    outb %al, %dx                          # goes to RBR, not to the wire
    movw $COM1+5, %dx
    inb %dx, %al
    andb $0x01, %al                        # LSR.DR: a byte is waiting
    movb %al, saved_dr
    movw $COM1, %dx
    inb %dx, %al
    movb %al, saved_rbr
    movw $COM1+4, %dx
    movb $0x0b, %al                        # loopback off before printing again
    outb %al, %dx
    movzbl saved_msr, %eax
    movl $msr, %esi
    call label_hex
    movzbl saved_dr, %eax
    movl $dr, %esi
    call label_hex
    movzbl saved_rbr, %eax
    movl $rbr, %esi
    call label_hex

    movw $COM1+1, %dx                      # IER: THR-empty interrupt -> IIR reports source 0x2
    movb $0x02, %al
    outb %al, %dx
    movw $COM1+2, %dx
    xorl %eax, %eax
    inb %dx, %al
    movl $thri, %esi
    call label_hex
    movw $COM1+2, %dx                      # reading IIR cleared the THRE interrupt
    xorl %eax, %eax
    inb %dx, %al
    movl $thri2, %esi
    call label_hex
    movw $COM1+1, %dx
    movb $0x00, %al
    outb %al, %dx

    movl $bye, %esi
    call puts
    movl $0x10, %eax
    call debug_exit

    .data
saved_dll: .byte 0
saved_msr: .byte 0
saved_dr:  .byte 0
saved_rbr: .byte 0

    .section .rodata
hello: .asciz "hello from a multiboot kernel\n"
scr:   .asciz "scratch "
iir:   .asciz "iir "
lcr:   .asciz "lcr "
lsr:   .asciz "lsr "
dll:   .asciz "dll "
msr:   .asciz "msr loop "
dr:    .asciz "lsr.dr loop "
rbr:   .asciz "rbr loop "
thri:  .asciz "iir thre "
thri2: .asciz "iir after read "
bye:   .asciz "bye\n"
