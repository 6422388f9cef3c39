# triple.S: counts its boots in CMOS byte 0x40 (battery-backed, so it survives a reset). The first
# boot triple-faults: an empty IDT turns int3 into #GP, then #DF, then a shutdown. The second boot
# reports itself and exits 0x22 (process exit 69).
    .text
    .globl kmain
kmain:
    movb $0x40, %al                        # CMOS byte 0x40: boots so far, this one too
    movl $s_boot, %esi
    call count_boot                        # ebx = the count
    cmpl $1, %ebx
    jne 1f
    lidt empty_idt                         # no gates at all
    int3                                   # -> #GP -> #DF -> triple fault
    movl $s_survived, %esi
    call puts
1:  movl $0x22, %eax
    call debug_exit

    .data
    .align 8
empty_idt:
    .word 0                                # limit 0: every vector is outside the IDT
    .long 0

    .section .rodata
s_boot:     .asciz "boot "
s_survived: .asciz "int3 with an empty IDT did not fault\n"
