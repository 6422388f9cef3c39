# page_alloc.s: the page-frame allocator. Every free 4 KiB frame of low memory sits on one
# list, linked through the frames' own first word (kernel virtual addresses).
	.include "asm.inc"

	.set MB_INFO_MEMORY, 0x001		# multiboot_info.flags bits
	.set MB_INFO_MEM_MAP, 0x040
	.set MBI_FLAGS, 0
	.set MBI_MEM_UPPER, 8
	.set MBI_MMAP_LENGTH, 44
	.set MBI_MMAP_ADDR, 48
	.set MMAP_SIZE, 0			# struct multiboot_mmap_entry (at -4 of "base")
	.set MMAP_BASE_LO, 4
	.set MMAP_BASE_HI, 8
	.set MMAP_LEN_LO, 12
	.set MMAP_LEN_HI, 16
	.set MMAP_TYPE, 20
	.set MULTIBOOT_MEMORY_AVAILABLE, 1

# mem_init(mbi): free every available frame above reserved_end (the kernel image, the
# initramfs and the boot loader's data), below LOWMEM_SIZE.
# Arguments: 4(%esp) = multiboot_info, kernel virtual address
ENTRY mem_init
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 16(%esp), %ebx
	testl $MB_INFO_MEM_MAP, MBI_FLAGS(%ebx)
	jz 3f
	movl MBI_MMAP_ADDR(%ebx), %esi
	movl %esi, %edi
	addl MBI_MMAP_LENGTH(%ebx), %edi
	addl $PAGE_OFFSET, %esi			# the map, by its kernel address
	addl $PAGE_OFFSET, %edi
1:	cmpl %edi, %esi
	jae 5f
	cmpl $MULTIBOOT_MEMORY_AVAILABLE, MMAP_TYPE(%esi)
	jne 2f
	cmpl $0, MMAP_BASE_HI(%esi)		# above 4 GiB: not ours
	jne 2f
	movl MMAP_BASE_LO(%esi), %eax
	movl %eax, %edx
	addl MMAP_LEN_LO(%esi), %edx
	jc 6f					# end beyond 4 GiB: clip
	cmpl $0, MMAP_LEN_HI(%esi)
	je 7f
6:	movl $0xFFFFF000, %edx
7:	pushl %edx
	pushl %eax
	call free_area
	addl $8, %esp
2:	movl MMAP_SIZE(%esi), %eax		# entries are size + 4 bytes apart
	leal 4(%esi,%eax), %esi
	jmp 1b
3:	testl $MB_INFO_MEMORY, MBI_FLAGS(%ebx)	# no map: "upper memory" starts at 1 MiB
	jz 5f
	movl MBI_MEM_UPPER(%ebx), %eax
	shll $10, %eax
	addl $0x100000, %eax
	pushl %eax
	pushl $0x100000
	call free_area
	addl $8, %esp
5:	movl nr_free_pages, %eax
	shll $2, %eax				# KiB
	pushl %eax
	PUSH_STR "Memory: %dK available\n"
	call pr_info
	addl $8, %esp
	popl %edi
	popl %esi
	popl %ebx
	ret
END mem_init

# free_area(start, end): put the frames of physical [start, end) on the free list,
# skipping everything below reserved_end and above LOWMEM_SIZE.
free_area:
	pushl %esi
	pushl %edi
	movl 12(%esp), %esi
	movl 16(%esp), %edi
	cmpl reserved_end, %esi
	jae 1f
	movl reserved_end, %esi
1:	addl $(PAGE_SIZE - 1), %esi		# whole frames only
	andl $PAGE_MASK, %esi
	cmpl $LOWMEM_SIZE, %edi
	jbe 2f
	movl $LOWMEM_SIZE, %edi
2:	andl $PAGE_MASK, %edi
3:	cmpl %edi, %esi
	jae 4f
	leal PAGE_OFFSET(%esi), %eax
	pushl %eax
	call free_page
	addl $4, %esp
	addl $PAGE_SIZE, %esi
	jmp 3b
4:	popl %edi
	popl %esi
	ret

# get_free_page() -> kernel virtual address of a frame, or 0 when memory is exhausted.
ENTRY get_free_page
	pushfl
	cli
	movl free_page_list, %eax
	testl %eax, %eax
	jz 1f
	movl (%eax), %edx
	movl %edx, free_page_list
	decl nr_free_pages
1:	popfl
	ret
END get_free_page

# get_zeroed_page() -> as get_free_page, the frame filled with zeroes.
ENTRY get_zeroed_page
	call get_free_page
	testl %eax, %eax
	jz 1f
	pushl %edi
	movl %eax, %edi
	movl %eax, %edx
	xorl %eax, %eax
	movl $(PAGE_SIZE / 4), %ecx
	rep stosl
	movl %edx, %eax
	popl %edi
1:	ret
END get_zeroed_page

# free_page(addr): give a frame (kernel virtual address) back.
ENTRY free_page
	movl 4(%esp), %eax
	pushfl
	cli
	movl free_page_list, %edx
	movl %edx, (%eax)
	movl %eax, free_page_list
	incl nr_free_pages
	popfl
	ret
END free_page

	.data
	.globl reserved_end, nr_free_pages
reserved_end: .long 0				# physical: first byte not used by the boot
free_page_list: .long 0
nr_free_pages: .long 0
