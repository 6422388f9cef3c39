# exit.S: prints a line and leaves through isa-debug-exit with 0x2a: the process exits 85.
    .text
    .globl kmain
kmain:
    movl $msg, %esi
    call puts
    movl $0x2a, %eax
    call debug_exit
    .section .rodata
msg: .asciz "exiting with 0x2a\n"
