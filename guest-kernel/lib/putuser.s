# putuser.s: __put_user_1/2/4, the stores' twin of getuser.s.
# Arguments: eax = the value, ecx = user address.  Returns: eax = 0 or -EFAULT.
	.include "asm.inc"

ENTRY __put_user_1
	cmpl $TASK_SIZE, %ecx
	jae bad_put_user
1:	movb %al, (%ecx)			# may fault: __ex_table -> bad_put_user
	xorl %eax, %eax
	ret
END __put_user_1

ENTRY __put_user_2
	cmpl $(TASK_SIZE - 1), %ecx		# ecx + 1 < TASK_SIZE
	jae bad_put_user
2:	movw %ax, (%ecx)
	xorl %eax, %eax
	ret
END __put_user_2

ENTRY __put_user_4
	cmpl $(TASK_SIZE - 3), %ecx		# ecx + 3 < TASK_SIZE
	jae bad_put_user
3:	movl %eax, (%ecx)
	xorl %eax, %eax
	ret
END __put_user_4

ENTRY bad_put_user
	movl $-EFAULT, %eax
	ret
END bad_put_user

	_ASM_EXTABLE 1b, bad_put_user
	_ASM_EXTABLE 2b, bad_put_user
	_ASM_EXTABLE 3b, bad_put_user
