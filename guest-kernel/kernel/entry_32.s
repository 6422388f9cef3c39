# entry_32.s: every way into the kernel: int $0x80, sysenter, exceptions, hardware interrupts.
#
# Stack layout in the kernel after SAVE_ALL: struct pt_regs (pt_regs.def; PT_* offsets):
#
#	 0(%esp) - %ebx		\
#	 4(%esp) - %ecx		 |
#	 8(%esp) - %edx		 |  pushed by SAVE_ALL, last first;
#	 C(%esp) - %esi		 |  a syscall finds its arguments here, in order:
#	10(%esp) - %edi		 |  asmlinkage = "all arguments on the stack"
#	14(%esp) - %ebp		 |
#	18(%esp) - %eax		 |  -ENOSYS for a syscall until it returns (then its result)
#	1C(%esp) - %ds		 |
#	20(%esp) - %es		 |
#	24(%esp) - %fs		 |
#	28(%esp) - %gs		/   (an exception stub parks its handler's address here first)
#	2C(%esp) - orig_eax	    syscall number / error code / ~irq
#	30(%esp) - %eip		\
#	34(%esp) - %cs		 |  pushed by the CPU (sysenter: by entry_SYSENTER_32)
#	38(%esp) - %eflags	 |
#	3C(%esp) - %oldesp	 |  only when coming from ring 3
#	40(%esp) - %oldss	/
	.include "asm.inc"

# SAVE_ALL: push the registers that complete struct pt_regs, and load the kernel's data
# segments. pt_regs_ax: what goes into the ax slot ($-ENOSYS for system calls).
.macro SAVE_ALL pt_regs_ax=%eax
	cld
	pushl %gs
	pushl %fs
	pushl %es
	pushl %ds
	pushl \pt_regs_ax
	pushl %ebp
	pushl %edi
	pushl %esi
	pushl %edx
	pushl %ecx
	pushl %ebx
	movl $__USER_DS, %edx			# as Linux: the flat __USER_DS serves the kernel as well
	movl %edx, %ds
	movl %edx, %es
	xorl %edx, %edx				# fs, gs: the kernel does not use them, and a user
	movl %edx, %fs				# selector may go stale under it (set_thread_area):
	movl %edx, %gs				# a nested entry must not save and reload such a one
.endm

# entry_INT80_32: the int $0x80 system call (lecture slides 22-24).
# Arguments (from user space):
#	eax  system call number
#	ebx  arg1, ecx arg2, edx arg3, esi arg4, edi arg5, ebp arg6
# The IDT entry is a trap gate with DPL 3 (interrupts stay enabled), entered through the TSS:
# the CPU switched to tss.esp0 and pushed ss, esp, eflags, cs, eip. Result: eax.
ENTRY entry_INT80_32
	pushl %eax				# pt_regs->orig_ax: the system call number
	SAVE_ALL pt_regs_ax=$-ENOSYS		# pt_regs->ax = -ENOSYS until the call returns
	cmpl $NR_syscalls, %eax
	jae syscall_badsys
	.globl syscall_call
syscall_call:
	call *sys_call_table(,%eax,4)		# asmlinkage: arguments are pt_regs->bx, cx, ...
	movl %eax, PT_EAX(%esp)			# store the return value in the frame
	.globl syscall_exit
syscall_exit:
	jmp restore_all
syscall_badsys:
	jmp restore_all				# pt_regs->ax already says -ENOSYS
END entry_INT80_32

# entry_SYSENTER_32: the sysenter system call, reached through __kernel_vsyscall in the vDSO:
#	push %ecx; push %edx; push %ebp; mov %esp,%ebp; sysenter
# Arguments: as entry_INT80_32, except ebp = the user stack pointer and arg6 is at 0(%ebp).
# The CPU loaded cs/ss from MSR 0x174 and esp/eip from 0x175/0x176, cleared IF, and saved
# nothing: we build the same pt_regs that int $0x80 builds, by hand. We return with sysexit
# to the vDSO's int80_landing_pad (edx = eip, ecx = esp), which pops ebp, edx, ecx and rets.
ENTRY entry_SYSENTER_32
	pushl $__USER_DS			# pt_regs->ss
	pushl %ebp				# pt_regs->sp: the vDSO left the user esp in ebp
	pushfl					# pt_regs->flags
	orl $X86_EFLAGS_IF, (%esp)		# sysenter cleared IF; user space runs with it set
	testb $1, %ss:sysenter_user_tf		# TF was set on sysenter (do_debug noted it):
	jz 1f					# give it back to user space
	orl $X86_EFLAGS_TF, (%esp)
	movb $0, %ss:sysenter_user_tf
1:	pushl $2				# sysenter keeps NT, TF, AC, DF of user space: the
	popfl					# kernel runs with them clear (bit 1 is always 1)
	pushl $__USER_CS			# pt_regs->cs
	pushl $0				# pt_regs->ip: the landing pad, filled in below
	pushl %eax				# pt_regs->orig_ax
	SAVE_ALL pt_regs_ax=$-ENOSYS
	sti
	movl vdso_landing_pad, %edx
	movl %edx, PT_EIP(%esp)
	# arg6: the user's ebp, which __kernel_vsyscall pushed at 0(%ebp) of the user stack
	movl PT_OLDESP(%esp), %edx
	cmpl $(TASK_SIZE - 4), %edx		# access_ok(sp, 4)
	ja sysenter_fault
2:	movl (%edx), %edx			# may fault: __ex_table sends us to sysenter_fault
	movl %edx, PT_EBP(%esp)
	cmpl $NR_syscalls, %eax
	jae sysenter_exit
	call *sys_call_table(,%eax,4)
	movl %eax, PT_EAX(%esp)
	.globl sysenter_exit
sysenter_exit:
	testl $X86_EFLAGS_TF, PT_EFLAGS(%esp)	# single-stepping: sysexit would trap in the
	jnz restore_all				# kernel; iret to the landing pad instead
	cli					# no interrupt between restoring user state and sysexit
	popl %ebx
	popl %ecx
	popl %edx
	popl %esi
	popl %edi
	popl %ebp
	popl %eax
6:	popl %ds
3:	popl %es
4:	popl %fs
5:	popl %gs
	addl $4, %esp				# orig_ax
	movl (%esp), %edx			# sysexit: eip = edx (user edx is restored by the vDSO)
	movl 12(%esp), %ecx			# sysexit: esp = ecx (likewise ecx)
	addl $8, %esp				# skip ip and cs: now at flags
	andl $~X86_EFLAGS_IF, (%esp)		# popfl must not enable interrupts yet ...
	popfl
	sti					# ... sti does, one instruction late: after sysexit
	sysexit
sysenter_fault:
	movl $-EFAULT, PT_EAX(%esp)		# a bad user stack: the call fails, as in Linux
	jmp sysenter_exit
	_ASM_EXTABLE 2b, sysenter_fault
	_ASM_EXTABLE 6b, sysenter_fix_ds
	_ASM_EXTABLE 3b, sysenter_fix_es
	_ASM_EXTABLE 4b, sysenter_fix_fs
	_ASM_EXTABLE 5b, sysenter_fix_gs
sysenter_fix_ds:				# a segment register user space left unusable
	movl $0, (%esp)				# (e.g. a TLS entry since cleared): load 0 instead
	jmp 6b
sysenter_fix_es:
	movl $0, (%esp)
	jmp 3b
sysenter_fix_fs:
	movl $0, (%esp)
	jmp 4b
sysenter_fix_gs:
	movl $0, (%esp)
	jmp 5b
END entry_SYSENTER_32

# restore_all: pop pt_regs and iret: the common way out of syscalls, exceptions, interrupts.
ENTRY restore_all
	popl %ebx
	popl %ecx
	popl %edx
	popl %esi
	popl %edi
	popl %ebp
	popl %eax
1:	popl %ds
2:	popl %es
3:	popl %fs
4:	popl %gs
	addl $4, %esp				# orig_ax
	.globl irq_return
irq_return:
	iret					# may fault: a stale user ss (see iret_exc)
fix_ds:	movl $0, (%esp)				# see sysenter_fix_ds
	jmp 1b
fix_es:	movl $0, (%esp)
	jmp 2b
fix_fs:	movl $0, (%esp)
	jmp 3b
fix_gs:	movl $0, (%esp)
	jmp 4b
	_ASM_EXTABLE 1b, fix_ds
	_ASM_EXTABLE 2b, fix_es
	_ASM_EXTABLE 3b, fix_fs
	_ASM_EXTABLE 4b, fix_gs
	_ASM_EXTABLE irq_return, iret_exc
END restore_all

# iret_exc: the iret back to user space faulted: user space made its own ss unusable (a TLS
# entry loaded into ss, then cleared). As Linux: the process gets SIGSEGV.
# Stack: the user frame iret could not take: eip, cs, eflags, esp, ss.
ENTRY iret_exc
	pushl 16(%esp)				# ss
	pushl 4(%esp)				# eip (0(%esp) before the push)
	pushl $(init_task + TASK_COMM)
	PUSH_STR "%s[1]: iret to user space failed: eip %08x ss %04x\n"
	call printk
	addl $16, %esp
	pushl $(EXIT_STATUS_SIGNAL_BASE + SIGSEGV)
	call do_exit
END iret_exc

	.globl ret_from_exception, ret_from_intr
	.set ret_from_exception, restore_all
	.set ret_from_intr, restore_all

# ret_to_user(regs): start (or restart) user space from a pt_regs the kernel built.
# Arguments: 4(%esp) = the pt_regs, which must sit at the top of the kernel stack.
ENTRY ret_to_user
	movl 4(%esp), %esp
	jmp restore_all
END ret_to_user

# ---- exceptions ------------------------------------------------------------------------------
# Stack layout on entry to common_exception:
#	 0(%esp) - the handler's address	(becomes pt_regs->gs)
#	 4(%esp) - error code, or 0		(becomes pt_regs->orig_ax)
#	 8(%esp) - eip, cs, eflags [, esp, ss]	(pushed by the CPU)
# The handler is called as handler(struct pt_regs *regs, unsigned long error_code).
.macro EXCEPTION name, handler, has_error_code
ENTRY \name
	.if \has_error_code == 0
	pushl $0				# no error code from the CPU: keep the frame's shape
	.endif
	pushl $\handler
	jmp common_exception
END \name
.endm

	EXCEPTION divide_error, do_divide_error, 0		# 0  #DE
	EXCEPTION debug, do_debug, 0				# 1  #DB
	EXCEPTION nmi, do_nmi, 0				# 2  NMI
	EXCEPTION int3, do_int3, 0				# 3  #BP
	EXCEPTION overflow, do_overflow, 0			# 4  #OF
	EXCEPTION bounds, do_bounds, 0				# 5  #BR
	EXCEPTION invalid_op, do_invalid_op, 0			# 6  #UD
	EXCEPTION device_not_available, do_device_not_available, 0	# 7  #NM
	EXCEPTION double_fault, do_double_fault, 1		# 8  #DF
	EXCEPTION coprocessor_segment_overrun, do_coprocessor_segment_overrun, 0	# 9
	EXCEPTION invalid_TSS, do_invalid_TSS, 1		# 10 #TS
	EXCEPTION segment_not_present, do_segment_not_present, 1	# 11 #NP
	EXCEPTION stack_segment, do_stack_segment, 1		# 12 #SS
	EXCEPTION general_protection, do_general_protection, 1	# 13 #GP
	EXCEPTION page_fault, do_page_fault, 1			# 14 #PF
	EXCEPTION spurious_interrupt_bug, do_spurious_interrupt_bug, 0	# 15
	EXCEPTION coprocessor_error, do_coprocessor_error, 0	# 16 #MF
	EXCEPTION alignment_check, do_alignment_check, 1	# 17 #AC
	EXCEPTION machine_check, do_machine_check, 0		# 18 #MC
	EXCEPTION simd_coprocessor_error, do_simd_coprocessor_error, 0	# 19 #XM
	EXCEPTION reserved_exception, do_reserved_exception, 0	# 20-31

common_exception:
	pushl %fs				# SAVE_ALL without gs: its slot holds the handler
	pushl %es
	pushl %ds
	pushl %eax
	pushl %ebp
	pushl %edi
	pushl %esi
	pushl %edx
	pushl %ecx
	pushl %ebx
	cld
	movl $__USER_DS, %ecx
	movl %ecx, %ds
	movl %ecx, %es
	movl PT_GS(%esp), %edi			# the handler
	movl PT_ORIG_EAX(%esp), %edx		# the error code
	movl $-1, PT_ORIG_EAX(%esp)		# not a system call
	xorl %ecx, %ecx
	movw %gs, %cx
	movl %ecx, PT_GS(%esp)			# now the real gs
	xorl %ecx, %ecx				# as SAVE_ALL: fs and gs hold 0 in the kernel
	movl %ecx, %fs
	movl %ecx, %gs
	movl %esp, %eax
	pushl %edx				# handler(regs, error_code)
	pushl %eax
	call *%edi
	addl $8, %esp
	jmp ret_from_exception

# ---- hardware interrupts (the PIC's 16 lines at vectors 0x20-0x2F) -------------------------
# Stack layout: as pt_regs, with orig_ax = ~irq (as Linux) pushed by the stub.
.macro IRQ_STUB irq
ENTRY irq\irq\()_interrupt
	pushl $~\irq
	jmp common_interrupt
END irq\irq\()_interrupt
.endm
	IRQ_STUB 0
	IRQ_STUB 1
	IRQ_STUB 2
	IRQ_STUB 3
	IRQ_STUB 4
	IRQ_STUB 5
	IRQ_STUB 6
	IRQ_STUB 7
	IRQ_STUB 8
	IRQ_STUB 9
	IRQ_STUB 10
	IRQ_STUB 11
	IRQ_STUB 12
	IRQ_STUB 13
	IRQ_STUB 14
	IRQ_STUB 15

common_interrupt:
	SAVE_ALL
	movl %esp, %eax
	pushl %eax				# do_IRQ(regs)
	call do_IRQ
	addl $4, %esp
	jmp ret_from_intr

	.data
	.globl sysenter_user_tf
sysenter_user_tf: .byte 0			# set by do_debug: TF came in with sysenter
	.globl vdso_landing_pad
vdso_landing_pad: .long 0			# user address of the vDSO's int80_landing_pad
