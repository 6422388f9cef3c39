/*
 * sysenter by hand, as __kernel_vsyscall does it (push ecx, edx, ebp; ebp = the user stack),
 * but with ebp chosen by the caller. The i386 entry takes the user stack pointer from ebp: it
 * reads argument 6 from 0(%ebp) (with an exception-table entry: -EFAULT if that faults) and
 * returns with sysexit to the vDSO's landing pad with esp = ebp, which pops ebp, edx, ecx from
 * there and rets. So the stack that ebp names is the stack the landing pad uses.
 */
	.text

/*
 * long tg_sysenter_with_ebp(long nr, long a1, long a2, long a3, long ebp_value);
 * For an ebp the kernel cannot read: the call fails with -EFAULT, and the landing pad's pops
 * from the same address then kill the process with SIGSEGV. Does not return.
 *
 * Stack after saving the callee-saved registers:
 *      16(%esp) return address   20 nr   24 a1   28 a2   32 a3   36 ebp_value
 */
	.globl tg_sysenter_with_ebp
	.type tg_sysenter_with_ebp, @function
tg_sysenter_with_ebp:
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl %ebp
	movl 20(%esp), %eax        # system-call number
	movl 24(%esp), %ebx        # arg 1
	movl 28(%esp), %ecx        # arg 2
	movl 32(%esp), %edx        # arg 3
	movl 36(%esp), %edi        # the ebp to enter with
	pushl %ecx                 # as __kernel_vsyscall: push %ecx; push %edx; push %ebp
	pushl %edx
	pushl %ebp
	movl %edi, %ebp            # ... but ebp is not the stack pointer
	sysenter
	ud2                        # not reached: sysexit returns into the vDSO
	.size tg_sysenter_with_ebp, . - tg_sysenter_with_ebp

/*
 * long tg_sysenter_frame(long nr, long a1, long a2, long a3, uint32_t frame[4]);
 * ebp = frame, a stack the landing pad can use: frame[0..2] are what it pops into ebp, edx and
 * ecx (frame[0] is also what the kernel reads as argument 6), frame[3] is overwritten with
 * where its ret must go. Returns eax; tg_sysenter_popped_ebp gets the ebp the landing pad popped.
 */
	.globl tg_sysenter_frame
	.type tg_sysenter_frame, @function
tg_sysenter_frame:
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl %ebp
	movl %esp, saved_esp       # the landing pad returns with esp = frame + 16
	movl 20(%esp), %eax        # system-call number
	movl 24(%esp), %ebx        # arg 1
	movl 28(%esp), %ecx        # arg 2
	movl 32(%esp), %edx        # arg 3
	movl 36(%esp), %ebp        # the frame
	movl $1f, 12(%ebp)         # the landing pad's ret lands at 1f
	sysenter
	ud2                        # not reached
1:	movl %ebp, tg_sysenter_popped_ebp
	movl saved_esp, %esp       # back on our own stack
	popl %ebp
	popl %edi
	popl %esi
	popl %ebx
	ret
	.size tg_sysenter_frame, . - tg_sysenter_frame

	.bss
	.p2align 2
saved_esp:	.long 0
	.globl tg_sysenter_popped_ebp
tg_sysenter_popped_ebp:	.long 0

	.section .note.GNU-stack, "", @progbits
