# Protection checks on control transfers, each a fact "TRAP vv err=...": iret to ring 3 with a
# null or kernel CS, or with an SS whose RPL differs from the new CPL; far calls and jumps
# through call gates that are not present, too privileged, or lead to a data segment; lret to
# an inner privilege level; int n through a trap gate (IF kept) versus an interrupt gate.

        .include "sys_macros.s"

        .set JUMPGATE, SPARE1           # a second call gate, DPL 0, for ljmp

        .text
        .globl kmain
kmain:
        PRINT "transfers\n"
        # iret with CS = null: #GP(0); with CS = kernel code and RPL 3: #GP(sel)
        EXPECT_FAULT 1f
        movl %esp, saved_esp
        pushl $UDATA
        pushl $user_stack_top
        pushl $0x002
        pushl $0
        pushl $user_spin
        iret
1:      call check_faulted
        movl saved_esp, %esp            # the failed iret left its frame: drop it
        EXPECT_FAULT 1f
        movl %esp, saved_esp
        pushl $UDATA
        pushl $user_stack_top
        pushl $0x002
        pushl $KCODE | 3
        pushl $user_spin
        iret
1:      call check_faulted
        movl saved_esp, %esp
        # iret to ring 3 with SS RPL 0 (ring-0 data): #GP(sel)
        EXPECT_FAULT 1f
        movl %esp, saved_esp
        pushl $KDATA
        pushl $user_stack_top
        pushl $0x002
        pushl $UCODE
        pushl $user_spin
        iret
1:      call check_faulted
        movl saved_esp, %esp
        # call gate not present: #NP(gate selector)
        call gate_to_kernel
        andb $~0x80, gdt+GATESEL+5
        EXPECT_FAULT 1f
        lcall $GATESEL, $0
1:      call check_faulted
        orb $0x80, gdt+GATESEL+5
        # a call gate whose target selector is a data segment: #GP(target selector)
        movw $KDATA, gdt+GATESEL+2
        EXPECT_FAULT 1f
        lcall $GATESEL, $0
1:      call check_faulted
        movw $KCODE, gdt+GATESEL+2
        # a working call gate at ring 0 (same privilege: no stack switch)
        lcall $GATESEL, $0
        PRINT "ring-0 gate call returned\n"
        # jmp through a call gate
        movl $gate_jump_target, %eax
        movw %ax, gdt+JUMPGATE
        movw $KCODE, gdt+JUMPGATE+2
        movw $0x8c00, gdt+JUMPGATE+4
        shrl $16, %eax
        movw %ax, gdt+JUMPGATE+6
        ljmp $JUMPGATE, $0
gate_jumped:
        PRINT "jumped through the gate\n"
        # a trap gate keeps IF; an interrupt gate clears it
        movl $0x8f00, %edx              # trap gate
        movl $0x90, %ecx
        movl $trap_gate_handler, %eax
        call set_gate
        movl $0x8e00, %edx              # interrupt gate
        movl $0x91, %ecx
        movl $trap_gate_handler, %eax
        call set_gate
        pushfl
        orl $0x200, (%esp)
        popfl                           # IF=1 with every PIC line masked
        int $0x90
        int $0x91
        cli
        # from ring 3
        movb $0xec, gdt+GATESEL+5       # gate DPL 3 again (P, DPL 3, 32-bit call gate)
        movl $user_main, %eax
        movl $user_stack_top, %ebx
        movl $0x202, %ecx
        call enter_user
        PRINT "back in ring 0\n"
        ret

# a 32-bit call gate to gate_entry in GATESEL, DPL 0 for now, no parameters
gate_to_kernel:
        movl $gate_entry, %eax
        movw %ax, gdt+GATESEL
        movw $KCODE, gdt+GATESEL+2
        movw $0x8c00, gdt+GATESEL+4     # P, DPL 0, 32-bit call gate
        shrl $16, %eax
        movw %ax, gdt+GATESEL+6
        ret

gate_entry:
        movl %esp, %ebp
        PRINT "gate entry: cs="
        movw %cs, %ax
        HEX %eax, 4
        PRINT " return cs="
        HEX 4(%ebp), 4
        PRINT "\n"
        lret

gate_jump_target:
        PRINT "jump gate: cs="
        movw %cs, %ax
        HEX %eax, 4
        PRINT "\n"
        jmp gate_jumped

trap_gate_handler:
        PRINT "handler IF="
        pushfl
        popl %eax
        shrl $9, %eax
        andl $1, %eax
        HEX %eax, 1
        PRINT "\n"
        iret

user_spin:
        jmp user_spin

user_main:
        USER_EXPECT_FAULT 1f
        movl %esp, %esi
        pushl $KCODE
        pushl $1f
        lret                            # to ring 0 (an RPL-0 CS on the stack): #GP(sel)
1:      movl %esi, %esp
        USER_EXPECT_FAULT 1f
        lcall $JUMPGATE | 3, $0         # a DPL-0 gate from ring 3: #GP(gate)
1:      lcall $GATESEL | 3, $0          # the DPL-3 gate: ring 3 -> ring 0 and back
        USER_EXPECT_FAULT 1f
        ljmp $KCODE, $0                 # straight to a more privileged code segment
1:      int $0x81

        .data
saved_esp:
        .long 0
        .space 4096
user_stack_top:
