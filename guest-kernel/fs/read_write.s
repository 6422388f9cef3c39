# read_write.s: read, write, writev, lseek, _llseek.
# Data moves between user memory and the kernel only through copy_to_user/copy_from_user; a
# bad buffer (NULL, unmapped, kernel, straddling into an unmapped page) gives -EFAULT.
	.include "asm.inc"

	.set SEEK_SET, 0
	.set SEEK_CUR, 1
	.set SEEK_END, 2
	.set DEV_NULL, 0x103			# (1, 3)
	.set DEV_ZERO, 0x105			# (1, 5)
	.set UIO_MAXIOV, 1024			# the most iovecs one readv/writev takes
	.set MAX_RW_COUNT, 0x7ffff000		# INT_MAX & PAGE_MASK: the most one read/write moves
	.set IO_CHUNK, PAGE_SIZE		# the most one console read returns
	.set TTY_WRITE_CHUNK, 2048		# the tty layer's write chunk (Linux's, without
						# TTY_NO_WRITE_SPLIT)
	.set IOV_BASE, 0			# struct iovec
	.set IOV_LEN, 4
	.set IOV_SIZE, 8

# RW_FDGET: the prologue of every system call here. Saves ebx, esi and edi (rw_out, the
# common epilogue, restores them) and puts in ebx the open file that the first argument, fd,
# names; a descriptor that is not open gives -EBADF.
# Stack after it: 0-8 saved edi esi ebx, 12 return address, 16 fd, 20 arg 2, 24 arg 3 ...
.macro RW_FDGET
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl 16(%esp)				# fd
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz ebadf
	movl %eax, %ebx				# ebx = file
.endm

# REFUSE_ACCMODE mode: -EBADF if the file in ebx was opened with access mode `mode` (Linux's
# FMODE_READ/FMODE_WRITE test in vfs_read and vfs_write).
.macro REFUSE_ACCMODE mode
	movl FILE_FLAGS(%ebx), %eax
	andl $O_ACCMODE, %eax
	cmpl $\mode, %eax
	je ebadf
.endm

# file_type(file) -> eax = S_IFMT bits of the file's inode, edx = the inode
file_type:
	movl 4(%esp), %edx
	movl FILE_INODE(%edx), %edx
	movl INODE_MODE(%edx), %eax
	andl $S_IFMT, %eax
	ret

# sys_read(fd, buf, count)
ENTRY sys_read
	RW_FDGET
	REFUSE_ACCMODE O_WRONLY			# a write-only file cannot be read
	movl 24(%esp), %edi			# edi = count
	pushl %edi				# as Linux's vfs_read: the buffer is checked
	pushl 24(%esp)				# (buf) first, even for count 0
	call access_ok
	addl $8, %esp
	testl %eax, %eax
	jz efault
	pushl %ebx
	call file_type
	addl $4, %esp
	cmpl $S_IFDIR, %eax
	je eisdir				# a directory: -EISDIR whatever the count
	testl %edi, %edi
	jz ret0
	cmpl $MAX_RW_COUNT, %edi
	jbe 1f
	movl $MAX_RW_COUNT, %edi		# as Linux: a result always fits in ssize_t
1:	cmpl $S_IFCHR, %eax
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
	subl %eax, %edi				# a fault part-way: the bytes zeroed before it,
	jz efault				# as Linux's read_iter_zero
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

# sys_write(fd, buf, count), as Linux's vfs_write: the fd's mode, then the whole buffer must
# lie below TASK_SIZE (-EFAULT, nothing written), then at most MAX_RW_COUNT bytes go out.
ENTRY sys_write
	RW_FDGET
	REFUSE_ACCMODE O_RDONLY			# a read-only file cannot be written
	movl 24(%esp), %edi			# edi = count
	pushl %edi
	pushl 24(%esp)				# buf
	call access_ok
	addl $8, %esp
	testl %eax, %eax
	jz efault
	cmpl $MAX_RW_COUNT, %edi
	jbe 1f
	movl $MAX_RW_COUNT, %edi
1:	pushl %edi				# a one-element kernel iovec {buf, count}
	pushl 24(%esp)				# buf (20 + 4)
	movl %esp, %eax
	pushl %edi				# total
	pushl $1				# nr_segs
	pushl %eax				# iov
	pushl %ebx				# file
	call do_iter_write
	addl $24, %esp
	jmp rw_out
END sys_write

# sys_writev(fd, const struct iovec __user *vec, vlen), as Linux's do_writev/import_iovec:
# the whole iovec array is read into the kernel and checked before a byte is written:
# vlen <= UIO_MAXIOV (-EINVAL), the array readable (-EFAULT), every iov_len >= 0 as ssize_t
# (-EINVAL), every buffer below TASK_SIZE (-EFAULT); the total is capped at MAX_RW_COUNT by
# shortening the iovecs that go past it. Then all of it goes out as one write.
# Stack after the prologue: 0-8 saved edi esi ebx, 12 return address, 16 fd, 20 vec, 24 vlen.
ENTRY sys_writev
	RW_FDGET
	REFUSE_ACCMODE O_RDONLY			# a read-only file cannot be written
	movl 24(%esp), %ecx			# vlen
	testl %ecx, %ecx
	jz ret0					# no iovecs: the array is not even read
	cmpl $UIO_MAXIOV, %ecx
	ja einval				# (unsigned: a negative vlen too)
	shll $3, %ecx				# vlen * sizeof(struct iovec)
	pushl %ecx
	pushl 24(%esp)				# vec (20 + 4)
	call access_ok
	addl $8, %esp
	testl %eax, %eax
	jz efault
	xorl %esi, %esi				# esi = index
