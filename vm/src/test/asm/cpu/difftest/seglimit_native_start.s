# Linux start of the segment-limit image: install the generated descriptors in this process's
# LDT with modify_ldt(2), catch SIGSEGV/SIGBUS to print the trap number and error code the
# kernel saw, and resume at sl_recover. The host CPU checks the limits: that is the truth.

        .include "start_common.inc"

        .set SYS_EXIT, 1
        .set SYS_SIGACTION, 67
        .set SYS_MODIFY_LDT, 123
        .set SA_SIGINFO, 4
        .set SA_NODEFER, 0x40000000
        .set UC_TRAPNO, 20 + 12 * 4     # ucontext: uc_mcontext.gregs[REG_TRAPNO]
        .set UC_ERR, 20 + 13 * 4
        .set UC_EIP, 20 + 14 * 4

        .section .start, "ax"
        .globl _start
_start:
        movl $sl_user_descs, %esi       # modify_ldt(1, &user_desc, 16) for each descriptor
        movl sl_descriptor_count, %edi
1:      movl $SYS_MODIFY_LDT, %eax
        movl $1, %ebx
        movl %esi, %ecx
        movl $16, %edx
        int $0x80
        testl %eax, %eax
        jnz fail
        addl $16, %esi
        decl %edi
        jnz 1b
        movl $186, %eax                 # sigaltstack: the handler must not use a test SS
        movl $altstack_desc, %ebx
        xorl %ecx, %ecx
        int $0x80
        testl %eax, %eax
        jnz fail
        movl $SYS_SIGACTION, %eax       # old-style sigaction: handler, mask, flags, restorer
        movl $11, %ebx                  # SIGSEGV
        movl $sigact, %ecx
        xorl %edx, %edx
        int $0x80
        movl $SYS_SIGACTION, %eax
        movl $7, %ebx                   # SIGBUS
        movl $sigact, %ecx
        xorl %edx, %edx
        int $0x80
        call sl_main
        call flush
        movl $SYS_EXIT, %eax
        xorl %ebx, %ebx
        int $0x80
fail:   movl $SYS_EXIT, %eax
        movl $3, %ebx
        int $0x80

# handler(sig, info, ucontext): print the trap and resume at sl_recover.
on_signal:
        movl 12(%esp), %ecx
        movl UC_TRAPNO(%ecx), %eax
        movl UC_ERR(%ecx), %edx
        call sl_fault
        movl sl_recover, %eax
        movl %eax, UC_EIP(%ecx)
        ret

# return trampoline: SA_SIGINFO frames are rt frames
restorer:
        movl $173, %eax                 # rt_sigreturn
        int $0x80

        LINUX_STDOUT sl_putc, 256

        .section .startdata, "aw"
sigact: .long on_signal                 # sa_handler
        .long 0                         # sa_mask
        .long SA_SIGINFO | SA_NODEFER | 0x04000000 | 0x08000000   # SA_RESTORER, SA_ONSTACK
        .long restorer
altstack_desc:
        .long altstack, 0, 0x4000       # ss_sp, ss_flags, ss_size
        .balign 16
altstack:
        .space 0x4000
