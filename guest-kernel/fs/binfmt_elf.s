# binfmt_elf.s: start init from a static i386 ELF executable (ET_EXEC) in the initramfs:
# a new page directory, the PT_LOAD segments, the brk, a demand-zero stack built the way
# Linux's create_elf_tables builds it, the vDSO, then ring 3 through iret.
	.include "asm.inc"
	.include "vdso-syms.inc"		# VDSO_SYSENTER_*, VDSO_INT80_*: offsets in the vDSOs

	.set PATH_MAX, 4096
	.set EHDR_SIZE, 52			# Elf32_Ehdr
	.set E_TYPE, 16
	.set E_MACHINE, 18
	.set E_ENTRY, 24
	.set E_PHOFF, 28
	.set E_PHENTSIZE, 42
	.set E_PHNUM, 44
	.set ET_EXEC, 2
	.set EM_386, 3
	.set P_TYPE, 0				# Elf32_Phdr
	.set P_OFFSET, 4
	.set P_VADDR, 8
	.set P_FILESZ, 16
	.set P_MEMSZ, 20
	.set P_FLAGS, 24
	.set PHDR_SIZE, 32
	.set PT_LOAD, 1
	.set PF_X, 1
	.set PF_W, 2
	.set PF_R, 4

	.set AT_NULL, 0				# the auxiliary vector's keys
	.set AT_PHDR, 3
	.set AT_PHENT, 4
	.set AT_PHNUM, 5
	.set AT_PAGESZ, 6
	.set AT_BASE, 7
	.set AT_FLAGS, 8
	.set AT_ENTRY, 9
	.set AT_UID, 11
	.set AT_EUID, 12
	.set AT_GID, 13
	.set AT_EGID, 14
	.set AT_PLATFORM, 15
	.set AT_HWCAP, 16
	.set AT_CLKTCK, 17
	.set AT_SECURE, 23
	.set AT_RANDOM, 25
	.set AT_EXECFN, 31
	.set AT_SYSINFO, 32
	.set AT_SYSINFO_EHDR, 33

	# locals of do_execve_init, below the saved ebx/esi/edi
	.set L_PHDR_ADDR, -16			# user address of the program headers (AT_PHDR)
	.set L_BRK, -20				# highest end of a PT_LOAD
	.set L_LOADS, -24			# number of PT_LOAD segments
	.set L_SEG_END, -28
	.set L_PAGE, -32
	.set L_PTE, -36
	.set L_LOCALS, 24

# do_execve_init(filename, argv, envp): replace nothing (there is no process yet) and start
# init. Returns only on failure, with -errno, after printing why.
# Arguments: 8(%ebp) filename, 12(%ebp) argv, 16(%ebp) envp (kernel strings and arrays;
# argv[0] is filled in with filename)
ENTRY do_execve_init
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	subl $L_LOCALS, %esp
	pushl 8(%ebp)				# the path, normalized into pathname_buf
	pushl $pathname_buf
	call path_normalize
	addl $8, %esp
	pushl $1
	pushl $pathname_buf
	call namei
	addl $8, %esp
	cmpl $-4095, %eax			# IS_ERR: kernel pointers have the sign bit set
	jae fail_errno
	movl %eax, %ebx				# ebx = inode
	movl INODE_MODE(%ebx), %eax
	andl $S_IFMT, %eax
	cmpl $S_IFREG, %eax
	movl $-EACCES, %eax
	jne fail_errno
	movl INODE_DATA(%ebx), %esi		# esi = the file's bytes
	PUSH_STR "truncated ELF header"
	cmpl $EHDR_SIZE, INODE_SIZE(%ebx)
	jb fail_noexec
	addl $4, %esp
	PUSH_STR "not an ELF file"
	cmpl $0x464C457F, (%esi)		# "\177ELF"
	jne fail_noexec
	addl $4, %esp
	PUSH_STR "not a 32-bit little-endian i386 ET_EXEC (static) executable"
	cmpw $0x0101, 4(%esi)			# ELFCLASS32, ELFDATA2LSB
	jne fail_noexec
	cmpw $ET_EXEC, E_TYPE(%esi)
	jne fail_noexec
	cmpw $EM_386, E_MACHINE(%esi)
	jne fail_noexec
	cmpw $PHDR_SIZE, E_PHENTSIZE(%esi)
	jne fail_noexec
	addl $4, %esp
	PUSH_STR "bad program header table"
	movzwl E_PHNUM(%esi), %eax
	testl %eax, %eax
	jz fail_noexec
	cmpl $64, %eax
	ja fail_noexec
	shll $5, %eax				# * PHDR_SIZE
	addl E_PHOFF(%esi), %eax
	jc fail_noexec
	cmpl INODE_SIZE(%ebx), %eax
	ja fail_noexec
	addl $4, %esp

	call pgd_alloc				# the new address space, current from now on
	testl %eax, %eax
	jz fail_nomem
	movl %eax, init_task + TASK_PGD
	subl $PAGE_OFFSET, %eax
	movl %eax, %cr3

	movl $0, L_PHDR_ADDR(%ebp)
	movl $0, L_BRK(%ebp)
	movl $0, L_LOADS(%ebp)
	movl E_PHOFF(%esi), %edi
	addl %esi, %edi				# edi = the current program header
	movzwl E_PHNUM(%esi), %ecx
1:	pushl %ecx
	cmpl $PT_LOAD, P_TYPE(%edi)
	jne 2f
	call load_segment			# (ebx inode, esi file, edi phdr, ebp locals)
	testl %eax, %eax
	jnz 3f
2:	popl %ecx
	addl $PHDR_SIZE, %edi
	loop 1b
	jmp 4f
3:	addl $4, %esp				# the loop count
	pushl %ecx				# the message
	jmp fail_errno_msg			# eax = -errno, 0(%esp) = message
4:	PUSH_STR "no PT_LOAD segment"
	cmpl $0, L_LOADS(%ebp)
	je fail_noexec
	addl $4, %esp
	movl L_PHDR_ADDR(%ebp), %eax		# for the auxiliary vector
	movl %eax, exec_phdr_addr
	movzwl E_PHNUM(%esi), %eax
	movl %eax, exec_phnum
	movl E_ENTRY(%esi), %eax
	movl %eax, exec_entry

	movl L_BRK(%ebp), %eax			# the heap starts at the page after the bss
	addl $(PAGE_SIZE - 1), %eax
	andl $PAGE_MASK, %eax
	movl %eax, init_task + TASK_START_BRK
	movl %eax, init_task + TASK_BRK

	pushl $(VM_READ + VM_WRITE)		# the stack: STACK_LIMIT bytes, demand-zero
	pushl $STACK_TOP
	pushl $(STACK_TOP - STACK_LIMIT)
	call insert_vma
	addl $12, %esp

	call map_vdso

	pushl 8(%ebp)				# comm = the file's base name
	call set_comm
	addl $4, %esp

	movl 12(%ebp), %eax			# argv[0] = the file name
	movl 8(%ebp), %edx
	movl %edx, (%eax)
	pushl 16(%ebp)
	pushl 12(%ebp)
	pushl 8(%ebp)
	call create_elf_tables			# -> the user stack pointer, or -E2BIG
	addl $12, %esp
	cmpl $-E2BIG, %eax
	je fail_errno
	movl %eax, %edx

	# start_thread: a pt_regs at the top of the kernel stack, then iret into it
	movl $(init_stack + THREAD_SIZE - PT_REGS_SIZE), %edi
	pushl %edx
	pushl %edi
	xorl %eax, %eax
	movl $(PT_REGS_SIZE / 4), %ecx
	rep stosl				# every register 0: edx = 0 at entry (no atexit function)
	popl %edi
	popl %edx
	movl $__USER_DS, PT_DS(%edi)
	movl $__USER_DS, PT_ES(%edi)
	movl $-1, PT_ORIG_EAX(%edi)
	movl E_ENTRY(%esi), %eax
	movl %eax, PT_EIP(%edi)
	movl $__USER_CS, PT_CS(%edi)
	movl $X86_EFLAGS_IF + 2, PT_EFLAGS(%edi)	# bit 1 is always 1
	movl %edx, PT_OLDESP(%edi)
	movl $__USER_DS, PT_OLDSS(%edi)
	pushl %eax
	pushl %edx
	pushl $(init_task + TASK_COMM)
	PUSH_STR "Run %s as init process (sp %08x, entry %08x)\n"
	call pr_info
	addl $16, %esp
	pushl %edi
	call ret_to_user			# never returns