1:	cmpl 24(%esp), %esi			# pass 1 (copy_iovec_from_user): copy in, check lengths
	jae 2f
	movl 20(%esp), %eax
	leal IOV_LEN(%eax,%esi,8), %eax	# iov_len first, as Linux reads them
	call __get_user_4			# eax = 0 or -EFAULT, edx = the value
	testl %eax, %eax
	jnz efault
	testl %edx, %edx
	js einval				# does not fit in ssize_t
	movl %edx, iov_array + IOV_LEN(,%esi,8)	# (8 = IOV_SIZE, as a scale)
	movl 20(%esp), %eax
	leal IOV_BASE(%eax,%esi,8), %eax
	call __get_user_4
	testl %eax, %eax
	jnz efault
	movl %edx, iov_array + IOV_BASE(,%esi,8)
	incl %esi
	jmp 1b
2:	xorl %esi, %esi				# pass 2 (__import_iovec): buffers and the total
	xorl %edi, %edi				# edi = total
3:	cmpl 24(%esp), %esi
	jae 5f
	pushl iov_array + IOV_LEN(,%esi,8)
	pushl iov_array + IOV_BASE(,%esi,8)
	call access_ok
	addl $8, %esp
	testl %eax, %eax
	jz efault
	movl $MAX_RW_COUNT, %eax		# len = min(len, MAX_RW_COUNT - total)
	subl %edi, %eax
	cmpl %eax, iov_array + IOV_LEN(,%esi,8)
	jbe 4f
	movl %eax, iov_array + IOV_LEN(,%esi,8)
4:	addl iov_array + IOV_LEN(,%esi,8), %edi
	incl %esi
	jmp 3b
5:	pushl %edi				# total
	pushl 28(%esp)				# nr_segs = vlen (24 + 4)
	pushl $iov_array
	pushl %ebx
	call do_iter_write
	addl $16, %esp
	jmp rw_out
END sys_writev

# do_iter_write(file, iov, nr_segs, total) -> bytes written or -errno. iov is a kernel array
# whose buffers were checked with access_ok and whose lengths add up to total.
# /dev/null and /dev/zero take it all without reading it; the console is a tty.
do_iter_write:
	pushl 4(%esp)
	call file_type				# eax = S_IFMT, edx = inode
	addl $4, %esp
	cmpl $S_IFCHR, %eax
	jne 2f					# only character devices are ever open for writing
	movl INODE_RDEV(%edx), %eax
	cmpl $DEV_NULL, %eax
	je 1f
	cmpl $DEV_ZERO, %eax
	je 1f
	pushl 12(%esp)				# nr_segs
	pushl 12(%esp)				# iov (8 + 4)
	call tty_write_iter
	addl $8, %esp
	ret
1:	movl 16(%esp), %eax			# total
	ret
2:	movl $-EBADF, %eax
	ret

# tty_write_iter(iov, nr_segs) -> bytes written or -EFAULT. As Linux's tty layer
# (iterate_tty_write), the bytes of all the iovecs are gathered into chunks of
# TTY_WRITE_CHUNK, and a chunk goes to the console only once it was copied in whole: a fault
# drops its chunk, and the result is the bytes of the chunks before it, or -EFAULT if none.
# Registers: esi = the current iovec, edi = iovecs left, ebx = bytes of *esi taken,
# ebp = bytes in the chunk; 0(%esp) = bytes written.
tty_write_iter:
	pushl %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl $0				# written
	movl 24(%esp), %esi			# iov
	movl 28(%esp), %edi			# nr_segs
	xorl %ebx, %ebx
	xorl %ebp, %ebp
1:	testl %edi, %edi
	jz 4f					# no more iovecs: write what the chunk holds
	movl IOV_LEN(%esi), %ecx
	subl %ebx, %ecx				# ecx = bytes left in this iovec
	jnz 2f
	addl $IOV_SIZE, %esi			# used up: the next one
	decl %edi
	xorl %ebx, %ebx
	jmp 1b
2:	movl $TTY_WRITE_CHUNK, %eax
	subl %ebp, %eax				# room left in the chunk
	cmpl %eax, %ecx
	jbe 3f
	movl %eax, %ecx
3:	pushl %ecx
	pushl %ecx				# n
	movl IOV_BASE(%esi), %eax
	addl %ebx, %eax
	pushl %eax				# from: iov_base + taken
	leal io_buf(%ebp), %eax
	pushl %eax				# to: the chunk's free part
	call copy_from_user
	addl $12, %esp
	popl %ecx
	testl %eax, %eax
	jnz 6f					# a fault: this chunk is lost
	addl %ecx, %ebx
	addl %ecx, %ebp
	cmpl $TTY_WRITE_CHUNK, %ebp
	jb 1b
4:	testl %ebp, %ebp			# a full chunk, or the last one
	jz 5f
	pushl %ebp
	pushl $io_buf
	call console_write
	addl $8, %esp
	addl %ebp, (%esp)
	xorl %ebp, %ebp
	jmp 1b
5:	popl %eax				# everything written
	jmp 7f
6:	popl %eax				# the chunks before the fault, if any
	testl %eax, %eax
	jnz 7f
	movl $-EFAULT, %eax
7:	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

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
	RW_FDGET
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
	RW_FDGET
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
iov_array:					# the kernel's copy of a writev's iovecs (Linux
	.skip UIO_MAXIOV * IOV_SIZE		# kmallocs one; one process whose system calls
						# never nest needs only this one)
