# printk.s: formatted kernel messages on the serial console.
# printk(fmt, ...) understands %d %u %x %s %c %% with an optional '0' flag and a width (%08x).
# pr_info(fmt, ...) is printk unless the command line said "quiet".
	.include "asm.inc"

# pr_info(fmt, ...): informational messages, silenced by "quiet".
ENTRY pr_info
	cmpb $0, console_quiet
	je printk				# same arguments, same stack: a tail call
	ret
END pr_info

# printk(fmt, ...)
# Arguments: 4(%esp) = format string, 8(%esp)... = the values, one 32-bit word each
ENTRY printk
	pushl %ebp
	movl %esp, %ebp
	pushl %ebx
	pushl %esi
	pushl %edi
	subl $4, %esp				# -16(%ebp): the pad character
	movl 8(%ebp), %esi			# esi = format
	leal 12(%ebp), %edi			# edi = next argument
1:	lodsb
	testb %al, %al
	jz 9f
	cmpb $'%', %al
	je 2f
	movzbl %al, %eax
	call printk_putc
	jmp 1b
2:	movb $' ', -16(%ebp)
	xorl %ebx, %ebx				# ebx = width
	lodsb
	cmpb $'0', %al
	jne 3f
	movb $'0', -16(%ebp)
	lodsb
3:	cmpb $'0', %al				# width digits
	jb 4f
	cmpb $'9', %al
	ja 4f
	imull $10, %ebx
	subb $'0', %al
	movzbl %al, %eax
	addl %eax, %ebx
	lodsb
	jmp 3b
4:	cmpb $'x', %al
	je 5f
	cmpb $'d', %al
	je 6f
	cmpb $'u', %al
	je 7f
	cmpb $'s', %al
	je 8f
	cmpb $'c', %al
	je 10f
	testb %al, %al				# "%" at the very end
	jz 9f
	movzbl %al, %eax			# "%%" and unknown conversions print the character
	call printk_putc
	jmp 1b
5:	movl $16, %ecx
	jmp 11f
6:	movl (%edi), %eax
	testl %eax, %eax
	jns 7f
	negl (%edi)				# print '-' then the magnitude (width counts digits only)
	movl $'-', %eax
	call printk_putc
7:	movl $10, %ecx
11:	movl (%edi), %eax
	addl $4, %edi
	movzbl -16(%ebp), %edx
	call printk_number			# eax = value, ecx = base, ebx = width, edx = pad
	jmp 1b
8:	movl (%edi), %ebx			# %s
	addl $4, %edi
	testl %ebx, %ebx
	jnz 12f
	PUSH_STR "(null)"
	popl %ebx
12:	movzbl (%ebx), %eax
	testl %eax, %eax
	jz 1b
	call printk_putc
	incl %ebx
	jmp 12b
10:	movl (%edi), %eax			# %c
	addl $4, %edi
	movzbl %al, %eax
	call printk_putc
	jmp 1b
9:	addl $4, %esp
	popl %edi
	popl %esi
	popl %ebx
	popl %ebp
	ret
END printk

# printk_putc: eax = character. Preserves ebx, esi, edi.
printk_putc:
	pushl %eax
	call serial_putc
	addl $4, %esp
	ret

# printk_number: eax = value, ecx = base (10 or 16), ebx = minimum width, edx = pad character.
# Digits are produced backwards into a stack buffer, then printed in order.
printk_number:
	pushl %esi
	pushl %edi
	subl $16, %esp
	movl %edx, %edi				# edi = pad character
	leal 16(%esp), %esi			# esi = end of the digit buffer
1:	xorl %edx, %edx
	divl %ecx
	movb hex_digits(%edx), %dl
	decl %esi
	movb %dl, (%esi)
	testl %eax, %eax
	jnz 1b
	leal 16(%esp), %eax
	subl %esi, %eax				# eax = number of digits
2:	cmpl %eax, %ebx				# pad up to the width
	jle 3f
	pushl %eax
	movl %edi, %eax
	call printk_putc
	popl %eax
	decl %ebx
	jmp 2b
3:	leal 16(%esp), %edi
4:	cmpl %edi, %esi
	je 5f
	movzbl (%esi), %eax
	call printk_putc
	incl %esi
	jmp 4b
5:	addl $16, %esp
	popl %edi
	popl %esi
	ret

	.section .rodata
hex_digits: .ascii "0123456789abcdef"
	.data
	.globl console_quiet
console_quiet: .byte 0				# set by "quiet" on the command line
