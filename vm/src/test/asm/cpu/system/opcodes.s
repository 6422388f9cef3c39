# Every one-byte opcode and every 0F two-byte opcode, run at ring 3 (IOPL 0) followed by eight
# zero bytes (ModRM 0: a memory operand at %eax; zero displacements and immediates), a sled of
# clc (0xf8: one byte as an opcode, a register operand as a ModRM, harmless as an immediate)
# that brings any instruction boundary back in step, and an int $0x80: prints which vector each ended with ("--": it completed and reached
# the int $0x80). Registers point at scratch memory, the stack holds a return frame to the
# int $0x80, so ret/lret/iret/popf come back too. A VM must survive all of it.
# Lines: "1 xx: v v v ..." (16 opcodes from xx), "2 0f xx: ...", then the one-byte opcodes
# again behind a prefix: "3 66 xx" (operand size), "4 67 xx" (address size), "5 f0 xx" (lock),
# "6 f3 xx" (rep).
# Paging confines ring 3 to its own pages (user code, code buffer, scratch, stack): whatever an
# opcode does to control flow ends in a #PF instead of running through the kernel.

        .include "sys_macros.s"

        .text
        .globl kmain
kmain:
        PRINT "opcodes\n"
        call sandbox
        movl $sweep_hook, trap_hook
        movl $prefixes, %esi
1:      movzbl (%esi), %eax
        movl %eax, prefix
        movzbl 1(%esi), %eax
        movl %eax, row_tag
        call sweep
        addl $2, %esi
        cmpl $prefixes_end, %esi
        jb 1b
        movl $default_trap, trap_hook
        ret

# sweep: run opcodes 0..255 (after 0x0f if prefix), printing 16 results per line.
sweep:
        xorl %ebx, %ebx                 # opcode
1:      testl $15, %ebx
        jnz 2f
        HEX row_tag, 1
        PRINT " "
        cmpl $0, prefix
        je 4f
        HEX prefix, 2
        PRINT " "
4:      HEX %ebx, 2
        PRINT ":"
2:      call run_one
        PRINT " "
        cmpl $0x100, result
        je 5f
        HEX result, 2
        jmp 6f
5:      PRINT "--"
6:      incl %ebx
        testl $15, %ebx
        jnz 7f
        PRINT "\n"
7:      cmpl $256, %ebx
        jb 1b
        ret

# sandbox: identity-map 0-4 MiB with 4 KiB pages, supervisor only, except the user pages.
sandbox:
        xorl %ecx, %ecx
1:      movl %ecx, %eax
        shll $12, %eax
        orl $3, %eax                    # present, writable, supervisor
        movl %eax, pt(,%ecx,4)
        incl %ecx
        cmpl $1024, %ecx
        jb 1b
        movl $user_first, %ecx          # the user pages: P RW U
2:      movl %ecx, %eax
        shrl $12, %eax
        orl $4, pt(,%eax,4)
        addl $4096, %ecx
        cmpl $user_stack_top, %ecx
        jb 2b
        movl $pt, %eax
        orl $7, %eax                    # the PDE allows ring 3; the PTEs decide
        movl %eax, pd                   # only the first 4 MiB exist
        movl $pd, %eax
        movl %eax, %cr3
        movl %cr0, %eax
        orl $0x80000000, %eax
        movl %eax, %cr0
        ret

# run_one: build the code buffer for opcode %ebx and run it at ring 3; result = vector.
run_one:
        pushal
        movl $code_buf, %edi            # opcode, 8 zeros, 20 clc, int $0x80
        movl $10, %ecx
        xorl %eax, %eax
        cld
        rep stosb
        movl $20, %ecx
        movb $0xf8, %al
        rep stosb
        movw $0x80cd, code_buf + 30
        movl $code_buf, %edi
        movl prefix, %eax
        testl %eax, %eax
        je 1f
        movb %al, (%edi)
        incl %edi
1:      movb %bl, (%edi)
        movl $scratch, %edi             # fresh scratch memory
        movl $1024, %ecx
        xorl %eax, %eax
        rep stosl
        # the user stack: a far/iret frame back to the int $0x80 stub
        movl $user_stack_top - 32, %eax
        movl $back_stub, (%eax)         # eip (ret, lret, iret)
        movl $UCODE, 4(%eax)            # cs
        movl $0x202, 8(%eax)            # eflags for iret (and what popf pops... see below)
        movl $user_stack_top, 12(%eax)
        movl $UDATA, 16(%eax)
        movl %eax, user_esp
        movl $code_start, %eax
        movl user_esp, %ebx
        movl $0x202, %ecx
        call enter_user
        popal
        ret

        .data
        .balign 4096
user_first:
# Ring 3: set the registers, then fall into the code buffer.
code_start:
        movl $scratch + 0x100, %eax
        movl $scratch + 0x200, %ebx
        xorl %ecx, %ecx
        xorl %edx, %edx
        movl $scratch + 0x300, %esi
        movl $scratch + 0x400, %edi
        movl $scratch + 0x500, %ebp
        jmp code_buf
back_stub:
        int $0x80

        .text
# Any trap from ring 3 ends the run: record the vector (int $0x80 counts as "completed").
sweep_hook:
        movl TF_VEC(%ebx), %eax
        cmpl $0x80, %eax
        jne 1f
        movl $0x100, %eax
1:      testl $3, TF_CS(%ebx)
        jnz 2f
        PRINT "TRAP IN RING 0\n"
        jmp default_trap
2:      movl %eax, result
        jmp back_to_kernel

        .data                           # still on the user page
code_buf:
        .space 48
        .balign 4096
scratch:
        .space 4096
        .space 4096
user_stack_top:
prefix: .long 0
row_tag: .long 0
result: .long 0
prefixes:                               # prefix byte, row tag
        .byte 0, 1, 0x0f, 2, 0x66, 3, 0x67, 4, 0xf0, 5, 0xf3, 6
prefixes_end:
user_esp: .long 0
        .balign 4096
pd:     .space 4096
pt:     .space 4096
