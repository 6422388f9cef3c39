# basic.s: int $0x80 basics: write, dup2 (the lecture's example), bad pointers -> -EFAULT,
# getpid, brk, uname, then exit(0).
	.include "smoke.inc"
	.globl _start
_start:
	PRINT "hello from int 0x80\n"
	SYS __NR_dup2, $1, $7			# dup2(1, 7)
	CHECK 7, "dup2"
	SYS __NR_write, $7, $msg, $(msgend - msg)
	CHECK (msgend - msg), "write through the dup"
	SYS __NR_write, $1, $0xC0000000, $4	# a kernel address: access_ok says no
	CHECK -14, "write kernel pointer EFAULT"
	SYS __NR_write, $1, $0x10, $4		# unmapped: the fault is fixed up
	CHECK -14, "write unmapped pointer EFAULT"
	SYS __NR_write, $1, $0, $1		# NULL
	CHECK -14, "write NULL EFAULT"
	SYS __NR_write, $99, $msg, $1
	CHECK -9, "write bad fd EBADF"
	SYS __NR_getpid
	CHECK 1, "getpid"
	SYS 999
	CHECK -38, "unknown syscall ENOSYS"
	SYS __NR_brk, $0			# brk(0) = current break
	movl %eax, %esi
	leal 8192(%esi), %edi
	SYS __NR_brk, %edi
	cmpl %edi, %eax
	movl $0, %eax
	jne 1f
	movl $7, (%esi)				# touch the new heap (demand-zero)
	movl 4096(%esi), %eax			# zero
	addl (%esi), %eax
1:	CHECK 7, "brk grows and pages demand-zero"
	SYS __NR_uname, $utsbuf
	CHECK 0, "uname"
	SYS __NR_write, $1, $utsbuf, $5
	PRINT "\n"
	SYS __NR_uname, $0x10
	CHECK -14, "uname bad pointer"
	SYS __NR_ioctl, $1, $0x5413, $winsz	# TIOCGWINSZ
	CHECK 0, "ioctl TIOCGWINSZ"
	movzwl winsz + 2, %eax
	CHECK 80, "80 columns"
	SYS __NR_ioctl, $1, $0x1234, $winsz
	CHECK -25, "unknown ioctl ENOTTY"
	SYS __NR_exit, $0
msg:	.ascii "via fd 7\n"
msgend:
	.bss
utsbuf:	.skip 390
winsz:	.skip 8
