# lib.S: COM1 console, number printing and exits shared by the boot test kernels.
    .set COM1, 0x3f8
    .text

# serial_init: 115200 8N1, FIFOs on, interrupts off.
    .globl serial_init
serial_init:
    movw $COM1+1, %dx
    movb $0x00, %al                        # IER: no interrupts
    outb %al, %dx
    movw $COM1+3, %dx
    movb $0x80, %al                        # LCR: DLAB on
    outb %al, %dx
    movw $COM1+0, %dx
    movb $0x01, %al                        # DLL: divisor 1 (115200 baud)
    outb %al, %dx
    movw $COM1+1, %dx
    movb $0x00, %al                        # DLM
    outb %al, %dx
    movw $COM1+3, %dx
    movb $0x03, %al                        # LCR: 8N1, DLAB off
    outb %al, %dx
    movw $COM1+2, %dx
    movb $0xC7, %al                        # FCR: enable + clear FIFOs, 14-byte trigger
    outb %al, %dx
    movw $COM1+4, %dx
    movb $0x0B, %al                        # MCR: DTR, RTS, OUT2
    outb %al, %dx
    ret

# putc: writes %al to COM1 once the transmitter holding register is empty.
    .globl putc
putc:
    pushl %edx
    pushl %eax
    movw $COM1+5, %dx
1:  inb %dx, %al
    testb $0x20, %al                       # LSR.THRE
    jz 1b
    popl %eax
    movw $COM1, %dx
    outb %al, %dx
    popl %edx
    ret

# puts: writes the NUL-terminated string at %esi.
    .globl puts
puts:
    pushl %esi
    pushl %eax
1:  movb (%esi), %al
    testb %al, %al
    jz 2f
    call putc
    incl %esi
    jmp 1b
2:  popl %eax
    popl %esi
    ret

# puthex: writes %eax as 0x followed by 8 hex digits.
    .globl puthex
puthex:
    pushal
    movl %eax, %ebx
    movb $'0', %al
    call putc
    movb $'x', %al
    call putc
    movl $8, %ecx
1:  roll $4, %ebx
    movl %ebx, %eax
    andl $0xf, %eax
    movb hexdigits(%eax), %al
    call putc
    loop 1b
    popal
    ret

# putdec: writes %eax as an unsigned decimal number.
    .globl putdec
putdec:
    pushal
    movl $10, %ebx
    xorl %ecx, %ecx                        # digits pushed
1:  xorl %edx, %edx
    divl %ebx
    pushl %edx
    incl %ecx
    testl %eax, %eax
    jnz 1b
2:  popl %eax
    addb $'0', %al
    call putc
    loop 2b
    popal
    ret

# newline: writes "\n".
    .globl newline
newline:
    pushl %eax
    movb $'\n', %al
    call putc
    popl %eax
    ret

# label_hex: writes the string at %esi, then %eax in hex, then a newline.
    .globl label_hex
label_hex:
    call puts
    call puthex
    jmp newline

# label_dec: writes the string at %esi, then %eax in decimal, then a newline.
    .globl label_dec
label_dec:
    call puts
    call putdec
    jmp newline

# debug_exit: isa-debug-exit at 0xf4; the emulator exits with (al << 1) | 1. Never returns.
    .globl debug_exit
debug_exit:
    outb %al, $0xf4
1:  cli
    hlt
    jmp 1b

    .section .rodata
hexdigits: .ascii "0123456789abcdef"
