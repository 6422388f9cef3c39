/*
 * _start: the first user instruction of every test guest.
 *
 * The kernel's initial stack (Linux i386, fs/binfmt_elf.c create_elf_tables):
 *
 *      0(%esp)   argc
 *      4(%esp)   argv[0] .. argv[argc-1], NULL
 *                envp[0] .. NULL
 *                auxv: (type, value) pairs .. AT_NULL
 *
 * edx is 0 at entry (an atexit function for dynamic loaders); a static program ignores it.
 */
	.text
	.globl _start
	.type _start, @function
_start:
	movl %esp, tg_entry_esp    # kept for the checks of the initial stack (auxv.c)
	movl %edx, tg_entry_edx    # must be 0 (see above)
	xorl %ebp, %ebp            # no caller frame: backtraces stop here
	movl %esp, %eax            # eax = &argc
	andl $-16, %esp            # i386 SysV: 16-byte aligned stack at every call
	subl $12, %esp             # ... counting the one argument pushed below
	pushl %eax
	call tg_start              # parses argc/argv/envp/auxv, runs main, exit_group()s
	hlt                        # not reached: a privileged instruction, so a #GP if it were
	.size _start, . - _start

	.bss
	.globl tg_entry_esp, tg_entry_edx
	.p2align 2
tg_entry_esp:	.long 0
tg_entry_edx:	.long 0

	.section .note.GNU-stack, "", @progbits
