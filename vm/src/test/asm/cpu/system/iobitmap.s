# I/O permission from ring 3: IOPL 0 with the TSS bitmap allowing COM1 and port 0x80 only
# (multi-byte accesses need every bit clear), then IOPL 3 where every port and cli/sti work,
# and popf at CPL 3 with IOPL 0 leaving IF alone.

        .include "sys_macros.s"

        .text
        .globl kmain
kmain:
        PRINT "iobitmap\n"
        andb $~0x01, iomap + 0x80 / 8   # allow port 0x80
        call allow_com1
        movl $user_iopl0, %eax
        movl $user_stack_top, %ebx
        movl $0x202, %ecx               # IOPL 0
        call enter_user
        movl $user_iopl3, %eax
        movl $user_stack_top, %ebx
        movl $0x3202, %ecx              # IOPL 3
        call enter_user
        ret

# Clear the bitmap bits of ports 0x3f8..0x3fd.
allow_com1:
        movl $0x3f8, %ecx
1:      btrl %ecx, iomap
        incl %ecx
        cmpl $0x3fe, %ecx
        jb 1b
        ret

# ring-3 puts through COM1 directly (allowed by the bitmap or IOPL): %esi
uputs:
        movw $0x3fd, %dx
1:      inb %dx, %al
        testb $0x20, %al
        jz 1b
        movb (%esi), %al
        testb %al, %al
        jz 2f
        movw $0x3f8, %dx
        outb %al, %dx
        incl %esi
        movw $0x3fd, %dx
        jmp 1b
2:      ret

user_iopl0:
        movl $msg_hello, %esi
        call uputs
        outb %al, $0x80                 # allowed
        USER_EXPECT_FAULT 1f
        outb %al, $0x81                 # denied: #GP(0)
1:      USER_EXPECT_FAULT 1f
        inw $0x80, %ax                  # 0x80 allowed, 0x81 denied: #GP(0)
1:      USER_EXPECT_FAULT 1f
        outl %eax, $0x7e                # 0x7e-0x81
1:      USER_EXPECT_FAULT 1f
        movw $0x3fc, %dx
        inl %dx, %eax                   # 0x3fc-0x3ff: 0x3fe denied
1:      movw $0x3fc, %dx
        inw %dx, %ax                    # 0x3fc-0x3fd: allowed
        USER_EXPECT_FAULT 1f
        cli                             # IOPL 0: #GP(0)
1:      pushfl
        andl $~0x200, (%esp)
        popfl                           # IF unchanged, no fault
        pushfl
        popl %eax
        testl $0x200, %eax
        movl $msg_if_kept, %esi
        jnz 2f
        movl $msg_if_lost, %esi
2:      call uputs
        pushfl
        orl $0x3000, (%esp)
        popfl                           # IOPL unchanged at CPL 3, no fault
        pushfl
        popl %eax
        shrl $12, %eax
        andl $3, %eax
        addb $'0', %al
        movb %al, msg_iopl+5
        movl $msg_iopl, %esi
        call uputs
        int $0x81

user_iopl3:
        movl $msg_iopl3, %esi
        call uputs
        inb $0x61, %al                  # any port
        cli
        sti
        pushfl
        popl %eax
        shrl $12, %eax
        andl $3, %eax
        addb $'0', %al
        movb %al, msg_iopl+5
        movl $msg_iopl, %esi
        call uputs
        pushfl
        andl $~0x200, (%esp)
        popfl                           # with IOPL 3, popf may clear IF
        pushfl
        popl %eax
        testl $0x200, %eax
        movl $msg_if_kept, %esi
        jnz 2f
        movl $msg_if_lost, %esi
2:      call uputs
        sti
        int $0x81

        .data
msg_hello:
        .asciz "hello from ring 3 through the I/O bitmap\n"
msg_if_kept:
        .asciz "popf kept IF=1\n"
msg_if_lost:
        .asciz "popf cleared IF\n"
msg_iopl3:
        .asciz "IOPL 3: in, cli, sti allowed\n"
msg_iopl:
        .asciz "IOPL=?\n"
        .space 4096
user_stack_top:
