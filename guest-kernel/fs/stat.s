# stat.s: fstat64 and readlink.
	.include "asm.inc"

	.set STAT64_SIZE, 96			# struct stat64 (i386 asm/stat.h), by offset:
	.set ST_DEV, 0				# u64
	.set ST___INO, 12
	.set ST_MODE, 16
	.set ST_NLINK, 20
	.set ST_UID, 24
	.set ST_GID, 28
	.set ST_RDEV, 32			# u64
	.set ST_SIZE, 44			# s64
	.set ST_BLKSIZE, 52
	.set ST_BLOCKS, 56			# u64, 512-byte units
	.set ST_ATIME, 64
	.set ST_MTIME, 72
	.set ST_CTIME, 80
	.set ST_INO, 88				# u64

# cp_new_stat64(inode, struct stat64 __user *statbuf) -> 0 or -EFAULT: fill a struct stat64
# in the kernel, then copy it out whole.
ENTRY cp_new_stat64
	pushl %ebx
	pushl %edi
	subl $STAT64_SIZE, %esp
	movl STAT64_SIZE + 12(%esp), %ebx	# inode
	movl %esp, %edi				# zero the whole struct first
	xorl %eax, %eax
	movl $(STAT64_SIZE / 4), %ecx
	rep stosl
	movl INODE_INO(%ebx), %eax
	movl %eax, ST___INO(%esp)
	movl %eax, ST_INO(%esp)
	movl INODE_MODE(%ebx), %eax
	movl %eax, ST_MODE(%esp)
	movl INODE_NLINK(%ebx), %eax
	movl %eax, ST_NLINK(%esp)
	movl INODE_UID(%ebx), %eax
	movl %eax, ST_UID(%esp)
	movl INODE_GID(%ebx), %eax
	movl %eax, ST_GID(%esp)
	movl INODE_RDEV(%ebx), %eax
	movl %eax, ST_RDEV(%esp)
	movl INODE_SIZE(%ebx), %eax
	movl %eax, ST_SIZE(%esp)
	addl $511, %eax
	shrl $9, %eax
	movl %eax, ST_BLOCKS(%esp)
	movl $PAGE_SIZE, ST_BLKSIZE(%esp)
	movl INODE_MTIME(%ebx), %eax
	movl %eax, ST_ATIME(%esp)
	movl %eax, ST_MTIME(%esp)
	movl %eax, ST_CTIME(%esp)
	cmpl $console_inode, %ebx
	jne 1f
	movl $1024, ST_BLKSIZE(%esp)		# a tty's st_blksize, as Linux reports it
	movl boot_time_sec, %eax
	movl %eax, ST_ATIME(%esp)
	movl %eax, ST_MTIME(%esp)
	movl %eax, ST_CTIME(%esp)
1:	movl %esp, %eax
	pushl $STAT64_SIZE
	pushl %eax
	pushl STAT64_SIZE + 24(%esp)		# statbuf
	call copy_to_user
	addl $12, %esp
	testl %eax, %eax
	jz 9f
	movl $-EFAULT, %eax
9:	addl $STAT64_SIZE, %esp
	popl %edi
	popl %ebx
	ret
END cp_new_stat64

# sys_fstat64(fd, struct stat64 __user *statbuf)
ENTRY sys_fstat64
	pushl 4(%esp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz 1f
	pushl 8(%esp)
	pushl FILE_INODE(%eax)
	call cp_new_stat64
	addl $8, %esp
	ret
1:	movl $-EBADF, %eax
	ret
END sys_fstat64

# vfs_fstatat(dfd, path, statbuf, flags): the common part of stat64, lstat64, fstatat64.
ENTRY vfs_fstatat
	testl $~(AT_SYMLINK_NOFOLLOW + AT_EMPTY_PATH + AT_NO_AUTOMOUNT), 16(%esp)
	jnz 7f
	testl $AT_EMPTY_PATH, 16(%esp)		# "" with AT_EMPTY_PATH: dfd itself
	jz 1f
	movl 8(%esp), %eax
	call __get_user_1
	testl %eax, %eax
	jnz 9f
	testl %edx, %edx
	jnz 1f
	pushl 12(%esp)
	pushl 8(%esp)
	call sys_fstat64
	addl $8, %esp
	ret
1:	pushl 8(%esp)
	pushl 8(%esp)
	call user_path_at
	addl $8, %esp
	testl %eax, %eax
	jnz 9f
	movl 16(%esp), %eax			# follow the last link unless AT_SYMLINK_NOFOLLOW
	notl %eax
	andl $AT_SYMLINK_NOFOLLOW, %eax
	pushl %eax
	pushl $pathname_buf
	call namei
	addl $8, %esp
	cmpl $-4095, %eax			# IS_ERR
	jae 9f
	pushl 12(%esp)
	pushl %eax
	call cp_new_stat64
	addl $8, %esp
	ret
7:	movl $-EINVAL, %eax
9:	ret
END vfs_fstatat

# sys_stat64(filename, statbuf), sys_lstat64(filename, statbuf)
ENTRY sys_stat64
	pushl $0
	jmp 1f
ENTRY sys_lstat64
	pushl $AT_SYMLINK_NOFOLLOW
1:	pushl 12(%esp)
	pushl 12(%esp)
	pushl $AT_FDCWD
	call vfs_fstatat
	addl $16, %esp
	ret
END sys_lstat64
END sys_stat64

# sys_fstatat64(dfd, filename, statbuf, flag)
ENTRY sys_fstatat64
	pushl 16(%esp)
	pushl 16(%esp)
	pushl 16(%esp)
	pushl 16(%esp)
	call vfs_fstatat
	addl $16, %esp
	ret
END sys_fstatat64

	.set AT_SYMLINK_NOFOLLOW, 0x100
	.set AT_NO_AUTOMOUNT, 0x800
	.set AT_EMPTY_PATH, 0x1000

# sys_readlink(path, buf, bufsiz) -> bytes placed in buf (no NUL), or -errno
ENTRY sys_readlink
	pushl %ebx
	cmpl $0, 16(%esp)
	jle 7f
	pushl 8(%esp)
	pushl $AT_FDCWD
	call user_path_at
	addl $8, %esp
	testl %eax, %eax
	jnz 9f
	pushl $0				# the link itself, not its target
	pushl $pathname_buf
	call namei
	addl $8, %esp
	cmpl $-4095, %eax			# IS_ERR
	jae 9f
	movl INODE_MODE(%eax), %edx
	andl $S_IFMT, %edx
	cmpl $S_IFLNK, %edx
	jne 7f
	movl INODE_SIZE(%eax), %ebx
	cmpl 16(%esp), %ebx
	jbe 1f
	movl 16(%esp), %ebx			# truncated to bufsiz, as Linux does
1:	pushl %ebx
	pushl INODE_DATA(%eax)
	pushl 20(%esp)				# buf
	call copy_to_user
	addl $12, %esp
	testl %eax, %eax
	jnz 8f
	movl %ebx, %eax
	jmp 9f
7:	movl $-EINVAL, %eax
	jmp 9f
8:	movl $-EFAULT, %eax
9:	popl %ebx
	ret
END sys_readlink
