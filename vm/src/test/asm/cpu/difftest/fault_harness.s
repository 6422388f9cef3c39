# Shared half of the fault-atomicity images. The window at 0x10000000 holds four pages:
#   +0x0000 not present | +0x1000 read/write/execute | +0x2000 not present | +0x3000 read-only
# A case resets the read/write page, loads registers and flags, and runs one instruction that
# faults (or not) at a page edge. The platform's fault handler fills fc_state from what the CPU
# saved (trap number, error code, CR2, EIP, registers, flags) and resumes at fc_recover;
# fc_print prints fc_state as one line, so both worlds print the same facts the same way.
# The platform supplies fc_putc (%al, registers preserved).

        .set WINDOW, 0x10000000

        .section .fcdata, "aw"
        .globl fc_state, fc_recover, fc_host_esp, fc_page_pattern
fc_state:                               # trapno err cr2 eip eax ecx edx ebx esp ebp esi edi eflags
        .space 13 * 4
fc_recover:
        .long 0
fc_host_esp:
        .long 0
fc_page_pattern:                        # what the read/write page holds at the start of each case
        .set i, 0
        .rept 1024
        .long 0x9e3779b9 * i + 0x7f4a7c15
        .set i, i + 1
        .endr

        .text
# fc_reset_page: copy fc_page_pattern into the read/write page. Clobbers %ecx, %esi, %edi.
        .globl fc_reset_page
fc_reset_page:
        movl $fc_page_pattern, %esi
        movl $WINDOW + 0x1000, %edi
        movl $1024, %ecx
1:      movl (%esi), %eax
        movl %eax, (%edi)
        addl $4, %esi
        addl $4, %edi
        decl %ecx
        jnz 1b
        ret

# fc_no_fault: the case's instruction completed; record its registers like a handler would.
# Called with the case's registers live and its stack possibly anywhere: uses only fc_state.
        .globl fc_no_fault
fc_no_fault:
        movl %eax, fc_state + 16
        movl %ecx, fc_state + 20
        movl %edx, fc_state + 24
        movl %ebx, fc_state + 28
        leal 4(%esp), %eax              # the esp the instruction left (before this call)
        movl %eax, fc_state + 32
        movl %ebp, fc_state + 36
        movl %esi, fc_state + 40
        movl %edi, fc_state + 44
        pushfl
        popl fc_state + 48
        movl $0xff, fc_state            # trap "ff": none
        movl $0, fc_state + 4
        movl $0, fc_state + 8
        movl $0, fc_state + 12
        ret

# fc_print: print fc_state as "tt eeee cr2 | eax ecx edx ebx esp ebp esi edi flags" (EIP is
# printed relative to fc_case_eip, the case's own instruction).
        .globl fc_print
fc_print:
        pushal
        movl fc_state, %edx
        shll $24, %edx
        movl $2, %ecx
        call fc_hex
        movl fc_state + 4, %edx
        shll $16, %edx
        movl $4, %ecx
        call fc_space_hex
        movl fc_state + 8, %edx
        movl $8, %ecx
        call fc_space_hex
        movl fc_state + 12, %edx
        movl $8, %ecx
        call fc_space_hex
        movl $fc_state + 16, %esi
        movl $8, %ebx
1:      movl (%esi), %edx
        movl $8, %ecx
        call fc_space_hex
        addl $4, %esi
        decl %ebx
        jnz 1b
        movl fc_state + 48, %edx
        andl $0xcd5, %edx               # arithmetic flags and DF only
        movl $3, %ecx
        shll $20, %edx
        call fc_space_hex
        movb $'\n', %al
        call fc_putc
        popal
        ret

fc_space_hex:
        movb $' ', %al
        call fc_putc
fc_hex:
1:      roll $4, %edx
        movl %edx, %eax
        andl $15, %eax
        movb fc_digits(%eax), %al
        call fc_putc
        decl %ecx
        jnz 1b
        ret

        .section .rodata
fc_digits:
        .ascii "0123456789abcdef"
