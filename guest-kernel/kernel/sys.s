# sys.s: the small system calls: identity, uname, set_tid_address, getrandom, and
# sys_ni_syscall for every number nobody implements.
	.include "asm.inc"

	.set GRND_NONBLOCK, 1
	.set GRND_RANDOM, 2
	.set GRND_INSECURE, 4

# sys_ni_syscall() -> -ENOSYS ("not implemented")
ENTRY sys_ni_syscall
	movl $-ENOSYS, %eax
	ret
END sys_ni_syscall

ENTRY sys_getpid				# init is pid 1
	movl init_task + TASK_PID, %eax
	ret
END sys_getpid

ENTRY sys_getppid				# and has no parent: 0, as in Linux
	xorl %eax, %eax
	ret
END sys_getppid

ENTRY sys_getuid				# everything runs as root
	xorl %eax, %eax
	ret
END sys_getuid
ENTRY sys_getgid
	xorl %eax, %eax
	ret
END sys_getgid
ENTRY sys_geteuid
	xorl %eax, %eax
	ret
END sys_geteuid
ENTRY sys_getegid
	xorl %eax, %eax
	ret
END sys_getegid

# sys_set_tid_address(int __user *tidptr) -> the thread id. Remembered; with no threads and
# no futexes it is never written.
ENTRY sys_set_tid_address
	movl 4(%esp), %eax
	movl %eax, init_task + TASK_CLEAR_CHILD_TID
	movl init_task + TASK_PID, %eax
	ret
END sys_set_tid_address

# sys_newuname(struct new_utsname __user *name)
ENTRY sys_newuname
	pushl $UTSNAME_SIZE
	pushl $init_uts_ns
	pushl 12(%esp)
	call copy_to_user
	addl $12, %esp
	testl %eax, %eax
	jnz 1f
	ret
1:	movl $-EFAULT, %eax
	ret
END sys_newuname

# sys_getrandom(char __user *buf, count, flags) -> bytes written (short if buf faults part-way)
# or -errno. Not cryptographic: an
# xorshift generator seeded at boot from the RTC and the time-stamp counter.
ENTRY sys_getrandom
	pushl %ebx
	pushl %esi
	pushl %edi
	testl $~(GRND_NONBLOCK + GRND_RANDOM + GRND_INSECURE), 24(%esp)
	jnz 8f
	movl 20(%esp), %esi			# count, capped as Linux caps it
	cmpl $0x01FFFFFF, %esi
	jbe 1f
	movl $0x01FFFFFF, %esi
1:	xorl %ebx, %ebx				# ebx = bytes done
2:	cmpl %esi, %ebx
	jae 5f
	movl %esi, %edi
	subl %ebx, %edi
	cmpl $64, %edi				# 64 bytes at a time through a kernel buffer
	jbe 3f
	movl $64, %edi
3:	pushl %edi
	pushl $random_chunk
	call get_random_bytes
	addl $8, %esp
	pushl %edi
	pushl $random_chunk
	movl 24(%esp), %eax			# buf + done
	addl %ebx, %eax
	pushl %eax
	call copy_to_user
	addl $12, %esp
	subl %eax, %edi				# bytes that arrived
	addl %edi, %ebx
	testl %eax, %eax
	jz 2b
	testl %ebx, %ebx			# a fault: a short count, or -EFAULT if nothing arrived
	jz 7f
5:	movl %ebx, %eax
	jmp 9f
7:	movl $-EFAULT, %eax
	jmp 9f
8:	movl $-EINVAL, %eax
9:	popl %edi
	popl %esi
	popl %ebx
	ret
END sys_getrandom

# get_random_bytes(kbuf, n): xorshift32.
ENTRY get_random_bytes
	pushl %edi
	movl 8(%esp), %edi
	movl 12(%esp), %ecx
	movl random_state, %eax
1:	testl %ecx, %ecx
	jz 2f
	movl %eax, %edx				# x ^= x << 13; x ^= x >> 17; x ^= x << 5
	shll $13, %edx
	xorl %edx, %eax
	movl %eax, %edx
	shrl $17, %edx
	xorl %edx, %eax
	movl %eax, %edx
	shll $5, %edx
	xorl %edx, %eax
	movb %al, (%edi)
	incl %edi
	decl %ecx
	jmp 1b
2:	movl %eax, random_state
	popl %edi
	ret
END get_random_bytes

# rand_initialize(): seed from the RTC time and the TSC (never 0: xorshift's fixed point).
ENTRY rand_initialize
	xorl %eax, %eax
	xorl %edx, %edx
	testl $0x10, boot_cpu_hwcap		# CPUID.1:EDX.TSC
	jz 1f
	rdtsc
1:	xorl boot_cpu_hwcap, %eax
	xorl boot_time_sec, %eax
	xorl %edx, %eax
	orl $1, %eax
	movl %eax, random_state
	ret
END rand_initialize

	.set UTSNAME_SIZE, 6 * 65
	.section .rodata
init_uts_ns:					# struct new_utsname: six 65-byte fields
1:	.asciz "Linux"				# sysname: what libcs expect to find
	.fill 65 - (. - 1b), 1, 0
1:	.asciz "trapgate"			# nodename
	.fill 65 - (. - 1b), 1, 0
1:	.asciz "6.1.0-trapgate"			# release: a version glibc accepts
	.fill 65 - (. - 1b), 1, 0
1:	.asciz "#1"				# version
	.fill 65 - (. - 1b), 1, 0
1:	.asciz "i686"				# machine
	.fill 65 - (. - 1b), 1, 0
1:	.asciz "(none)"				# domainname
	.fill 65 - (. - 1b), 1, 0
	.data
random_state: .long 0x2545F491
	.bss
random_chunk: .skip 64
