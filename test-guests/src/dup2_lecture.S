/*
 * The lecture's dup2 example (slides 19-21), with no libc at all: dup2(1, 10) is
 *
 *      movl $0x3f, %eax        # 63: __NR_dup2
 *      movl <oldfd>, %ebx
 *      movl <newfd>, %ecx
 *      int $0x80
 *
 * then the same call through the vDSO's __kernel_vsyscall (AT_SYSINFO), and a write through
 * each new descriptor to show it is the console. Exit status 0 when every result is right,
 * otherwise the number of the step that went wrong.
 */
#include "sysnum.h"		/* NR_write, NR_exit_group: the kernel's syscalls.tbl */
	.set AT_SYSINFO, 32

	.data
msg_int80:	.ascii "dup2(1, 10) through int $0x80 returned 10; this line went to fd 10\n"
	.set len_int80, . - msg_int80
msg_vdso:	.ascii "dup2(1, 11) through __kernel_vsyscall returned 11; this line went to fd 11\n"
	.set len_vdso, . - msg_vdso
msg_nosysinfo:	.ascii "no AT_SYSINFO in the auxiliary vector\n"
	.set len_nosysinfo, . - msg_nosysinfo
vsyscall:	.long 0

	.text
	.globl _start
_start:
	# find AT_SYSINFO: skip argc, argv[] and NULL, envp[] and NULL, then scan the auxv pairs
	movl (%esp), %eax          # argc
	leal 8(%esp,%eax,4), %esi  # &envp[0] = esp + 4 + 4*argc + 4
1:	lodsl                      # eax = *esi++
	testl %eax, %eax
	jnz 1b                     # until envp's NULL; esi = &auxv[0]
2:	movl (%esi), %eax          # a_type
	testl %eax, %eax
	jz 3f                      # AT_NULL: not found
	cmpl $AT_SYSINFO, %eax
	je 4f
	addl $8, %esi
	jmp 2b
4:	movl 4(%esi), %eax         # a_val: the address of __kernel_vsyscall
	movl %eax, vsyscall
3:
	# step 1: dup2(1, 10) exactly as on the slide
	movl $1, %ebx              # oldfd
	movl $10, %ecx             # newfd
	movl $0x3f, %eax           # __NR_dup2
	int $0x80
	movl $1, %edi              # the step number, the exit status if it went wrong
	cmpl $10, %eax
	jne fail

	# step 2: write(10, msg_int80, len)
	movl $NR_write, %eax
	movl $10, %ebx
	movl $msg_int80, %ecx
	movl $len_int80, %edx
	int $0x80
	movl $2, %edi
	cmpl $len_int80, %eax
	jne fail

	# step 3: dup2(1, 11) through the vDSO: same registers, "call *AT_SYSINFO" for "int $0x80"
	movl $3, %edi
	cmpl $0, vsyscall
	je no_sysinfo
	movl $1, %ebx
	movl $11, %ecx
	movl $0x3f, %eax
	call *vsyscall
	cmpl $11, %eax
	jne fail

	# step 4: write(11, msg_vdso, len) through the vDSO
	movl $NR_write, %eax
	movl $11, %ebx
	movl $msg_vdso, %ecx
	movl $len_vdso, %edx
	call *vsyscall
	movl $4, %edi
	cmpl $len_vdso, %eax
	jne fail

	xorl %edi, %edi            # every step gave what the ABI says: status 0
	jmp fail

no_sysinfo:
	movl $NR_write, %eax
	movl $1, %ebx
	movl $msg_nosysinfo, %ecx
	movl $len_nosysinfo, %edx
	int $0x80
fail:
	movl $NR_exit_group, %eax
	movl %edi, %ebx            # status
	int $0x80

	.section .note.GNU-stack, "", @progbits
