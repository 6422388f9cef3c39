# lib.S: COM1 console, number printing, exits, the IDT, the 8259As and a CMOS boot counter,
# shared by the boot test kernels.
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

# idt_init: every vector to unexpected_int, then vector %ecx to the handler at %eax; loads the IDT.
    .globl idt_init
idt_init:
    pushal
    movl %eax, %ebx                        # the handler
    movl %ecx, %edx                        # its vector
    movl $idt, %edi
    movl $256, %ecx
1:  movl $unexpected_int, %eax
    call set_gate
    addl $8, %edi
    loop 1b
    leal idt(,%edx,8), %edi
    movl %ebx, %eax
    call set_gate
    lidt idt_desc
    popal
    ret

# set_gate: writes a 32-bit ring-0 interrupt gate to handler %eax at %edi.
set_gate:
    movw %ax, 0(%edi)
    movw $0x08, 2(%edi)
    movw $0x8e00, 4(%edi)                  # present, DPL 0, 32-bit interrupt gate
    shrl $16, %eax
    movw %ax, 6(%edi)
    ret

# Any vector the kernel did not ask for: say so and exit 0x7e.
unexpected_int:
    movl $s_unexpected, %esi
    call puts
    movl $0x7e, %eax
    call debug_exit

# pic_remap: ICW1..ICW4 on both 8259As (vectors 0x20 and 0x28, the slave on the master's IR2,
# 8086 mode), then OCW1: %al is the master's interrupt mask, %ah the slave's. Clobbers %eax.
    .globl pic_remap
pic_remap:
    pushl %eax
    movb $0x11, %al                        # ICW1: ICW4 follows, cascade
    outb %al, $0x20
    outb %al, $0xa0
    movb $0x20, %al                        # ICW2: vector bases
    outb %al, $0x21
    movb $0x28, %al
    outb %al, $0xa1
    movb $0x04, %al                        # ICW3, master: a slave on IR2
    outb %al, $0x21
    movb $0x02, %al                        # ICW3, slave: my cascade identity is 2
    outb %al, $0xa1
    movb $0x01, %al                        # ICW4: 8086 mode
    outb %al, $0x21
    outb %al, $0xa1
    popl %eax
    outb %al, $0x21                        # OCW1: the masks
    movb %ah, %al
    outb %al, $0xa1
    ret

# count_boot: adds one to the boots counted in CMOS byte %al (battery-backed, so the count
# survives a reset), writes the string at %esi and the count, and returns the count in %ebx.
    .globl count_boot
count_boot:
    pushl %eax
    outb %al, $0x70
    inb $0x71, %al
    movzbl %al, %ebx
    incl %ebx
    movb %bl, %al
    outb %al, $0x71                        # boots so far, including this one
    movl %ebx, %eax
    call label_dec
    popl %eax
    ret

    .data
    .align 8
idt_desc:
    .word 256 * 8 - 1
    .long idt

    .bss
    .align 8
idt: .space 256 * 8

    .section .rodata
hexdigits: .ascii "0123456789abcdef"
s_unexpected: .asciz "unexpected interrupt\n"
