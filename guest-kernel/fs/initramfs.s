# initramfs.s: unpack the cpio "newc" archive (the first multiboot module) into an in-memory
# file system: one struct inode per entry, pointing at its data inside the archive (which
# stays where the boot loader put it). Paths are stored normalized: "bin/sh", root = "".
	.include "asm.inc"

	.set NR_INODES, 512
	.set CPIO_HDR_SIZE, 110
	.set C_INO, 6				# newc header: "070701" then 13 8-digit hex fields
	.set C_MODE, 14
	.set C_UID, 22
	.set C_GID, 30
	.set C_NLINK, 38
	.set C_MTIME, 46
	.set C_FILESIZE, 54
	.set C_RDEVMAJOR, 78
	.set C_RDEVMINOR, 86
	.set C_NAMESIZE, 94
	.set MAX_SYMLINKS, 8

# hex8(p) -> the value of 8 hex digits at p, or -1 if one is not a hex digit (in eax).
hex8:
	pushl %ebx
	movl 8(%esp), %edx
	xorl %eax, %eax
	movl $8, %ecx
1:	movzbl (%edx), %ebx
	subl $'0', %ebx
	cmpl $9, %ebx
	jbe 2f
	movzbl (%edx), %ebx
	orl $0x20, %ebx				# lower case
	subl $'a', %ebx
	cmpl $5, %ebx
	ja 3f
	addl $10, %ebx
2:	shll $4, %eax
	orl %ebx, %eax
	incl %edx
	loop 1b
	popl %ebx
	ret
3:	movl $-1, %eax
	popl %ebx
	ret

# ALIGN4 reg: round a pointer into the archive up to a multiple of 4 from the archive's start
# (newc pads to 4 bytes relative to the archive; the module itself need not be aligned).
.macro ALIGN4 reg
	subl 8(%ebp), \reg
	addl $3, \reg
	andl $~3, \reg
	addl 8(%ebp), \reg
.endm

.macro FIELD off, dst
	leal \off(%esi), %eax
	pushl %eax
	call hex8
	addl $4, %esp
	movl %eax, \dst
.endm

# populate_rootfs(start, end): unpack the archive at kernel virtual [start, end).
# A malformed archive stops the unpacking with a message; what came before it stays.
ENTRY populate_rootfs
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	subl $16, %esp				# -16 name, -20 namesize, -24 filesize, -28 data
	movl 8(%ebp), %esi
1:	movl 12(%ebp), %eax			# skip the zero padding between archives
	cmpl %eax, %esi
	jae 8f
	cmpb $0, (%esi)
	jne 2f
	incl %esi
	jmp 1b
2:	leal CPIO_HDR_SIZE(%esi), %eax
	cmpl 12(%ebp), %eax
	ja 6f
	pushl $5
	PUSH_STR "07070"
	pushl %esi
	call strncmp
	addl $12, %esp
	testl %eax, %eax
	jnz 5f
	cmpb $'1', 5(%esi)			# 070701 newc, 070702 newc with checksums
	je 3f
	cmpb $'2', 5(%esi)
	jne 5f
3:	FIELD C_NAMESIZE, -20(%ebp)
	FIELD C_FILESIZE, -24(%ebp)
	cmpl $-1, -20(%ebp)
	je 5f
	cmpl $-1, -24(%ebp)
	je 5f
	leal CPIO_HDR_SIZE(%esi), %eax
	movl %eax, -16(%ebp)			# name
	addl -20(%ebp), %eax			# + namesize
	jc 6f
	cmpl 12(%ebp), %eax
	ja 6f
	ALIGN4 %eax				# data: 4-byte aligned (from the archive's start)
	movl %eax, -28(%ebp)
	addl -24(%ebp), %eax
	jc 6f
	cmpl 12(%ebp), %eax
	ja 6f
	ALIGN4 %eax
	movl %eax, %edi				# edi = next header
	movl -16(%ebp), %eax			# the name must end inside namesize
	addl -20(%ebp), %eax
	cmpb $0, -1(%eax)
	jne 5f
	pushl -16(%ebp)
	PUSH_STR "TRAILER!!!"
	call strcmp
	addl $8, %esp
	testl %eax, %eax
	jz 4f					# end of this archive; another may follow
	pushl -16(%ebp)				# normalize the name in place
	pushl -16(%ebp)
	call path_normalize
	addl $8, %esp
	movl -16(%ebp), %eax
	cmpb $0, (%eax)
	je 4f					# "." is the root, which always exists
	pushl %eax
	call lookup_exact
	addl $4, %esp
	testl %eax, %eax			# a later entry replaces an earlier one
	jnz 7f
	movl nr_inodes, %eax
	cmpl $NR_INODES, %eax
	jae 9f
	incl nr_inodes
	imull $INODE_STRUCT_SIZE, %eax
	addl $inode_table, %eax
