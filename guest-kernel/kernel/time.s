# time.s: the PIT tick (HZ = 100), jiffies, and the time system calls.
# Wall-clock time = the CMOS RTC read at boot + the ticks since. Sub-tick resolution comes from
# the PIT's down-counter, so two reads within a tick still move forward.
	.include "asm.inc"

	.set PIT_CH0, 0x40
	.set PIT_MODE, 0x43
	.set PIT_TICK_RATE, 1193182
	.set LATCH, (PIT_TICK_RATE + HZ / 2) / HZ	# 11932 input clocks per tick
	.set NSEC_PER_TICK, 1000000000 / HZ
	.set CLOCK_REALTIME, 0
	.set CLOCK_MONOTONIC, 1
	.set CLOCK_BOOTTIME, 7

# time_init(): PIT channel 0, mode 2 (rate generator), LATCH; read the RTC.
ENTRY time_init
	movb $0x34, %al				# channel 0, lobyte/hibyte, mode 2, binary
	outb %al, $PIT_MODE
	movb $(LATCH & 0xFF), %al
	outb %al, $PIT_CH0
	movb $(LATCH >> 8), %al
	outb %al, $PIT_CH0
	call read_persistent_clock
	movl %eax, boot_time_sec
	ret
END time_init

# timer_interrupt(): one tick.
ENTRY timer_interrupt
	addl $1, jiffies_64
	adcl $0, jiffies_64 + 4
	ret
END timer_interrupt

# ktime_get_ns(): nanoseconds since boot in edx:eax (jiffies * 10 ms + PIT progress).
ENTRY ktime_get_ns
	pushl %ebx
	pushl %esi
1:	movl jiffies_64, %esi			# read jiffies, the counter, and jiffies again:
	cli
	movb $0x00, %al				# latch channel 0
	outb %al, $PIT_MODE
	inb $PIT_CH0, %al
	movb %al, %bl
	inb $PIT_CH0, %al
	movb %al, %bh
	sti
	cmpl jiffies_64, %esi			# a tick in between: try again
	jne 1b
	movzwl %bx, %ebx
	cmpl $LATCH, %ebx			# a counter out of range (no PIT): no sub-tick part
	jbe 2f
	movl $LATCH, %ebx
2:	movl $LATCH, %eax			# elapsed input clocks in this tick
	subl %ebx, %eax
	movl $(NSEC_PER_TICK / LATCH), %ecx	# ~838 ns per PIT clock
	mull %ecx
	movl %eax, %ebx				# ebx = ns into the tick (< 10^7)
	movl $NSEC_PER_TICK, %eax
	mull %esi				# edx:eax = jiffies(low) * 10^7
	movl %eax, %esi
	movl %edx, %ecx
	movl jiffies_64 + 4, %eax		# + jiffies(high) * 10^7 << 32
	imull $NSEC_PER_TICK, %eax
	addl %eax, %ecx
	movl %esi, %eax
	movl %ecx, %edx
	addl %ebx, %eax
	adcl $0, %edx
	popl %esi
	popl %ebx
	ret
END ktime_get_ns

# get_timespec(clock, kbuf): fill struct timespec {tv_sec, tv_nsec} (32-bit) for a clock.
# Returns 0 or -EINVAL for an unknown clock.
get_timespec:
	pushl %ebx
	movl 8(%esp), %eax
	cmpl $7, %eax				# REALTIME MONOTONIC PROCESS/THREAD_CPUTIME MONOTONIC_RAW
	ja 9f					# REALTIME_COARSE MONOTONIC_COARSE BOOTTIME: all ticking
	call ktime_get_ns
	movl $1000000000, %ecx
	divl %ecx				# eax = seconds since boot, edx = ns (fits: < 2^32 s)
	movl 8(%esp), %ecx
	cmpl $CLOCK_REALTIME, %ecx
	je 1f
	cmpl $5, %ecx				# CLOCK_REALTIME_COARSE
	jne 2f
