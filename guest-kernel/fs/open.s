# open.s: file descriptors: fget, open/openat/close, dup/dup2.
# current->files[fd] points at a struct file; dup shares it (FILE_COUNT counts the sharers).
	.include "asm.inc"

	.set PATH_MAX, 4096
	.set ENAMETOOLONG, 36
	.set O_NOFOLLOW, 0400000
	.set O_CLOEXEC, 02000000
	.set O_TRUNC, 01000
	.set fd_table, init_task + TASK_FILES

# fget(fd) -> the struct file for fd, or 0 if fd is not open.
ENTRY fget
	movl 4(%esp), %eax
	cmpl $NR_OPEN, %eax
	jae 1f					# (unsigned: negative fds too)
	movl fd_table(,%eax,4), %eax
	ret
1:	xorl %eax, %eax
	ret
END fget

# fput(file): drop one reference.
ENTRY fput
	movl 4(%esp), %eax
	decl FILE_COUNT(%eax)
	ret
END fput

# get_unused_fd(min) -> the lowest free descriptor >= min, or -EMFILE.
get_unused_fd:
	movl 4(%esp), %eax
1:	cmpl $NR_OPEN, %eax
	jae 2f
	cmpl $0, fd_table(,%eax,4)
	je 3f
	incl %eax
	jmp 1b
2:	movl $-EMFILE, %eax
3:	ret

# getname(upath) -> 0 with the path, normalized, in pathname_buf; or -EFAULT, -ENAMETOOLONG,
# -ENOENT (empty path).
ENTRY getname
	pushl $PATH_MAX
	pushl 8(%esp)
	pushl $pathname_buf
	call strncpy_from_user
	addl $12, %esp
	testl %eax, %eax
	js 1f					# -EFAULT
	jz 2f					# "" names nothing
	cmpl $PATH_MAX, %eax
	jae 3f					# no NUL within PATH_MAX
	xorl %eax, %eax
1:	ret
2:	movl $-ENOENT, %eax
	ret
3:	movl $-ENAMETOOLONG, %eax
	ret
END getname

# user_path_at(dfd, upath) -> 0 with the normalized absolute path in pathname_buf, or -errno.
# A relative path is taken relative to dfd's directory (AT_FDCWD: the root, our only cwd).
ENTRY user_path_at
	pushl 8(%esp)
	call getname
	addl $4, %esp
	testl %eax, %eax
	jnz 9f
	cmpb $'/', pathname_buf
	je 8f
	movl 4(%esp), %eax
	cmpl $AT_FDCWD, %eax
	je 8f
	pushl %eax
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz 7f
	movl FILE_INODE(%eax), %edx
	movl INODE_MODE(%edx), %ecx
	andl $S_IFMT, %ecx
	cmpl $S_IFDIR, %ecx
	jne 6f
	pushl %ebx				# join: dir + "/" + path, then back into pathname_buf
	movl INODE_NAME(%edx), %ebx
	pushl %ebx
	call strlen
	addl $4, %esp
	pushl %eax
	pushl $pathname_buf
	call strlen
	addl $4, %esp
	popl %ecx
	leal 2(%eax,%ecx), %edx
	cmpl $PATH_MAX, %edx
	ja 5f
	incl %eax				# move the path up by len(dir) + 1, NUL included
	pushl %ecx
	pushl %eax
	leal pathname_buf + 1(%ecx), %edx
	pushl %edx
	call memmove_up
	addl $8, %esp
	popl %ecx
	pushl %ecx
	pushl %ebx
	pushl $pathname_buf
	call memcpy
	addl $8, %esp
	popl %ecx
	movb $'/', pathname_buf(%ecx)
	popl %ebx
	jmp 8f
5:	popl %ebx
	movl $-ENAMETOOLONG, %eax
	ret
6:	movl $-ENOTDIR, %eax
	ret
7:	movl $-EBADF, %eax
	ret
8:	pushl $pathname_buf
	pushl $pathname_buf
	call path_normalize
	addl $8, %esp
	xorl %eax, %eax
9:	ret
END user_path_at

# memmove_up(dst, n): move pathname_buf[0..n) to dst (> pathname_buf), copying backwards.
memmove_up:
	pushl %esi
	pushl %edi
	movl 12(%esp), %edi
	movl 16(%esp), %ecx
	leal pathname_buf - 1(%ecx), %esi
	leal -1(%edi,%ecx), %edi
	std
	rep movsb
	cld
	popl %edi
	popl %esi
	ret

# do_sys_open(dfd, upath, flags) -> a new descriptor or -errno. The initramfs is read-only:
# opening a regular file for writing or creating one gives -EROFS.
ENTRY do_sys_open
	pushl %ebx
	pushl %esi
	pushl 16(%esp)
	pushl 16(%esp)
	call user_path_at
	addl $8, %esp
	testl %eax, %eax
	jnz 9f
	movl 20(%esp), %eax			# follow a final symlink unless O_NOFOLLOW
	notl %eax
	andl $O_NOFOLLOW, %eax
	pushl %eax
	pushl $pathname_buf
	call namei
	addl $8, %esp
	cmpl $-4095, %eax			# IS_ERR (a kernel pointer is "negative")
	jae 7f
	movl %eax, %ebx				# ebx = inode
	movl INODE_MODE(%ebx), %ecx
	andl $S_IFMT, %ecx
	movl 20(%esp), %edx
	cmpl $S_IFLNK, %ecx			# still a link: O_NOFOLLOW said not to follow it
	je 1f
	cmpl $S_IFDIR, %ecx
	je 2f
	testl $O_DIRECTORY, %edx
	jnz 6f
	cmpl $S_IFCHR, %ecx
	je 3f
	testl $(O_ACCMODE + O_TRUNC), %edx	# a regular file (or a link): read only
	jnz 5f
	jmp 3f
