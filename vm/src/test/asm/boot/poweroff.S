# poweroff.S: powers the machine off through the Bochs/old-QEMU port 0xB004. trapgate exits 0 there;
# QEMU 7.2 ignores the write, so the kernel goes on to a debug exit with 0x33 (process exit 103).
    .text
    .globl kmain
kmain:
    movl $msg, %esi
    call puts
    movw $0x2000, %ax
    movw $0xb004, %dx
    outw %ax, %dx
    movl $late, %esi                       # still running: the port did nothing
    call puts
    movl $0x33, %eax
    call debug_exit
    .section .rodata
msg:  .asciz "powering off\n"
late: .asciz "still running after power-off\n"
