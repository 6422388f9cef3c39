# getuser.s: __get_user_1/2/4 (lecture slides 33-36).
# Arguments: eax = user address.  Returns: eax = 0 or -EFAULT, edx = the value (0 on error).
# Only the address check is explicit; a bad page is found by the fault itself: each load is
# in __ex_table with the fixup bad_get_user.
	.include "asm.inc"

ENTRY __get_user_1
	cmpl $TASK_SIZE, %eax			# is it a user-space pointer?
	jae bad_get_user
1:	movzbl (%eax), %edx			# the access that may fault
	xorl %eax, %eax
	ret
END __get_user_1

ENTRY __get_user_2
	addl $1, %eax				# the last byte must be below TASK_SIZE, no wrap-around
	jc bad_get_user
	cmpl $TASK_SIZE, %eax
	jae bad_get_user
2:	movzwl -1(%eax), %edx
	xorl %eax, %eax
	ret
END __get_user_2

ENTRY __get_user_4
	addl $3, %eax
	jc bad_get_user
	cmpl $TASK_SIZE, %eax
	jae bad_get_user
3:	movl -3(%eax), %edx
	xorl %eax, %eax
	ret
END __get_user_4

ENTRY bad_get_user
	xorl %edx, %edx
	movl $-EFAULT, %eax			# -14
	ret
END bad_get_user

	_ASM_EXTABLE 1b, bad_get_user
	_ASM_EXTABLE 2b, bad_get_user
	_ASM_EXTABLE 3b, bad_get_user