1:	addl boot_time_sec, %eax
2:	movl 12(%esp), %ebx
	movl %eax, (%ebx)
	movl %edx, 4(%ebx)
	xorl %eax, %eax
	popl %ebx
	ret
9:	movl $-EINVAL, %eax
	popl %ebx
	ret

# sys_clock_gettime(clockid, struct timespec __user *tp)
ENTRY sys_clock_gettime
	subl $8, %esp
	movl %esp, %eax
	pushl %eax
	pushl 16(%esp)				# clockid (4(%esp) + 8 + 4)
	call get_timespec
	addl $8, %esp
	testl %eax, %eax
	jnz 1f
	movl %esp, %eax
	pushl $8
	pushl %eax
	pushl 24(%esp)				# tp (8(%esp) + 8 + 8)
	call copy_to_user
	addl $12, %esp
	testl %eax, %eax
	movl $0, %eax
	jz 1f
	movl $-EFAULT, %eax
1:	addl $8, %esp
	ret
END sys_clock_gettime

# sys_gettimeofday(struct timeval __user *tv, struct timezone __user *tz)
ENTRY sys_gettimeofday
	subl $8, %esp
	movl %esp, %eax
	pushl %eax
	pushl $CLOCK_REALTIME
	call get_timespec
	addl $8, %esp
	movl 4(%esp), %eax			# ns -> us
	xorl %edx, %edx
	movl $1000, %ecx
	divl %ecx
	movl %eax, 4(%esp)
	cmpl $0, 12(%esp)			# tv may be NULL
	je 1f
	movl %esp, %eax
	pushl $8
	pushl %eax
	pushl 20(%esp)				# tv
	call copy_to_user
	addl $12, %esp
	testl %eax, %eax
	jnz 3f
1:	cmpl $0, 16(%esp)			# tz: minuteswest = dsttime = 0
	je 2f
	movl $0, (%esp)
	movl $0, 4(%esp)
	movl %esp, %eax
	pushl $8
	pushl %eax
	pushl 24(%esp)				# tz
	call copy_to_user
	addl $12, %esp
	testl %eax, %eax
	jnz 3f
2:	xorl %eax, %eax
	addl $8, %esp
	ret
3:	movl $-EFAULT, %eax
	addl $8, %esp
	ret
END sys_gettimeofday

# sys_nanosleep(const struct timespec __user *req, struct timespec __user *rem)
# Sleeps (hlt) until enough ticks have passed; never interrupted, so rem is not written.
ENTRY sys_nanosleep
	pushl %ebx
	subl $8, %esp
	movl %esp, %eax
	pushl $8
	pushl 20(%esp)				# req (4 + 4 + 8 + 4)
	pushl %eax
	call copy_from_user
	addl $12, %esp
	testl %eax, %eax
	jnz 8f
	movl 4(%esp), %eax			# tv_nsec must be 0..999999999, tv_sec >= 0
	cmpl $999999999, %eax
	ja 9f
	cmpl $0, (%esp)
	jl 9f
	addl $(NSEC_PER_TICK - 1), %eax		# round the ns part up to whole ticks
	xorl %edx, %edx
	movl $NSEC_PER_TICK, %ecx
	divl %ecx
	movl %eax, %ebx
	movl (%esp), %eax
	movl $HZ, %ecx
	mull %ecx				# seconds * HZ (edx ignored: > 497 days)
	addl %eax, %ebx
	incl %ebx				# at least one full tick, like Linux's "+1"
	addl jiffies_64, %ebx			# ebx = the tick to wake at
1:	movl %ebx, %eax
	subl jiffies_64, %eax
	jle 2f					# signed difference: wrap-safe
	sti
	hlt					# the timer interrupt wakes us
	jmp 1b
2:	xorl %eax, %eax
	jmp 7f
8:	movl $-EFAULT, %eax
	jmp 7f
9:	movl $-EINVAL, %eax
7:	addl $8, %esp
	popl %ebx
	ret
END sys_nanosleep

# read_persistent_clock() -> seconds since 1970 from the CMOS RTC (0 if it reads as garbage).
	.set CMOS_ADDR, 0x70
	.set CMOS_DATA, 0x71
cmos_read:					# al = register -> al = value
	outb %al, $CMOS_ADDR
	inb $CMOS_DATA, %al
	ret
bcd2bin:					# eax: BCD byte -> binary, unless the RTC is in binary mode
	testb $4, rtc_status_b
	jnz 1f
	movl %eax, %ecx
	shrl $4, %ecx
	andl $0x0F, %eax
	imull $10, %ecx
	addl %ecx, %eax
1:	ret
ENTRY read_persistent_clock
	pushl %ebx
	pushl %esi
	pushl %edi
	pushl %ebp
1:	movb $0x0A, %al				# wait while an update is in progress
	call cmos_read
	cmpb $0xFF, %al				# no RTC
	je 8f
	testb $0x80, %al
	jnz 1b
	movb $0x0B, %al
	call cmos_read
	movb %al, rtc_status_b
	movb $0x09, %al				# year (2 digits)
	call cmos_read
	movzbl %al, %eax
	call bcd2bin
	leal 2000(%eax), %ebp			# ebp = year
	movb $0x08, %al
	call cmos_read
	movzbl %al, %eax
	call bcd2bin
	movl %eax, %edi				# edi = month
	movb $0x07, %al
	call cmos_read
	movzbl %al, %eax
	call bcd2bin
	movl %eax, %esi				# esi = day
	cmpl $1, %edi				# sanity: month 1..12, day 1..31
	jb 8f
	cmpl $12, %edi
	ja 8f
	cmpl $1, %esi
	jb 8f
	cmpl $31, %esi
	ja 8f
	# days since 1970-01-01 (Howard Hinnant's days_from_civil, for years >= 2000)
	cmpl $2, %edi				# Jan/Feb count as months 11/12 of the previous year
	ja 2f
	decl %ebp
	addl $12, %edi
2:	subl $3, %edi				# month 0 = March
	movl %edi, %eax
	imull $153, %eax
	addl $2, %eax
	xorl %edx, %edx
	movl $5, %ecx
	divl %ecx				# (153 * m + 2) / 5
	leal -1(%eax,%esi), %ebx		# + day - 1 = day of the year from March 1
	movl %ebp, %eax				# + 365 * y + y/4 - y/100 + y/400
	imull $365, %eax
	addl %eax, %ebx
	movl %ebp, %eax
	shrl $2, %eax
	addl %eax, %ebx
	movl %ebp, %eax
	xorl %edx, %edx
	movl $100, %ecx
	divl %ecx
	subl %eax, %ebx
	shrl $2, %eax				# (y / 100) / 4 = y / 400
	addl %eax, %ebx
	subl $719468, %ebx			# the same count for 1970-03-01 ... minus 60 days
	imull $86400, %ebx			# (719468 = days from 0000-03-01 to 1970-01-01)
	movb $0x04, %al				# hours
	call cmos_read
	movzbl %al, %eax
	call bcd2bin
	imull $3600, %eax
	addl %eax, %ebx
	movb $0x02, %al				# minutes
	call cmos_read
	movzbl %al, %eax
	call bcd2bin
	imull $60, %eax
	addl %eax, %ebx
	movb $0x00, %al				# seconds
	call cmos_read
	movzbl %al, %eax
	call bcd2bin
	addl %ebx, %eax
	jmp 9f
8:	xorl %eax, %eax
9:	popl %ebp
	popl %edi
	popl %esi
	popl %ebx
	ret
END read_persistent_clock

	.data
	.p2align 3
	.globl jiffies_64, boot_time_sec
jiffies_64: .quad 0
boot_time_sec: .long 0
rtc_status_b: .byte 0
