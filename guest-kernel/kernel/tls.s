# tls.s: set_thread_area: a user-chosen segment in GDT entries 6-8 (thread-local storage:
# the libc then loads %gs = entry * 8 + 3).
	.include "asm.inc"

	.set UD_ENTRY_NUMBER, 0			# struct user_desc
	.set UD_BASE_ADDR, 4
	.set UD_LIMIT, 8
	.set UD_FLAGS, 12			# bit 0 seg_32bit, 1-2 contents, 3 read_exec_only,
	.set USER_DESC_SIZE, 16			# 4 limit_in_pages, 5 seg_not_present, 6 useable

# sys_set_thread_area(struct user_desc __user *u_info) -> 0 or -errno
ENTRY sys_set_thread_area
	pushl %ebx
	subl $USER_DESC_SIZE, %esp
	movl %esp, %eax
	pushl $USER_DESC_SIZE
	pushl USER_DESC_SIZE + 12(%esp)		# u_info
	pushl %eax
	call copy_from_user
	addl $12, %esp
	testl %eax, %eax
	jnz 8f
	movl UD_ENTRY_NUMBER(%esp), %ebx
	cmpl $-1, %ebx
	jne 2f
	movl $GDT_ENTRY_TLS_MIN, %ebx		# -1: take the first free TLS entry ...
1:	cmpl $0, gdt_table + 4(,%ebx,8)
	je 3f
	incl %ebx
	cmpl $GDT_ENTRY_TLS_MAX, %ebx
	jbe 1b
	movl $-ESRCH, %eax			# (none free)
	jmp 9f
3:	movl %ebx, %eax				# ... and tell user space which one
	movl USER_DESC_SIZE + 8(%esp), %ecx	# &u_info->entry_number (u_info)
	call __put_user_4
	testl %eax, %eax
	jnz 8f
	jmp 4f
2:	cmpl $GDT_ENTRY_TLS_MIN, %ebx
	jb 7f
	cmpl $GDT_ENTRY_TLS_MAX, %ebx
	ja 7f
4:	movl UD_FLAGS(%esp), %ecx
	# an "empty" descriptor (Linux's LDT_empty): base 0, limit 0, read_exec_only,
	# seg_not_present: clear the entry
	cmpl $0, UD_BASE_ADDR(%esp)
	jne 5f
	cmpl $0, UD_LIMIT(%esp)
	jne 5f
	movl %ecx, %eax
	andl $0x28, %eax
	cmpl $0x28, %eax
	jne 5f
	xorl %eax, %eax
	xorl %edx, %edx
	jmp 6f
5:	movl %ecx, %eax				# Linux's tls_desc_okay: only present, 32-bit
	andl $0x25, %eax			# data segments (contents 0 or 1) in the TLS array
	cmpl $0x01, %eax			# seg_32bit = 1, contents bit 1 = 0, seg_not_present = 0
	jne 7f
	movl UD_LIMIT(%esp), %eax		# low word: base[15:0] << 16 | limit[15:0]
	andl $0xFFFF, %eax
	movl UD_BASE_ADDR(%esp), %edx
	shll $16, %edx
	orl %edx, %eax
	pushl %eax
	movl 4 + UD_BASE_ADDR(%esp), %edx	# high word
	movl %edx, %eax
	andl $0xFF000000, %eax			# base[31:24]
	shrl $16, %edx
	andl $0xFF, %edx			# base[23:16]
	orl %edx, %eax
	movl 4 + UD_LIMIT(%esp), %edx
	andl $0x000F0000, %edx			# limit[19:16]
	orl %edx, %eax
	orl $0x7100, %eax			# S = 1 (code/data), DPL 3, accessed (as Linux)
	movl %ecx, %edx				# read_exec_only ^ 1 -> type bit 1 (writable/readable)
	andl $8, %edx
	xorl $8, %edx
	shll $6, %edx
	orl %edx, %eax
	movl %ecx, %edx				# contents -> type bits 2-3
	andl $6, %edx
	shll $9, %edx
	orl %edx, %eax
	movl %ecx, %edx				# seg_not_present ^ 1 -> P (bit 15)
	andl $0x20, %edx
	xorl $0x20, %edx
	shll $10, %edx
	orl %edx, %eax
	movl %ecx, %edx				# useable -> AVL (bit 20)
	andl $0x40, %edx
	shll $14, %edx
	orl %edx, %eax
	movl %ecx, %edx				# seg_32bit -> D/B (bit 22)
	andl $1, %edx
	shll $22, %edx
	orl %edx, %eax
	movl %ecx, %edx				# limit_in_pages -> G (bit 23)
	andl $0x10, %edx
	shll $19, %edx
	orl %edx, %eax
	movl %eax, %edx
	popl %eax
6:	movl %eax, gdt_table(,%ebx,8)
	movl %edx, gdt_table + 4(,%ebx,8)
	xorl %eax, %eax
	jmp 9f
7:	movl $-EINVAL, %eax
	jmp 9f
8:	movl $-EFAULT, %eax
9:	addl $USER_DESC_SIZE, %esp
	popl %ebx
	ret
END sys_set_thread_area
