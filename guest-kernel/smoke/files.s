# files.s: the initramfs through open/openat/read/lseek/_llseek/fstat64/readlink/close,
# writev, and a private file mapping at a page offset (mmap2's sixth argument).
	.include "smoke.inc"
	.globl _start
_start:
	SYS __NR_open, $path_hello, $0		# open("/etc/hello.txt", O_RDONLY)
	movl %eax, fd
	CHECK 3, "open gives the lowest free fd"
	SYS __NR_read, fd, $buf, $100
	CHECK 17, "read the whole file"
	SYS __NR_write, $1, $buf, $17
	SYS __NR_read, fd, $buf, $100
	CHECK 0, "read at end of file"
	SYS __NR_lseek, fd, $7, $0		# lseek(fd, 7, SEEK_SET)
	CHECK 7, "lseek SEEK_SET"
	SYS __NR_read, fd, $buf, $9
	CHECK 9, "read after lseek"
	SYS __NR_write, $1, $buf, $9
	PRINT "\n"
	SYS __NR_lseek, fd, $-2, $2		# SEEK_END - 2
	CHECK 15, "lseek SEEK_END"
	movl $__NR__llseek, %eax		# _llseek(fd, 0, 1, &result, SEEK_SET)
	movl fd, %ebx
	xorl %ecx, %ecx
	movl $1, %edx
	movl $result, %esi
	xorl %edi, %edi
	int $0x80
	addl result, %eax
	CHECK 1, "_llseek"
	SYS __NR_lseek, fd, $-100, $1
	CHECK -22, "lseek before the start EINVAL"
	SYS __NR_read, fd, $0x10, $4
	CHECK -14, "read into an unmapped buffer EFAULT"
	SYS __NR_fstat64, fd, $statbuf		# fstat64
	CHECK 0, "fstat64"
	movl statbuf + 44, %eax			# st_size
	CHECK 17, "st_size"
	movl statbuf + 16, %eax			# st_mode & S_IFMT
	andl $0170000, %eax
	CHECK 0100000, "S_IFREG"
	SYS __NR_fstat64, $1, $statbuf
	movl statbuf + 16, %eax
	andl $0170000, %eax
	CHECK 0020000, "the console is a character device"
	SYS __NR_fstat64, fd, $0xC0000000
	CHECK -14, "fstat64 kernel pointer EFAULT"
	SYS __NR_close, fd
	CHECK 0, "close"
	SYS __NR_close, fd
	CHECK -9, "close again EBADF"
	SYS __NR_read, fd, $buf, $1
	CHECK -9, "read closed fd EBADF"
	SYS __NR_open, $path_missing, $0
	CHECK -2, "open missing ENOENT"
	SYS __NR_open, $path_hello, $1
	CHECK -30, "open for writing EROFS"
	SYS __NR_open, $0x10, $0
	CHECK -14, "open unmapped path EFAULT"
	SYS __NR_open, $path_link, $0		# a symlink is followed
	movl %eax, fd
	SYS __NR_read, fd, $buf, $5
	CHECK 5, "read through a symlink"
	SYS __NR_close, fd
	SYS __NR_readlink, $path_link, $buf, $100	# readlink
	CHECK 9, "readlink"
	SYS __NR_write, $1, $buf, $9
	PRINT "\n"
	SYS __NR_readlink, $path_hello, $buf, $100
	CHECK -22, "readlink of a regular file EINVAL"
	SYS __NR_open, $path_etc, $0200000	# open("/etc", O_DIRECTORY)
	movl %eax, fd
	CHECK 3, "open a directory"
	movl $__NR_openat, %eax			# openat(dirfd, "hello.txt", O_RDONLY)
	movl fd, %ebx
	movl $name_hello, %ecx
	xorl %edx, %edx
	int $0x80
	CHECK 4, "openat relative to a directory fd"
	SYS __NR_read, $4, $buf, $5
	SYS __NR_write, $1, $buf, $5
	PRINT "\n"
	SYS __NR_read, fd, $buf, $1
	CHECK -21, "read a directory EISDIR"
	SYS __NR_ioctl, $4, $0x5401, $buf
	CHECK -25, "ioctl TCGETS on a file ENOTTY"
	SYS __NR_ioctl, $0, $0x5401, $buf
	CHECK 0, "ioctl TCGETS on the console"
	SYS __NR_writev, $1, $iov, $2		# writev
	CHECK 12, "writev"
	SYS __NR_writev, $1, $0x10, $2
	CHECK -14, "writev unmapped iovec EFAULT"
	SYS __NR_writev, $1, $iov_negative, $2	# {7 bytes, 0x80000000 bytes}: all checked first
	CHECK -22, "writev negative second length EINVAL, nothing written"
	SYS __NR_writev, $1, $iov_kernel, $2	# {7 bytes, 0xC0000000}: access_ok fails first
	CHECK -14, "writev kernel second buffer EFAULT, nothing written"
	SYS __NR_writev, $1, $iov_unmapped, $2	# {7 bytes, 0x10}: one tty chunk, lost whole
	CHECK -14, "writev unmapped second buffer EFAULT, nothing written"
	SYS __NR_writev, $1, $iov, $1025
	CHECK -22, "writev more than UIO_MAXIOV EINVAL"
	SYS __NR_writev, $4, $iov, $1		# fd 4: the file openat gave, O_RDONLY
	CHECK -9, "writev to a read-only fd EBADF"
	SYS __NR_open, $path_two, $0		# mmap2 of the file's second page
	movl %eax, fd
	movl $__NR_mmap2, %eax
	xorl %ebx, %ebx
	movl $4096, %ecx
	movl $1, %edx				# PROT_READ
	movl $2, %esi				# MAP_PRIVATE
	movl fd, %edi
	movl $1, %ebp				# pgoff 1
	int $0x80
	movl (%eax), %eax			# "seco"
	CHECK 0x6f636573, "mmap2 of a file at page offset 1"
	SYS __NR_open, $path_abs, $0		# an absolute symlink
	CHECK 6, "open through an absolute symlink"
	SYS __NR_open, $path_loop, $0
	CHECK -40, "symlink loop ELOOP"
	SYS __NR_open, $path_abs, $0400000	# O_NOFOLLOW on a link: ELOOP, as Linux
	CHECK -40, "O_NOFOLLOW on a symlink ELOOP"
	SYS __NR_open, $path_notdir, $0		# a file used as a directory
	CHECK -20, "open file/x ENOTDIR"
	SYS __NR_open, $path_nodir, $0
	CHECK -2, "open missing-dir/x ENOENT"
	SYS __NR_open, $path_dirlink, $0	# a symlink in a directory position
	CHECK 7, "open through a symlinked directory"
	SYS __NR_exit, $0
path_notdir: .asciz "/etc/hello.txt/x"
path_nodir: .asciz "/nodir/x"
path_dirlink: .asciz "/etc-link/../etc-link/hello.txt"
path_abs: .asciz "/etc/abs-link"
path_loop: .asciz "/etc/loop-a"
path_hello: .asciz "/etc/hello.txt"
path_missing: .asciz "/etc/missing"
path_link: .asciz "/etc/./link"
path_etc: .asciz "//etc/"
path_two: .asciz "etc/two-pages"
name_hello: .asciz "hello.txt"
iov1:	.ascii "writev "
iov2:	.ascii "ok!\n\n"
	.data
iov:	.long iov1, 7, iov2, 5
iov_negative: .long iov1, 7, iov2, 0x80000000
iov_kernel: .long iov1, 7, 0xC0000000, 5
iov_unmapped: .long iov1, 7, 0x10, 5
	.bss
fd:	.long 0
result:	.quad 0
buf:	.skip 128
statbuf: .skip 96
