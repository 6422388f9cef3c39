# trapflag.s: TF set on the sysenter instruction itself: its #DB arrives on the kernel's first
# instruction (sysenter does not clear TF). The kernel clears TF for itself, runs the call and
# hands TF back: the process gets the single-step trap at the vDSO's landing pad: SIGTRAP
# (status 133), after getpid has completed (eax = 1 in the report is not shown, but the ip is
# the landing pad's second instruction).
	.include "smoke.inc"
	.globl _start
_start:
	PRINT "sysenter with TF set\n"
	pushl $1f				# what __kernel_vsyscall's caller would have pushed
	pushl %ecx				# and __kernel_vsyscall itself
	pushl %edx
	pushl %ebp
	movl %esp, %ebp
	pushfl
	orl $0x100, (%esp)
	movl $__NR_getpid, %eax
	popfl
	sysenter				# the trap comes after this instruction: in the kernel
1:	SYS __NR_exit, $0			# not reached
