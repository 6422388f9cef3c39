# serial.s: the 16550 UART at COM1 (0x3F8): the console for printk and for fds 0, 1, 2.
# Output polls the transmitter; input arrives by IRQ 4 (or by polling, see serial_poll_rx)
# into a small ring buffer that console_read drains.
	.include "asm.inc"

	.set COM1, 0x3F8
	.set UART_RX, 0				# receive buffer (read)
	.set UART_TX, 0				# transmit holding (write)
	.set UART_DLL, 0			# divisor latch low (when LCR.DLAB)
	.set UART_IER, 1			# interrupt enable
	.set UART_DLM, 1			# divisor latch high (when LCR.DLAB)
	.set UART_FCR, 2			# FIFO control
	.set UART_LCR, 3			# line control
	.set UART_MCR, 4			# modem control
	.set UART_LSR, 5			# line status
	.set UART_LSR_DR, 0x01			# a received byte is waiting
	.set UART_LSR_THRE, 0x20		# the transmitter can take a byte
	.set RX_BUF_SIZE, 256			# power of two

# serial_init(): 115200 8N1, receive interrupt on.
ENTRY serial_init
	call serial_poll_rx			# keep what arrived before us
	movw $(COM1 + UART_IER), %dx
	xorb %al, %al
	outb %al, %dx				# no interrupts while we program it
	movw $(COM1 + UART_LCR), %dx
	movb $0x80, %al				# DLAB: the next two registers are the divisor
	outb %al, %dx
	movw $(COM1 + UART_DLL), %dx
	movb $1, %al				# 115200 / 1
	outb %al, %dx
	movw $(COM1 + UART_DLM), %dx
	xorb %al, %al
	outb %al, %dx
	movw $(COM1 + UART_LCR), %dx
	movb $0x03, %al				# 8 data bits, no parity, 1 stop bit, DLAB off
	outb %al, %dx
	# FCR is left as the firmware set it: changing the FIFO enable bit empties the receive
	# FIFO, and bytes may already be waiting (a test harness types ahead).
	movw $(COM1 + UART_MCR), %dx
	movb $0x0B, %al				# DTR, RTS, OUT2 (OUT2 gates the IRQ line)
	outb %al, %dx
	movw $(COM1 + UART_IER), %dx
	movb $0x01, %al				# interrupt when a byte arrives
	outb %al, %dx
	ret
END serial_init

# serial_putc(c): send one byte, waiting for the transmitter.
# Arguments: 4(%esp) = the byte
ENTRY serial_putc
	movw $(COM1 + UART_LSR), %dx
1:	inb %dx, %al
	testb $UART_LSR_THRE, %al
	jz 1b
	movb 4(%esp), %al
	movw $(COM1 + UART_TX), %dx
	outb %al, %dx
	ret
END serial_putc

# serial_poll_rx(): move every waiting received byte into the ring buffer (IRQ 4 and readers).
# A full buffer drops the byte. Call with interrupts off.
ENTRY serial_poll_rx
1:	movw $(COM1 + UART_LSR), %dx
	inb %dx, %al
	cmpb $0xFF, %al				# no UART at all (unassigned ports read all ones)
	je 2f
	testb $UART_LSR_DR, %al
	jz 2f
	movw $(COM1 + UART_RX), %dx
	inb %dx, %al
	cmpb $'\r', %al				# a terminal's Enter is \r; programs expect \n (ICRNL)
	jne 3f
	movb $'\n', %al
3:	movl rx_head, %ecx
	movl %ecx, %edx
	subl rx_tail, %edx
	cmpl $RX_BUF_SIZE, %edx
	jae 1b					# full: drop
	andl $(RX_BUF_SIZE - 1), %ecx
	movb %al, rx_buf(%ecx)
	incl rx_head
	jmp 1b
2:	ret
END serial_poll_rx

# console_read(kbuf, count) -> bytes read: a line at a time, like a canonical tty. It waits
# until a '\n' has arrived, or count bytes, or the buffer is full.
# Arguments: 4(%esp) = kernel buffer, 8(%esp) = count (> 0)
ENTRY console_read
	pushl %edi
1:	cli					# check and sleep without losing a wake-up:
	call serial_poll_rx
	movl rx_head, %eax
	subl rx_tail, %eax			# bytes waiting
	cmpl 12(%esp), %eax
	jae 2f
	cmpl $RX_BUF_SIZE, %eax
	jae 2f
	movl rx_tail, %ecx			# a newline among them?
5:	cmpl rx_head, %ecx
	je 6f
	movl %ecx, %edx
	andl $(RX_BUF_SIZE - 1), %edx
	cmpb $'\n', rx_buf(%edx)
	je 2f
	incl %ecx
	jmp 5b
6:	sti					# sti; hlt: the interrupt cannot slip in between
	hlt
	jmp 1b
2:	sti
	movl 8(%esp), %edi			# kbuf
	xorl %eax, %eax				# bytes copied
3:	movl rx_tail, %ecx
	cmpl rx_head, %ecx
	je 4f
	cmpl 12(%esp), %eax
	jae 4f
	andl $(RX_BUF_SIZE - 1), %ecx
	movb rx_buf(%ecx), %dl
	movb %dl, (%edi,%eax)
	incl rx_tail
	incl %eax
	cmpb $'\n', %dl				# a line at a time, like a canonical tty
	jne 3b
4:	popl %edi
	ret
END console_read

# console_write(kbuf, count): write bytes as they are (no \n -> \r\n: output is compared raw).
# Arguments: 4(%esp) = kernel buffer, 8(%esp) = count
ENTRY console_write
	pushl %esi
	pushl %ebx
	movl 12(%esp), %esi
	movl 16(%esp), %ebx
	testl %ebx, %ebx
	jz 2f
1:	movzbl (%esi), %eax
	pushl %eax
	call serial_putc
	addl $4, %esp
	incl %esi
	decl %ebx
	jnz 1b
2:	popl %ebx
	popl %esi
	ret
END console_write

	.bss
rx_buf:	.skip RX_BUF_SIZE
rx_head: .long 0				# free-running counters; index = counter & (size - 1)
rx_tail: .long 0
