# head.s: the multiboot header and the first instructions the kernel runs.
# The boot loader jumps here with paging off, so this file is linked at its physical address
# (section .head.text, see kernel.ld); everything else is linked at PAGE_OFFSET + physical.
	.include "asm.inc"

	.set MULTIBOOT_HEADER_MAGIC, 0x1BADB002
	.set MULTIBOOT_HEADER_FLAGS, 0x00000003	# bit 0: page-align modules; bit 1: memory map please
	.set MULTIBOOT_BOOTLOADER_MAGIC, 0x2BADB002

	.section .multiboot, "a"
	.balign 4
multiboot_header:
	.long MULTIBOOT_HEADER_MAGIC
	.long MULTIBOOT_HEADER_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)	# the three words sum to 0

# _start: build the boot page tables, turn paging on, jump to the higher half.
# Arguments (Multiboot v1, §3.2):
#   eax = 0x2BADB002 (MULTIBOOT_BOOTLOADER_MAGIC)
#   ebx = physical address of struct multiboot_info
#   protected mode, flat 4 GiB segments, paging off, interrupts off
	.section .head.text, "ax"
	.globl _start
	.type _start, @function
_start:
	cli
	cld
	movl %eax, %esi				# esi = boot loader magic, kept until start_kernel
	movl %ebx, %ebp				# ebp = multiboot_info (physical)

	# The loader zeroes bss in theory; do it anyway: the page tables below live there.
	movl $(__bss_start - PAGE_OFFSET), %edi
	movl $(__bss_stop - PAGE_OFFSET), %ecx
	subl %edi, %ecx
	xorl %eax, %eax
	rep stosb

	# pg0[i] = (i << 12) | present | rw, for every page of LOWMEM (64 page tables).
	movl $(pg0 - PAGE_OFFSET), %edi
	movl $(_PAGE_PRESENT + _PAGE_RW), %eax
	movl $LOWMEM_PAGES, %ecx
1:	stosl
	addl $PAGE_SIZE, %eax
	loop 1b

	# swapper_pg_dir: the same page tables at 0 (identity, for the next few instructions)
	# and at PAGE_OFFSET (where the kernel is linked).
	movl $(swapper_pg_dir - PAGE_OFFSET), %edi
	movl $(pg0 - PAGE_OFFSET + _PAGE_PRESENT + _PAGE_RW), %eax
	xorl %ecx, %ecx
2:	movl %eax, (%edi,%ecx,4)		# identity PDE
	movl %eax, (PAGE_OFFSET >> 20)(%edi,%ecx,4)	# PDE 768 + i: 0xC00 bytes into the directory
	addl $PAGE_SIZE, %eax
	incl %ecx
	cmpl $LOWMEM_PDES, %ecx
	jb 2b

	movl %edi, %cr3
	movl %cr0, %eax
	orl $(X86_CR0_PG + X86_CR0_WP), %eax	# WP: put_user into a read-only user page faults
	movl %eax, %cr0
	movl $startup_32, %eax			# an absolute jump: from here on eip is above PAGE_OFFSET
	jmp *%eax
	.size _start, . - _start

	.text
# startup_32: running at PAGE_OFFSET; drop the identity map and call start_kernel.
ENTRY startup_32
	movl $(init_stack + THREAD_SIZE), %esp
	movl $swapper_pg_dir, %edi		# user space (PDEs 0..767) must be empty from now on
	xorl %eax, %eax
	movl $LOWMEM_PDES, %ecx
	rep stosl
	movl %cr3, %eax				# reload cr3: flush the identity translations
	movl %eax, %cr3
	pushl %ebp				# arg 2: multiboot_info (physical)
	pushl %esi				# arg 1: boot loader magic
	call start_kernel
3:	hlt					# start_kernel does not return
	jmp 3b
END startup_32

	.bss
	.p2align 12
	.globl swapper_pg_dir, pg0, init_stack
swapper_pg_dir:					# the kernel's page directory (PDEs 768.. are shared
	.skip PAGE_SIZE				# by every process's directory)
pg0:	.skip LOWMEM_PDES * PAGE_SIZE		# page tables for the first LOWMEM_SIZE of RAM
init_stack:					# the kernel stack: boot, then init's syscalls
	.skip THREAD_SIZE
