# fcntl.s: fcntl64: duplicate a descriptor, its close-on-exec flag, the file's status flags.
	.include "asm.inc"

	.set F_DUPFD, 0
	.set F_GETFD, 1
	.set F_SETFD, 2
	.set F_GETFL, 3
	.set F_SETFL, 4
	.set F_DUPFD_CLOEXEC, 1030
	.set FD_CLOEXEC, 1
	.set O_APPEND, 02000
	.set O_NONBLOCK, 04000
	.set O_LARGEFILE, 0100000
	.set fd_table, init_task + TASK_FILES

# sys_fcntl64(fd, cmd, arg)
ENTRY sys_fcntl64
	pushl %ebx
	pushl 8(%esp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz 8f
	movl %eax, %ebx				# ebx = file
	movl 8(%esp), %edx			# fd
	movl 12(%esp), %eax			# cmd
	cmpl $F_DUPFD, %eax
	je 1f
	cmpl $F_DUPFD_CLOEXEC, %eax
	je 1f
	cmpl $F_GETFD, %eax
	je 2f
	cmpl $F_SETFD, %eax
	je 3f
	cmpl $F_GETFL, %eax
	je 4f
	cmpl $F_SETFL, %eax
	je 5f
	movl $-EINVAL, %eax
	jmp 9f
1:	movl 16(%esp), %ecx			# the lowest free fd >= arg
	cmpl $NR_OPEN, %ecx
	jae 7f
11:	cmpl $0, fd_table(,%ecx,4)
	je 12f
	incl %ecx
	cmpl $NR_OPEN, %ecx
	jb 11b
	movl $-EMFILE, %eax
	jmp 9f
12:	movl %ebx, fd_table(,%ecx,4)
	incl FILE_COUNT(%ebx)
	xorl %eax, %eax				# F_DUPFD_CLOEXEC marks the new one
	cmpl $F_DUPFD_CLOEXEC, 12(%esp)
	sete %al
	movb %al, close_on_exec(%ecx)
	movl %ecx, %eax
	jmp 9f
2:	movzbl close_on_exec(%edx), %eax
	jmp 9f
3:	movl 16(%esp), %eax
	andl $FD_CLOEXEC, %eax
	movb %al, close_on_exec(%edx)
	xorl %eax, %eax
	jmp 9f
4:	movl FILE_FLAGS(%ebx), %eax
	orl $O_LARGEFILE, %eax			# always, as Linux reports it on 32-bit
	jmp 9f
5:	movl 16(%esp), %eax			# only O_APPEND and O_NONBLOCK can change
	andl $(O_APPEND + O_NONBLOCK), %eax
	movl FILE_FLAGS(%ebx), %ecx
	andl $~(O_APPEND + O_NONBLOCK), %ecx
	orl %ecx, %eax
	movl %eax, FILE_FLAGS(%ebx)
	xorl %eax, %eax
	jmp 9f
7:	movl $-EINVAL, %eax
	jmp 9f
8:	movl $-EBADF, %eax
9:	popl %ebx
	ret
END sys_fcntl64

	.bss
	.globl close_on_exec
close_on_exec: .skip NR_OPEN			# FD_CLOEXEC per descriptor (no exec here to honour it)
