# trapgate's whole-process benchmark kernel (multiboot v1). The command line picks one phase:
#   phase=none      boot and exit: the VM's fixed cost, subtracted from the others
#   phase=alu       500 M register ALU instructions (50 M loop iterations of 10)
#   phase=sieve     a byte sieve of Eratosthenes over 1 MiB, 10 times (memory traffic)
#   phase=int80     10 M int $0x80 / iret round trips from ring 3
#   phase=sysenter  10 M sysenter / sysexit round trips from ring 3
#   phase=pagefault 1 Mi demand page faults (64 pages mapped on fault, unmapped, 16384 times)
# Every phase runs for seconds, not a fraction of one: a JIT needs about that long to compile the
# paths a phase uses, and a shorter phase would measure the compiler more than the VM.
# Each phase prints "phase=X work=N unit=U result=R" on COM1 and exits through isa-debug-exit
# (port 0xf4, value 0: process exit 1). bench/run times the phases.

        .set KCODE, 0x08
        .set KDATA, 0x10
        .set UCODE, 0x1b
        .set UDATA, 0x23
        .set TSSSEL, 0x28

        .set ALU_ITERATIONS, 50000000
        .set SIEVE_SIZE, 0x100000
        .set SIEVE_ROUNDS, 10
        .set ROUND_TRIPS, 10000000
        .set FAULT_PAGES, 64
        .set FAULT_ROUNDS, 16384
        .set SIEVE_BASE, 0x400000       # 1 MiB of sieve bytes at 4 MiB
        .set FAULT_BASE, 0x800000       # demand-paged window at 8 MiB

        .section .multiboot, "a"
        .balign 4
        .long 0x1badb002, 0, -0x1badb002

        .text
        .globl _start
_start:
        cli
        movl $stack_top, %esp
        movl %ebx, mbinfo
        lgdt gdt_desc
        ljmp $KCODE, $1f
1:      movw $KDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %ss
        movw %ax, %fs
        movw %ax, %gs
        call setup_tss
        call setup_idt
        movb $0xff, %al                 # mask every PIC line: no timer in the measurements
        outb %al, $0x21
        outb %al, $0xa1
        # find "phase=" in the command line (multiboot info flags bit 2, cmdline at +16)
        movl mbinfo, %ebx
        testl $4, (%ebx)
        jz no_phase
        movl 16(%ebx), %esi
1:      cmpb $0, (%esi)
        je no_phase
        cmpl $0x73616870, (%esi)        # "phas"
        jne 2f
        cmpw $0x3d65, 4(%esi)           # "e="
        je 3f
2:      incl %esi
        jmp 1b
3:      addl $6, %esi                   # the phase name
        movl $phases, %edi
4:      movl (%edi), %edx               # name pointer (0 ends the table)
        testl %edx, %edx
        jz no_phase
        call name_matches
        jz 5f
        addl $8, %edi
        jmp 4b
5:      call *4(%edi)
        call report
        movb $0, %al
        outb %al, $0xf4
        hlt

no_phase:
        movl $msg_usage, %esi
        call puts
        movb $2, %al                    # process exit 5
        outb %al, $0xf4
        hlt

# name_matches: ZF=1 if the command-line word at %esi equals the NUL-terminated name at %edx.
name_matches:
        pushl %esi
        pushl %edx
1:      movb (%edx), %al
        testb %al, %al
        jz 2f
        cmpb (%esi), %al
        jne 3f
        incl %esi
        incl %edx
        jmp 1b
2:      movb (%esi), %al                # the word must end here
        cmpb $' ', %al
        je 3f
        testb %al, %al
3:      popl %edx
        popl %esi
        ret

# ---- phases: each sets work, unit and result ----------------------------------------------

phase_none:
        movl $name_none, phase_name
        movl $0, work
        movl $unit_none, unit
        ret

phase_alu:
        movl $name_alu, phase_name
        movl $ALU_ITERATIONS * 10, work
        movl $unit_instr, unit
        movl $ALU_ITERATIONS, %ecx
        movl $1, %eax
        movl $2, %ebx
        movl $3, %edx
        movl $4, %esi
        movl $5, %edi
1:      addl %ebx, %eax                 # ten instructions per iteration, the last two the loop
        xorl %eax, %edx
        roll $3, %ebx
        subl %edx, %esi
        incl %ebx
        leal 1(%eax,%ebx), %eax
        orl %esi, %edi
        shrl $1, %edx
        decl %ecx
        jnz 1b
        addl %edi, %eax
        addl %edx, %eax
        movl %eax, result
        ret

phase_sieve:
        movl $name_sieve, phase_name
        movl $SIEVE_SIZE * SIEVE_ROUNDS, work
        movl $unit_bytes, unit
        movl $SIEVE_ROUNDS, %ebp
1:      movl $SIEVE_BASE, %edi          # mark everything prime
        movl $SIEVE_SIZE / 4, %ecx
        movl $0x01010101, %eax
        cld
        rep stosl
        movl $2, %ebx                   # for each prime p with p*p < size, strike p*p, p*p+p, ...
2:      movl %ebx, %eax
        imull %ebx, %eax
        cmpl $SIEVE_SIZE, %eax
        jae 5f
        cmpb $0, SIEVE_BASE(%ebx)
        je 4f
3:      movb $0, SIEVE_BASE(%eax)
        addl %ebx, %eax
        cmpl $SIEVE_SIZE, %eax
        jb 3b
4:      incl %ebx
        jmp 2b
5:      xorl %eax, %eax                 # count the primes
        movl $2, %ebx
6:      movzbl SIEVE_BASE(%ebx), %edx
        addl %edx, %eax
        incl %ebx
        cmpl $SIEVE_SIZE, %ebx
        jb 6b
        movl %eax, result
        decl %ebp
        jnz 1b
        ret

phase_int80:
        movl $name_int80, phase_name
        movl $ROUND_TRIPS, work
        movl $unit_trips, unit
        movl $user_int80, %eax
        jmp run_user

phase_sysenter:
        movl $name_sysenter, phase_name
        movl $ROUND_TRIPS, work
        movl $unit_trips, unit
        movl $0x174, %ecx               # IA32_SYSENTER_CS, _ESP, _EIP
        movl $KCODE, %eax
        xorl %edx, %edx
        wrmsr
        movl $0x175, %ecx
        movl $sysenter_stack_top, %eax
        wrmsr
        movl $0x176, %ecx
        movl $sysenter_entry, %eax
        wrmsr
        movl $user_sysenter, %eax
        jmp run_user

phase_pagefault:
        movl $name_pagefault, phase_name
        movl $FAULT_PAGES * FAULT_ROUNDS, work
        movl $unit_faults, unit
        movl $0x000000e3, pd            # 0-8 MiB: 4 MiB pages
        movl $0x004000e3, pd+4
        movl $pt, %eax
        orl $3, %eax
        movl %eax, pd+8                 # 8-12 MiB: through pt, filled on demand
        movl %cr4, %eax
        orl $0x10, %eax
        movl %eax, %cr4
        movl $pd, %eax
        movl %eax, %cr3
        movl %cr0, %eax
        orl $0x80000000, %eax
        movl %eax, %cr0
        movl $FAULT_ROUNDS, %ebp
1:      movl $FAULT_BASE, %edi          # touch every page: one fault each
        movl $FAULT_PAGES, %ecx
2:      incl (%edi)
        addl $4096, %edi
        decl %ecx
        jnz 2b
        movl $pt, %edi                  # unmap them all and flush the TLB
        movl $FAULT_PAGES, %ecx
        xorl %eax, %eax
        rep stosl
        movl %cr3, %eax
        movl %eax, %cr3
        decl %ebp
        jnz 1b
        movl FAULT_BASE, %eax           # FAULT_ROUNDS increments survived in page 0
        movl %eax, result
        ret

# run_user: run ring-3 code at %eax until it does int $0x81, then return to the phase caller.
run_user:
        movl %esp, kernel_esp
        pushl $UDATA
        pushl $user_stack_top
        pushl $0x202
        pushl $UCODE
        pushl %eax
        movw $UDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        iret

user_int80:
        movl $ROUND_TRIPS, %esi
1:      movl $20, %eax                  # like getpid
        int $0x80
        decl %esi
        jnz 1b
        int $0x81

user_sysenter:
        movl $ROUND_TRIPS, %esi
1:      movl $20, %eax
        movl %esp, %ecx
        movl $2f, %edx
        sysenter
2:      decl %esi
        jnz 1b
        int $0x81

# ---- kernel entries -----------------------------------------------------------------------

# int $0x80: count the call and return its number + 1 in %eax (the ring-3 frame: eip cs eflags esp ss).
int80_entry:
        incl syscalls
        incl %eax
        iret

sysenter_entry:
        incl syscalls
        incl %eax
        sti
        sysexit

# int $0x81: back to the kernel stack run_user left.
int81_entry:
        movw $KDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        movl kernel_esp, %esp
        movl syscalls, %eax
        movl %eax, result
        ret

# #PF: map the missing page of the window (frame = linear) and retry; anything else is fatal.
pf_entry:
        pushl %eax
        pushl %ecx
        movl %cr2, %eax
        movl %eax, %ecx
        subl $FAULT_BASE, %ecx
        shrl $12, %ecx
        cmpl $FAULT_PAGES, %ecx
        jae fatal
        andl $~0xfff, %eax
        orl $3, %eax
        movl %eax, pt(,%ecx,4)
        popl %ecx
        popl %eax
        addl $4, %esp                   # the error code
        iret

fatal:
        movl $msg_fatal, %esi
        call puts
        movb $3, %al                    # process exit 7
        outb %al, $0xf4
        hlt

# ---- setup and output ---------------------------------------------------------------------

setup_tss:
        movl $tss, %eax
        movw %ax, gdt+TSSSEL+2
        shrl $16, %eax
        movb %al, gdt+TSSSEL+4
        movb %ah, gdt+TSSSEL+7
        movl $trap_stack_top, tss+4     # esp0: not the stack run_user returns on
        movl $KDATA, tss+8
        movw $104, tss+102
        movl $TSSSEL, %eax
        ltr %ax
        ret

# Every vector is fatal except #PF (14), int $0x80 and int $0x81 (DPL 3).
setup_idt:
        xorl %ecx, %ecx
1:      movl $fatal, %eax
        movl $0x8e00, %edx
        call set_gate
        incl %ecx
        cmpl $256, %ecx
        jb 1b
        movl $14, %ecx
        movl $pf_entry, %eax
        call set_gate
        movl $0x80, %ecx
        movl $int80_entry, %eax
        movl $0xee00, %edx
        call set_gate
        movl $0x81, %ecx
        movl $int81_entry, %eax
        call set_gate
        lidt idt_desc
        ret

set_gate:
        movw %ax, idt(,%ecx,8)
        movw $KCODE, idt+2(,%ecx,8)
        movw %dx, idt+4(,%ecx,8)
        shrl $16, %eax
        movw %ax, idt+6(,%ecx,8)
        ret

report:
        movl $msg_phase, %esi
        call puts
        movl phase_name, %esi
        call puts
        movl $msg_work, %esi
        call puts
        movl work, %eax
        call putdec
        movl $msg_unit, %esi
        call puts
        movl unit, %esi
        call puts
        movl $msg_result, %esi
        call puts
        movl result, %eax
        call putdec
        movb $'\n', %al
        call putc
        ret

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
1:      movb (%esi), %al
        testb %al, %al
        jz 2f
        call putc
        incl %esi
        jmp 1b
2:      ret

# putdec: %eax in decimal.
putdec:
        movl $10, %ecx
        xorl %ebx, %ebx
1:      xorl %edx, %edx
        divl %ecx
        pushl %edx
        incl %ebx
        testl %eax, %eax
        jnz 1b
2:      popl %eax
        addb $'0', %al
        call putc
        decl %ebx
        jnz 2b
        ret

        .section .rodata
phases: .long name_none, phase_none, name_alu, phase_alu, name_sieve, phase_sieve
        .long name_int80, phase_int80, name_sysenter, phase_sysenter
        .long name_pagefault, phase_pagefault, 0, 0
name_none:      .asciz "none"
name_alu:       .asciz "alu"
name_sieve:     .asciz "sieve"
name_int80:     .asciz "int80"
name_sysenter:  .asciz "sysenter"
name_pagefault: .asciz "pagefault"
unit_none:      .asciz "none"
unit_instr:     .asciz "instructions"
unit_bytes:     .asciz "bytes"
unit_trips:     .asciz "round-trips"
unit_faults:    .asciz "faults"
msg_phase:      .asciz "phase="
msg_work:       .asciz " work="
msg_unit:       .asciz " unit="
msg_result:     .asciz " result="
msg_usage:      .asciz "bench: no phase=none|alu|sieve|int80|sysenter|pagefault on the command line\n"
msg_fatal:      .asciz "bench: unexpected exception\n"

        .data
        .balign 8
gdt:    .quad 0
        .quad 0x00cf9a000000ffff        # 0x08 ring-0 code
        .quad 0x00cf92000000ffff        # 0x10 ring-0 data
        .quad 0x00cffa000000ffff        # 0x18 ring-3 code
        .quad 0x00cff2000000ffff        # 0x20 ring-3 data
        .quad 0x0000890000000067        # 0x28 TSS, base filled in
gdt_end:
gdt_desc:
        .word gdt_end - gdt - 1
        .long gdt
        .balign 8
idt:    .space 256 * 8
idt_desc:
        .word 256 * 8 - 1
        .long idt
mbinfo: .long 0
phase_name: .long 0
work:   .long 0
unit:   .long 0
result: .long 0
syscalls: .long 0
kernel_esp: .long 0
        .balign 64
tss:    .space 104
        .balign 4096
pd:     .space 4096
pt:     .space 4096
        .space 8192
stack_top:
        .space 4096
trap_stack_top:
        .space 4096
sysenter_stack_top:
        .space 4096
user_stack_top:
