# spin.S: prints a line, then loops forever with interrupts off (for the watchdog).
    .text
    .globl kmain
kmain:
    movl $msg, %esi
    call puts
1:  jmp 1b
    .section .rodata
msg: .asciz "spinning\n"
