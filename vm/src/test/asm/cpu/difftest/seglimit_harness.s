# Shared half of the segment-limit images. The generated cases load a test selector into %fs,
# arm sl_recover, access memory through %fs, and call sl_ok (no fault: print "ok" and %eax);
# a fault is printed by the platform's handler as "fault vv eeee" and resumes at sl_recover.
# The platform start supplies sl_putc (%al, registers preserved) and sl_descriptors' loading.

        .section .sldata, "aw"
        .globl sl_region, sl_recover, sl_saved_esp
sl_region:                              # 256 KiB the test segments point into, a known pattern
        .set i, 0
        .rept 0x10000
        .long 0x01000193 * i + 0x2545f491
        .set i, i + 1
        .endr
sl_recover:
        .long 0
sl_saved_esp:                           # the harness stack while a case runs on a test SS
        .long 0

        .text
# sl_ok: print "ok " and %eax as 8 hex digits, newline.
        .globl sl_ok
sl_ok:
        pushal
        movl %eax, %edx
        movb $'o', %al
        call sl_putc
        movb $'k', %al
        call sl_putc
        movb $' ', %al
        call sl_putc
        movl $8, %ecx
        call sl_hex
        movb $'\n', %al
        call sl_putc
        popal
        ret

# sl_fault: print "fault " vector (%eax, 2 digits) and error code (%edx, 4 digits), newline.
        .globl sl_fault
sl_fault:
        pushal
        pushl %edx
        movl %eax, %edx
        movl $sl_fault_text, %esi
1:      movb (%esi), %al
        testb %al, %al
        jz 2f
        call sl_putc
        incl %esi
        jmp 1b
2:      shll $24, %edx
        movl $2, %ecx
        call sl_hex
        movb $' ', %al
        call sl_putc
        popl %edx
        shll $16, %edx
        movl $4, %ecx
        call sl_hex
        movb $'\n', %al
        call sl_putc
        popal
        ret

# sl_hex: print the top %ecx nibbles of %edx.
sl_hex:
1:      roll $4, %edx
        movl %edx, %eax
        andl $15, %eax
        movb sl_digits(%eax), %al
        call sl_putc
        decl %ecx
        jnz 1b
        ret

        .section .rodata
sl_digits:
        .ascii "0123456789abcdef"
sl_fault_text:
        .asciz "fault "
