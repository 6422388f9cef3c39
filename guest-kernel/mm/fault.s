# fault.s: the page-fault handler (lecture slides 11-15, 39).
#   1. a user address inside one of the process's areas, page not present: demand-zero it
#      (brk, anonymous mmap, stack) and retry the instruction;
#   2. otherwise, from user mode: the process dies of SIGSEGV;
#   3. from kernel mode: fixup_exception. An instruction listed in __ex_table (a uaccess
#      primitive given a bad user pointer) continues at its fixup, which returns -EFAULT;
#      anything else is a kernel bug: oops.
	.include "asm.inc"

# do_page_fault(regs, error_code)
# Arguments: 8(%ebp) = struct pt_regs *, 12(%ebp) = the CPU's error code (X86_PF_*)
ENTRY do_page_fault
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	pushl %esi
	movl %cr2, %ebx				# the faulting address (before anything can fault again)
	movl 8(%ebp), %esi			# regs
	cmpl $TASK_SIZE, %ebx
	jae bad_area
	cmpl $0, init_task + TASK_PGD		# no process yet: nothing to demand-page
	je bad_area
	pushl 12(%ebp)
	pushl %ebx
	call handle_mm_fault
	addl $8, %esp
	testl %eax, %eax
	jz 9f					# mapped: return and retry the instruction
bad_area:
	testl $3, PT_CS(%esi)
	jz no_context
	# a user-mode access outside the process's memory: SIGSEGV (Linux's message format)
	pushl 12(%ebp)
	pushl PT_OLDESP(%esi)
	pushl PT_EIP(%esi)
	pushl %ebx
	pushl $(init_task + TASK_COMM)
	PUSH_STR "%s[1]: segfault at %x ip %08x sp %08x error %x\n"
	call printk
	addl $24, %esp
	pushl $(EXIT_STATUS_SIGNAL_BASE + SIGSEGV)
	call do_exit				# does not return
no_context:
	pushl %esi
	call fixup_exception			# a uaccess instruction? continue at its fixup
	addl $4, %esp
	testl %eax, %eax
	jnz 9f
	# a kernel bug: oops
	pushl %ebx
	PUSH_STR "BUG: unable to handle page fault for address: %08x\n"
	call printk
	addl $8, %esp
	movl 12(%ebp), %eax			# "#PF: supervisor read access in kernel mode"
	PUSH_STR "kernel"
	testl $X86_PF_USER, %eax
	jz 1f
	PUSH_STR "user"
	popl (%esp)
1:	PUSH_STR "read"
	testl $X86_PF_WRITE, %eax
	jz 2f
	PUSH_STR "write"
	popl (%esp)
2:	PUSH_STR "supervisor"
	testl $X86_PF_USER, %eax
	jz 3f
	PUSH_STR "user"
	popl (%esp)
3:	PUSH_STR "#PF: %s %s access in %s mode\n"
	call printk
	addl $16, %esp
	movl 12(%ebp), %eax			# "#PF: error_code(0x0000) - not-present page"
	PUSH_STR "not-present page"
	testl $X86_PF_PROT, %eax
	jz 4f
	PUSH_STR "permissions violation"
	popl (%esp)
4:	pushl %eax
	PUSH_STR "#PF: error_code(0x%04x) - %s\n"
	call printk
	addl $12, %esp
	pushl 12(%ebp)
	pushl %esi
	PUSH_STR "page fault"
	call die				# does not return
9:	popl %esi
	popl %ebx
	popl %ebp
	ret
END do_page_fault

# handle_mm_fault(addr, error_code) -> 0 if a page was mapped, -1 if the access is invalid.
ENTRY handle_mm_fault
	pushl %ebx
	movl 8(%esp), %ebx
	pushl %ebx
	call find_vma
	addl $4, %esp
	testl %eax, %eax
	jz 8f					# no area: invalid
	movl VMA_FLAGS(%eax), %ecx
	testl $X86_PF_PROT, 12(%esp)		# present page: a protection violation
	jnz 8f
	testl $(VM_READ + VM_WRITE + VM_EXEC), %ecx
	jz 8f					# PROT_NONE
	testl $X86_PF_WRITE, 12(%esp)
	jz 1f
	testl $VM_WRITE, %ecx
	jz 8f					# write to a read-only area
1:	pushl %ecx
	call vm_flags_to_pte
	popl %ecx
	pushl %eax				# pte flags
	call get_zeroed_page
	testl %eax, %eax
	jz 7f
	subl $PAGE_OFFSET, %eax
	pushl %eax				# phys
	movl %ebx, %eax
	andl $PAGE_MASK, %eax
	pushl %eax				# the page
	movl init_task + TASK_PGD, %eax
	pushl %eax
	call map_page
	addl $16, %esp
	testl %eax, %eax
	jnz 7f					# no frame for the page table: out of memory too
	popl %ebx
	ret
7:	pushl $(init_task + TASK_COMM)		# no frame left: as Linux's OOM killer, the
	PUSH_STR "Out of memory: Killed process 1 (%s)\n"	# process dies of SIGKILL
	call printk
	pushl $(EXIT_STATUS_SIGNAL_BASE + SIGKILL)
	call do_exit
8:	movl $-1, %eax
	popl %ebx
	ret
END handle_mm_fault
