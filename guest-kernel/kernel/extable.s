# extable.s: the exception table (lecture slides 36-39).
# Each __ex_table entry is two 32-bit offsets, each relative to its own address (as Linux):
#	insn  = &entry->insn  + entry->insn	an instruction that may fault on a user address
#	fixup = &entry->fixup + entry->fixup	where to continue if it does
# sort_main_extable orders the entries by insn at boot; search_exception_tables bisects them.
	.include "asm.inc"

# sort_main_extable(): insertion sort. Relative entries change meaning when moved, so make
# them absolute, sort, and make them relative again.
ENTRY sort_main_extable
	pushl %ebx
	pushl %esi
	pushl %edi
	movl $__start___ex_table, %esi
1:	cmpl $__stop___ex_table, %esi		# pass 1: absolute addresses
	jae 2f
	addl %esi, (%esi)
	leal 4(%esi), %eax
	addl %eax, 4(%esi)
	addl $8, %esi
	jmp 1b
2:	movl $(__start___ex_table + 8), %esi	# pass 2: insertion sort by insn
3:	cmpl $__stop___ex_table, %esi
	jae 6f
	movl (%esi), %eax			# the entry to insert
	movl 4(%esi), %edx
	movl %esi, %edi
4:	cmpl $__start___ex_table, %edi
	jbe 5f
	movl -8(%edi), %ecx
	cmpl %eax, %ecx
	jbe 5f
	movl %ecx, (%edi)			# shift the bigger one up
	movl -4(%edi), %ecx
	movl %ecx, 4(%edi)
	subl $8, %edi
	jmp 4b
5:	movl %eax, (%edi)
	movl %edx, 4(%edi)
	addl $8, %esi
	jmp 3b
6:	movl $__start___ex_table, %esi		# pass 3: back to relative
7:	cmpl $__stop___ex_table, %esi
	jae 8f
	subl %esi, (%esi)
	leal 4(%esi), %eax
	subl %eax, 4(%esi)
	addl $8, %esi
	jmp 7b
8:	popl %edi
	popl %esi
	popl %ebx
	ret
END sort_main_extable

# search_exception_tables(addr) -> the entry whose insn is addr, or 0. Binary search.
# Arguments: 4(%esp) = a kernel instruction address
ENTRY search_exception_tables
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 16(%esp), %edx			# addr
	xorl %esi, %esi				# lo = 0
	movl $__stop___ex_table, %edi
	subl $__start___ex_table, %edi
	shrl $3, %edi				# hi = number of entries
1:	cmpl %edi, %esi
	jae 3f
	leal (%esi,%edi), %ebx
	shrl $1, %ebx				# mid
	leal __start___ex_table(,%ebx,8), %eax	# &entry[mid]
	movl (%eax), %ecx
	addl %eax, %ecx				# entry[mid].insn, absolute
	cmpl %edx, %ecx
	je 4f
	jb 2f
	movl %ebx, %edi				# addr < insn: hi = mid
	jmp 1b
2:	leal 1(%ebx), %esi			# addr > insn: lo = mid + 1
	jmp 1b
3:	xorl %eax, %eax
4:	popl %edi
	popl %esi
	popl %ebx
	ret
END search_exception_tables

# fixup_exception(regs) -> 1 if regs->ip was in __ex_table (regs->ip = its fixup), else 0.
#	fixup = search_exception_tables(regs->ip);
#	if (fixup) { regs->ip = fixup->fixup; return 1; }
#	return 0;
ENTRY fixup_exception
	movl 4(%esp), %eax
	pushl PT_EIP(%eax)
	call search_exception_tables
	addl $4, %esp
	testl %eax, %eax
	jz 1f
	movl 4(%eax), %edx
	leal 4(%eax,%edx), %edx			# &entry->fixup + entry->fixup
	movl 4(%esp), %ecx
	movl %edx, PT_EIP(%ecx)
	movl $1, %eax
1:	ret
END fixup_exception
