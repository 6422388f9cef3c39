# badinit.s: /init is this program's source text, not an ELF file (see badinit.files).
	.globl _start
_start:
	hlt
