# readdir.s: getdents64 over the in-memory file system. A directory's entries are ".", ".."
# and every inode whose name is "dir/child"; file->pos counts them (0 ".", 1 "..", 2 + k the
# k-th inode of inode_table), so a listing resumes where the last call stopped.
	.include "asm.inc"

	.set D_INO, 0				# struct linux_dirent64
	.set D_OFF, 8
	.set D_RECLEN, 16
	.set D_TYPE, 18
	.set D_NAME, 19
	.set NAME_MAX, 255
	.set DT_UNKNOWN, 0
	.set DT_CHR, 2
	.set DT_DIR, 4
	.set DT_REG, 8
	.set DT_LNK, 10

# is_child(dir, name) -> 1 if the normalized name is directly inside the directory dir.
is_child:
	pushl %esi
	pushl %edi
	movl 12(%esp), %esi			# dir
	movl 16(%esp), %edi			# name
	pushl %esi
	call strlen
	addl $4, %esp
	testl %eax, %eax
	jz 2f					# the root: names without a '/'
	pushl %eax
	pushl %eax
	pushl %esi
	pushl %edi
	call strncmp
	addl $12, %esp
	popl %ecx
	testl %eax, %eax
	jnz 4f
	cmpb $'/', (%edi,%ecx)
	jne 4f
	leal 1(%edi,%ecx), %edi			# the rest: one component only
2:	cmpb $0, (%edi)
	je 4f					# (an empty rest is the directory itself)
3:	movb (%edi), %al
	testb %al, %al
	jz 5f
	cmpb $'/', %al
	je 4f
	incl %edi
	jmp 3b
4:	xorl %eax, %eax
	jmp 6f
5:	movl $1, %eax
6:	popl %edi
	popl %esi
	ret

# d_type_of(mode) -> DT_* (in eax)
d_type_of:
	movl 4(%esp), %eax
	andl $S_IFMT, %eax
	cmpl $S_IFDIR, %eax
	je 1f
	cmpl $S_IFREG, %eax
	je 2f
	cmpl $S_IFLNK, %eax
	je 3f
	cmpl $S_IFCHR, %eax
	je 4f
	movl $DT_UNKNOWN, %eax
	ret
1:	movl $DT_DIR, %eax
	ret
2:	movl $DT_REG, %eax
	ret
3:	movl $DT_LNK, %eax
	ret
4:	movl $DT_CHR, %eax
	ret

# sys_getdents64(fd, struct linux_dirent64 __user *dirent, count) -> bytes written, 0 at the
# end, -EINVAL if the first entry does not fit, -EFAULT, -EBADF, -ENOTDIR.
# Locals: -16(%ebp) bytes written, -20 the entry's name, -24 its inode number, -28 its type,
# -32 the position after it.
ENTRY sys_getdents64
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	subl $20, %esp
	pushl 8(%ebp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz 91f
	movl %eax, %ebx				# ebx = file
	movl FILE_INODE(%ebx), %esi		# esi = the directory
	movl INODE_MODE(%esi), %eax
	andl $S_IFMT, %eax
	cmpl $S_IFDIR, %eax
	jne 92f
	movl $0, -16(%ebp)
1:	movl FILE_POS(%ebx), %eax
	cmpl $1, %eax
	ja 3f
	movl INODE_INO(%esi), %edx		# "." and ".." (the root is its own parent;
	movl %edx, -24(%ebp)			# another directory's ".." shows its own number)
	movl $DT_DIR, -28(%ebp)
	leal 1(%eax), %edx
	movl %edx, -32(%ebp)
	movl $str_dot, -20(%ebp)
	testl %eax, %eax
	jz 5f
	movl $str_dotdot, -20(%ebp)
	jmp 5f
3:	leal -2(%eax), %edi			# edi = k: the next inode that is a child
4:	cmpl nr_inodes, %edi
	jae 8f					# no more: the end
	imull $INODE_STRUCT_SIZE, %edi, %eax
	addl $inode_table, %eax
	pushl %eax
	pushl INODE_NAME(%eax)
	pushl INODE_NAME(%esi)
	call is_child
	addl $8, %esp
	popl %edx
	testl %eax, %eax
	jnz 41f
	incl %edi
	jmp 4b
41:	movl INODE_INO(%edx), %eax
	movl %eax, -24(%ebp)
	pushl INODE_MODE(%edx)
	call d_type_of
	addl $4, %esp
	movl %eax, -28(%ebp)
	leal 3(%edi), %eax			# position after it: 2 + k + 1
	movl %eax, -32(%ebp)
	movl INODE_NAME(%edx), %eax		# its last component
	movl %eax, -20(%ebp)
42:	movb (%eax), %cl
	incl %eax
	testb %cl, %cl
	jz 5f
	cmpb $'/', %cl
	jne 42b
	movl %eax, -20(%ebp)
	jmp 42b
5:	pushl -20(%ebp)				# the record: 19 bytes + name + NUL, 8-aligned
	call strlen
	addl $4, %esp
	cmpl $NAME_MAX, %eax
	ja 7f					# (a name too long for Linux: skipped)
	movl %eax, %ecx
	leal (D_NAME + 1 + 7)(%ecx), %edx
	andl $~7, %edx				# edx = d_reclen
	movl -16(%ebp), %eax
	addl %edx, %eax
	cmpl 16(%ebp), %eax
	ja 6f					# it does not fit
	movl $dirent_buf, %edi
	pushl %ecx
	pushl %edx
	xorl %eax, %eax				# zero it (the padding too)
	movl %edx, %ecx
	rep stosb
	popl %edx
	popl %ecx
	movl -24(%ebp), %eax
	movl %eax, dirent_buf + D_INO
	movl -32(%ebp), %eax
	movl %eax, dirent_buf + D_OFF
	movw %dx, dirent_buf + D_RECLEN
	movl -28(%ebp), %eax
	movb %al, dirent_buf + D_TYPE
	pushl %edx
	pushl %ecx
	pushl -20(%ebp)
	pushl $(dirent_buf + D_NAME)
	call memcpy
	addl $12, %esp
	popl %edx
	pushl %edx
	pushl %edx
	pushl $dirent_buf
	movl 12(%ebp), %eax
	addl -16(%ebp), %eax
	pushl %eax
	call copy_to_user
	addl $12, %esp
	popl %edx
	testl %eax, %eax
	jnz 65f
	addl %edx, -16(%ebp)
7:	movl -32(%ebp), %eax			# next entry
	movl %eax, FILE_POS(%ebx)
	jmp 1b
6:	cmpl $0, -16(%ebp)			# the first one does not fit: -EINVAL
	jne 8f
	movl $-EINVAL, %eax
	jmp 9f
65:	cmpl $0, -16(%ebp)
	jne 8f
	movl $-EFAULT, %eax
	jmp 9f
8:	movl -16(%ebp), %eax
	jmp 9f
91:	movl $-EBADF, %eax
	jmp 9f
92:	movl $-ENOTDIR, %eax
9:	addl $20, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
END sys_getdents64

	.section .rodata
str_dot: .asciz "."
str_dotdot: .asciz ".."
	.bss
dirent_buf: .skip 8 + 8 + 2 + 1 + NAME_MAX + 1 + 8
