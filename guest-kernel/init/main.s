# main.s: start_kernel: bring the machine up in order, then run init.
	.include "asm.inc"

	.set MULTIBOOT_BOOTLOADER_MAGIC, 0x2BADB002
	.set MBI_FLAGS, 0
	.set MBI_CMDLINE, 16
	.set MBI_MODS_COUNT, 20
	.set MBI_MODS_ADDR, 24
	.set MBI_MMAP_LENGTH, 44
	.set MBI_MMAP_ADDR, 48
	.set MBI_SIZE, 88
	.set MB_INFO_CMDLINE, 0x004
	.set MB_INFO_MODS, 0x008
	.set MB_INFO_MEM_MAP, 0x040
	.set COMMAND_LINE_SIZE, 1024
	.set MAX_INIT_ARGS, 32
	.set MAX_INIT_ENVS, 32

# reserve(phys_end): nothing below phys_end goes to the page allocator.
reserve:
	movl 4(%esp), %eax
	cmpl reserved_end, %eax
	jbe 1f
	movl %eax, reserved_end
1:	ret

# start_kernel(magic, mbi)
# Arguments: 4(%esp) = the boot loader's eax, 8(%esp) = physical address of multiboot_info
ENTRY start_kernel
	call serial_init			# first: everything after may need to print
	cmpl $MULTIBOOT_BOOTLOADER_MAGIC, 4(%esp)
	je 1f
	pushl 4(%esp)
	PUSH_STR "not started by a multiboot loader (eax = %08x)\n"
	call panic
1:	movl 8(%esp), %ebx
	addl $PAGE_OFFSET, %ebx			# ebx = multiboot_info, kernel virtual
	movl $(_end - PAGE_OFFSET), reserved_end	# the kernel image and its bss
	leal (MBI_SIZE - PAGE_OFFSET)(%ebx), %eax
	pushl %eax
	call reserve
	addl $4, %esp

	testl $MB_INFO_CMDLINE, MBI_FLAGS(%ebx)	# the command line, copied (twice: one to parse)
	jz 2f
	movl MBI_CMDLINE(%ebx), %esi
	addl $PAGE_OFFSET, %esi
	movl $boot_command_line, %edi
	movl $(COMMAND_LINE_SIZE - 1), %ecx
3:	lodsb
	stosb
	testb %al, %al
	loopnz 3b
	movb $0, boot_command_line + COMMAND_LINE_SIZE - 1
	pushl $COMMAND_LINE_SIZE
	pushl $boot_command_line
	pushl $saved_command_line
	call memcpy
	addl $12, %esp
2:	testl $MB_INFO_MODS, MBI_FLAGS(%ebx)	# the initramfs: the first module
	jz 4f
	cmpl $0, MBI_MODS_COUNT(%ebx)
	je 4f
	movl MBI_MODS_ADDR(%ebx), %esi
	movl MBI_MODS_COUNT(%ebx), %eax
	shll $4, %eax
	addl %esi, %eax
	pushl %eax
	call reserve				# the module list itself
	addl $4, %esp
	addl $PAGE_OFFSET, %esi
	movl (%esi), %eax			# mod_start
	movl %eax, initrd_start
	movl 4(%esi), %eax			# mod_end
	movl %eax, initrd_end
	pushl %eax
	call reserve
	addl $4, %esp
4:	testl $MB_INFO_MEM_MAP, MBI_FLAGS(%ebx)
	jz 5f
	movl MBI_MMAP_ADDR(%ebx), %eax
	addl MBI_MMAP_LENGTH(%ebx), %eax
	pushl %eax
	call reserve
	addl $4, %esp
5:	call parse_command_line
	PUSH_STR "trapgate guest kernel: the Linux i386 system-call ABI for teaching\n"
	call pr_info
	addl $4, %esp
	pushl $saved_command_line
	PUSH_STR "Command line: %s\n"
	call pr_info
	addl $8, %esp

	call cpu_init				# GDT, TSS, FPU, sysenter MSRs
	call trap_init				# IDT: exceptions, IRQs, int $0x80
	call fpu_init
	call init_IRQ				# PIC
	call time_init				# PIT, RTC
	call rand_initialize
	call sort_main_extable
	pushl %ebx
	call mem_init				# free frames from the memory map
	addl $4, %esp

	movl initrd_start, %eax
	movl initrd_end, %edx
	cmpl %eax, %edx
	jbe 6f
	cmpl $LOWMEM_SIZE, %edx
	ja 7f
	addl $PAGE_OFFSET, %eax
	addl $PAGE_OFFSET, %edx
	pushl %edx
	pushl %eax
	call populate_rootfs
	addl $8, %esp
	jmp 8f
7:	PUSH_STR "initramfs above the mapped memory: ignored\n"
	call printk
	addl $4, %esp
	jmp 8f
6:	PUSH_STR "no initramfs (pass one with -initrd)\n"
	call printk
	addl $4, %esp
8:	call lkdtm_boot				# "lkdtm=EXCEPTION": a deliberate kernel bug
	call files_init
	movl $1, init_task + TASK_PID
	sti
	call run_init_process			# returns only if init cannot start
	pushl execute_command
	PUSH_STR "Kernel panic - not syncing: cannot run init %s\n"
	call printk
	addl $8, %esp
	pushl $EXIT_STATUS_BAD_INIT
	call machine_power_off
END start_kernel

# run_init_process(): exec init with argv_init and envp_init. Returns on failure.
ENTRY run_init_process
	pushl $envp_init
	pushl $argv_init
	pushl execute_command
	call do_execve_init
	addl $12, %esp
	negl %eax
	pushl %eax
	pushl execute_command
	PUSH_STR "Failed to execute %s (error -%d)\n"
	call printk
	addl $12, %esp
	ret
END run_init_process

# parse_command_line(): split boot_command_line into words, as Linux's init/main.c does:
#	init=PATH, rdinit=PATH	the first program (default /init)
#	quiet			no informational messages
#	--			everything after it: init's arguments (argv[1]...)
#	lkdtm=EXCEPTION		crash the kernel on purpose (see kernel/lkdtm.s)
#	name=value		unknown to the kernel: init's environment
# Other bare words are ignored (multiboot loaders put the kernel's file name first).
# Double quotes group blanks into one word and are removed: init=/bin/sh -- -c "ls /".
ENTRY parse_command_line
	pushl %ebx
	pushl %esi
	pushl %edi
	movl $boot_command_line, %esi
	xorl %ebx, %ebx				# ebx = 1 after "--"
1:	cmpb $' ', (%esi)			# skip blanks
	jne 2f
	incl %esi
	jmp 1b
2:	cmpb $0, (%esi)
	je 9f
	movl %esi, %edi				# edi = the word
	movl %esi, %ecx				# ecx = where its characters go: "..." quotes
	xorl %edx, %edx				# group words (as Linux's next_arg) and are removed
3:	movb (%esi), %al			# find its end and terminate it
	testb %al, %al
	jz 5f
	incl %esi
	cmpb $'"', %al
	jne 31f
	xorb $1, %dl				# in or out of quotes
	jmp 3b
31:	cmpb $' ', %al
	jne 32f
	testb %dl, %dl
	jz 5f					# a blank outside quotes ends the word
32:	movb %al, (%ecx)
	incl %ecx
	jmp 3b
5:	movb $0, (%ecx)
4:	testl %ebx, %ebx
	jz 6f
	movl nr_init_args, %eax			# after "--": an argument for init
	cmpl $MAX_INIT_ARGS, %eax
	jae 1b
	movl %edi, argv_init(,%eax,4)
	incl nr_init_args
	jmp 1b
6:	.irp name, dashdash, init, rdinit, quiet, lkdtm
	pushl $str_\name
	call param_match			# eax = value (or the word's end), 0 if no match
	testl %eax, %eax
	jnz param_\name
	.endr
	movl %edi, %eax				# a name=value word?
7:	cmpb $0, (%eax)
	je 1b					# no '=': ignored
	cmpb $'=', (%eax)
	je 8f
	incl %eax
	jmp 7b
8:	.irp name, console, loglevel, root, earlyprintk, panic
	pushl $str_\name
	call param_match
	testl %eax, %eax
	jnz 1b					# known to Linux's kernel: not init's business
	.endr
	movl nr_init_envs, %eax
	cmpl $MAX_INIT_ENVS, %eax
	jae 1b
	movl %edi, envp_init(,%eax,4)
	incl nr_init_envs
	jmp 1b
param_dashdash:
	movl $1, %ebx
	jmp 1b
param_init:
param_rdinit:
	movl %eax, execute_command
	jmp 1b
param_quiet:
	movb $1, console_quiet
	jmp 1b
param_lkdtm:
	movl %eax, lkdtm_cpoint
	jmp 1b
9:	popl %edi
	popl %esi
	popl %ebx
	ret
END parse_command_line

# param_match(prefix) with edi = the word: if the word is "prefix" exactly, or starts with
# it when it ends in '=', return the rest (the value; for an exact match, the NUL); else 0.
# The argument is popped by param_match (it is called in a row from a .irp).
param_match:
	pushl %esi
	movl 8(%esp), %esi			# prefix
	movl %edi, %edx
1:	movb (%esi), %al
	testb %al, %al
	jz 2f
	cmpb (%edx), %al
	jne 3f
	incl %esi
	incl %edx
	jmp 1b
2:	cmpb $'=', -1(%esi)			# "name=": a prefix match
	je 4f
	cmpb $0, (%edx)				# otherwise the whole word
	jne 3f
4:	movl %edx, %eax
	testl %eax, %eax
	jmp 5f
3:	xorl %eax, %eax
5:	popl %esi
	ret $4

	.section .rodata
str_dashdash: .asciz "--"
str_init: .asciz "init="
str_rdinit: .asciz "rdinit="
str_quiet: .asciz "quiet"
str_lkdtm: .asciz "lkdtm="
str_console: .asciz "console="
str_loglevel: .asciz "loglevel="
str_root: .asciz "root="
str_earlyprintk: .asciz "earlyprintk="
str_panic: .asciz "panic="
default_init: .asciz "/init"
str_home: .asciz "HOME=/"
str_term: .asciz "TERM=linux"

	.data
	.p2align 2
	.globl execute_command, initrd_start, initrd_end
execute_command: .long default_init		# init's path
initrd_start: .long 0				# physical
initrd_end: .long 0
nr_init_args: .long 1				# argv_init[0] is the path, filled in by exec
nr_init_envs: .long 2
argv_init: .long 0
	.fill MAX_INIT_ARGS + 1, 4, 0
envp_init: .long str_home, str_term		# Linux gives init these two
	.fill MAX_INIT_ENVS + 1, 4, 0
	.bss
	.globl boot_command_line, init_task
boot_command_line: .skip COMMAND_LINE_SIZE
saved_command_line: .skip COMMAND_LINE_SIZE
	.p2align 4
init_task: .skip TASK_STRUCT_SIZE		# the one process (Linux's init_task is pid 0;
						# here it becomes pid 1 when it runs init)