7:	movl %eax, %ebx				# ebx = the inode
	movl -16(%ebp), %eax
	movl %eax, INODE_NAME(%ebx)
	movl -28(%ebp), %eax
	movl %eax, INODE_DATA(%ebx)
	movl -24(%ebp), %eax
	movl %eax, INODE_SIZE(%ebx)
	FIELD C_MODE, INODE_MODE(%ebx)
	FIELD C_INO, INODE_INO(%ebx)
	FIELD C_NLINK, INODE_NLINK(%ebx)
	FIELD C_MTIME, INODE_MTIME(%ebx)
	FIELD C_UID, INODE_UID(%ebx)
	FIELD C_GID, INODE_GID(%ebx)
	FIELD C_RDEVMAJOR, %eax
	shll $8, %eax
	movl %eax, INODE_RDEV(%ebx)
	FIELD C_RDEVMINOR, %eax
	orl %eax, INODE_RDEV(%ebx)
4:	movl %edi, %esi
	jmp 1b
5:	movl %esi, %eax
	subl 8(%ebp), %eax
	pushl %eax
	PUSH_STR "initramfs: not a cpio newc header at offset %d: unpacking stopped\n"
	call printk
	addl $8, %esp
	jmp 8f
6:	PUSH_STR "initramfs: archive truncated: unpacking stopped\n"
	call printk
	addl $4, %esp
	jmp 8f
9:	PUSH_STR "initramfs: more than 512 entries: the rest is ignored\n"
	call printk
	addl $4, %esp
8:	pushl nr_inodes
	PUSH_STR "initramfs: %d entries\n"
	call pr_info
	addl $8, %esp
	addl $16, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
END populate_rootfs

# path_normalize(dst, src): "//a/./b/../c/" -> "a/c". dst may equal src (it never runs ahead).
ENTRY path_normalize
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 16(%esp), %edi			# out
	movl 20(%esp), %esi			# in
1:	cmpb $'/', (%esi)			# skip slashes
	jne 2f
	incl %esi
	jmp 1b
2:	cmpb $0, (%esi)
	je 9f
	xorl %ecx, %ecx				# ecx = component length
3:	movb (%esi,%ecx), %al
	testb %al, %al
	jz 4f
	cmpb $'/', %al
	je 4f
	incl %ecx
	jmp 3b
4:	cmpl $1, %ecx				# "."
	jne 5f
	cmpb $'.', (%esi)
	jne 5f
	incl %esi
	jmp 1b
5:	cmpl $2, %ecx				# ".."
	jne 7f
	cmpw $0x2E2E, (%esi)
	jne 7f
	addl $2, %esi
6:	cmpl 16(%esp), %edi			# drop the last component written
	je 1b
	decl %edi
	cmpb $'/', (%edi)
	jne 6b
	jmp 1b
7:	cmpl 16(%esp), %edi
	je 8f
	movb $'/', (%edi)
	incl %edi
8:	rep movsb				# the component (never overtakes esi)
	jmp 1b
9:	movb $0, (%edi)
	popl %edi
	popl %esi
	popl %ebx
	ret
END path_normalize

# lookup_exact(name) -> the inode with exactly this normalized name, or 0. "" is the root.
ENTRY lookup_exact
	pushl %ebx
	pushl %esi
	movl 12(%esp), %eax
	cmpb $0, (%eax)
	jne 1f
	movl $root_inode, %eax
	jmp 3f
1:	movl $inode_table, %ebx
	movl nr_inodes, %esi
2:	testl %esi, %esi
	jz 4f
	pushl INODE_NAME(%ebx)
	pushl 16(%esp)
	call strcmp
	addl $8, %esp
	testl %eax, %eax
	jz 5f
	addl $INODE_STRUCT_SIZE, %ebx
	decl %esi
	jmp 2b
4:	xorl %eax, %eax
	jmp 3f
5:	movl %ebx, %eax
3:	popl %esi
	popl %ebx
	ret
END lookup_exact

# namei(path, follow) -> inode, or -ENOENT / -ENOTDIR / -ELOOP / -ENAMETOOLONG.
# path is normalized, in a kernel buffer of PATH_MAX bytes that namei rewrites when it meets a
# symbolic link: in a directory position always, as the last component only if follow != 0.
# Only when the whole path is not an entry are its prefixes looked at, shortest first: a
# missing one is -ENOENT, a file used as a directory -ENOTDIR, a link is spliced in.
ENTRY namei
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl $MAX_SYMLINKS, %edi		# edi = links we may still follow
	movl 8(%ebp), %esi			# esi = path
