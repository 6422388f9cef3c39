# sysenter_badstack.s: sysenter with a user stack pointer (ebp) the kernel cannot read:
# the call fails with -EFAULT (arg 6 unreadable) and, back at the vDSO's landing pad, the
# pops from that stack kill the process with SIGSEGV.
	.include "smoke.inc"
	.globl _start
_start:
	PRINT "sysenter with ebp = 0x10\n"
	movl $__NR_getpid, %eax
	movl $0x10, %ebp
	sysenter
	PRINT "not reached\n"
	SYS __NR_exit, $0
