/*
 * The lecture's bad pointers (slides 9-16) with no libc at all, for stepping in gdb:
 * write(1, 0xc0000000, 16) hands the kernel a pointer into the kernel, write(1, 0x1000, 16) one
 * to nothing; each comes back as -EFAULT (-14) in eax, through access_ok and through the
 * exception-table fixup respectively. Exit status 0 when both did, else the failing step.
 */
#include "sysnum.h"		/* NR_write, NR_exit_group: the kernel's syscalls.tbl */
	.set EFAULT, 14

	.data
msg_kernel:	.ascii "write(1, 0xc0000000, 16) returned -14: EFAULT\n"
	.set len_kernel, . - msg_kernel
msg_unmapped:	.ascii "write(1, 0x1000, 16) returned -14: EFAULT\n"
	.set len_unmapped, . - msg_unmapped

	.text
	.globl _start
_start:
	movl $NR_write, %eax
	movl $1, %ebx              # fd
	movl $0xc0000000, %ecx     # buf: PAGE_OFFSET, the first kernel address
	movl $16, %edx             # count
	int $0x80
	movl $1, %edi              # the step, the exit status if it went wrong
	cmpl $-EFAULT, %eax
	jne done
	movl $NR_write, %eax
	movl $1, %ebx
	movl $msg_kernel, %ecx
	movl $len_kernel, %edx
	int $0x80

	movl $NR_write, %eax
	movl $1, %ebx
	movl $0x1000, %ecx         # buf: a user address with nothing mapped
	movl $16, %edx
	int $0x80
	movl $2, %edi
	cmpl $-EFAULT, %eax
	jne done
	movl $NR_write, %eax
	movl $1, %ebx
	movl $msg_unmapped, %ecx
	movl $len_unmapped, %edx
	int $0x80
	xorl %edi, %edi            # both gave -EFAULT
done:
	movl $NR_exit_group, %eax
	movl %edi, %ebx
	int $0x80

	.section .note.GNU-stack, "", @progbits
