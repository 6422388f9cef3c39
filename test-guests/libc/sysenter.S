/*
 * long tg_sysenter_with_ebp(long nr, long a1, long a2, long a3, long ebp_value);
 *
 * Enters the kernel with sysenter the way __kernel_vsyscall does (push ecx, edx, ebp; then
 * sysenter), but with ebp set to ebp_value instead of the user stack pointer. The kernel reads
 * argument 6 from 0(%ebp) in user memory, so a bad ebp must give -EFAULT, not an oops.
 * The kernel returns with sysexit to the vDSO's "pop %ebp; pop %edx; pop %ecx; ret" (Linux's
 * SYSENTER_RETURN), which unwinds the three words pushed here and returns to label 2 below.
 *
 * Stack after saving the callee-saved registers:
 *      16(%esp) return address   20 nr   24 a1   28 a2   32 a3   36 ebp_value
 */
	.text
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
	call 1f                    # the return address the vDSO's ret will use
	jmp 2f
1:	pushl %ecx                 # as __kernel_vsyscall: push %ecx; push %edx; push %ebp
	pushl %edx
	pushl %ebp
	movl %edi, %ebp            # ... but ebp is not the stack pointer
	sysenter
	ud2                        # not reached: sysexit returns into the vDSO
2:	popl %ebp
	popl %edi
	popl %esi
	popl %ebx
	ret
	.size tg_sysenter_with_ebp, . - tg_sysenter_with_ebp

	.section .note.GNU-stack, "", @progbits
