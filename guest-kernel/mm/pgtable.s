# pgtable.s: two-level i386 page tables for user space. Every process's page directory
# shares the kernel's PDEs (768..1023: PAGE_OFFSET and up) with swapper_pg_dir.
	.include "asm.inc"

# pgd_alloc() -> a new page directory (kernel virtual), user half empty, or 0.
ENTRY pgd_alloc
	call get_zeroed_page
	testl %eax, %eax
	jz 1f
	pushl %esi
	pushl %edi
	leal (PAGE_OFFSET >> 20)(%eax), %edi	# PDE 768
	movl $(swapper_pg_dir + (PAGE_OFFSET >> 20)), %esi
	movl $256, %ecx
	rep movsl
	popl %edi
	popl %esi
1:	ret
END pgd_alloc

# lookup_pte(pgd, uaddr) -> address of the PTE for uaddr, or 0 if it has no page table.
ENTRY lookup_pte
	movl 4(%esp), %edx
	movl 8(%esp), %ecx
	shrl $22, %ecx
	movl (%edx,%ecx,4), %eax		# the PDE
	testl $_PAGE_PRESENT, %eax
	jz 1f
	andl $PAGE_MASK, %eax
	addl $PAGE_OFFSET, %eax			# the page table, kernel virtual
	movl 8(%esp), %ecx
	shrl $12, %ecx
	andl $1023, %ecx
	leal (%eax,%ecx,4), %eax
	ret
1:	xorl %eax, %eax
	ret
END lookup_pte

# map_page(pgd, uaddr, phys, pte_flags) -> 0, or -ENOMEM if a page table was needed and
# none could be had. The PDE is always present|rw|user: the PTE decides.
ENTRY map_page
	movl 4(%esp), %edx
	movl 8(%esp), %ecx
	shrl $22, %ecx
	testl $_PAGE_PRESENT, (%edx,%ecx,4)
	jnz 1f
	pushl %ecx
	call get_zeroed_page
	popl %ecx
	testl %eax, %eax
	jz 2f
	subl $PAGE_OFFSET, %eax
	orl $(_PAGE_PRESENT + _PAGE_RW + _PAGE_USER), %eax
	movl 4(%esp), %edx
	movl %eax, (%edx,%ecx,4)
1:	pushl 8(%esp)
	pushl 8(%esp)
	call lookup_pte
	addl $8, %esp
	movl 12(%esp), %edx
	orl 16(%esp), %edx
	movl %edx, (%eax)
	movl 8(%esp), %eax
	invlpg (%eax)
	xorl %eax, %eax
	ret
2:	movl $-ENOMEM, %eax
	ret
END map_page

# unmap_range(pgd, start, end, free_frames): clear the PTEs of [start, end) and, if asked,
# free the frames they mapped. Then flush the TLB.
ENTRY unmap_range
	pushl %ebx
	pushl %esi
	movl 16(%esp), %esi			# start
1:	cmpl 20(%esp), %esi
	jae 3f
	pushl %esi
	pushl 16(%esp)				# pgd
	call lookup_pte
	addl $8, %esp
	testl %eax, %eax
	jz 2f
	movl (%eax), %ebx
	movl $0, (%eax)
	testl $(_PAGE_PRESENT + _PAGE_PROTNONE), %ebx	# a frame to free?
	jz 2f
	cmpl $0, 24(%esp)
	je 2f
	andl $PAGE_MASK, %ebx
	addl $PAGE_OFFSET, %ebx
	pushl %ebx
	call free_page
	addl $4, %esp
2:	addl $PAGE_SIZE, %esi
	jmp 1b
3:	movl %cr3, %eax
	movl %eax, %cr3
	popl %esi
	popl %ebx
	ret
END unmap_range

# protect_range(pgd, start, end, pte_flags): set the flags of every PTE in [start, end) that
# holds a frame (present, or PROT_NONE).
ENTRY protect_range
	pushl %esi
	movl 12(%esp), %esi
1:	cmpl 16(%esp), %esi
	jae 3f
	pushl %esi
	pushl 12(%esp)
	call lookup_pte
	addl $8, %esp
	testl %eax, %eax
	jz 2f
	movl (%eax), %edx
	testl $(_PAGE_PRESENT + _PAGE_PROTNONE), %edx
	jz 2f					# no frame: the fault handler decides
	andl $PAGE_MASK, %edx
	orl 20(%esp), %edx
	movl %edx, (%eax)
2:	addl $PAGE_SIZE, %esi
	jmp 1b
3:	movl %cr3, %eax
	movl %eax, %cr3
	popl %esi
	ret
END protect_range

# vm_flags_to_pte(vm_flags) -> PTE flags: present and user-accessible if readable/writable/
# executable (i386 paging cannot forbid reading or executing), writable if VM_WRITE. A
# PROT_NONE page is not present at all (_PAGE_PROTNONE keeps its frame), as in Linux: a
# supervisor-only page would still be open to the kernel's own copy_from_user/copy_to_user,
# while a missing one makes them fault too, and do_page_fault finds the area has no rights:
# -EFAULT through __ex_table.
ENTRY vm_flags_to_pte
	movl 4(%esp), %edx
	movl $_PAGE_PROTNONE, %eax
	testl $(VM_READ + VM_WRITE + VM_EXEC), %edx
	jz 1f
	movl $(_PAGE_PRESENT + _PAGE_USER), %eax
	testl $VM_WRITE, %edx
	jz 1f
	orl $_PAGE_RW, %eax
1:	ret
END vm_flags_to_pte
