# irq.s: the 8259A PICs (remapped to vectors 0x20-0x2F) and do_IRQ.
	.include "asm.inc"

	.set PIC_MASTER_CMD, 0x20
	.set PIC_MASTER_DATA, 0x21
	.set PIC_SLAVE_CMD, 0xA0
	.set PIC_SLAVE_DATA, 0xA1
	.set PIC_EOI, 0x20
	.set FIRST_EXTERNAL_VECTOR, 0x20

.macro PIC_WRITE port, value
	movb $\value, %al
	outb %al, $\port
.endm

# init_IRQ(): ICW1-4 for both PICs: edge triggered, cascaded on IRQ 2, vectors 0x20 and 0x28.
# Unmasked: IRQ 0 (timer), IRQ 2 (cascade), IRQ 4 (COM1).
ENTRY init_IRQ
	PIC_WRITE PIC_MASTER_DATA, 0xFF		# mask everything while reprogramming
	PIC_WRITE PIC_SLAVE_DATA, 0xFF
	PIC_WRITE PIC_MASTER_CMD, 0x11		# ICW1: init, ICW4 follows
	PIC_WRITE PIC_MASTER_DATA, FIRST_EXTERNAL_VECTOR	# ICW2: IRQ 0-7 -> 0x20-0x27
	PIC_WRITE PIC_MASTER_DATA, 0x04		# ICW3: the slave hangs on IRQ 2
	PIC_WRITE PIC_MASTER_DATA, 0x01		# ICW4: 8086 mode
	PIC_WRITE PIC_SLAVE_CMD, 0x11
	PIC_WRITE PIC_SLAVE_DATA, FIRST_EXTERNAL_VECTOR + 8	# IRQ 8-15 -> 0x28-0x2F
	PIC_WRITE PIC_SLAVE_DATA, 0x02		# ICW3: slave id 2
	PIC_WRITE PIC_SLAVE_DATA, 0x01
	PIC_WRITE PIC_MASTER_DATA, 0xEA		# 1110 1010: IRQ 0, 2, 4 enabled
	PIC_WRITE PIC_SLAVE_DATA, 0xFF
	ret
END init_IRQ

# do_IRQ(regs): handle one PIC line. orig_ax = ~irq.
ENTRY do_IRQ
	movl 4(%esp), %eax
	movl PT_ORIG_EAX(%eax), %eax
	notl %eax				# irq number
	cmpl $7, %eax				# IRQ 7 / 15 without a request in service: spurious
	je irq_maybe_spurious
	cmpl $0, %eax
	jne 1f
	call timer_interrupt
	jmp irq_eoi
1:	cmpl $4, %eax
	jne irq_eoi
	pushl %eax
	call serial_poll_rx
	popl %eax
irq_eoi:
	cmpl $8, %eax
	jb 2f
	movb $PIC_EOI, %al			# a slave line: both PICs want the EOI
	outb %al, $PIC_SLAVE_CMD
2:	movb $PIC_EOI, %al
	outb %al, $PIC_MASTER_CMD
	ret
irq_maybe_spurious:
	movb $0x0B, %al				# OCW3: read the in-service register
	outb %al, $PIC_MASTER_CMD
	inb $PIC_MASTER_CMD, %al
	testb $0x80, %al
	jz 3f					# spurious: no EOI
	movl $7, %eax
	jmp irq_eoi
3:	ret
END do_IRQ
