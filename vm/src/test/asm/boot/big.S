# big.S: a kernel whose bss needs 4 MiB, to be loaded into too little RAM.
    .text
    .globl kmain
kmain:
    movl $0x7d, %eax
    call debug_exit
    .bss
    .space 4 << 20
