# The runtime every system test kernel links with: multiboot entry, our own GDT/IDT/TSS, a trap
# path that hands a frame to a replaceable hook, ring-3 entry and return, serial printing.
# A kernel provides kmain; when kmain returns we print "END" and exit with status 0x10 (exit 33:
# not 1, which is also trapgate's own "internal error").

        .include "sys_macros.s"

        .section .multiboot, "a"
        .balign 4
        .long 0x1badb002, 0, -0x1badb002

        .text
        .globl _start
_start:
        cli
        movl $boot_stack_top, %esp
        call setup_gdt
        call setup_idt
        call setup_tss
        movb $0xff, %al                 # mask every PIC line: tests unmask what they use
        outb %al, $0x21
        outb %al, $0xa1
        call kmain
        PRINT "END\n"
        EXIT 0x10
1:      hlt
        jmp 1b

setup_gdt:
        lgdt gdt_desc
        ljmp $KCODE, $1f
1:      movw $KDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %fs
        movw %ax, %gs
        movw %ax, %ss
        ret

# IDT: vector n -> trap_stubs + 16*n, interrupt gates, DPL 0 except int3/into/0x80/0x81 (DPL 3).
setup_idt:
        xorl %ecx, %ecx
1:      movl %ecx, %eax
        shll $4, %eax
        addl $trap_stubs, %eax
        movl $0x8e00, %edx
        cmpl $3, %ecx
        je 2f
        cmpl $4, %ecx
        je 2f
        cmpl $0x80, %ecx
        je 2f
        cmpl $0x81, %ecx
        jne 3f
2:      movl $0xee00, %edx
3:      call set_gate
        incl %ecx
        cmpl $256, %ecx
        jb 1b
        lidt idt_desc
        ret

# set_gate: IDT entry %ecx = handler %eax, selector KCODE, type/attributes %edx (bits 8-15).
        .globl set_gate
set_gate:
        movw %ax, idt(,%ecx,8)
        movw $KCODE, idt+2(,%ecx,8)
        movw %dx, idt+4(,%ecx,8)
        shrl $16, %eax
        movw %ax, idt+6(,%ecx,8)
        ret

setup_tss:
        movl $tss, %eax
        movw %ax, gdt+TSSSEL+2
        shrl $16, %eax
        movb %al, gdt+TSSSEL+4
        movb %ah, gdt+TSSSEL+7
        movl $trap_stack_top, tss+4     # esp0
        movl $KDATA, tss+8              # ss0
        movw $104, tss+102              # I/O bitmap right after the 104-byte TSS
        movl $TSSSEL, %eax
        ltr %ax
        ret

# Trap stubs: 16 bytes each; vectors without an error code push a 0 so frames look alike.
        .balign 16
trap_stubs:
        .set vec, 0
        .rept 256
        .balign 16
        .if vec == 8 || (vec >= 10 && vec <= 14) || vec == 17
        nop
        nop
        .else
        pushl $0
        .endif
        pushl $vec
        jmp trap_common
        .set vec, vec + 1
        .endr

# Stack on entry to trap_common: vector, error code, then what the CPU pushed (eip cs eflags
# [esp ss]). We add ds, es and pushal; the hook gets the frame in %ebx.
trap_common:
        pushl %ds
        pushl %es
        pushal
        movw $KDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        movl %esp, %ebx
        call *trap_hook
        popal
        popl %es
        popl %ds
        addl $8, %esp                   # vector and error code
        iret

# The default hook: int $0x81 returns to the kernel from ring 3; anything else is reported as
# "TRAP vv err=... eip=... cs=..." (and cr2 for #PF). If a test armed resume_eip, execution
# resumes there; otherwise the run ends with status 3 (exit 7).
        .globl default_trap
default_trap:
        cmpl $0x81, TF_VEC(%ebx)
        je back_to_kernel
        cmpl $0x80, TF_VEC(%ebx)        # int $0x80 with eax=0: arm the resume point %ebx
        jne 1f
        cmpl $0, TF_EAX(%ebx)
        jne 1f
        call check_faulted
        movl TF_EBX(%ebx), %eax
        movl %eax, resume_eip
        ret
1:        call report_trap
        movl resume_eip, %eax
        testl %eax, %eax
        jz 1f
        movl %eax, TF_EIP(%ebx)
        movl $0, resume_eip
        ret
