# exit.s: the end of a process. There is only init: when it ends, the machine powers off
# and reports init's status (see README.md for the statuses).
	.include "asm.inc"

# sys_exit(error_code), sys_exit_group(error_code): status = error_code & 0xff.
ENTRY sys_exit
	movl 4(%esp), %eax
	andl $0xFF, %eax
	pushl %eax
	call do_exit
END sys_exit

ENTRY sys_exit_group
	jmp sys_exit
END sys_exit_group

# do_exit(status): init is gone: report and power off. Never returns.
ENTRY do_exit
	pushl 4(%esp)
	PUSH_STR "init exited with status %d: power off\n"
	call pr_info
	addl $8, %esp
	pushl 4(%esp)
	call machine_power_off
END do_exit
