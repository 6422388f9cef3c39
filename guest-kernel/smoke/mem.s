# mem.s: mmap/munmap/mprotect, brk up and down, page-straddling buffers, get_user on a
# straddling iovec, set_thread_area + %gs, the clocks, nanosleep, getrandom, identities.
	.include "smoke.inc"
	.globl _start
_start:
	movl $__NR_mmap2, %eax			# mmap2(0, 3 pages, RW, PRIVATE|ANON, -1, 0)
	xorl %ebx, %ebx
	movl $12288, %ecx
	movl $3, %edx
	movl $0x22, %esi
	movl $-1, %edi
	xorl %ebp, %ebp
	int $0x80
	movl %eax, area
	movl $0x0A4B4F, (%eax)			# "OK\n" in page 0
	movl $0x0A4B4F, 8192(%eax)		# and in page 2
	movl area, %eax
	addl $4096, %eax
	SYS __NR_munmap, %eax, $4096		# munmap the middle page
	CHECK 0, "munmap the middle page"
	SYS __NR_write, $1, area, $3
	movl area, %eax
	addl $4096, %eax
	SYS __NR_write, $1, %eax, $1
	CHECK -14, "write from the unmapped middle page EFAULT"
	movl area, %eax
	addl $8192, %eax
	SYS __NR_write, $1, %eax, $3
	movl area, %eax
	addl $4094, %eax			# 2 bytes mapped, then the hole
	SYS __NR_write, $1, %eax, $4
	CHECK -14, "write straddling into the hole EFAULT, nothing written"
	movl area, %eax
	addl $4092, %eax			# an iovec whose iov_len straddles the hole
	movl $iov_text, (%eax)
	SYS __NR_writev, $1, %eax, $1
	CHECK -14, "writev with a straddling iovec: get_user EFAULT"
	movl area, %eax
	addl $4094, %eax
	SYS __NR_getrandom, %eax, $16, $0	# 2 of 16 bytes can be written: a short count
	CHECK 2, "getrandom straddling the hole returns the bytes written"
	SYS __NR_munmap, area, $4095
	CHECK 0, "munmap rounds the length up"
	SYS __NR_munmap, $0x1001, $4096
	CHECK -22, "munmap unaligned EINVAL"
	movl area, %eax
	addl $8192, %eax
	SYS __NR_mprotect, %eax, $4096, $1	# mprotect(page 2, PROT_READ)
	CHECK 0, "mprotect read-only"
	movl area, %eax
	addl $8192, %eax
	SYS __NR_clock_gettime, $1, %eax	# the kernel cannot write it either (CR0.WP)
	CHECK -14, "clock_gettime into a read-only page EFAULT"
	movl area, %eax
	addl $8192, %eax
	SYS __NR_mprotect, %eax, $4096, $3
	movl area, %eax
	addl $8192, %eax
	SYS __NR_clock_gettime, $1, %eax
	CHECK 0, "mprotect back to read-write"
	movl area, %eax
	movl $0x0A4B4F, 8192(%eax)		# "OK\n" again, to see it survive PROT_NONE
	addl $8192, %eax
	SYS __NR_mprotect, %eax, $4096, $0	# mprotect(page 2, PROT_NONE): not present now
	CHECK 0, "mprotect PROT_NONE"
	movl area, %eax
	addl $8192, %eax
	SYS __NR_write, $1, %eax, $3		# copy_from_user faults on it too
	CHECK -14, "write from a PROT_NONE page EFAULT"
	movl area, %eax
	addl $8192, %eax
	SYS __NR_clock_gettime, $1, %eax	# and copy_to_user
	CHECK -14, "clock_gettime into a PROT_NONE page EFAULT"
	movl area, %eax
	addl $8192, %eax
	SYS __NR_mprotect, %eax, $4096, $1	# PROT_READ: the same frame comes back
	movl area, %eax
	addl $8192, %eax
	SYS __NR_write, $1, %eax, $3
	CHECK 3, "the page kept its bytes across PROT_NONE"
	SYS __NR_mprotect, area, $4096, $1
	CHECK -12, "mprotect of an unmapped range ENOMEM"

	movl $__NR_mmap2, %eax			# MAP_FIXED over page 0: a fresh zero page replaces it
	movl area, %ebx
	movl $4096, %ecx
	movl $3, %edx
	movl $0x32, %esi			# MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED
	movl $-1, %edi
	xorl %ebp, %ebp
	int $0x80
	cmpl area, %eax
	jne 1f
	movl (%eax), %eax
1:	CHECK 0, "mmap2 MAP_FIXED replaces a mapping"
	movl $__NR_mmap2, %eax
	movl $0x1001, %ebx			# MAP_FIXED needs an aligned address
	movl $4096, %ecx
	movl $3, %edx
	movl $0x32, %esi
	int $0x80
	CHECK -22, "mmap2 MAP_FIXED unaligned EINVAL"
	SYS __NR_brk, $0			# brk: grow 3 pages, dirty them, shrink, grow again
	movl %eax, brk0
	addl $12288, %eax
	SYS __NR_brk, %eax
	movl brk0, %eax
	movl $0x55, 8192(%eax)
	SYS __NR_brk, brk0
	cmpl brk0, %eax
	movl $0, %eax
	jne 1f
	movl brk0, %eax
	addl $12288, %eax
	SYS __NR_brk, %eax
	movl brk0, %eax
	movl 8192(%eax), %eax			# a fresh zero page, not the old one
1:	CHECK 0, "brk shrinks and grows back zeroed"

	movl $-1, udesc				# set_thread_area(entry -1): the kernel picks one
	movl $tls_block, udesc + 4
	movl $0xFFFFF, udesc + 8
	movl $0x51, udesc + 12			# seg_32bit, limit_in_pages, useable
	SYS __NR_set_thread_area, $udesc
	CHECK 0, "set_thread_area"
	movl udesc, %eax
	CHECK 6, "entry number written back"
	movl $0x33, %eax			# gs = 6 * 8 + 3
	movl %eax, %gs
	movl %gs:0, %eax
	CHECK 0x12345678, "read through %gs"
	movl $5, udesc
	SYS __NR_set_thread_area, $udesc
	CHECK -22, "set_thread_area entry 5 EINVAL"
	SYS __NR_set_thread_area, $0x10
	CHECK -14, "set_thread_area unmapped EFAULT"
	SYS __NR_getpid				# a system call with a TLS %gs: restored on return
	movl %gs, %eax
	CHECK 0x33, "gs survives a system call"
	movl $6, udesc				# clear entry 6 while %gs still selects it: the
	movl $0, udesc + 4			# kernel's "popl %gs" faults on the way out, and its
	movl $0, udesc + 8			# __ex_table fixup loads 0 instead
	movl $0x28, udesc + 12			# read_exec_only | seg_not_present: "empty"
	movl $__NR_set_thread_area, %eax
	movl $udesc, %ebx
	int $0x80
	movl %eax, %esi
	movl %gs, %eax
	addl %esi, %eax
	CHECK 0, "clearing the TLS entry in use: gs comes back as 0"

	SYS __NR_clock_gettime, $1, $ts1	# clock_gettime(CLOCK_MONOTONIC)
	CHECK 0, "clock_gettime"
	SYS __NR_nanosleep, $req, $0		# nanosleep 30 ms
	CHECK 0, "nanosleep"
	SYS __NR_clock_gettime, $1, $ts2
	movl ts2, %eax				# elapsed ms = (s2 - s1) * 1000 + (ns2 - ns1) / 10^6
	subl ts1, %eax
	imull $1000, %eax, %ecx
	movl ts2 + 4, %eax
	subl ts1 + 4, %eax
	cltd
	movl $1000000, %ebx
	idivl %ebx
	addl %ecx, %eax
	cmpl $30, %eax
	setge %al
	movzbl %al, %eax
	CHECK 1, "monotonic time moved at least 30 ms"
	SYS __NR_nanosleep, $badreq, $0
	CHECK -22, "nanosleep bad tv_nsec EINVAL"
	SYS __NR_clock_gettime, $99, $ts1
	CHECK -22, "clock_gettime bad clock EINVAL"
	SYS __NR_gettimeofday, $tv, $0
	CHECK 0, "gettimeofday"
	SYS __NR_getrandom, $rnd, $16, $0
	CHECK 16, "getrandom"
	SYS __NR_getrandom, $rnd, $16, $0x100
	CHECK -22, "getrandom bad flags EINVAL"
	SYS __NR_getuid32
	CHECK 0, "getuid32"
	SYS __NR_getegid32
	CHECK 0, "getegid32"
	SYS __NR_getppid
	CHECK 0, "getppid"
	SYS __NR_set_tid_address, $tidaddr
	CHECK 1, "set_tid_address"
	SYS __NR_exit_group, $5			# exit_group(5)
iov_text: .ascii "x"
	.data
req:	.long 0, 30000000
badreq:	.long 0, 1000000000
tls_block: .long 0x12345678
	.bss
area:	.long 0
brk0:	.long 0
udesc:	.skip 16
ts1:	.skip 8
ts2:	.skip 8
tv:	.skip 8
rnd:	.skip 16
tidaddr: .long 0