1:      PRINT "UNEXPECTED\n"
        EXIT 3
        hlt

# check_faulted: a resume point calls this; if the fault it armed for never came, say so.
        .globl check_faulted
check_faulted:
        cmpl $0, resume_eip
        je 1f
        PRINT "no fault\n"
        movl $0, resume_eip
1:      ret

# report_trap: print the frame at %ebx as one line.
        .globl report_trap
report_trap:
        PRINT "TRAP "
        HEX TF_VEC(%ebx), 2
        PRINT " err="
        HEX TF_ERR(%ebx), 4
        PRINT " eip="
        HEX TF_EIP(%ebx)
        PRINT " cs="
        HEX TF_CS(%ebx), 4
        cmpl $14, TF_VEC(%ebx)
        jne 1f
        PRINT " cr2="
        movl %cr2, %eax
        HEX %eax
1:      testl $3, TF_CS(%ebx)
        jz 2f
        PRINT " ss="
        HEX TF_SS(%ebx), 4
        PRINT " esp="
        HEX TF_ESP(%ebx)
2:      PRINT "\n"
        ret

# enter_user: run ring-3 code at %eax with stack %ebx and EFLAGS %ecx until it executes
# int $0x81; then return here with the kernel's registers as they were.
        .globl enter_user
enter_user:
        pushal
        movl %esp, kernel_esp
        pushl $UDATA                    # ss
        pushl %ebx                      # esp
        pushl %ecx                      # eflags
        pushl $UCODE                    # cs
        pushl %eax                      # eip
        movw $UDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        iret
        .globl back_to_kernel
back_to_kernel:
        movl kernel_esp, %esp
        movw $KDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        popal
        ret

# putc: %al to COM1 when the transmitter is empty. puts: the string at %esi.
# puthex: %eax as %ecx hex digits (the low ones). All preserve registers except as noted.
        .globl putc, puts, puthex
putc:
        pushl %edx
        pushl %eax
        movw $0x3fd, %dx
1:      inb %dx, %al
        testb $0x20, %al
        jz 1b
        popl %eax
        movw $0x3f8, %dx
        outb %al, %dx
        popl %edx
        ret
puts:
        pushl %esi
        pushl %eax
1:      movb (%esi), %al
        testb %al, %al
        jz 2f
        call putc
        incl %esi
        jmp 1b
2:      popl %eax
        popl %esi
        ret
puthex:                                 # clobbers %eax, %ecx, %edx
        movl %eax, %edx
        movl $8, %eax
        subl %ecx, %eax
        shll $2, %eax
        xchgl %eax, %ecx
        roll %cl, %edx                  # drop the digits we do not print
        movl %eax, %ecx
1:      roll $4, %edx
        movl %edx, %eax
        andl $15, %eax
        movb hexdigits(%eax), %al
        call putc
        decl %ecx
        jnz 1b
        ret

        .section .rodata
hexdigits:
        .ascii "0123456789abcdef"

        .data
        .balign 8
        .globl gdt
gdt:    .quad 0
        .quad 0x00cf9a000000ffff        # 0x08 ring-0 code, flat
        .quad 0x00cf92000000ffff        # 0x10 ring-0 data, flat
        .quad 0x00cffa000000ffff        # 0x18 ring-3 code, flat
        .quad 0x00cff2000000ffff        # 0x20 ring-3 data, flat
        .quad 0x0000890000002068        # 0x28 TSS (base filled in), limit 104 + 8192 bitmap
        .quad 0                         # 0x30 call gate slot
        .quad 0                         # 0x38 spare
        .quad 0                         # 0x40 spare
gdt_end:
gdt_desc:
        .word gdt_end - gdt - 1
        .long gdt
        .balign 8
        .globl idt
idt:    .space 256 * 8
idt_desc:
        .word 256 * 8 - 1
        .long idt
        .globl trap_hook, resume_eip, tss, iomap
trap_hook:
        .long default_trap
resume_eip:
        .long 0
kernel_esp:
        .long 0
        .balign 128
tss:    .space 104
iomap:  .fill 8192, 1, 0xff             # every port denied to ring 3 unless IOPL allows
        .byte 0xff                      # the byte the CPU may read past the end
        .balign 16
        .space 8192
boot_stack_top:
        .space 8192
        .globl trap_stack_top
trap_stack_top:
