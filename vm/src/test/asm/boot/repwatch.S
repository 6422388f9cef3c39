# repwatch.S: rep stosb fills a 256-byte buffer, then rep movsb copies a pattern over it, for gdb
# watchpoints that hit inside a REP string instruction (GdbOnTheVmTest). The kernel checks the
# copy itself and exits 0x10 if the buffer holds the pattern, 0x11 if not.
    .text
    .globl kmain
kmain:
    cld
    movl $dst, %edi
    movl $256, %ecx
    movb $0x5a, %al
fill_rep:
    rep stosb
    movl $src, %esi
    movl $dst, %edi
    movl $256, %ecx
copy_rep:
    rep movsb
copied:
    movl $src, %esi
    movl $dst, %edi
    movl $256, %ecx
    repe cmpsb
    jne 1f
    movl $same, %esi
    call puts
    movl $0x10, %eax
    call debug_exit
1:  movl $differ, %esi
    call puts
    movl $0x11, %eax
    call debug_exit

    .data
    .align 16
src:                                       # src[i] = 7i + 3 (mod 256): no two neighbours alike
    .set i, 0
    .rept 256
    .byte (i * 7 + 3) & 0xff
    .set i, i + 1
    .endr
dst:
    .fill 256, 1, 0x11

    .section .rodata
same:   .asciz "the copy matches\n"
differ: .asciz "the copy differs\n"