2:	testl $O_ACCMODE, %edx			# a directory: read only
	jnz 4f
3:	pushl $0				# a free descriptor
	call get_unused_fd
	addl $4, %esp
	testl %eax, %eax
	js 9f
	movl %eax, %esi
	call get_empty_filp
	testl %eax, %eax
	jz 8f
	movl %ebx, FILE_INODE(%eax)
	movl 20(%esp), %edx
	movl %edx, FILE_FLAGS(%eax)
	movl %eax, fd_table(,%esi,4)
	testl $O_CLOEXEC, %edx			# the new descriptor's FD_CLOEXEC
	setnz close_on_exec(%esi)
	movl %esi, %eax
	jmp 9f
1:	movl $-ELOOP, %eax
	jmp 9f
4:	movl $-EISDIR, %eax
	jmp 9f
5:	movl $-EROFS, %eax
	jmp 9f
6:	movl $-ENOTDIR, %eax
	jmp 9f
7:	cmpl $-ENOENT, %eax			# missing, and O_CREAT: still read-only
	jne 9f
	testl $O_CREAT, 20(%esp)
	jz 9f
	movl $-EROFS, %eax
	jmp 9f
8:	movl $-ENFILE, %eax
9:	popl %esi
	popl %ebx
	ret
END do_sys_open
	.set ENFILE, 23
	.set ELOOP, 40

# get_empty_filp() -> a free struct file (count 1, pos 0), or 0.
get_empty_filp:
	movl $file_table, %eax
1:	cmpl $0, FILE_COUNT(%eax)
	je 2f
	addl $FILE_SIZE, %eax
	cmpl $(file_table + NR_FILES * FILE_SIZE), %eax
	jb 1b
	xorl %eax, %eax
	ret
2:	movl $1, FILE_COUNT(%eax)
	movl $0, FILE_POS(%eax)
	ret

# sys_open(filename, flags, mode)
ENTRY sys_open
	pushl 8(%esp)
	pushl 8(%esp)
	pushl $AT_FDCWD
	call do_sys_open
	addl $12, %esp
	ret
END sys_open

# sys_openat(dfd, filename, flags, mode)
ENTRY sys_openat
	pushl 12(%esp)
	pushl 12(%esp)
	pushl 12(%esp)
	call do_sys_open
	addl $12, %esp
	ret
END sys_openat

# sys_close(fd)
ENTRY sys_close
	pushl 4(%esp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz 1f
	pushl %eax
	call fput
	addl $4, %esp
	movl 4(%esp), %eax
	movl $0, fd_table(,%eax,4)
	movb $0, close_on_exec(%eax)		# a reused number starts without FD_CLOEXEC
	xorl %eax, %eax
	ret
1:	movl $-EBADF, %eax
	ret
END sys_close

# sys_dup(fildes)
ENTRY sys_dup
	pushl 4(%esp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz 1f
	movl %eax, %edx
	pushl %edx
	pushl $0
	call get_unused_fd
	addl $4, %esp
	popl %edx
	testl %eax, %eax
	js 2f
	movl %edx, fd_table(,%eax,4)
	incl FILE_COUNT(%edx)
	movb $0, close_on_exec(%eax)		# a dup never inherits FD_CLOEXEC
	ret
1:	movl $-EBADF, %eax
2:	ret
END sys_dup

# sys_dup2(oldfd, newfd): the lecture's example (eax = 0x3f).
ENTRY sys_dup2
	pushl 4(%esp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz 1f
	movl 8(%esp), %ecx
	cmpl $NR_OPEN, %ecx
	jae 1f
	cmpl 4(%esp), %ecx
	je 2f					# dup2(fd, fd): fd, if it is open
	incl FILE_COUNT(%eax)
	movl fd_table(,%ecx,4), %edx		# close newfd first
	movl %eax, fd_table(,%ecx,4)
	movb $0, close_on_exec(%ecx)		# newfd starts without FD_CLOEXEC
	testl %edx, %edx
	jz 2f
	decl FILE_COUNT(%edx)
2:	movl %ecx, %eax
	ret
1:	movl $-EBADF, %eax
	ret
END sys_dup2

# files_init(): fds 0, 1, 2 = the console, one struct file shared three ways.
ENTRY files_init
	movl $file_table, %eax
	movl $3, FILE_COUNT(%eax)
	movl $console_inode, FILE_INODE(%eax)
	movl $2, FILE_FLAGS(%eax)		# O_RDWR
	movl %eax, fd_table
	movl %eax, fd_table + 4
	movl %eax, fd_table + 8
	ret
END files_init

	.data
	.p2align 2
	.globl console_inode
console_inode:					# /dev/ttyS0 (major 4, minor 64): the serial console
	.long S_IFCHR + 0620, 0, 0, empty, 3, 1, 0, 0x440, 0, 5
empty:	.byte 0
	.bss
	.p2align 2
file_table: .skip NR_FILES * FILE_SIZE
	.globl pathname_buf
pathname_buf: .skip PATH_MAX + 4
