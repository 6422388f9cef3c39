# read_write.s: read, write, writev, lseek, _llseek.
# Data moves between user memory and the kernel only through copy_to_user/copy_from_user; a
# bad buffer (NULL, unmapped, kernel, straddling into an unmapped page) gives -EFAULT.
	.include "asm.inc"

	.set SEEK_SET, 0
	.set SEEK_CUR, 1
	.set SEEK_END, 2
	.set DEV_NULL, 0x103			# (1, 3)
	.set DEV_ZERO, 0x105			# (1, 5)
	.set UIO_MAXIOV, 1024
	.set IO_CHUNK, PAGE_SIZE

# file_type(file) -> eax = S_IFMT bits of the file's inode, edx = the inode
file_type:
	movl 4(%esp), %edx
	movl FILE_INODE(%edx), %edx
	movl INODE_MODE(%edx), %eax
	andl $S_IFMT, %eax
	ret

# sys_read(fd, buf, count)
ENTRY sys_read
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl 16(%esp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz ebadf
	movl %eax, %ebx				# ebx = file
	movl FILE_FLAGS(%ebx), %eax
	andl $O_ACCMODE, %eax
	cmpl $O_WRONLY, %eax
	je ebadf
	movl 24(%esp), %edi			# edi = count
	testl %edi, %edi
	jz ret0
	pushl %edi
	pushl 24(%esp)				# buf
	call access_ok
	addl $8, %esp
	testl %eax, %eax
	jz efault
	pushl %ebx
	call file_type
	addl $4, %esp
	cmpl $S_IFDIR, %eax
	je eisdir
	cmpl $S_IFCHR, %eax
	je 3f
	movl INODE_SIZE(%edx), %ecx		# a regular file: min(count, size - pos)
	movl FILE_POS(%ebx), %esi
	subl %esi, %ecx
	jbe ret0				# at or past the end
	cmpl %ecx, %edi
	jbe 1f
	movl %ecx, %edi
1:	pushl %edi
	movl INODE_DATA(%edx), %eax
	addl %esi, %eax
	pushl %eax
	pushl 28(%esp)				# buf
	call copy_to_user
	addl $12, %esp
	subl %eax, %edi				# what arrived: a fault part-way gives a short read,
	jz efault				# as in Linux; nothing at all is -EFAULT
	addl %edi, FILE_POS(%ebx)
	movl %edi, %eax
	jmp rw_out
3:	movl INODE_RDEV(%edx), %eax
	cmpl $DEV_NULL, %eax
	je ret0					# /dev/null: end of file
	cmpl $DEV_ZERO, %eax
	je 5f
	cmpl $IO_CHUNK, %edi			# the console: at most a chunk, at least one byte
	jbe 4f
	movl $IO_CHUNK, %edi
4:	pushl %edi
	pushl $io_buf
	call console_read
	addl $8, %esp
	movl %eax, %edi
	pushl %edi
	pushl $io_buf
	pushl 28(%esp)
	call copy_to_user
	addl $12, %esp
	testl %eax, %eax
	jnz efault
	movl %edi, %eax
	jmp rw_out
5:	pushl %edi				# /dev/zero
	pushl 24(%esp)
	call clear_user
	addl $8, %esp
	testl %eax, %eax
	jnz efault
	movl %edi, %eax
	jmp rw_out
ret0:	xorl %eax, %eax
	jmp rw_out
ebadf:	movl $-EBADF, %eax
	jmp rw_out
efault:	movl $-EFAULT, %eax
	jmp rw_out
eisdir:	movl $-EISDIR, %eax
	jmp rw_out
einval:	movl $-EINVAL, %eax
	jmp rw_out
espipe:	movl $-ESPIPE, %eax
rw_out:						# the common epilogue (3 saved registers)
	popl %edi
	popl %esi
	popl %ebx
	ret
END sys_read

# sys_write(fd, buf, count): the console takes the bytes a chunk at a time, each chunk first
# copied in whole: a buffer that faults part-way writes nothing of that chunk.
ENTRY sys_write
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl 16(%esp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz ebadf
	movl %eax, %ebx
	movl FILE_FLAGS(%ebx), %eax
	andl $O_ACCMODE, %eax
	cmpl $O_RDONLY, %eax
	je ebadf
	pushl %ebx
	call file_type
	addl $4, %esp
	cmpl $S_IFCHR, %eax
	jne ebadf
	movl 24(%esp), %edi			# count
	testl %edi, %edi
	jz ret0
	movl INODE_RDEV(%edx), %eax
	cmpl $DEV_NULL, %eax
	je 6f
	cmpl $DEV_ZERO, %eax
	je 6f
	xorl %esi, %esi				# esi = bytes written
1:	movl %edi, %ecx
	subl %esi, %ecx
	jz 5f
	cmpl $IO_CHUNK, %ecx
	jbe 2f
	movl $IO_CHUNK, %ecx
2:	pushl %ecx
	pushl %ecx
	movl 28(%esp), %eax			# buf + written
	addl %esi, %eax
	pushl %eax
	pushl $io_buf
	call copy_from_user
	addl $12, %esp
	popl %ecx
	testl %eax, %eax
	jnz 4f
	pushl %ecx
	pushl %ecx
	pushl $io_buf
	call console_write
	addl $8, %esp
	popl %ecx
	addl %ecx, %esi
	jmp 1b
4:	testl %esi, %esi			# a fault: what was written so far, or -EFAULT
	jz efault
5:	movl %esi, %eax
	jmp rw_out
6:	pushl %edi				# /dev/null, /dev/zero swallow it all, if it is user memory
	pushl 24(%esp)
	call access_ok
	addl $8, %esp
	testl %eax, %eax
	jz efault
	movl %edi, %eax
	jmp rw_out
END sys_write

# sys_writev(fd, const struct iovec __user *vec, vlen)
# Stack after the prologue: 0(%esp) iov_base, 4 iov_len (this iovec, read with get_user),
# 8-16 saved edi esi ebx, 20 return address, 24 fd, 28 vec, 32 vlen.
ENTRY sys_writev
	pushl %ebx
	pushl %esi
	pushl %edi
	subl $8, %esp				# 0(%esp): struct iovec {iov_base, iov_len}
	movl 32(%esp), %eax			# vlen
	cmpl $UIO_MAXIOV, %eax
	ja 7f					# (unsigned: negative too)
	pushl 24(%esp)				# fd
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz 8f
	xorl %esi, %esi				# esi = total written
	xorl %ebx, %ebx				# ebx = index
1:	cmpl 32(%esp), %ebx
	jae 5f
	movl 28(%esp), %eax			# &vec[index].iov_base: get_user, one word at a time
	leal (%eax,%ebx,8), %eax
	call __get_user_4			# eax = 0 or -EFAULT, edx = the value
	testl %eax, %eax
	jnz 6f
	movl %edx, (%esp)
	movl 28(%esp), %eax			# &vec[index].iov_len
	leal 4(%eax,%ebx,8), %eax
	call __get_user_4
	testl %eax, %eax
	jnz 6f
	movl %edx, 4(%esp)
	cmpl $0, 4(%esp)
	jl 7f					# a negative length
	pushl 4(%esp)
	pushl 4(%esp)
	pushl 32(%esp)				# fd
	call sys_write
	addl $12, %esp
	testl %eax, %eax
	js 4f
	addl %eax, %esi
	cmpl 4(%esp), %eax			# short write: stop here
	jb 5f
	incl %ebx
	jmp 1b
4:	testl %esi, %esi			# an error after some bytes: report the bytes
	jnz 5f
	jmp 9f
5:	movl %esi, %eax
	jmp 9f
6:	movl $-EFAULT, %eax
	testl %esi, %esi
	jnz 5b
	jmp 9f
7:	movl $-EINVAL, %eax
	jmp 9f
8:	movl $-EBADF, %eax
9:	addl $8, %esp
	popl %edi
	popl %esi
	popl %ebx
	ret
END sys_writev

# llseek_base(file, whence) -> edx:eax = the 64-bit position whence counts from, or
# eax = -EINVAL/-ESPIPE with edx = -1 (a negative result).
llseek_base:
	pushl 4(%esp)
	call file_type
	addl $4, %esp
	cmpl $S_IFCHR, %eax
	je 4f
	movl 8(%esp), %eax
	cmpl $SEEK_SET, %eax
	je 1f
	cmpl $SEEK_CUR, %eax
	je 2f
	cmpl $SEEK_END, %eax
	je 3f
	movl $-EINVAL, %eax
	movl $-1, %edx
	ret
1:	xorl %eax, %eax
	xorl %edx, %edx
	ret
2:	movl 4(%esp), %eax
	movl FILE_POS(%eax), %eax
	xorl %edx, %edx
	ret
3:	movl INODE_SIZE(%edx), %eax
	xorl %edx, %edx
	ret
4:	movl $-ESPIPE, %eax			# the console cannot seek (nor can /dev/null here)
	movl $-1, %edx
	ret

# sys_lseek(fd, offset, whence) -> the new position or -errno
ENTRY sys_lseek
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl 16(%esp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz ebadf
	movl %eax, %ebx
	pushl 24(%esp)
	pushl %ebx
	call llseek_base
	addl $8, %esp
	testl %edx, %edx
	js rw_out
	movl 20(%esp), %ecx			# + offset (signed 32-bit)
	movl %ecx, %esi
	sarl $31, %esi
	addl %ecx, %eax
	adcl %esi, %edx
	js einval				# before the start
	jnz eoverflow				# beyond what lseek can return
	testl %eax, %eax
	js eoverflow
	movl %eax, FILE_POS(%ebx)
	jmp rw_out
eoverflow:
	movl $-EOVERFLOW, %eax
	jmp rw_out
END sys_lseek

# sys_llseek(fd, offset_high, offset_low, loff_t __user *result, whence) -> 0 or -errno
ENTRY sys_llseek
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl 16(%esp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz ebadf
	movl %eax, %ebx
	pushl 32(%esp)				# whence
	pushl %ebx
	call llseek_base
	addl $8, %esp
	testl %edx, %edx
	js rw_out
	addl 24(%esp), %eax			# + offset_high:offset_low
	adcl 20(%esp), %edx
	js einval
	jnz eoverflow				# positions live in 32 bits here
	movl %eax, FILE_POS(%ebx)
	subl $8, %esp
	movl %eax, (%esp)
	movl %edx, 4(%esp)
	movl %esp, %eax
	pushl $8
	pushl %eax
	pushl 44(%esp)				# result (28 + 8 + 8)
	call copy_to_user
	addl $20, %esp
	testl %eax, %eax
	jnz efault
	xorl %eax, %eax
	jmp rw_out
END sys_llseek

	.bss
	.p2align 12
io_buf:	.skip IO_CHUNK				# the kernel side of every read/write chunk
