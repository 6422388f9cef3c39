# reset.S: counts its boots in CMOS byte 0x41. The first boot asks for a reset through the reset
# control register 0xCF9, the second through port 0x92's fast-reset bit; the third exits 0x23
# (process exit 71).
    .text
    .globl kmain
kmain:
    movb $0x41, %al                        # CMOS byte 0x41: boots so far, this one too
    movl $s_boot, %esi
    call count_boot                        # ebx = the count
    cmpl $1, %ebx
    jne 1f
    movb $0x06, %al                        # hard reset (bit 1) + do it (bit 2)
    movw $0xcf9, %dx
    outb %al, %dx
    jmp 3f
1:  cmpl $2, %ebx
    jne 2f
    inb $0x92, %al
    orb $0x01, %al                         # fast reset
    outb %al, $0x92
    jmp 3f
2:  movl $0x23, %eax
    call debug_exit
3:  movl $s_survived, %esi                 # the reset did not happen
    call puts
    movl $0x7a, %eax
    call debug_exit

    .section .rodata
s_boot:     .asciz "boot "
s_survived: .asciz "still running after the reset request\n"
