# Linux start of the fault-atomicity image: map the four-page window (not present, RWX, not
# present, read-only), catch SIGSEGV/SIGBUS on an alternate stack, and record what the host CPU
# reported (trap number, error code, CR2, EIP, registers, flags) into fc_state.

        .include "start_common.inc"

        .set WINDOW, 0x10000000
        .set SYS_EXIT, 1
        .set SYS_MPROTECT, 125
        .set SYS_RT_SIGACTION, 174
        .set SYS_SIGALTSTACK, 186
        .set SYS_MMAP2, 192
        .set GREGS, 20                  # ucontext: uc_mcontext.gregs
        .set UC_CR2, 104                # ucontext: uc_mcontext.cr2

        .section .start, "ax"
        .globl _start
_start:
        movl $SYS_MMAP2, %eax           # mmap2(WINDOW, 16 KiB, PROT_NONE, PRIVATE|ANON|FIXED)
        movl $WINDOW, %ebx
        movl $0x4000, %ecx
        xorl %edx, %edx
        movl $0x32, %esi
        movl $-1, %edi
        xorl %ebp, %ebp
        int $0x80
        cmpl $WINDOW, %eax
        jne fail
        movl $WINDOW + 0x1000, %ebx     # the read/write/execute page
        movl $7, %edx
        call protect
        movl $WINDOW + 0x3000, %ebx     # the read-only page: fill it, then protect it
        movl $3, %edx
        call protect
        movl $fc_page_pattern, %esi
        movl $WINDOW + 0x3000, %edi
        movl $1024, %ecx
        cld
        rep movsl
        movl $1, %edx
        call protect
        movl $SYS_SIGALTSTACK, %eax
        movl $altstack_desc, %ebx
        xorl %ecx, %ecx
        int $0x80
        testl %eax, %eax
        jnz fail
        movl $11, %ebx                  # SIGSEGV
        call catch
        movl $7, %ebx                   # SIGBUS (#SS)
        call catch
        movl $8, %ebx                   # SIGFPE (#DE)
        call catch
        movl $4, %ebx                   # SIGILL (#UD)
        call catch
        movl $5, %ebx                   # SIGTRAP (#BP)
        call catch
        call fc_main
        call flush
        movl $SYS_EXIT, %eax
        xorl %ebx, %ebx
        int $0x80
fail:   movl $SYS_EXIT, %eax
        movl $3, %ebx
        int $0x80

protect:                                # mprotect(%ebx, 4096, %edx)
        movl $SYS_MPROTECT, %eax
        movl $0x1000, %ecx
        int $0x80
        testl %eax, %eax
        jnz fail
        ret

catch:                                  # rt_sigaction(%ebx, &sigact, NULL, 8)
        movl $SYS_RT_SIGACTION, %eax
        movl $sigact, %ecx
        xorl %edx, %edx
        movl $8, %esi
        int $0x80
        testl %eax, %eax
        jnz fail
        ret

# handler(sig, info, ucontext), on the alternate stack.
on_signal:
        pushl %ebx
        movl 16(%esp), %ebx             # ucontext
        movl GREGS + 12 * 4(%ebx), %eax # trapno
        movl %eax, fc_state
        movl GREGS + 13 * 4(%ebx), %eax # err
        andl $~0x10, %eax               # I/D: this host pages with NX; 32-bit paging never sets it
        movl %eax, fc_state + 4
        xorl %eax, %eax
        cmpl $14, fc_state
        jne 1f
        movl UC_CR2(%ebx), %eax
1:      movl %eax, fc_state + 8
        movl GREGS + 14 * 4(%ebx), %eax # eip
        movl %eax, fc_state + 12
        movl GREGS + 11 * 4(%ebx), %eax # eax
        movl %eax, fc_state + 16
        movl GREGS + 10 * 4(%ebx), %eax # ecx
        movl %eax, fc_state + 20
        movl GREGS + 9 * 4(%ebx), %eax  # edx
        movl %eax, fc_state + 24
        movl GREGS + 8 * 4(%ebx), %eax  # ebx
        movl %eax, fc_state + 28
        movl GREGS + 7 * 4(%ebx), %eax  # esp
        movl %eax, fc_state + 32
        movl GREGS + 6 * 4(%ebx), %eax  # ebp
        movl %eax, fc_state + 36
        movl GREGS + 5 * 4(%ebx), %eax  # esi
        movl %eax, fc_state + 40
        movl GREGS + 4 * 4(%ebx), %eax  # edi
        movl %eax, fc_state + 44
        movl GREGS + 16 * 4(%ebx), %eax # eflags
        movl %eax, fc_state + 48
        movl fc_recover, %eax
        movl %eax, GREGS + 14 * 4(%ebx)
        popl %ebx
        ret

restorer:
        movl $173, %eax                 # rt_sigreturn
        int $0x80

        LINUX_STDOUT fc_putc, 512

        .section .startdata, "aw"
sigact: .long on_signal
        .long 0x4c000004                # SA_SIGINFO | SA_ONSTACK | SA_RESTORER | SA_NODEFER
        .long restorer
        .long 0, 0                      # mask
altstack_desc:
        .long altstack, 0, 0x4000       # ss_sp, ss_flags, ss_size
        .balign 16
altstack:
        .space 0x4000
