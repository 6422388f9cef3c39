# vdso.s: the vDSO: AT_SYSINFO_EHDR is an ELF image, AT_SYSINFO (__kernel_vsyscall) makes
# system calls through sysenter, including a six-argument one (arg 6 via the user stack).
	.include "smoke.inc"
	.globl _start
_start:
	movl %esp, %ebp
	testl %edx, %edx			# edx = 0 at entry
	movl %edx, %eax
	CHECK 0, "edx is 0 at entry"
	movl %esp, %eax
	andl $15, %eax
	CHECK 0, "sp is 16-byte aligned"
	FIND_AUXV 33				# AT_SYSINFO_EHDR
	movl (%eax), %eax
	CHECK 0x464C457F, "AT_SYSINFO_EHDR points at an ELF header"
	FIND_AUXV 32				# AT_SYSINFO
	movl %eax, vsyscall
	FIND_AUXV 25				# AT_RANDOM: 16 bytes we can read
	movl 12(%eax), %eax
	movl $0, %eax
	CHECK 0, "AT_RANDOM readable"
	FIND_AUXV 6
	CHECK 4096, "AT_PAGESZ"
	FIND_AUXV 15				# AT_PLATFORM
	movl (%eax), %eax
	CHECK 0x36383669, "AT_PLATFORM is i686"
	movl $__NR_write, %eax			# write through __kernel_vsyscall
	movl $1, %ebx
	movl $msg, %ecx
	movl $(msgend - msg), %edx
	call *vsyscall
	CHECK (msgend - msg), "write through the vDSO"
	movl $__NR_dup2, %eax			# dup2(1, 9) through the vDSO
	movl $1, %ebx
	movl $9, %ecx
	movl $0x11111111, %edx
	call *vsyscall
	cmpl $0x11111111, %edx			# the vDSO gives back edx and ecx
	jne 1f
	cmpl $9, %ecx
	jne 1f
	CHECK 9, "dup2 through the vDSO keeps ecx and edx"
1:	movl $__NR_mmap2, %eax			# mmap2(0, 4096, RW, PRIVATE|ANON, -1, 0): arg 6 in ebp
	xorl %ebx, %ebx
	movl $4096, %ecx
	movl $3, %edx
	movl $0x22, %esi
	movl $-1, %edi
	pushl %ebp
	xorl %ebp, %ebp				# pgoff 0
	call *vsyscall
	popl %ebp
	movl %eax, %esi				# (CHECK clobbers ebx, ecx, edx)
	shrl $30, %eax
	CHECK 1, "mmap2 six arguments through the vDSO"
	movl $7, (%esi)				# the new page is there (demand-zero)
	movl $__NR_write, %eax
	movl $1, %ebx
	movl $0xC0001000, %ecx			# a kernel pointer through sysenter: -EFAULT too
	movl $4, %edx
	call *vsyscall
	CHECK -14, "sysenter write kernel pointer EFAULT"
	movl $999, %eax
	call *vsyscall
	CHECK -38, "sysenter unknown syscall ENOSYS"
	movl $__NR_getpid, %eax
	call *vsyscall
	CHECK 1, "getpid through the vDSO"
	pushfl					# NT set across sysenter must not hurt the kernel
	orl $0x4000, (%esp)
	popfl
	movl $__NR_getpid, %eax
	call *vsyscall
	CHECK 1, "sysenter with NT set"
	pushfl					# neither does DF
	andl $~0x4000, (%esp)
	popfl
	std
	movl $__NR_write, %eax
	movl $1, %ebx
	movl $msg, %ecx
	movl $(msgend - msg), %edx
	call *vsyscall
	cld
	CHECK (msgend - msg), "sysenter with DF set"
	FIND_AUXV 33
	SYS __NR_mprotect, %eax, $4096, $3	# the vDSO stays read-only
	CHECK -13, "mprotect the vDSO writable EACCES"
	SYS __NR_exit, $0
msg:	.ascii "via __kernel_vsyscall\n"
msgend:
	.bss
vsyscall: .long 0
