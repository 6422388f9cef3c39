/*
 * The two ways into the kernel, with the lecture's register convention: number in eax,
 * arguments in ebx, ecx, edx, esi, edi, ebp; the result comes back in eax.
 *
 * long tg_syscall_int80(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
 * long tg_syscall_vdso (long nr, long a1, long a2, long a3, long a4, long a5, long a6);
 *
 * Stack after saving the four callee-saved registers:
 *
 *      0(%esp)  saved ebp      16(%esp)  return address
 *      4(%esp)  saved edi      20(%esp)  nr
 *      8(%esp)  saved esi      24(%esp)  a1 .. 44(%esp) a6
 *     12(%esp)  saved ebx
 */
	.text

	.macro LOAD_ARGS
	movl 20(%esp), %eax        # system-call number
	movl 24(%esp), %ebx        # arg 1
	movl 28(%esp), %ecx        # arg 2
	movl 32(%esp), %edx        # arg 3
	movl 36(%esp), %esi        # arg 4
	movl 40(%esp), %edi        # arg 5
	movl 44(%esp), %ebp        # arg 6 (last: the frame base is gone from here on)
	.endm

	.macro SAVE
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl %ebp
	.endm

	.macro RESTORE
	popl %ebp
	popl %edi
	popl %esi
	popl %ebx
	.endm

	.globl tg_syscall_int80
	.type tg_syscall_int80, @function
tg_syscall_int80:
	SAVE
	LOAD_ARGS
	int $0x80                  # trap gate 0x80 (DPL 3): entry_INT80_32
	RESTORE
	ret
	.size tg_syscall_int80, . - tg_syscall_int80

	.globl tg_syscall_vdso
	.type tg_syscall_vdso, @function
tg_syscall_vdso:
	SAVE
	LOAD_ARGS
	call *tg_vsyscall          # __kernel_vsyscall from AT_SYSINFO: sysenter (or int $0x80)
	RESTORE
	ret
	.size tg_syscall_vdso, . - tg_syscall_vdso

	.section .note.GNU-stack, "", @progbits
