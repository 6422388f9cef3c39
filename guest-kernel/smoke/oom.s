# oom.s: with 32 MiB of RAM (oom.qemu), touch every page of a 64 MiB anonymous mapping: when
# the frames run out the process is killed (SIGKILL, status 137), the kernel carries on.
	.include "smoke.inc"
	.globl _start
_start:
	movl $__NR_mmap2, %eax
	xorl %ebx, %ebx
	movl $0x4000000, %ecx			# 64 MiB
	movl $3, %edx
	movl $0x22, %esi
	movl $-1, %edi
	xorl %ebp, %ebp
	int $0x80
	movl %eax, %esi
	PRINT "touching 64 MiB\n"
	movl $(0x4000000 / 4096), %ecx
1:	movl $1, (%esi)
	addl $4096, %esi
	loop 1b
	PRINT "not reached\n"
	SYS __NR_exit, $0
