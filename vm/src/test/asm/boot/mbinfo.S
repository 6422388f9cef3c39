# mbinfo.S: prints what the boot loader handed over: magic, memory, command line, modules (their
# strings, alignment, size and first line) and the memory map's usable RAM above 1 MiB.
    .text
    .globl kmain
kmain:
    movl boot_magic, %eax
    movl $s_magic, %esi
    call label_hex
    movl boot_info, %ebx

    movl 0(%ebx), %eax                     # flags: mem, cmdline, mods, mmap, loader name
    andl $0x24d, %eax
    movl $s_flags, %esi
    call label_hex
    movl 4(%ebx), %eax
    movl $s_lower, %esi
    call label_dec
    movl 8(%ebx), %eax
    addl $1023, %eax                       # in MiB rounded up: SeaBIOS keeps 128 KiB at the top
    shrl $10, %eax
    movl $s_upper, %esi
    call label_dec

    movl $s_cmdline, %esi
    call puts
    movl 16(%ebx), %esi
    call puts
    movb $']', %al
    call putc
    call newline

    movl 20(%ebx), %eax
    movl $s_mods, %esi
    call label_dec
    movl 20(%ebx), %ecx                    # ecx = modules left
    movl 24(%ebx), %edi                    # edi = next module entry
1:  testl %ecx, %ecx
    jz 3f
    movl $s_mod, %esi
    call puts
    movl 8(%edi), %esi                     # the module's string
    call puts
    movl $s_align, %esi
    call puts
    movl 0(%edi), %eax
    andl $0xfff, %eax
    call putdec
    movl $s_size, %esi
    call puts
    movl 4(%edi), %eax
    subl 0(%edi), %eax
    call putdec
    movl $s_first, %esi
    call puts
    movl 0(%edi), %esi                     # first line of the module's contents
2:  cmpl 4(%edi), %esi
    jae 4f
    movb (%esi), %al
    cmpb $'\n', %al
    je 4f
    call putc
    incl %esi
    jmp 2b
4:  movb $']', %al
    call putc
    call newline
    addl $16, %edi
    decl %ecx
    jmp 1b

3:  movl 48(%ebx), %edi                    # mmap entries: size, base (8), length (8), type
    movl 44(%ebx), %ecx
    addl %edi, %ecx                        # ecx = end of the map
5:  cmpl %ecx, %edi
    jae 7f
    cmpl $0x100000, 4(%edi)                # the usable region starting at 1 MiB
    jne 6f
    cmpl $1, 20(%edi)
    jne 6f
    movl 12(%edi), %eax
    addl $0xfffff, %eax                    # in MiB rounded up: SeaBIOS keeps 128 KiB at the top
    shrl $20, %eax
    movl $s_high, %esi
    call label_dec
6:  addl 0(%edi), %edi
    addl $4, %edi                          # the size field does not count itself
    jmp 5b

7:  movl $s_done, %esi
    call puts
    movl $0x21, %eax
    call debug_exit

    .section .rodata
s_magic:   .asciz "magic "
s_flags:   .asciz "flags&0x24d "
s_lower:   .asciz "mem_lower "
s_upper:   .asciz "mem_upper MiB "
s_cmdline: .asciz "cmdline ["
s_mods:    .asciz "mods_count "
s_mod:     .asciz "module ["
s_align:   .asciz "] page offset "
s_size:    .asciz " size "
s_first:   .asciz " first line ["
s_high:    .asciz "usable MiB at 1 MiB "
s_done:    .asciz "done\n"
