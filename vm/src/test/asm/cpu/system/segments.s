# Segments and descriptor tables: an LDT and selectors with TI=1, lar/lsl/verr/verw on every
# kind of descriptor (ZF and what they return), arpl, sgdt/sidt/sldt/str/smsw (also from
# ring 3), RPL/DPL rules on data segment loads, a conforming code segment entered from ring 3,
# and lret to an outer privilege level.

        .include "sys_macros.s"

        .set LDTSEL, SPARE1             # the GDT slot of the LDT descriptor
        .set L_DATA, 0x04 | 0           # LDT entry 0: ring-0 data, base 1 MiB, limit 0xfffff bytes
        .set L_DATA3, 0x0c | 3          # LDT entry 1: ring-3 data, G=1 limit 0x7ffff pages
        .set L_CODE, 0x14               # LDT entry 2: ring-0 code, execute-only
        .set L_CONF, 0x1c               # LDT entry 3: conforming code, DPL 0
        .set L_NP, 0x24                 # LDT entry 4: data, not present
        .set L_DOWN, 0x2c               # LDT entry 5: expand-down data, limit 0xfff


        .text
        .globl kmain
kmain:
        PRINT "segments\n"
        movl $hook, trap_hook
        # the LDT descriptor in the GDT, then lldt
        movl $ldt, %eax
        movw $ldt_end - ldt - 1, gdt+LDTSEL
        movw %ax, gdt+LDTSEL+2
        shrl $16, %eax
        movb %al, gdt+LDTSEL+4
        movb $0x82, gdt+LDTSEL+5        # present, LDT
        movb $0, gdt+LDTSEL+6
        movb %ah, gdt+LDTSEL+7
        movw $LDTSEL, %ax
        lldt %ax
        sldt %ax
        PRINT "sldt="
        HEX %eax, 4
        str %ax
        PRINT " str="
        HEX %eax, 4
        sgdt table
        PRINT " gdt limit="
        HEX table, 4
        sidt table
        PRINT " idt limit="
        HEX table, 4
        smsw %ax
        PRINT " msw="
        HEX %eax, 4
        PRINT "\n"
        # a data segment from the LDT
        movw $L_DATA, %ax
        movw %ax, %fs
        movl %fs:value - 0x100000, %eax # the base is added (and the limit, 1 MiB, holds it)
        PRINT "fs:value via LDT="
        HEX %eax
        PRINT "\n"
        # lar/lsl/verr/verw on GDT and LDT selectors
        movl $probe_selectors, %esi
1:      movl (%esi), %ecx
        cmpl $0xffff, %ecx
        je 2f
        PRINT "sel "
        HEX %ecx, 4
        PRINT ": lar "
        movl $0xdeadbeef, %eax
        larl %cx, %eax
        call drop_accessed
        call show_zf_eax
        PRINT " lsl "
        movl $0xdeadbeef, %eax
        lsll %cx, %eax
        call show_zf_eax
        PRINT " verr "
        verr %cx
        call show_zf
        PRINT " verw "
        verw %cx
        call show_zf
        PRINT "\n"
        addl $4, %esi
        jmp 1b
        # arpl: raise the RPL of a selector to that of another
2:      movw $0x0010, %ax
        movw $0x0023, %cx
        arpl %cx, %ax
        call show_zf_eax
        PRINT " "
        movw $0x0013, %ax
        movw $0x0021, %cx
        arpl %cx, %ax
        call show_zf_eax
        PRINT " (arpl)\n"
        # data loads: RPL 3 selector for a DPL 0 segment at CPL 0 -> #GP(sel)
        EXPECT_FAULT 1f
        movw $KDATA | 3, %ax
        movw %ax, %ds
1:      call check_faulted
        EXPECT_FAULT 1f
        movw $L_NP, %ax                 # not present in the LDT: #NP(sel)
        movw %ax, %gs
1:      call check_faulted
        EXPECT_FAULT 1f
        movw $0x7c, %ax                 # beyond the LDT limit: #GP(sel)
        movw %ax, %gs
