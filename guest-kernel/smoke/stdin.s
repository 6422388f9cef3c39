# stdin.s: read(0) from the serial console: a line at a time, \r turned into \n.
	.include "smoke.inc"
	.globl _start
_start:
	SYS __NR_read, $0, $buf, $64
	movl %eax, %esi
	PRINT "got: "
	SYS __NR_write, $1, $buf, %esi
	SYS __NR_read, $0, $0x10, $64
	CHECK -14, "read from the console into an unmapped buffer EFAULT"
	SYS __NR_exit, $0
	.bss
buf:	.skip 64
