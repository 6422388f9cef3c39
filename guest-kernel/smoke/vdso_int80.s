# vdso_int80.s: on a CPU without SEP (-cpu pentium) the kernel maps the int $0x80 vDSO: the
# same AT_SYSINFO call works.
	.include "smoke.inc"
	.globl _start
_start:
	movl %esp, %ebp
	FIND_AUXV 32
	movl %eax, %esi
	movl (%esi), %eax			# __kernel_vsyscall starts with int $0x80 (cd 80)
	andl $0xFFFF, %eax
	CHECK 0x80CD, "__kernel_vsyscall is int $0x80"
	movl $__NR_write, %eax
	movl $1, %ebx
	movl $msg, %ecx
	movl $(msgend - msg), %edx
	call *%esi
	CHECK (msgend - msg), "write through the int $0x80 vDSO"
	SYS __NR_exit, $0
msg:	.ascii "via __kernel_vsyscall\n"
msgend:
