# iret_fault.s: user space loads a TLS data segment into ss, then clears that TLS entry: the
# kernel's iret back cannot load ss. That must be the process's death (SIGSEGV), not an oops.
	.include "smoke.inc"
	.globl _start
_start:
	movl $-1, udesc
	movl $0, udesc + 4
	movl $0xFFFFF, udesc + 8
	movl $0x51, udesc + 12			# seg_32bit, limit_in_pages, useable
	SYS __NR_set_thread_area, $udesc
	CHECK 0, "set_thread_area"
	movl $0x33, %eax
	movl %eax, %ss				# a flat stack through the TLS entry
	PRINT "ss = 0x33\n"
	movl $0, udesc + 8			# empty (base 0, limit 0, read_exec_only,
	movl $0x28, udesc + 12			# seg_not_present): clears entry 6 under our ss
	SYS __NR_set_thread_area, $udesc
	PRINT "not reached\n"
	SYS __NR_exit, $0
	.bss
udesc:	.skip 16
