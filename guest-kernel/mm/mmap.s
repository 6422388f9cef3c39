# mmap.s: the process's memory areas (struct vm_area_struct, simplified to an array) and the
# system calls that change them: brk, mmap2, munmap, mprotect.
# An area is [start, end) with VM_READ/VM_WRITE/VM_EXEC; its pages appear on first touch
# (do_page_fault -> handle_mm_fault), except file mappings and ELF segments, filled at once.
	.include "asm.inc"

	.set MAP_SHARED, 0x01
	.set MAP_PRIVATE, 0x02
	.set MAP_FIXED, 0x10
	.set MAP_ANONYMOUS, 0x20

	.set vmas, init_task + TASK_VMAS
	.set vmas_end, init_task + TASK_VMAS + NR_VMAS * VMA_SIZE

# find_vma(addr) -> the area containing addr, or 0.
ENTRY find_vma
	movl 4(%esp), %edx
	movl $vmas, %eax
1:	cmpl $0, VMA_END(%eax)
	je 2f
	cmpl VMA_START(%eax), %edx
	jb 2f
	cmpl VMA_END(%eax), %edx
	jb 3f
2:	addl $VMA_SIZE, %eax
	cmpl $vmas_end, %eax
	jb 1b
	xorl %eax, %eax
3:	ret
END find_vma

# find_vma_overlap(start, end) -> an area overlapping [start, end), or 0.
ENTRY find_vma_overlap
	movl $vmas, %eax
1:	cmpl $0, VMA_END(%eax)
	je 2f
	movl 8(%esp), %edx
	cmpl VMA_START(%eax), %edx		# end <= vma.start: before it
	jbe 2f
	movl 4(%esp), %edx
	cmpl VMA_END(%eax), %edx		# start >= vma.end: after it
	jb 3f
2:	addl $VMA_SIZE, %eax
	cmpl $vmas_end, %eax
	jb 1b
	xorl %eax, %eax
3:	ret
END find_vma_overlap

# insert_vma(start, end, flags) -> 0 or -ENOMEM (no free slot). Extends an area that ends at
# start with the same flags instead, so a growing brk stays one area.
ENTRY insert_vma
	movl 4(%esp), %edx
	movl 12(%esp), %ecx
	movl $vmas, %eax
1:	cmpl $0, VMA_END(%eax)			# an area to extend?
	je 2f
	cmpl VMA_END(%eax), %edx
	jne 2f
	cmpl VMA_FLAGS(%eax), %ecx
	jne 2f
	movl 8(%esp), %edx
	movl %edx, VMA_END(%eax)
	xorl %eax, %eax
	ret
2:	addl $VMA_SIZE, %eax
	cmpl $vmas_end, %eax
	jb 1b
	movl $vmas, %eax			# no: a free slot
3:	cmpl $0, VMA_END(%eax)
	je 4f
	addl $VMA_SIZE, %eax
	cmpl $vmas_end, %eax
	jb 3b
	movl $-ENOMEM, %eax
	ret
4:	movl %edx, VMA_START(%eax)
	movl %ecx, VMA_FLAGS(%eax)
	movl 8(%esp), %edx
	movl %edx, VMA_END(%eax)
	xorl %eax, %eax
	ret
END insert_vma

# split_vma_at(addr) -> 0 or -ENOMEM: make addr an area boundary (if an area spans it).
split_vma_at:
	pushl 4(%esp)
	call find_vma
	addl $4, %esp
	testl %eax, %eax
	jz 1f
	movl 4(%esp), %edx
	cmpl VMA_START(%eax), %edx
	je 1f					# already a boundary
	movl $vmas, %ecx			# a free slot for the upper half
2:	cmpl $0, VMA_END(%ecx)
	je 3f
	addl $VMA_SIZE, %ecx
	cmpl $vmas_end, %ecx
	jb 2b
	movl $-ENOMEM, %eax
	ret
3:	movl %edx, VMA_START(%ecx)		# upper = [addr, end), same flags
	pushl VMA_END(%eax)
	popl VMA_END(%ecx)
	pushl VMA_FLAGS(%eax)
	popl VMA_FLAGS(%ecx)
	movl %edx, VMA_END(%eax)		# lower = [start, addr)
1:	xorl %eax, %eax
	ret

