# Ring transitions: int $0x80 and iret, sysenter and sysexit, a call gate with parameters,
# nested interrupts, far calls, and what iret does to data segments when it lowers privilege.
# Ring-3 code reports through int $0x80: eax=1 prints ebx; eax=2 prints the user's cs ss ds es.

        .include "sys_macros.s"

        .set MSR_SYSENTER_CS, 0x174
        .set MSR_SYSENTER_ESP, 0x175
        .set MSR_SYSENTER_EIP, 0x176

        .text
        .globl kmain
kmain:
        PRINT "rings\n"
        movl $ring_hook, trap_hook
        # a call gate to ring_gate, DPL 3, two dword parameters
        movl $call_gate_entry, %eax
        movw %ax, gdt+GATESEL
        movw $KCODE, gdt+GATESEL+2
        movw $0xec02, gdt+GATESEL+4     # P, DPL 3, 32-bit call gate, 2 parameters
        shrl $16, %eax
        movw %ax, gdt+GATESEL+6
        # sysenter MSRs
        movl $MSR_SYSENTER_CS, %ecx
        movl $KCODE, %eax
        xorl %edx, %edx
        wrmsr
        movl $MSR_SYSENTER_ESP, %ecx
        movl $sysenter_stack_top, %eax
        wrmsr
        movl $MSR_SYSENTER_EIP, %ecx
        movl $sysenter_entry, %eax
        wrmsr
        movl $MSR_SYSENTER_CS, %ecx
        rdmsr
        PRINT "SYSENTER_CS="
        HEX %eax, 4
        PRINT "\n"
        # a far call at the same privilege
        lcall $KCODE, $far_function
        PRINT "far call returned\n"
        # ring 3
        movl $user_main, %eax
        movl $user_stack_top, %ebx
        movl $0x202, %ecx
        call enter_user
        PRINT "back in ring 0, cs="
        movw %cs, %ax
        HEX %eax, 4
        PRINT "\n"
        movl $default_trap, trap_hook
        ret

far_function:
        movl %esp, %ebp                 # HEX pushes: address the frame through %ebp
        PRINT "far call: caller cs="
        HEX 4(%ebp), 4
        PRINT " eip="
        HEX (%ebp)
        PRINT "\n"
        lret

# The hook: int $0x80 services, int $0x82 nested, everything else to the default hook.
ring_hook:
        movl TF_VEC(%ebx), %eax
        cmpl $0x82, %eax
        je nested
        cmpl $0x80, %eax
        jne default_trap
        movl TF_EAX(%ebx), %eax
        cmpl $0, %eax
        je 9f                           # 0: nothing (round trips)
        cmpl $1, %eax
        jne 1f
        HEX TF_EDX+TF_EBX_FROM_EDX(%ebx)
        PRINT "\n"
        ret
1:      cmpl $2, %eax
        jne 1f
        PRINT "user cs="
        HEX TF_CS(%ebx), 4
        PRINT " ss="
        HEX TF_SS(%ebx), 4
        PRINT " ds="
        HEX 36(%ebx), 4
        PRINT " es="
        HEX 32(%ebx), 4
        PRINT " eflags="
        HEX TF_EFLAGS(%ebx)
        PRINT " handler eflags.IF="
        pushfl
        popl %eax
        shrl $9, %eax
        andl $1, %eax
        HEX %eax, 1
        PRINT " frame at top-"
        movl $trap_stack_top, %eax
        subl %ebx, %eax
        HEX %eax, 2
        PRINT "\n"
        ret
1:      cmpl $3, %eax
        jne 1f
        int $0x82                       # nested: ring 0 to ring 0, no stack switch
        PRINT "nested returned\n"
        ret
1:      cmpl $4, %eax
        jne 1f
        movl $KDATA, 36(%ebx)           # iret to ring 3 must null ds and es (DPL 0 < CPL 3)
        movl $KDATA, 32(%ebx)
        ret
1:      cmpl $5, %eax
        jne 1f
        movl resume_eip, %eax           # arm a resume point (user %ebx)
        movl TF_EDX+TF_EBX_FROM_EDX(%ebx), %eax
        movl %eax, resume_eip
        ret
