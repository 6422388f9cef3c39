# Every exception a test can raise with its error code, from ring 0 and ring 3: each line the
# default hook prints is a fact (vector, error code, faulting eip, cs, and cr2 / ss:esp).
# Pattern: EXPECT_FAULT arms the resume point "1f"; the resume point checks the fault came.

        .include "sys_macros.s"

        .text
        .globl kmain
kmain:
        PRINT "exceptions\n"
        # #DE: divide by zero and quotient overflow (faults: eip is the div)
        EXPECT_FAULT 1f
        xorl %ecx, %ecx
        movl $1, %eax
        xorl %edx, %edx
        divl %ecx
1:      call check_faulted
        EXPECT_FAULT 1f
        movl $0x80000000, %eax
        movl $-1, %edx
        movl $-1, %ecx
        idivl %ecx
1:      call check_faulted
        EXPECT_FAULT 1f
        movw $0x1234, %ax
        movb $0x10, %cl
        divb %cl
        # #BP and #OF are traps: eip is the next instruction
1:      call check_faulted
        EXPECT_FAULT 1f
        int3
1:      call check_faulted
        EXPECT_FAULT 1f
        movl $0x7fffffff, %eax
        addl $1, %eax
        into
1:      call check_faulted
        PRINT "into without OF: "
        into
        PRINT "no trap\n"
        # #BR: bound outside the bounds
        EXPECT_FAULT 1f
        movl $10, %eax
        boundl %eax, bounds
        # #UD: ud2, a reserved opcode, lock on a register operand, lds with a register
1:      call check_faulted
        EXPECT_FAULT 1f
        ud2
1:      call check_faulted
        EXPECT_FAULT 1f
        .byte 0x0f, 0xff
1:      call check_faulted
        EXPECT_FAULT 1f
        .byte 0xf0, 0x01, 0xc0          # lock addl %eax, %eax
1:      call check_faulted
        EXPECT_FAULT 1f
        .byte 0xc5, 0xc0                # lds %eax, %eax
1:      call check_faulted
        EXPECT_FAULT 1f
        .byte 0xf0, 0x90                # lock nop
        # #GP: selectors and descriptors
1:      call check_faulted
        EXPECT_FAULT 1f
        movw $0x1000, %ax               # beyond the GDT limit -> err = selector
        movw %ax, %ds
1:      call check_faulted
        EXPECT_FAULT 1f
        xorl %eax, %eax                 # null selector into ss -> err 0
        movw %ax, %ss
1:      call check_faulted
        EXPECT_FAULT 1f
        movw $KCODE, %ax                # a code segment into ss -> err = selector
        movw %ax, %ss
1:      call check_faulted
        EXPECT_FAULT 1f
        movw $UDATA, %ax                # DPL 3 data into ss at CPL 0 -> err = selector
        movw %ax, %ss
1:      call check_faulted
        EXPECT_FAULT 1f
        ljmp $KDATA, $0                 # far jump to a data segment -> err = selector
1:      call check_faulted
        EXPECT_FAULT 1f
        # (segment limits and unknown MSRs are not here: QEMU's TCG checks neither)
        movl $0x0000ffff, gdt+SPARE2
        movl $0x00cf9800, gdt+SPARE2+4  # code, execute-only, DPL 0
        movw $SPARE2, %ax
        movw %ax, %ds
1:      call check_faulted
        movw $KDATA, %ax
        movw %ax, %ds
        # #NP for a data segment, #SS(selector) for the same not-present segment in ss
        movl $0x0000ffff, gdt+SPARE1
        movl $0x00cf1200, gdt+SPARE1+4  # data, writable, P=0
        EXPECT_FAULT 1f
        movw $SPARE1, %ax
        movw %ax, %es
1:      call check_faulted
        EXPECT_FAULT 1f
        movw $SPARE1, %ax
        movw %ax, %ss
1:      call check_faulted
        # #PF from ring 0 with paging on: not present, read and write
        call paging_on
        EXPECT_FAULT 1f
        movl 0x00c00010, %eax           # PDE 3 not present
1:      call check_faulted
        EXPECT_FAULT 1f
        movl %eax, 0x00c00020
1:      call check_faulted
        # from ring 3: privileged instructions, a DPL-0 gate, an I/O port, #PF
        movl $syscall_hook, trap_hook
        movl $user_faults, %eax
        movl $user_stack_top, %ebx
        movl $0x202, %ecx
        call enter_user
        movl $default_trap, trap_hook
        PRINT "back in ring 0\n"
        ret

# 4 MiB identity pages for the first 12 MiB, ring 3 allowed; everything else not present.
paging_on:
        movl $0x000000e7, pd            # P RW US A D PS
        movl $0x004000e7, pd+4
        movl $0x008000e7, pd+8
        PAGING_ON pd
        ret

# Ring 3: "movl $1f, %eax; int $0x80" arms the resume point (and reports a missing fault).
user_faults:
        movl $1f, %eax
        int $0x80
        cli                             # IOPL 0 -> #GP(0)
1:      movl $1f, %eax
        int $0x80
        hlt                             # -> #GP(0)
1:      movl $1f, %eax
        int $0x80
        int $0x0d                       # a DPL-0 gate -> #GP(0x0d*8+2)
1:      movl $1f, %eax
        int $0x80
        inb $0x60, %al                  # the I/O bitmap denies every port -> #GP(0)
1:      movl $1f, %eax
        int $0x80
        movl %cr0, %eax                 # -> #GP(0)
1:      movl $1f, %eax
        int $0x80
        int3                            # a DPL-3 gate: #BP reaches the kernel
1:      movl $1f, %eax
        int $0x80
        movl 0x00c00000, %eax           # #PF from ring 3, not present: err 4
1:      movl $1f, %eax
        int $0x80
        movl %eax, 0x00c00000           # err 6
1:      movl $1f, %eax
        int $0x80
        ud2
1:      movl $1f, %eax
        int $0x80
        movw $KDATA, %ax                # a DPL-0 data selector from CPL 3 -> #GP(selector)
        movw %ax, %ds
1:       movl $0, %eax
        int $0x80
        int $0x81

# int $0x80 from ring 3 in this kernel: arm resume_eip with the user's %eax.
syscall_hook:
        cmpl $0x80, TF_VEC(%ebx)
        jne 1f
        call check_faulted
        movl TF_EAX(%ebx), %eax
        movl %eax, resume_eip
        ret
1:      jmp default_trap

        .data
        .balign 4096
pd:     .space 4096
bounds: .long 0, 5
        .space 4096
user_stack_top:
