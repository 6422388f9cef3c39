# pitregs.S: the 8254's read-back status byte (output, access mode, counting mode, BCD) after
# programming channel 0 in modes 0 and 3, with counts long enough that the output cannot change
# between the load and the read. (Modes 2 and 4 are left out: QEMU shows their output inverted,
# low with a one-clock high pulse, where the 8254 datasheet and trapgate have it high with a
# one-clock low pulse.)
    .text
    .globl kmain
kmain:
    movb $0x30, %al                        # mode 0, lobyte/hibyte: out low until terminal count
    movl $0xffff, %ebx
    call program_and_status
    movb $0x36, %al                        # mode 3: out high for the first half
    call program_and_status
    movb $0x20, %al                        # mode 0, hibyte only
    call program_and_status
    movb $0x31, %al                        # mode 0, BCD (9999 counts)
    movl $0x9999, %ebx
    call program_and_status

    movb $0x30, %al                        # status and count latched together: status reads first
    movl $0xffff, %ebx
    call program
    movb $0xc2, %al                        # read-back: count and status, channel 0
    outb %al, $0x43
    xorl %eax, %eax
    inb $0x40, %al
    movl $s_both, %esi
    call label_hex
    inb $0x40, %al                         # the two count bytes follow
    inb $0x40, %al
    movb $0xe2, %al                        # read-back of status only
    outb %al, $0x43
    xorl %eax, %eax
    inb $0x40, %al
    movl $s_again, %esi
    call label_hex

    movl $0x17, %eax
    call debug_exit

# program: control word %al to channel 0, then the count in %ebx as the access field (bits 5:4) says.
program:
    outb %al, $0x43
    movb %al, %cl
    andb $0x30, %cl
    cmpb $0x20, %cl                        # hibyte only
    je 1f
    movb %bl, %al
    outb %al, $0x40                        # the low byte
    cmpb $0x10, %cl                        # lobyte only: done
    je 2f
1:  movb %bh, %al
    outb %al, $0x40                        # the high byte
2:  ret

# program_and_status: program, then print the read-back status of channel 0.
program_and_status:
    movb %al, control
    call program
    movb $0xe2, %al                        # read-back: status only, channel 0
    outb %al, $0x43
    xorl %eax, %eax
    inb $0x40, %al
    movl %eax, %edi
    movl $s_control, %esi
    call puts
    movzbl control, %eax
    call puthex
    movl $s_status, %esi
    movl %edi, %eax
    jmp label_hex

    .data
control: .byte 0

    .section .rodata
s_control: .asciz "control "
s_status:  .asciz " status "
s_both:    .asciz "status with count "
s_again:   .asciz "status again "
