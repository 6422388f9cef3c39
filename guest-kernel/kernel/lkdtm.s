# lkdtm.s: a kernel bug on demand (named after Linux's Linux Kernel Dump Test Module), so the
# oops path can be watched and tested: "lkdtm=EXCEPTION" on the command line makes the kernel
# dereference NULL at the end of boot (lecture slide 13: `int *i = NULL; if (*i != 0)`).
# No __ex_table entry covers it: do_page_fault finds no fixup and oopses.
	.include "asm.inc"

# lkdtm_boot(): run the crash point named on the command line, if any.
ENTRY lkdtm_boot
	movl lkdtm_cpoint, %eax
	testl %eax, %eax
	jz 1f
	pushl $str_exception
	pushl %eax
	call strcmp
	addl $8, %esp
	testl %eax, %eax
	jz lkdtm_EXCEPTION
	pushl lkdtm_cpoint
	PUSH_STR "lkdtm: unknown crash point %s\n"
	call printk
	addl $8, %esp
1:	ret
END lkdtm_boot

# lkdtm_EXCEPTION(): the bug itself.
ENTRY lkdtm_EXCEPTION
	PUSH_STR "lkdtm: Performing direct entry EXCEPTION\n"
	call printk
	addl $4, %esp
	xorl %eax, %eax
	movl (%eax), %eax			# NULL dereference in kernel mode: oops
	ret
END lkdtm_EXCEPTION

	.section .rodata
str_exception: .asciz "EXCEPTION"
	.data
	.globl lkdtm_cpoint
lkdtm_cpoint: .long 0				# the crash point's name, from the command line