fail_nomem:
	movl $-ENOMEM, %eax
	jmp fail_errno
fail_noexec:					# 0(%esp) = what is wrong
	movl $-ENOEXEC, %eax
fail_errno_msg:
	pushl %eax
	pushl 4(%esp)
	pushl 8(%ebp)
	PUSH_STR "exec %s: %s\n"
	call printk
	addl $12, %esp
	popl %eax
fail_errno:
	leal -12(%ebp), %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
END do_execve_init

# load_segment: map one PT_LOAD. In: esi = file, edi = phdr, ebx = inode, ebp = the locals of
# do_execve_init. Returns eax = 0, or eax = -errno and ecx = what is wrong.
load_segment:
	movl P_FILESZ(%edi), %eax
	cmpl P_MEMSZ(%edi), %eax
	ja 8f
	movl P_OFFSET(%edi), %eax		# the file part must be inside the file
	addl P_FILESZ(%edi), %eax
	jc 7f
	cmpl INODE_SIZE(%ebx), %eax
	ja 7f
	movl P_VADDR(%edi), %eax		# the memory part must be user space
	addl P_MEMSZ(%edi), %eax
	jc 8f
	cmpl $TASK_SIZE, %eax
	ja 8f
	movl %eax, L_SEG_END(%ebp)
	cmpl L_BRK(%ebp), %eax
	jbe 1f
	movl %eax, L_BRK(%ebp)
1:	incl L_LOADS(%ebp)
	movl E_PHOFF(%esi), %eax		# does it contain the program headers? (AT_PHDR)
	subl P_OFFSET(%edi), %eax
	jb 2f
	cmpl P_FILESZ(%edi), %eax
	jae 2f
	addl P_VADDR(%edi), %eax
	movl %eax, L_PHDR_ADDR(%ebp)
2:	xorl %eax, %eax				# vm flags from p_flags
	testl $PF_R, P_FLAGS(%edi)
	jz 3f
	orl $VM_READ, %eax
3:	testl $PF_W, P_FLAGS(%edi)
	jz 4f
	orl $VM_WRITE, %eax
4:	testl $PF_X, P_FLAGS(%edi)
	jz 5f
	orl $VM_EXEC, %eax
5:	pushl %eax
	movl L_SEG_END(%ebp), %edx
	addl $(PAGE_SIZE - 1), %edx
	andl $PAGE_MASK, %edx
	pushl %edx
	movl P_VADDR(%edi), %edx
	andl $PAGE_MASK, %edx
	pushl %edx
	call insert_vma
	addl $8, %esp
	call vm_flags_to_pte
	addl $4, %esp
	movl %eax, L_PTE(%ebp)
	movl P_VADDR(%edi), %eax		# for each page that holds file bytes (the bss
	andl $PAGE_MASK, %eax			# beyond them is demand-zero, like brk)
	movl %eax, L_PAGE(%ebp)
6:	movl L_PAGE(%ebp), %eax
	movl P_VADDR(%edi), %edx
	addl P_FILESZ(%edi), %edx
	cmpl %edx, %eax
	jae 9f
	call load_page
	testl %eax, %eax
	jnz 10f
	addl $PAGE_SIZE, L_PAGE(%ebp)
	jmp 6b
9:	xorl %eax, %eax
	ret
10:	PUSH_STR "out of memory"
	popl %ecx
	movl $-ENOMEM, %eax
	jmp 11f
7:	PUSH_STR "segment beyond the end of the file (truncated?)"
	popl %ecx
	movl $-ENOEXEC, %eax
	jmp 11f
8:	PUSH_STR "bad segment addresses"
	popl %ecx
	movl $-ENOEXEC, %eax
11:	ret

# load_page: the page L_PAGE of the segment at edi: a frame (fresh, or the one a previous
# segment put there), the file bytes that fall in it copied in, the rest of a fresh frame
# zero. -> eax = 0 or -ENOMEM.
load_page:
	pushl L_PAGE(%ebp)
	pushl init_task + TASK_PGD
	call lookup_pte
	addl $8, %esp
	testl %eax, %eax
	jz 1f
	movl (%eax), %edx
	testl $(_PAGE_PRESENT + _PAGE_PROTNONE), %edx
	jz 1f
	orl L_PTE(%ebp), %edx			# shared with the previous segment: union of rights
	testl $_PAGE_PRESENT, %edx
	jz 3f
	andl $~_PAGE_PROTNONE, %edx		# some rights: no longer a PROT_NONE page
3:	movl %edx, (%eax)
	andl $PAGE_MASK, %edx
	addl $PAGE_OFFSET, %edx
	jmp 2f
1:	call get_zeroed_page
	testl %eax, %eax
	jz 9f
	pushl %eax
	pushl L_PTE(%ebp)
	leal -PAGE_OFFSET(%eax), %edx
	pushl %edx
	pushl L_PAGE(%ebp)
	pushl init_task + TASK_PGD
	call map_page
	addl $16, %esp
	popl %edx				# edx = the frame, kernel virtual
	testl %eax, %eax
	jnz 9f
2:	# copy file bytes [max(page, vaddr), min(page + 4096, vaddr + filesz)) of the segment
	movl L_PAGE(%ebp), %eax
	movl P_VADDR(%edi), %ecx
	cmpl %ecx, %eax
	jae 3f
	movl %ecx, %eax				# eax = first virtual address to copy
3:	movl P_VADDR(%edi), %ecx
	addl P_FILESZ(%edi), %ecx
	pushl %edx
	movl L_PAGE(%ebp), %edx
	addl $PAGE_SIZE, %edx
	cmpl %edx, %ecx
	jbe 4f
	movl %edx, %ecx				# ecx = end of the copy
4:	popl %edx
	subl %eax, %ecx
	jbe 5f					# no file bytes in this page (bss only)
	pushl %ecx				# n
	movl %eax, %ecx
	subl P_VADDR(%edi), %ecx
	addl P_OFFSET(%edi), %ecx
	addl %esi, %ecx
	pushl %ecx				# src: file + offset + (va - vaddr)
	subl L_PAGE(%ebp), %eax
	addl %edx, %eax
	pushl %eax				# dst: frame + (va - page)
	call memcpy
	addl $12, %esp
5:	xorl %eax, %eax
	ret
9:	movl $-ENOMEM, %eax
	ret

# map_vdso(): the vDSO image's frames (part of the kernel image) at VDSO_BASE, read and
# execute for user space, shared by every process (VM_SPECIAL: never freed). The kernel
# decides how system calls enter (lecture slide 28): the sysenter image if the CPU has SEP
# (cpu_init programmed the MSRs), else the int $0x80 one.
ENTRY map_vdso
	pushl %ebx
	pushl %esi
	cmpb $0, sysenter_enabled
	je 3f
	movl $vdso_sysenter_start, %esi
	movl $vdso_sysenter_end, %edx
	movl $(VDSO_BASE + VDSO_SYSENTER_int80_landing_pad), vdso_landing_pad
	movl $(VDSO_BASE + VDSO_SYSENTER___kernel_vsyscall), vdso_sysinfo
	jmp 4f
3:	movl $vdso_int80_start, %esi
	movl $vdso_int80_end, %edx
	movl $(VDSO_BASE + VDSO_INT80___kernel_vsyscall), vdso_sysinfo
4:	pushl %edx				# (the end, for the loop below)
	pushl $(VM_READ + VM_EXEC + VM_SPECIAL)
	movl %edx, %eax
	subl %esi, %eax
	addl $(PAGE_SIZE - 1), %eax
	andl $PAGE_MASK, %eax
	addl $VDSO_BASE, %eax
	pushl %eax
	pushl $VDSO_BASE
	call insert_vma
	addl $12, %esp
	xorl %ebx, %ebx
1:	leal (%esi,%ebx), %eax
	cmpl (%esp), %eax
	jae 2f
	pushl $(_PAGE_PRESENT + _PAGE_USER)
	subl $PAGE_OFFSET, %eax
	pushl %eax
	leal VDSO_BASE(%ebx), %eax
	pushl %eax
	pushl init_task + TASK_PGD
	call map_page
	addl $16, %esp
	addl $PAGE_SIZE, %ebx
	jmp 1b
2:	addl $4, %esp
	popl %esi
	popl %ebx
	ret
END map_vdso

# set_comm(filename): current->comm = the last path component, at most 15 characters.
set_comm:
	pushl %esi
	pushl %edi
	movl 12(%esp), %esi
	movl %esi, %edx
1:	lodsb					# find the last '/'
	testb %al, %al
	jz 2f
	cmpb $'/', %al
	jne 1b
	movl %esi, %edx
	jmp 1b
2:	movl %edx, %esi
	movl $(init_task + TASK_COMM), %edi
	movl $15, %ecx
3:	lodsb
	testb %al, %al
	jz 4f
	stosb
	loop 3b
4:	movb $0, (%edi)
	popl %edi
	popl %esi
	ret

# create_elf_tables(filename, argv, envp) -> the initial user stack pointer, or -E2BIG.
# Built in stack_page, the image of user [STACK_TOP - 4096, STACK_TOP), then copied out:
#
#	STACK_TOP - 4:	0 (end marker)
#			file name (AT_EXECFN), envp strings, argv strings (in order upwards)
#			(align 16) "i686" (AT_PLATFORM), 16 random bytes (AT_RANDOM)
#			(align 16, so that sp is aligned) ...
#	sp ->		argc, argv[0..argc-1], NULL, envp[0..envc-1], NULL,
#			auxv pairs {type, value} ..., AT_NULL
	.set S_ARGC, -4				# locals
	.set S_ENVC, -8
	.set S_EXECFN, -12
	.set S_PLATFORM, -16
	.set S_RANDOM, -20
	.set S_STRINGS, -24			# user address of the lowest string
ENTRY create_elf_tables
	pushl %ebp
	movl %esp, %ebp
	subl $24, %esp
	pushl %ebx
	pushl %esi
	pushl %edi
	movl $(PAGE_SIZE - 4), %edi		# edi = offset of the next free byte, downwards
	movl $0, stack_page(%edi)
	pushl 8(%ebp)
	call push_string
	addl $4, %esp
	movl %eax, S_EXECFN(%ebp)
	movl 16(%ebp), %eax			# count envp and argv
	call count_strings
	movl %ecx, S_ENVC(%ebp)
	movl 12(%ebp), %eax
	call count_strings
	movl %ecx, S_ARGC(%ebp)
	movl S_ENVC(%ebp), %ebx			# envp strings, last first
1:	decl %ebx
	js 2f
	movl 16(%ebp), %eax
	pushl (%eax,%ebx,4)
	call push_string
	addl $4, %esp
	jmp 1b
2:	movl S_ARGC(%ebp), %ebx			# argv strings, last first
3:	decl %ebx
	js 4f
	movl 12(%ebp), %eax
	pushl (%eax,%ebx,4)
	call push_string
	addl $4, %esp
	jmp 3b
4:	movl %edi, %eax
	addl $(STACK_TOP - PAGE_SIZE), %eax
	movl %eax, S_STRINGS(%ebp)
	andl $~15, %edi
	PUSH_STR "i686"
	call push_string
	addl $4, %esp
	movl %eax, S_PLATFORM(%ebp)
	subl $16, %edi				# AT_RANDOM: 16 bytes
	js 9f
	leal stack_page(%edi), %eax
	pushl $16
	pushl %eax
	call get_random_bytes
	addl $8, %esp
	leal (STACK_TOP - PAGE_SIZE)(%edi), %eax
	movl %eax, S_RANDOM(%ebp)
	# words below: argc + argv + NULL + envp + NULL + auxv
	movl S_ARGC(%ebp), %eax
	addl S_ENVC(%ebp), %eax
	addl $(3 + 2 * NR_AUXV), %eax
	shll $2, %eax
	subl %eax, %edi
	js 9f
	andl $~15, %edi				# sp 16-byte aligned
	movl %edi, %esi				# esi = where the next word goes
	movl S_ARGC(%ebp), %eax
	call put_word				# argc
	movl 12(%ebp), %eax			# argv pointers: user addresses of the strings, which
	movl S_ARGC(%ebp), %ecx			# sit in order upwards from S_STRINGS
	movl S_STRINGS(%ebp), %edx
	call put_pointers
	movl 16(%ebp), %eax
	movl S_ENVC(%ebp), %ecx
	call put_pointers
	.irp key, AT_SYSINFO, AT_SYSINFO_EHDR, AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_RANDOM, AT_EXECFN, AT_PLATFORM, AT_NULL
	movl $\key, %eax
	call put_word
	call auxv_value_\key
	call put_word
	.endr
	movl $(PAGE_SIZE), %eax			# copy [edi, 4096) out to the user stack
	subl %edi, %eax
	pushl %eax
	leal stack_page(%edi), %eax
	pushl %eax
	leal (STACK_TOP - PAGE_SIZE)(%edi), %eax
	pushl %eax
	call copy_to_user
	addl $12, %esp
	testl %eax, %eax
	jnz 9f
	leal (STACK_TOP - PAGE_SIZE)(%edi), %eax
	jmp 10f
9:	movl $-E2BIG, %eax
10:	popl %edi
	popl %esi
	popl %ebx
	leave
	ret
END create_elf_tables
	.set NR_AUXV, 20

# helpers of create_elf_tables (ebp = its frame, edi = free offset, esi = word offset)
count_strings:					# eax = NULL-terminated array -> ecx = entries
	xorl %ecx, %ecx
1:	cmpl $0, (%eax,%ecx,4)
	je 2f
	incl %ecx
	jmp 1b
2:	ret
push_string:					# 4(%esp) = string -> eax = its user address
	pushl 4(%esp)
	call strlen
	addl $4, %esp
	incl %eax
	subl %eax, %edi
	cmpl $256, %edi				# keep room for the pointers and auxv
	jl 1f
	pushl %eax
	pushl 8(%esp)
	leal stack_page(%edi), %eax
	pushl %eax
	call memcpy
	addl $12, %esp
	leal (STACK_TOP - PAGE_SIZE)(%edi), %eax
	ret
1:	movl $-1, %edi				# too much: give up (create_elf_tables sees edi < 0)
	ret
put_word:					# eax -> the word at esi
	testl %esi, %esi
	js 1f
	movl %eax, stack_page(%esi)
	addl $4, %esi
1:	ret
put_pointers:					# eax = array, ecx = count, edx = user address of
	pushl %ebx				# its first string -> count pointers and a NULL
	movl %eax, %ebx
1:	testl %ecx, %ecx
	jz 2f
	movl %edx, %eax
	call put_word
	pushl %ecx
	pushl %edx
	pushl (%ebx)
	call strlen
	addl $4, %esp
	popl %edx
	popl %ecx
	leal 1(%edx,%eax), %edx			# the next string follows this one's NUL
	addl $4, %ebx
	decl %ecx
	jmp 1b
2:	xorl %eax, %eax
	call put_word
	popl %ebx
	ret

# auxv values: each returns eax, in the context of create_elf_tables
auxv_value_AT_SYSINFO:
	movl vdso_sysinfo, %eax			# __kernel_vsyscall in the mapped image
	ret
auxv_value_AT_SYSINFO_EHDR:
	movl $VDSO_BASE, %eax
	ret
auxv_value_AT_HWCAP:
	movl boot_cpu_hwcap, %eax
	ret
auxv_value_AT_PAGESZ:
	movl $PAGE_SIZE, %eax
	ret
auxv_value_AT_CLKTCK:
	movl $HZ, %eax
	ret
auxv_value_AT_PHDR:
	movl exec_phdr_addr, %eax
	ret
auxv_value_AT_PHENT:
	movl $PHDR_SIZE, %eax
	ret
auxv_value_AT_PHNUM:
	movl exec_phnum, %eax
	ret
auxv_value_AT_ENTRY:
	movl exec_entry, %eax
	ret
auxv_value_AT_RANDOM:
	movl S_RANDOM(%ebp), %eax
	ret
auxv_value_AT_EXECFN:
	movl S_EXECFN(%ebp), %eax
	ret
auxv_value_AT_PLATFORM:
	movl S_PLATFORM(%ebp), %eax
	ret
auxv_value_AT_BASE:				# no interpreter
auxv_value_AT_FLAGS:
auxv_value_AT_UID:				# root
auxv_value_AT_EUID:
auxv_value_AT_GID:
auxv_value_AT_EGID:
auxv_value_AT_SECURE:
auxv_value_AT_NULL:
	xorl %eax, %eax
	ret

	.data
	.globl exec_phdr_addr, exec_phnum, exec_entry, vdso_sysinfo
vdso_sysinfo: .long 0				# AT_SYSINFO
exec_phdr_addr: .long 0				# what do_execve_init learned, for the auxv
exec_phnum: .long 0
exec_entry: .long 0
	.bss
	.p2align 12
stack_page: .skip PAGE_SIZE