# do_munmap(start, end) -> 0 or -ENOMEM: remove [start, end) from the address space.
ENTRY do_munmap
	pushl %ebx
	pushl 8(%esp)
	call split_vma_at
	addl $4, %esp
	testl %eax, %eax
	jnz 9f
	pushl 12(%esp)
	call split_vma_at
	addl $4, %esp
	testl %eax, %eax
	jnz 9f
	movl $vmas, %ebx
1:	cmpl $0, VMA_END(%ebx)
	je 2f
	movl VMA_START(%ebx), %eax
	cmpl 8(%esp), %eax			# inside [start, end)?
	jb 2f
	movl VMA_END(%ebx), %eax
	cmpl 12(%esp), %eax
	ja 2f
	movl VMA_FLAGS(%ebx), %eax
	andl $VM_SPECIAL, %eax
	sete %al				# free the frames unless VM_SPECIAL
	movzbl %al, %eax
	pushl %eax
	pushl VMA_END(%ebx)
	pushl VMA_START(%ebx)
	pushl init_task + TASK_PGD
	call unmap_range
	addl $16, %esp
	movl $0, VMA_END(%ebx)			# free the slot
2:	addl $VMA_SIZE, %ebx
	cmpl $vmas_end, %ebx
	jb 1b
	xorl %eax, %eax
9:	popl %ebx
	ret
END do_munmap

# get_unmapped_area(len) -> the lowest free [addr, addr + len) at or above
# TASK_UNMAPPED_BASE and below VDSO_BASE, or -ENOMEM.
ENTRY get_unmapped_area
	movl $TASK_UNMAPPED_BASE, %ecx
1:	movl %ecx, %edx
	addl 4(%esp), %edx
	jc 3f
	cmpl $VDSO_BASE, %edx
	ja 3f
	pushl %ecx
	pushl %edx
	pushl %ecx
	call find_vma_overlap
	addl $8, %esp
	popl %ecx
	testl %eax, %eax
	jz 2f
	movl VMA_END(%eax), %ecx		# skip past the area in the way and try again
	jmp 1b
2:	movl %ecx, %eax
	ret
3:	movl $-ENOMEM, %eax
	ret
END get_unmapped_area

# sys_brk(brk) -> the new break, or the old one if it cannot move there.
ENTRY sys_brk
	pushl %ebx
	pushl %esi
	movl 12(%esp), %ebx			# requested break
	movl init_task + TASK_BRK, %esi		# current break
	cmpl init_task + TASK_START_BRK, %ebx
	jb 8f					# below the start (brk(0) asks for the current one)
	cmpl $VDSO_BASE, %ebx
	ja 8f
	leal (PAGE_SIZE - 1)(%ebx), %ecx	# new end, page aligned
	andl $PAGE_MASK, %ecx
	leal (PAGE_SIZE - 1)(%esi), %edx	# old end, page aligned
	andl $PAGE_MASK, %edx
	cmpl %edx, %ecx
	je 7f					# same pages
	jb 5f
	pushl %ecx				# grow: [old end, new end) must be free
	pushl %edx
	pushl %ecx
	pushl %edx
	call find_vma_overlap
	addl $8, %esp
	popl %edx
	popl %ecx
	testl %eax, %eax
	jnz 8f
	pushl $(VM_READ + VM_WRITE)
	pushl %ecx
	pushl %edx
	call insert_vma
	addl $12, %esp
	testl %eax, %eax
	jnz 8f
	jmp 7f
5:	pushl %edx				# shrink: unmap [new end, old end)
	pushl %ecx
	call do_munmap
	addl $8, %esp
	testl %eax, %eax
	jnz 8f
7:	movl %ebx, init_task + TASK_BRK
8:	movl init_task + TASK_BRK, %eax
	popl %esi
	popl %ebx
	ret
END sys_brk

# sys_mmap_pgoff(addr, len, prot, flags, fd, pgoff) -> address or -errno (mmap2: the offset
# is in pages). Anonymous mappings are demand-zero; private file mappings are copied in.
# MAP_SHARED is accepted and behaves as MAP_PRIVATE (there is only one process).
# Arguments: 4(%ebp)+4: addr, len, prot, flags, fd, pgoff
ENTRY sys_mmap_pgoff
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 12(%ebp), %esi			# len
	testl %esi, %esi
	jz einval
	addl $(PAGE_SIZE - 1), %esi
	jc enomem
	andl $PAGE_MASK, %esi
	testl $~(VM_READ + VM_WRITE + VM_EXEC), 16(%ebp)
	jnz einval
	testl $(MAP_SHARED + MAP_PRIVATE), 20(%ebp)
	jz einval
	xorl %edi, %edi				# edi = the file's inode, 0 for anonymous
	testl $MAP_ANONYMOUS, 20(%ebp)
	jnz 1f
	pushl 24(%ebp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz ebadf
	movl FILE_FLAGS(%eax), %edx
	andl $O_ACCMODE, %edx
	cmpl $O_WRONLY, %edx
	je eacces
	movl FILE_INODE(%eax), %edi
	movl INODE_MODE(%edi), %edx
	andl $S_IFMT, %edx
	cmpl $S_IFREG, %edx
	jne enodev
1:	movl 8(%ebp), %ebx			# addr
	testl $MAP_FIXED, 20(%ebp)
	jz 2f
	testl $~PAGE_MASK, %ebx
	jnz einval
	movl %ebx, %eax
	addl %esi, %eax
	jc enomem
	cmpl $TASK_SIZE, %eax
	ja enomem
	pushl %eax
	pushl %ebx
	call do_munmap				# MAP_FIXED replaces whatever was there
	addl $8, %esp
	testl %eax, %eax
	jnz enomem
	jmp 3f
2:	pushl %esi				# no MAP_FIXED: the hint is ignored
	call get_unmapped_area
	addl $4, %esp
	cmpl $-ENOMEM, %eax
	je enomem
	movl %eax, %ebx
3:	pushl 16(%ebp)				# vm flags = prot bits (VM_READ = PROT_READ ...)
	leal (%ebx,%esi), %eax
	pushl %eax
	pushl %ebx
	call insert_vma
	addl $12, %esp
	testl %eax, %eax
	jnz enomem
	testl %edi, %edi
	jz 4f
	movl 28(%ebp), %eax			# pgoff -> byte offset
	cmpl $(1 << (32 - PAGE_SHIFT)), %eax
	jae 4f					# at or past 4 GiB: past the end of any file here
	shll $PAGE_SHIFT, %eax
	pushl 16(%ebp)				# fill the file's pages now
	pushl %eax
	pushl %edi
	pushl %esi
	pushl %ebx
	call populate_from_inode
	addl $20, %esp
	testl %eax, %eax
	jz 4f
	leal (%ebx,%esi), %eax			# out of memory: undo the mapping, frames and area,
	pushl %eax				# as a failed mmap leaves nothing behind in Linux
	pushl %ebx
	call do_munmap
	addl $8, %esp
	jmp enomem
4:	movl %ebx, %eax
	jmp 9f
einval:	movl $-EINVAL, %eax
	jmp 9f
enomem:	movl $-ENOMEM, %eax
	jmp 9f
ebadf:	movl $-EBADF, %eax
	jmp 9f
eacces:	movl $-EACCES, %eax
	jmp 9f
enodev:	movl $-ENODEV, %eax
9:	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
END sys_mmap_pgoff

# populate_from_inode(uaddr, len, inode, offset, vm_flags) -> 0 or -ENOMEM: map fresh frames
# over the pages of [uaddr, uaddr + len) that hold the file's bytes from offset (the last one
# zero past the end). The pages after the file's end are left to demand-zero, so a mapping
# far longer than its file costs no memory (Linux would SIGBUS on them; here they read 0).
ENTRY populate_from_inode
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	subl $4, %esp				# -16(%ebp): the PTE flags
	pushl 24(%ebp)
	call vm_flags_to_pte
	addl $4, %esp
	movl %eax, -16(%ebp)
	xorl %esi, %esi				# esi = offset into the mapping
1:	cmpl 12(%ebp), %esi
	jae 8f
	movl 20(%ebp), %ebx			# file position of this page
	addl %esi, %ebx
	jc 8f					# past 4 GiB
	movl 16(%ebp), %edx
	cmpl INODE_SIZE(%edx), %ebx
	jae 8f					# past the end of the file: done
	call get_zeroed_page
	testl %eax, %eax
	jz 7f
	movl %eax, %edi				# edi = the frame, kernel virtual
	movl 16(%ebp), %edx
	movl INODE_SIZE(%edx), %ecx
	subl %ebx, %ecx				# bytes of file left
	cmpl $PAGE_SIZE, %ecx
	jbe 3f
	movl $PAGE_SIZE, %ecx
3:	pushl %ecx
	movl INODE_DATA(%edx), %eax
	addl %ebx, %eax
	pushl %eax
	pushl %edi
	call memcpy
	addl $12, %esp
	pushl -16(%ebp)
	leal -PAGE_OFFSET(%edi), %eax
	pushl %eax
	movl 8(%ebp), %eax
	addl %esi, %eax
	pushl %eax
	pushl init_task + TASK_PGD
	call map_page
	addl $16, %esp
	testl %eax, %eax
	jnz 6f
	addl $PAGE_SIZE, %esi
	jmp 1b
6:	pushl %edi				# no page table for it: the frame goes back
	call free_page
	addl $4, %esp
7:	movl $-ENOMEM, %eax
	jmp 9f
8:	xorl %eax, %eax
9:	addl $4, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
END populate_from_inode

# sys_munmap(addr, len) -> 0 or -EINVAL
ENTRY sys_munmap
	movl 4(%esp), %eax
	testl $~PAGE_MASK, %eax
	jnz 1f
	movl 8(%esp), %edx
	testl %edx, %edx
	jz 1f
	addl $(PAGE_SIZE - 1), %edx
	jc 1f
	andl $PAGE_MASK, %edx
	addl %eax, %edx				# end
	jc 1f
	cmpl $TASK_SIZE, %edx
	ja 1f
	pushl %edx
	pushl %eax
	call do_munmap
	addl $8, %esp
	ret
1:	movl $-EINVAL, %eax
	ret
END sys_munmap

# sys_mprotect(addr, len, prot) -> 0, -EINVAL, -ENOMEM if part of the range is unmapped,
# -EACCES to make the vDSO writable.
ENTRY sys_mprotect
	pushl %ebx
	pushl %esi
	pushl %edi
	movl 16(%esp), %ebx			# start
	testl $~PAGE_MASK, %ebx
	jnz 8f
	testl $~(VM_READ + VM_WRITE + VM_EXEC), 24(%esp)
	jnz 8f
	movl 20(%esp), %esi
	addl $(PAGE_SIZE - 1), %esi
	jc 7f
	andl $PAGE_MASK, %esi
	addl %ebx, %esi				# esi = end
	jc 7f
	cmpl $TASK_SIZE, %esi
	ja 7f
	movl %ebx, %edi				# every page must belong to an area
1:	cmpl %esi, %edi
	jae 2f
	pushl %edi
	call find_vma
	addl $4, %esp
	testl %eax, %eax
	jz 7f
	testl $VM_SPECIAL, VMA_FLAGS(%eax)	# the vDSO's frames are the kernel's: never
	jz 11f					# writable (Linux would copy-on-write them)
	testl $VM_WRITE, 24(%esp)
	jnz 10f
11:	movl VMA_END(%eax), %edi
	jmp 1b
2:	cmpl %esi, %ebx
	je 6f					# len 0: nothing to do
	pushl %ebx
	call split_vma_at
	addl $4, %esp
	testl %eax, %eax
	jnz 7f
	pushl %esi
	call split_vma_at
	addl $4, %esp
	testl %eax, %eax
	jnz 7f
	movl $vmas, %edi
3:	cmpl $0, VMA_END(%edi)
	je 4f
	cmpl VMA_START(%edi), %ebx
	ja 4f
	cmpl VMA_END(%edi), %esi
	jb 4f
	movl VMA_FLAGS(%edi), %eax
	andl $~(VM_READ + VM_WRITE + VM_EXEC), %eax
	orl 24(%esp), %eax
	movl %eax, VMA_FLAGS(%edi)
	pushl %eax
	call vm_flags_to_pte
	addl $4, %esp
	pushl %eax
	pushl VMA_END(%edi)
	pushl VMA_START(%edi)
	pushl init_task + TASK_PGD
	call protect_range
	addl $16, %esp
4:	addl $VMA_SIZE, %edi
	cmpl $vmas_end, %edi
	jb 3b
6:	xorl %eax, %eax
	jmp 9f
7:	movl $-ENOMEM, %eax
	jmp 9f
10:	movl $-EACCES, %eax
	jmp 9f
8:	movl $-EINVAL, %eax
9:	popl %edi
	popl %esi
	popl %ebx
	ret
END sys_mprotect
