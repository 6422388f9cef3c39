# hang.S: prints a line, then halts with interrupts off: nothing can ever wake it.
    .text
    .globl kmain
kmain:
    movl $msg, %esi
    call puts
    cli
    hlt
    movl $s_woke, %esi
    call puts
    movl $0x7c, %eax
    call debug_exit
    .section .rodata
msg:    .asciz "halting for good\n"
s_woke: .asciz "woke up\n"
