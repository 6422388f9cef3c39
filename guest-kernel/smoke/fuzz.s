# fuzz.s: 30000 system calls with random numbers and hostile arguments (random words, small
# ints, -1, kernel addresses, a scratch page, a pointer straddling into a hole). The kernel
# must answer every one: no oops, no hang. Skipped: exit/exit_group (would end the run),
# read (would wait for the console), nanosleep (would sleep); MAP_FIXED is masked off mmap2
# and munmap/mprotect only get the scratch area, so the program keeps its own memory.
# %fs and %gs select a TLS entry that is cleared and set again every 256 calls.
	.include "smoke.inc"
	.set ITERATIONS, 30000
	.globl _start
_start:
	movl $__NR_mmap2, %eax			# scratch: two pages, the second unmapped again
	xorl %ebx, %ebx
	movl $8192, %ecx
	movl $3, %edx
	movl $0x22, %esi
	movl $-1, %edi
	xorl %ebp, %ebp
	int $0x80
	movl %eax, scratch
	addl $4096, %eax
	SYS __NR_munmap, %eax, $4096
	movl $ITERATIONS, count
	call tls_set
1:	testl $255, count			# now and then: clear the TLS entry %fs/%gs select,
	jnz 5f					# make a call (the kernel's segment pops must recover),
	movl $0x28, udesc + 12			# then set it again
	movl $__NR_set_thread_area, %eax
	movl $udesc, %ebx
	int $0x80
	call tls_set
5:	call rand
	andl $511, %eax				# numbers 0..511: most are -ENOSYS, all are exercised
	cmpl $__NR_exit, %eax
	je 1b
	cmpl $__NR_read, %eax
	je 1b
	cmpl $__NR_nanosleep, %eax
	je 1b
	cmpl $__NR_exit_group, %eax
	je 1b
	movl %eax, nr
	call arg
	movl %eax, a1
	call arg
	movl %eax, a2
	call arg
	movl %eax, a3
	call arg
	movl %eax, a4
	call arg
	movl %eax, a5
	call arg
	movl %eax, a6
	movl nr, %eax
	cmpl $__NR_mmap2, %eax
	jne 2f
	andl $~0x10, a4				# mmap2 without MAP_FIXED
2:	cmpl $__NR_munmap, %eax
	je 3f
	cmpl $__NR_mprotect, %eax
	jne 4f
3:	movl scratch, %edx			# munmap/mprotect: the scratch page only
	movl %edx, a1
4:	movl a1, %ebx
	movl a2, %ecx
	movl a3, %edx
	movl a4, %esi
	movl a5, %edi
	movl a6, %ebp
	int $0x80
	decl count
	jnz 1b
	PRINT "fuzz: 30000 calls answered\n"
	SYS __NR_exit, $0

tls_set:					# TLS entry 6 -> a flat data segment in fs and gs
	movl $6, udesc
	movl $0, udesc + 4
	movl $0xFFFFF, udesc + 8
	movl $0x51, udesc + 12
	movl $__NR_set_thread_area, %eax
	movl $udesc, %ebx
	int $0x80
	movl $0x33, %eax
	movl %eax, %fs
	movl %eax, %gs
	ret
rand:						# xorshift32 -> eax
	movl seed, %eax
	movl %eax, %edx
	shll $13, %edx
	xorl %edx, %eax
	movl %eax, %edx
	shrl $17, %edx
	xorl %edx, %eax
	movl %eax, %edx
	shll $5, %edx
	xorl %edx, %eax
	movl %eax, seed
	ret
arg:						# a hostile argument -> eax
	call rand
	movl %eax, %ecx
	shrl $29, %ecx				# 8 kinds
	andl $0x1FFFFFFF, %eax
	jmp *kinds(,%ecx,4)
k_random:
	call rand
	ret
k_small:
	andl $63, %eax
	ret
k_minus1:
	movl $-1, %eax
	ret
k_kernel:
	orl $0xC0000000, %eax
	ret
k_scratch:
	andl $4095, %eax
	addl scratch, %eax
	ret
k_straddle:
	movl scratch, %eax
	addl $4093, %eax
	ret
k_zero:
	xorl %eax, %eax
	ret
	.data
kinds:	.long k_random, k_small, k_minus1, k_kernel, k_scratch, k_straddle, k_zero, k_small
seed:	.long 0x1234567
	.bss
scratch: .long 0
count:	.long 0
nr:	.long 0
udesc:	.skip 16
a1:	.long 0
a2:	.long 0
a3:	.long 0
a4:	.long 0
a5:	.long 0
a6:	.long 0
