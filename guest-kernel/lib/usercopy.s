# usercopy.s: access_ok and the bulk user-memory primitives (lecture slide 16):
# copy_from_user, copy_to_user, clear_user, strncpy_from_user.
# Each checks the range against TASK_SIZE, then copies with one instruction listed in
# __ex_table: if a page is missing the fault handler jumps to the fixup, and the count of
# bytes NOT copied (what rep left in ecx) is returned, as Linux does.
	.include "asm.inc"

# access_ok(addr, size) -> 1 if [addr, addr + size) lies below TASK_SIZE, else 0.
ENTRY access_ok
	movl 4(%esp), %edx
	addl 8(%esp), %edx			# end = addr + size
	jc 1f					# wrapped around 4 GiB
	cmpl $TASK_SIZE, %edx
	ja 1f
	movl $1, %eax
	ret
1:	xorl %eax, %eax
	ret
END access_ok

# copy_from_user(to, from, n) -> bytes not copied (0 = success). A failed copy zeroes the
# rest of the kernel buffer, so no stale kernel data survives.
# Arguments: 4(%esp) = kernel destination, 8(%esp) = user source, 12(%esp) = n
ENTRY copy_from_user
	pushl %esi
	pushl %edi
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl 20(%esp), %ecx
	pushl %ecx
	pushl %esi
	call access_ok
	addl $8, %esp
	movl 20(%esp), %ecx
	testl %eax, %eax
	jz 2f
1:	rep movsb				# may fault on the user side
2:	movl %ecx, %eax				# bytes left
	pushl %eax
	xorl %eax, %eax
	rep stosb				# zero the kernel bytes that were not copied
	popl %eax
	popl %edi
	popl %esi
	ret
	_ASM_EXTABLE 1b, 2b
END copy_from_user

# copy_to_user(to, from, n) -> bytes not copied (0 = success).
# Arguments: 4(%esp) = user destination, 8(%esp) = kernel source, 12(%esp) = n
ENTRY copy_to_user
	pushl %esi
	pushl %edi
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl 20(%esp), %ecx
	pushl %ecx
	pushl %edi
	call access_ok
	addl $8, %esp
	movl 20(%esp), %ecx
	testl %eax, %eax
	jz 2f
1:	rep movsb				# may fault on the user side
2:	movl %ecx, %eax
	popl %edi
	popl %esi
	ret
	_ASM_EXTABLE 1b, 2b
END copy_to_user

# clear_user(to, n) -> bytes not cleared.
ENTRY clear_user
	pushl %edi
	movl 8(%esp), %edi
	movl 12(%esp), %ecx
	pushl %ecx
	pushl %edi
	call access_ok
	addl $8, %esp
	movl 12(%esp), %ecx
	testl %eax, %eax
	jz 2f
	xorl %eax, %eax
1:	rep stosb
2:	movl %ecx, %eax
	popl %edi
	ret
	_ASM_EXTABLE 1b, 2b
END clear_user

# strncpy_from_user(dst, src, count) -> the string's length (without the NUL, which is
# copied too), count if no NUL came within count bytes, or -EFAULT.
ENTRY strncpy_from_user
	pushl %esi
	pushl %edi
	movl 12(%esp), %edi
	movl 16(%esp), %esi
	movl 20(%esp), %ecx
	xorl %edx, %edx				# bytes copied
1:	cmpl %ecx, %edx
	jae 3f
	cmpl $TASK_SIZE, %esi			# each byte's address is checked as we go
	jae 4f
2:	movb (%esi), %al			# may fault
	movb %al, (%edi)
	testb %al, %al
	jz 3f
	incl %esi
	incl %edi
	incl %edx
	jmp 1b
3:	movl %edx, %eax
	popl %edi
	popl %esi
	ret
4:	movl $-EFAULT, %eax
	popl %edi
	popl %esi
	ret
	_ASM_EXTABLE 2b, 4b
END strncpy_from_user
