# trapflag.s: TF set on the sysenter instruction itself: its #DB arrives on the kernel's first
# instruction (sysenter does not clear TF). The kernel clears TF and carries on: the call
# completes and user space continues (without TF: single-stepping stops at sysenter).
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
	movl $20, %eax
	popfl
	sysenter				# the trap comes after this instruction: in the kernel
1:	CHECK 1, "getpid with TF set on sysenter"
	SYS 1, $0