1:	pushl %esi
	call lookup_exact
	addl $4, %esp
	testl %eax, %eax
	jz 3f
	cmpl $0, 12(%ebp)			# found: a link to follow?
	je 9f
	movl INODE_MODE(%eax), %edx
	andl $S_IFMT, %edx
	cmpl $S_IFLNK, %edx
	jne 9f
	movl %eax, %ebx
	pushl %esi
	call strlen				# the link is the whole path
	addl $4, %esp
	jmp 6f
3:	xorl %ecx, %ecx				# not found: walk the prefixes
4:	movb (%esi,%ecx), %al
	testb %al, %al
	jz 7f					# no prefix is the problem: the last component is missing
	cmpb $'/', %al
	je 5f
	incl %ecx
	jmp 4b
5:	movb $0, (%esi,%ecx)			# look the prefix up on its own
	pushl %ecx
	pushl %esi
	call lookup_exact
	addl $4, %esp
	popl %ecx
	movb $'/', (%esi,%ecx)
	testl %eax, %eax
	jz 7f					# a missing directory
	movl INODE_MODE(%eax), %edx
	andl $S_IFMT, %edx
	cmpl $S_IFDIR, %edx
	je 51f
	cmpl $S_IFLNK, %edx
	jne 8f					# a file where a directory should be
	movl %eax, %ebx				# a link in a directory position
	movl %ecx, %eax
	jmp 6f
51:	incl %ecx
	jmp 4b
6:	decl %edi				# splice: eax = the length of the prefix that is a link
	jz 71f
	pushl %ebx
	pushl %eax
	pushl %esi
	call splice_symlink
	addl $12, %esp
	testl %eax, %eax
	jz 1b
	jmp 9f
7:	movl $-ENOENT, %eax
	jmp 9f
71:	movl $-ELOOP, %eax
	jmp 9f
8:	movl $-ENOTDIR, %eax
9:	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
END namei

# splice_symlink(path, plen, link) -> 0 or -ENAMETOOLONG: path = the directory of
# path[0, plen) + the link's target + path[plen, ...), normalized.
splice_symlink:
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 8(%ebp), %esi
	movl 16(%ebp), %ebx			# the link's inode
	movl $link_buf, %edi
	movl INODE_DATA(%ebx), %eax
	cmpb $'/', (%eax)
	je 2f					# an absolute target: the directory does not matter
	movl 12(%ebp), %ecx			# the directory part of the prefix: up to its last '/'
1:	testl %ecx, %ecx
	jz 2f
	cmpb $'/', -1(%esi,%ecx)
	je 11f
	decl %ecx
	jmp 1b
11:	pushl %ecx
	pushl %esi
	pushl %edi
	call memcpy
	addl $8, %esp
	popl %ecx
	addl %ecx, %edi
2:	movl 12(%ebp), %eax			# rest = path + plen
	addl %esi, %eax
	pushl %eax
	call strlen
	addl $4, %esp
	addl INODE_SIZE(%ebx), %eax		# room for target + rest + '/' + NUL?
	addl %edi, %eax
	subl $link_buf, %eax
	cmpl $(PATH_MAX - 2), %eax
	ja 8f
	pushl INODE_SIZE(%ebx)			# the target (not NUL-terminated in the archive)
	pushl INODE_DATA(%ebx)
	pushl %edi
	call memcpy
	addl $12, %esp
	addl INODE_SIZE(%ebx), %edi
	movb $'/', (%edi)			# (an extra slash is harmless)
	incl %edi
	movl 12(%ebp), %eax
	addl %esi, %eax
3:	movb (%eax), %cl			# then the rest, with its NUL
	movb %cl, (%edi)
	incl %eax
	incl %edi
	testb %cl, %cl
	jnz 3b
	pushl $link_buf
	pushl %esi
	call path_normalize
	addl $8, %esp
	xorl %eax, %eax
	jmp 9f
8:	movl $-ENAMETOOLONG, %eax
9:	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret

	.set PATH_MAX, 4096
	.set ELOOP, 40
	.set ENAMETOOLONG, 36
	.data
	.p2align 2
	.globl root_inode
root_inode:					# "/": the directory every entry hangs from
	.long S_IFDIR + 0755, 0, 0, empty_name, 1, 2, 0, 0, 0, 0
empty_name: .byte 0
	.bss
link_buf: .skip PATH_MAX			# where splice_symlink builds the new path
	.p2align 2
	.globl inode_table, nr_inodes
nr_inodes: .long 0
inode_table: .skip NR_INODES * INODE_STRUCT_SIZE
