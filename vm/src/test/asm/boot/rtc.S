# rtc.S: reads the CMOS clock in BCD (the default), then in binary after setting status B, and the
# status registers; run with -rtc base=2006-06-17T16:01:21 so the output is known.
    .set CMOS_INDEX, 0x70
    .set CMOS_DATA, 0x71
    .text
    .globl kmain
kmain:
    movb $0x0a, %al
    call cmos_read
    andb $0x7f, %al                        # UIP comes and goes; the rest is the divider and rate
    movl $s_a, %esi
    call label_hex
    movb $0x0b, %al
    call cmos_read
    movl $s_b, %esi
    call label_hex
    movb $0x0d, %al
    call cmos_read
    movl $s_d, %esi
    call label_hex

    movl $s_bcd, %esi
    call puts
    call print_date

    movb $0x0b, %al                        # status B: 24 hour, binary
    outb %al, $CMOS_INDEX
    movb $0x06, %al
    outb %al, $CMOS_DATA
    movl $s_bin, %esi
    call puts
    call print_date

    movb $0x15, %al                        # base memory in KiB, low and high byte
    call cmos_read
    movl %eax, %ebx
    movb $0x16, %al
    call cmos_read
    shll $8, %eax
    orl %ebx, %eax
    movl $s_base, %esi
    call label_dec

    movl $0x13, %eax
    call debug_exit

# print_date: century, year, month, day, hour, minute as raw register values in hex.
print_date:
    movb $0x32, %al
    call print_reg
    movb $0x09, %al
    call print_reg
    movb $0x08, %al
    call print_reg
    movb $0x07, %al
    call print_reg
    movb $0x04, %al
    call print_reg
    movb $0x02, %al
    call print_reg
    jmp newline

# print_reg: register %al as two hex digits and a space.
print_reg:
    call wait_uip
    call cmos_read
    pushl %eax
    shrb $4, %al
    call hexdigit
    popl %eax
    call hexdigit
    movb $' ', %al
    jmp putc

hexdigit:
    andl $0x0f, %eax
    movb digits(%eax), %al
    jmp putc

# wait_uip: waits until no update is in progress (status A bit 7 clear). Keeps %al.
wait_uip:
    pushl %eax
1:  movb $0x0a, %al
    call cmos_read
    testb $0x80, %al
    jnz 1b
    popl %eax
    ret

# cmos_read: returns CMOS register %al in %eax.
cmos_read:
    outb %al, $CMOS_INDEX
    xorl %eax, %eax
    inb $CMOS_DATA, %al
    ret

    .section .rodata
digits: .ascii "0123456789abcdef"
s_a:    .asciz "status a "
s_b:    .asciz "status b "
s_d:    .asciz "status d "
s_bcd:  .asciz "bcd "
s_bin:  .asciz "binary "
s_base: .asciz "base memory KiB "