1:      call check_faulted
        EXPECT_FAULT 1f
        movw $L_CODE, %ax               # execute-only code into a data register: #GP(sel)
        movw %ax, %gs
1:      call check_faulted
        movw $KDATA, %ax
        movw %ax, %ds
        movw %ax, %fs
        movw %ax, %gs
        # lret to ring 3 (the far return pops ss:esp too), then a conforming segment from there
        pushl $UDATA
        pushl $user_stack_top
        pushl $UCODE
        pushl $user_main
        movl %esp, saved_esp
        movw $UDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        lret
back:   movl saved_esp, %esp
        addl $16, %esp
        movw $KDATA, %ax
        movw %ax, %ds
        movw %ax, %es
        movw %ax, %fs
        PRINT "back from ring 3\n"
        ret

# drop_accessed: clear what is no fact in a lar result (flags kept): bits 16-19 (the SDM calls
# them undefined: "masked by 00FxFF00H"), and the Accessed bit, which hardware sets when a far
# jump or call loads CS and QEMU's TCG does not.
drop_accessed:
        pushfl
        cmpl $0xdeadbeef, %eax
        je 1f
        andl $~0x000f0100, %eax
1:      popfl
        ret

# show_zf_eax: print "ZF=z eax" (all registers kept). show_zf: just ZF.
show_zf_eax:
        pushfl
        call show_zf
        popfl
        PRINT ","
        HEX %eax
        ret
show_zf:
        pushfl
        pushl %eax
        setz %al
        movzbl %al, %eax
        PRINT "ZF="
        HEX %eax, 1
        popl %eax
        popfl
        ret

user_main:
        xorl %eax, %eax
        movw %cs, %ax
        movl %eax, user_cs
        sgdt user_table                 # allowed at CPL 3
        lcall $L_CONF, $conforming      # conforming: CPL stays 3, no stack switch
        larl conf_sel, %eax
        call drop_accessed
        movl %eax, user_lar
        movl $L_DATA3, %eax             # an LDT data segment of DPL 3
        movw %ax, %fs
        movl %fs:value, %eax
        movl %eax, user_value
        int $0x80

conforming:
        movw %cs, %ax
        movl %eax, conf_cs
        lret

# int $0x80 from ring 3: print what ring 3 saw, then go back to the kernel flow.
report_user:
        PRINT "ring 3: cs="
        HEX user_cs, 4
        PRINT " sgdt limit="
        HEX user_table, 4
        PRINT " conforming cs="
        HEX conf_cs, 4
        PRINT " lar="
        HEX user_lar
        PRINT " fs:value="
        HEX user_value
        PRINT "\n"
        jmp back

hook:
        cmpl $0x80, TF_VEC(%ebx)
        je report_user
        jmp default_trap

        .data
value:  .long 0x600df00d
table:  .space 8
user_table:
        .space 8
saved_esp:
        .long 0
user_cs: .long 0
conf_cs: .long 0
user_lar: .long 0
user_value: .long 0
conf_sel: .long L_CONF
probe_selectors:
        .long KCODE, KDATA, UCODE, UDATA, TSSSEL, LDTSEL, L_DATA, L_DATA3, L_CODE, L_CONF, L_NP, L_DOWN
        .long 0x0000, 0x0003, 0x7c, GATESEL, 0xffff
        .balign 8
ldt:    .quad 0x004f92100000ffff        # 0x04 ring-0 data, base 0x100000, limit 0xfffff bytes
        .quad 0x00c7f2000000ffff        # 0x0c ring-3 data, limit 0x7ffff pages
        .quad 0x00cf98000000ffff        # 0x14 ring-0 code, execute-only
        .quad 0x00cf9e000000ffff        # 0x1c conforming code, readable, DPL 0
        .quad 0x00cf12000000ffff        # 0x24 data, not present
        .quad 0x0040960000000fff        # 0x2c expand-down data, limit 0xfff
ldt_end:
        .space 4096
user_stack_top:
