# traps.s: the IDT, and what happens on each CPU exception.
# A fault in user mode kills the process with the matching signal; a fault in kernel mode is
# either listed in __ex_table (fixup_exception: continue at the fixup) or a kernel bug (die).
	.include "asm.inc"

	.set GATE_INTERRUPT, 0x8E00		# present, DPL 0, 32-bit interrupt gate (clears IF)
	.set GATE_TRAP_USER, 0xEF00		# present, DPL 3, 32-bit trap gate (keeps IF)
	.set GATE_INTERRUPT_USER, 0xEE00	# present, DPL 3, 32-bit interrupt gate

# set_gate: eax = vector, edx = handler, ecx = type/attributes. Clobbers eax, edx.
set_gate:
	pushl %ebx
	leal idt_table(,%eax,8), %ebx
	movl %edx, %eax
	andl $0x0000FFFF, %eax
	orl $(__KERNEL_CS << 16), %eax		# low word: selector | offset[15:0]
	andl $0xFFFF0000, %edx
	orl %ecx, %edx				# high word: offset[31:16] | P DPL type
	movl %eax, (%ebx)
	movl %edx, 4(%ebx)
	popl %ebx
	ret

.macro GATE vector, handler, type
	movl $\vector, %eax
	movl $\handler, %edx
	movl $\type, %ecx
	call set_gate
.endm

# trap_init(): fill the IDT: the 32 exceptions, the 16 PIC lines, and int $0x80; lidt.
ENTRY trap_init
	GATE 0, divide_error, GATE_INTERRUPT
	GATE 1, debug, GATE_INTERRUPT
	GATE 2, nmi, GATE_INTERRUPT
	GATE 3, int3, GATE_INTERRUPT_USER	# int3 and into may be used from ring 3
	GATE 4, overflow, GATE_INTERRUPT_USER
	GATE 5, bounds, GATE_INTERRUPT
	GATE 6, invalid_op, GATE_INTERRUPT
	GATE 7, device_not_available, GATE_INTERRUPT
	GATE 8, double_fault, GATE_INTERRUPT
	GATE 9, coprocessor_segment_overrun, GATE_INTERRUPT
	GATE 10, invalid_TSS, GATE_INTERRUPT
	GATE 11, segment_not_present, GATE_INTERRUPT
	GATE 12, stack_segment, GATE_INTERRUPT
	GATE 13, general_protection, GATE_INTERRUPT
	GATE 14, page_fault, GATE_INTERRUPT	# interrupt gate: cr2 cannot be clobbered first
	GATE 15, spurious_interrupt_bug, GATE_INTERRUPT
	GATE 16, coprocessor_error, GATE_INTERRUPT
	GATE 17, alignment_check, GATE_INTERRUPT
	GATE 18, machine_check, GATE_INTERRUPT
	GATE 19, simd_coprocessor_error, GATE_INTERRUPT
	movl $20, %eax
1:	pushl %eax
	movl $reserved_exception, %edx
	movl $GATE_INTERRUPT, %ecx
	call set_gate
	popl %eax
	incl %eax
	cmpl $32, %eax
	jb 1b
	GATE 0x20, irq0_interrupt, GATE_INTERRUPT
	GATE 0x21, irq1_interrupt, GATE_INTERRUPT
	GATE 0x22, irq2_interrupt, GATE_INTERRUPT
	GATE 0x23, irq3_interrupt, GATE_INTERRUPT
	GATE 0x24, irq4_interrupt, GATE_INTERRUPT
	GATE 0x25, irq5_interrupt, GATE_INTERRUPT
	GATE 0x26, irq6_interrupt, GATE_INTERRUPT
	GATE 0x27, irq7_interrupt, GATE_INTERRUPT
	GATE 0x28, irq8_interrupt, GATE_INTERRUPT
	GATE 0x29, irq9_interrupt, GATE_INTERRUPT
	GATE 0x2A, irq10_interrupt, GATE_INTERRUPT
	GATE 0x2B, irq11_interrupt, GATE_INTERRUPT
	GATE 0x2C, irq12_interrupt, GATE_INTERRUPT
	GATE 0x2D, irq13_interrupt, GATE_INTERRUPT
	GATE 0x2E, irq14_interrupt, GATE_INTERRUPT
	GATE 0x2F, irq15_interrupt, GATE_INTERRUPT
	# int $0x80: a trap gate with DPL 3, as the lecture draws it (modern Linux uses an
	# interrupt gate and re-enables interrupts in C; with a trap gate IF simply stays on).
	GATE 0x80, entry_INT80_32, GATE_TRAP_USER
	lidt idt_descr
	ret
END trap_init

# do_trap(regs, error_code, trapnr, signr, str): the common exception policy.
# Arguments: 8(%ebp) regs, 12(%ebp) error_code, 16(%ebp) trapnr, 20(%ebp) signr, 24(%ebp) str
ENTRY do_trap
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	movl 8(%ebp), %ebx			# regs
	testl $3, PT_CS(%ebx)			# CPL of the interrupted code
	jz 1f
	# user mode: the process dies of the signal (this kernel has no signal handlers)
	pushl 12(%ebp)
	pushl PT_OLDESP(%ebx)
	pushl PT_EIP(%ebx)
	pushl 24(%ebp)
	pushl $(init_task + TASK_COMM)
	PUSH_STR "%s[1]: %s ip %08x sp %08x error %x\n"
	call printk
	addl $24, %esp
	movl 20(%ebp), %eax
	addl $EXIT_STATUS_SIGNAL_BASE, %eax	# killed by signal N: status 128 + N
	pushl %eax
	call do_exit				# does not return
1:	pushl %ebx				# kernel mode: a listed instruction, or a bug
	call fixup_exception
	addl $4, %esp
	testl %eax, %eax
	jnz 2f					# regs->ip now points at the fixup
	pushl 12(%ebp)
	pushl %ebx
	pushl 24(%ebp)
	call die				# does not return
2:	popl %ebx
	popl %ebp
	ret
END do_trap

# DO_ERROR name, trapnr, signr, str: do_<name>(regs, error_code) -> do_trap(...)
.macro DO_ERROR name, trapnr, signr, str
ENTRY do_\name
	.pushsection .rodata.str, "a"
9998:	.asciz "\str"
	.popsection
	pushl $9998b				# str
	pushl $\signr
	pushl $\trapnr
	pushl 20(%esp)				# error_code (8(%esp) before the three pushes)
	pushl 20(%esp)				# regs (4(%esp) before the four pushes)
	call do_trap
	addl $20, %esp
	ret
END do_\name
.endm

	DO_ERROR divide_error, 0, SIGFPE, "divide error"
# do_debug(regs, error_code): #DB. From user space (TF set): SIGTRAP. In the kernel it can
# only be the user's TF surviving sysenter into its first instruction: the kernel clears TF
# for itself and notes it, so that entry_SYSENTER_32 hands it back to user space (as Linux).
ENTRY do_debug
	movl 4(%esp), %eax
	testl $3, PT_CS(%eax)
	jnz do_debug_user
	andl $~X86_EFLAGS_TF, PT_EFLAGS(%eax)
	cmpl $entry_SYSENTER_32, PT_EIP(%eax)
	jne 1f
	movb $1, sysenter_user_tf
1:	ret
END do_debug
	DO_ERROR debug_user, 1, SIGTRAP, "debug trap"
	DO_ERROR int3, 3, SIGTRAP, "int3"
	DO_ERROR overflow, 4, SIGSEGV, "overflow"
	DO_ERROR bounds, 5, SIGSEGV, "bounds"
	DO_ERROR invalid_op, 6, SIGILL, "invalid opcode"
	DO_ERROR device_not_available, 7, SIGFPE, "device not available"
	DO_ERROR coprocessor_segment_overrun, 9, SIGFPE, "coprocessor segment overrun"
	DO_ERROR invalid_TSS, 10, SIGSEGV, "invalid TSS"
	DO_ERROR segment_not_present, 11, SIGBUS, "segment not present"
	DO_ERROR stack_segment, 12, SIGBUS, "stack segment"
	DO_ERROR general_protection, 13, SIGSEGV, "general protection fault"
	DO_ERROR spurious_interrupt_bug, 15, SIGSEGV, "spurious interrupt bug"
	DO_ERROR coprocessor_error, 16, SIGFPE, "coprocessor error"
	DO_ERROR alignment_check, 17, SIGBUS, "alignment check"
	DO_ERROR simd_coprocessor_error, 19, SIGFPE, "SIMD coprocessor error"
	DO_ERROR reserved_exception, 20, SIGSEGV, "reserved exception"

# do_nmi, do_double_fault, do_machine_check: nothing to recover; always a kernel bug report.
ENTRY do_nmi
	PUSH_STR "NMI"
	jmp fatal_exception
END do_nmi
ENTRY do_double_fault
	PUSH_STR "double fault"
	jmp fatal_exception
END do_double_fault
ENTRY do_machine_check
	PUSH_STR "machine check"
	jmp fatal_exception
END do_machine_check
fatal_exception:				# 0(%esp) = str, 8(%esp) = regs, 12(%esp) = error_code
	popl %eax
	pushl 8(%esp)
	pushl 8(%esp)
	pushl %eax
	call die

# die(str, regs, error_code): the oops. Print what happened and the whole pt_regs, then
# power off with EXIT_STATUS_PANIC.
ENTRY die
	pushl %ebp
	movl %esp, %ebp
	pushl 16(%ebp)
	pushl 8(%ebp)
	PUSH_STR "Oops: %s, error code %04x\n"
	call printk
	addl $12, %esp
	pushl 12(%ebp)
	call show_regs
	addl $4, %esp
	PUSH_STR "Kernel panic - not syncing: Fatal exception\n"
	call printk
	addl $4, %esp
	pushl $EXIT_STATUS_PANIC
	call machine_power_off
END die

# show_regs(regs): print a struct pt_regs the way Linux's oops does.
ENTRY show_regs
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 16(%esp), %ebx
	leal PT_OLDESP(%ebx), %esi		# kernel mode: no esp/ss were pushed; esp was here
	movl %ss, %edi
	testl $3, PT_CS(%ebx)
	jz 1f
	movl PT_OLDESP(%ebx), %esi		# user mode: the saved esp and ss
	movl PT_OLDSS(%ebx), %edi
1:	andl $0xFFFF, %edi
	pushl PT_EFLAGS(%ebx)
	pushl PT_EIP(%ebx)
	movzwl PT_CS(%ebx), %eax
	pushl %eax
	PUSH_STR "EIP: %04x:%08x EFLAGS: %08x\n"
	call printk
	addl $16, %esp
	pushl PT_EDX(%ebx)
	pushl PT_ECX(%ebx)
	pushl PT_EBX(%ebx)
	pushl PT_EAX(%ebx)
	PUSH_STR "EAX: %08x EBX: %08x ECX: %08x EDX: %08x\n"
	call printk
	addl $20, %esp
	pushl %esi
	pushl PT_EBP(%ebx)
	pushl PT_EDI(%ebx)
	pushl PT_ESI(%ebx)
	PUSH_STR "ESI: %08x EDI: %08x EBP: %08x ESP: %08x\n"
	call printk
	addl $20, %esp
	pushl PT_ORIG_EAX(%ebx)
	pushl %edi
	movzwl PT_GS(%ebx), %eax
	pushl %eax
	movzwl PT_FS(%ebx), %eax
	pushl %eax
	movzwl PT_ES(%ebx), %eax
	pushl %eax
	movzwl PT_DS(%ebx), %eax
	pushl %eax
	PUSH_STR "DS: %04x ES: %04x FS: %04x GS: %04x SS: %04x ORIG_EAX: %08x\n"
	call printk
	addl $28, %esp
	movl %cr0, %eax
	movl %cr2, %ecx
	movl %cr3, %edx
	pushl %edx
	pushl %ecx
	pushl %eax
	PUSH_STR "CR0: %08x CR2: %08x CR3: %08x\n"
	call printk
	addl $16, %esp
	popl %edi
	popl %esi
	popl %ebx
	ret
END show_regs

	.data
	.p2align 3
idt_table:
	.fill 256, 8, 0
	.word 0
idt_descr:
	.word 256 * 8 - 1
	.long idt_table
