# oops.s: never runs: the command line asks for a kernel bug (lkdtm=EXCEPTION) before init.
	.include "smoke.inc"
	.globl _start
_start:
	SYS __NR_exit, $0
