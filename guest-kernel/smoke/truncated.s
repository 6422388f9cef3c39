# truncated.s: /init is cut off in the middle of its code (see truncated.files).
	.globl _start
_start:
	.fill 8192, 1, 0x90
	hlt
