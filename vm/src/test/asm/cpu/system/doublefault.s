# Exception classes: a contributory fault while delivering #PF becomes #DF (error code 0); a
# software int through a not-present gate is #NP(vector*8+2), not #DF; #GP while delivering #GP
# (a gate whose code selector is bad) becomes #DF. The CS:EIP a #DF pushes are undefined, so
# only the vector and error code are printed.

        .include "sys_macros.s"

        .text
        .globl kmain
kmain:
        PRINT "doublefault\n"
        movl $df_hook, trap_hook
        # int3 through a not-present gate: #NP(3*8+2)
        andb $~0x80, idt+3*8+5          # clear P of gate 3
        EXPECT_FAULT 1f
        int3
1:      call check_faulted
        orb $0x80, idt+3*8+5
        # #PF delivered through a not-present gate: #NP during #PF -> #DF
        call paging_on
        andb $~0x80, idt+14*8+5
        EXPECT_FAULT 1f
        movl 0x00c00000, %eax
1:      call check_faulted
        orb $0x80, idt+14*8+5
        # #GP through a gate whose selector is beyond the GDT: #GP(sel) during #GP -> #DF
        movw $0x1000, idt+13*8+2
        EXPECT_FAULT 1f
        movw $0x2000, %ax
        movw %ax, %ds                   # #GP(0x2000) -> gate 13 -> #GP(0x1000) -> #DF
1:      call check_faulted
        movw $KCODE, idt+13*8+2
        movw $KDATA, %ax
        movw %ax, %ds
        # #DE delivered through a not-present gate: #NP after #DE is contributory twice -> #DF
        andb $~0x80, idt+0*8+5
        EXPECT_FAULT 1f
        xorl %ecx, %ecx
        divl %ecx
1:      call check_faulted
        orb $0x80, idt+0*8+5
        # #UD (benign) through a not-present gate: just #NP(6*8+2)
        andb $~0x80, idt+6*8+5
        EXPECT_FAULT 1f
        ud2
1:      call check_faulted
        orb $0x80, idt+6*8+5
        ret

df_hook:
        cmpl $8, TF_VEC(%ebx)
        jne default_trap
        PRINT "DF err="
        HEX TF_ERR(%ebx), 4
        PRINT "\n"
        movl resume_eip, %eax
        movl %eax, TF_EIP(%ebx)
        movl $0, resume_eip
        movl $KCODE, TF_CS(%ebx)
        ret

paging_on:
        movl $0x000000e7, pd
        movl $0x004000e7, pd+4
        PAGING_ON pd
        ret

        .data
        .balign 4096
pd:     .space 4096
