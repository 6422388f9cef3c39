# dbwatch.S: a DR7 write breakpoint on `watched` and a #DB handler that records the EIP it was raised at,
# then one write to the variable, for a gdb watchpoint on the same variable (GdbOnTheVmTest). The kernel
# prints the recorded EIP, how many #DBs came, DR6's B0-B3 and where the instruction after the write is,
# and exits 0x10.
    .text
    .globl kmain, write_insn, after_write
kmain:
    movl $db_handler, %eax
    movl $1, %ecx
    call idt_init
    movl $watched, %eax
    movl %eax, %dr0
    movl $0x000d0001, %eax                 # L0; R/W = 01 (writes); LEN = 11 (4 bytes)
    movl %eax, %dr7
write_insn:
    movl $0x1234, watched
after_write:                               # the #DB for the write is raised here, before these run
    nop
    nop
    xorl %eax, %eax
    movl %eax, %dr7
    movl $s_eip, %esi
    movl db_eip, %eax
    call label_hex
    movl $s_count, %esi
    movl db_count, %eax
    call label_dec
    movl $s_dr6, %esi
    movl db_dr6, %eax
    call label_hex
    movl $s_after, %esi
    movl $after_write, %eax
    call label_hex
    movl $0x10, %eax
    call debug_exit

db_handler:
    pushl %eax
    movl 4(%esp), %eax                     # the interrupted EIP
    movl %eax, db_eip
    incl db_count
    movl %dr6, %eax
    andl $0xf, %eax
    movl %eax, db_dr6
    xorl %eax, %eax
    movl %eax, %dr6
    popl %eax
    iret

    .data
    .align 4
    .globl watched
watched:  .long 0
db_eip:   .long 0
db_count: .long 0
db_dr6:   .long 0

    .section .rodata
s_eip:   .asciz "#DB eip "
s_count: .asciz "#DB count "
s_dr6:   .asciz "#DB dr6 "
s_after: .asciz "after_write "
