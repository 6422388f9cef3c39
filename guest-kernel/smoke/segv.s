# segv.s: a user write to an unmapped address kills init with SIGSEGV: status 139.
	.include "smoke.inc"
	.globl _start
_start:
	PRINT "writing to 0x1234\n"
	movl $1, 0x1234
	PRINT "not reached\n"
	SYS __NR_exit, $0