1:      cmpl $6, %eax
        jne 1f
        movl $MSR_SYSENTER_CS, %ecx     # SYSENTER_CS = 0: sysenter must raise #GP(0)
        xorl %eax, %eax
        xorl %edx, %edx
        wrmsr
        ret
1:      PRINT "bad service\n"
9:      ret
        .set TF_EBX_FROM_EDX, -4        # ebx sits just below edx in the pushal image

nested:
        PRINT "nested int 82: cs="
        HEX TF_CS(%ebx), 4
        PRINT " eip="
        HEX TF_EIP(%ebx)
        PRINT " same stack="
        leal 68(%ebx), %eax             # a ring-0 frame has no ss:esp after eflags
        cmpl $trap_stack_top, %eax
        setb %al
        movzbl %al, %eax
        HEX %eax, 1
        PRINT "\n"
        ret

# Call gate entry, on the ring-0 stack from the TSS: eip cs p2 p1 esp ss (caller's).
call_gate_entry:
        movl %esp, %ebp
        PRINT "gate: cs="
        movw %cs, %ax
        HEX %eax, 4
        PRINT " ret cs="
        HEX 4(%ebp), 4
        PRINT " params="
        HEX 8(%ebp)
        PRINT ","
        HEX 12(%ebp)
        PRINT " caller ss="
        HEX 20(%ebp), 4
        PRINT " esp="
        HEX 16(%ebp)
        PRINT " ss="
        movw %ss, %ax
        HEX %eax, 4
        PRINT " kernel esp="
        HEX %ebp
        PRINT "\n"
        lret $8

# sysenter lands here: cs/ss from SYSENTER_CS, esp from SYSENTER_ESP, IF cleared.
sysenter_entry:
        incl sysenter_count
        cmpl $1, sysenter_count
        jne 1f
        PRINT "sysenter: cs="
        movw %cs, %ax
        HEX %eax, 4
        PRINT " ss="
        movw %ss, %ax
        HEX %eax, 4
        PRINT " esp="
        HEX %esp
        PRINT " IF="
        pushfl
        popl %eax
        shrl $9, %eax
        andl $1, %eax
        HEX %eax, 1
        PRINT " user edx="
        HEX %edx
        PRINT " ecx="
        HEX %ecx
        PRINT "\n"
1:      sti                             # sysexit does not restore IF: the user expects it set
        sysexit                         # to cs=SYSENTER_CS+16|3 eip=edx, ss=+24|3 esp=ecx

        .globl user_main
user_main:
        movl $2, %eax
        int $0x80                       # who am I
        movl $1, %eax
        movl $0x1234abcd, %ebx
        int $0x80
        movl $1000, %esi                # 1000 int $0x80 round trips
1:      xorl %eax, %eax
        int $0x80
        decl %esi
        jnz 1b
        movl $1, %eax
        movl %esi, %ebx
        int $0x80
        movl $3, %eax                   # nested interrupt inside the handler
        int $0x80
        # call gate with two parameters
        pushl $0x11111111
        pushl $0x22222222
        lcall $GATESEL | 3, $0
        movl $1, %eax
        movl %esp, %ebx
        int $0x80                       # the gate's lret $8 dropped the parameters
        # sysenter / sysexit, once reported, then 1000 round trips
        movl %esp, %ecx
        movl $2f, %edx
        sysenter
2:      movl $2, %eax
        int $0x80
        movl $1000, %esi
3:      movl %esp, %ecx
        movl $4f, %edx
        sysenter
4:      decl %esi
        jnz 3b
        movl $1, %eax
        movl sysenter_count, %ebx
        int $0x80
        # iret nulls ds/es that ring 3 may not hold
        movl $4, %eax
        int $0x80
        movl $2, %eax
        int $0x80
        movw $UDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        # sysexit from ring 3 is #GP(0)
        movl $5, %eax
        movl $5f, %ebx
        int $0x80
        sysexit
5:      movl $6, %eax                   # sysenter with SYSENTER_CS = 0 is #GP(0)
        int $0x80
        movl $5, %eax
        movl $6f, %ebx
        int $0x80
        movl %esp, %ecx
        movl $6f, %edx
        sysenter
6:      int $0x81

        .data
sysenter_count:
        .long 0
        .balign 16
        .space 4096
sysenter_stack_top:
        .space 4096
user_stack_top:
