# ioctl.s: the console's terminal ioctls. Anything else, or any other file: -ENOTTY.
	.include "asm.inc"

	.set TCGETS, 0x5401
	.set TCSETS, 0x5402
	.set TCSETSW, 0x5403
	.set TCSETSF, 0x5404
	.set TIOCGWINSZ, 0x5413
	.set TIOCSWINSZ, 0x5414
	.set TERMIOS_SIZE, 36			# struct termios (kernel's, asm-generic/termbits.h)

# sys_ioctl(fd, cmd, arg)
ENTRY sys_ioctl
	pushl 4(%esp)
	call fget
	addl $4, %esp
	testl %eax, %eax
	jz 8f
	movl FILE_INODE(%eax), %eax
	movl INODE_MODE(%eax), %edx
	andl $S_IFMT, %edx
	cmpl $S_IFCHR, %edx
	jne 7f
	cmpl $0x440, INODE_RDEV(%eax)		# only the console is a terminal
	jne 7f
	movl 8(%esp), %eax
	cmpl $TCGETS, %eax
	je 1f
	cmpl $TIOCGWINSZ, %eax
	je 2f
	cmpl $TCSETS, %eax			# settings are accepted (read, checked) and ignored:
	jb 7f					# the line discipline here has no modes
	cmpl $TCSETSF, %eax
	jbe 3f
	cmpl $TIOCSWINSZ, %eax
	je 4f
	jmp 7f
1:	pushl $TERMIOS_SIZE
	pushl $console_termios
	jmp 5f
2:	pushl $8
	pushl $console_winsize
5:	pushl 20(%esp)				# arg
	call copy_to_user
	addl $12, %esp
	jmp 6f
3:	pushl $TERMIOS_SIZE
	jmp 10f
4:	pushl $8
10:	pushl 16(%esp)				# arg
	pushl $ioctl_scratch
	call copy_from_user
	addl $12, %esp
6:	testl %eax, %eax
	jnz 9f
	ret
7:	movl $-ENOTTY, %eax
	ret
8:	movl $-EBADF, %eax
	ret
9:	movl $-EFAULT, %eax
	ret
END sys_ioctl

	.section .rodata
console_termios:				# what the console does: raw bytes out, \r -> \n in
	.long 0x00000100			# c_iflag: ICRNL
	.long 0					# c_oflag: no post-processing (no \n -> \r\n)
	.long 0x000018B2			# c_cflag: B115200 | CS8 | CREAD | CLOCAL
	.long 0x00000002			# c_lflag: ICANON (whole lines), no echo, no signals
	.byte 0					# c_line
	.byte 3, 0x1C, 0x7F, 0x15, 4, 0, 1, 0	# c_cc: INTR QUIT ERASE KILL EOF TIME MIN SWTC
	.byte 0x11, 0x13, 0x1A, 0, 0x12, 0x0F, 0x17, 0x16, 0, 0, 0	# START STOP SUSP ...
console_winsize:
	.word 24, 80, 0, 0			# ws_row, ws_col, ws_xpixel, ws_ypixel
	.bss
ioctl_scratch: .skip TERMIOS_SIZE
