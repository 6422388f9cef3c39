# debugcon.S: writes to the port 0xE9 debug console and to COM1, then exits 0x12.
    .text
    .globl kmain
kmain:
    movl $e9msg, %esi
1:  movb (%esi), %al
    testb %al, %al
    jz 2f
    outb %al, $0xe9
    incl %esi
    jmp 1b
2:  inb $0xe9, %al                         # the port reads back 0xe9 when present
    movzbl %al, %eax
    movl $s_read, %esi
    call label_hex
    movl $0x12, %eax
    call debug_exit
    .section .rodata
e9msg:  .asciz "to the debug console\n"
s_read: .asciz "port 0xe9 reads "
