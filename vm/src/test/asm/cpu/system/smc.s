# Self-modifying code: patch code that already ran and run the new bytes; patch the very next
# instruction; write code through one linear alias of a page and run it through another; copy
# routines over a buffer with rep movsb and call them (what a module loader does).

        .include "sys_macros.s"

        .text
        .globl kmain
kmain:
        PRINT "smc\n"
        # 1. patch an immediate of a function after each call
        movl $3, %esi
1:      call patchable
        PRINT "patchable returned "
        HEX %eax
        PRINT "\n"
        incl %eax
        movl %eax, patchable+1          # the imm32 of "movl $imm, %eax"
        decl %esi
        jnz 1b
        # 2. patch the next instruction, in the same straight-line run
        call patch_next
        PRINT "patched next instruction gave "
        HEX %eax, 2
        PRINT "\n"
        call patch_next                 # again: the byte is now 0x42 and gets 0x43
        PRINT "second time gave "
        HEX %eax, 2
        PRINT "\n"
        # 3. a loop whose own body is rewritten while it runs: the last iteration sees the new add
        call rewrite_loop
        PRINT "loop total "
        HEX %eax
        PRINT "\n"
        # 4. rep movsb code into a buffer and run it, twice with different code
        movl $routine_a, %esi
        movl $code_buffer, %edi
        movl $routine_a_end - routine_a, %ecx
        rep movsb
        call code_buffer
        PRINT "buffer ran A: "
        HEX %eax
        movl $routine_b, %esi
        movl $code_buffer, %edi
        movl $routine_b_end - routine_b, %ecx
        rep movsb
        call code_buffer
        PRINT ", then B: "
        HEX %eax
        PRINT "\n"
        # 5. rep stosb over the instructions right after itself: they run as the new bytes
        call rep_overwrite
        PRINT "after rep stosb over the next instruction eax="
        HEX %eax
        PRINT "\n"
        # 6. an instruction straddling two pages: rewrite only its bytes in the second page
        call straddler
        PRINT "straddling instruction returned "
        HEX %eax
        movl $0x55667788, straddler + 1 # the imm32: its last bytes are in the next page
        call straddler
        PRINT ", after rewriting its tail "
        HEX %eax
        movb $0x99, straddler + 4       # only the byte in the second page
        call straddler
        PRINT ", after one byte in the next page "
        HEX %eax
        PRINT "\n"
        # 7. the same physical page at two linear addresses: write through one, run the other
        movl $0x000000e7, pd
        movl $0x004000e7, pd+4
        movl $pt, %eax
        orl $3, %eax
        movl %eax, pd+8
        movl $alias_page, %eax
        orl $3, %eax
        movl %eax, pt                   # linear 0x800000 -> alias_page
        PAGING_ON pd
        movl $0x800000, %ebx
        call *%ebx
        PRINT "alias ran "
        HEX %eax
        movl $0x77777777, alias_page+1  # write through the identity address
        call *%ebx                      # run through the alias
        PRINT ", after writing the other alias "
        HEX %eax
        PRINT "\n"
        ret

        .data                           # code in .data: writable with flat segments
patchable:
        movl $0x100, %eax
        ret

patch_next:
        movb 1f+1, %al
        incb %al
        movb %al, 1f+1                  # rewrite the immediate of the next instruction
1:      movb $0x41, %al
        ret

rewrite_loop:
        xorl %eax, %eax
        movl $4, %ecx
1:      cmpl $1, %ecx
        jne 2f
        movb $0x10, 3f+2                # last time round: "addl $1" becomes "addl $0x10"
2:
3:      addl $1, %eax                   # 83 c0 01
        decl %ecx
        jnz 1b
        movb $1, 3b+2                   # restore for a second run
        ret

rep_overwrite:
        movl $0x600d, %eax
        movl $1f, %edi
        movl $5, %ecx
        pushl %eax
        movb $0x90, %al
        cld
        rep stosb                       # five nops over the movl below
        popl %eax
1:      movl $0xbad, %eax               # b8 ad 0b 00 00: never runs
        ret

routine_a:
        movl $0xaaaa0001, %eax
        ret
routine_a_end:
routine_b:
        xorl %eax, %eax
        decl %eax
        shll $4, %eax
        ret
routine_b_end:
code_buffer:
        .space 32, 0xcc

        .balign 4096
        .space 4096 - 2
straddler:                              # b8 at page end - 2: its immediate crosses the page
        movl $0x11223344, %eax
        ret
        .balign 4096
alias_page:
        movl $0x12340000, %eax
        ret
        .balign 4096
pd:     .space 4096
pt:     .space 4096
