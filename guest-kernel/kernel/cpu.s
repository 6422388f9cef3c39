# cpu.s: the GDT (Linux's i386 layout), the TSS, the FPU, and the sysenter MSRs.
	.include "asm.inc"

# cpu_init(): load the GDT and TSS, reload every segment register, set up the FPU/SSE and
# (when the CPU has SEP) the sysenter MSRs.
ENTRY cpu_init
	pushl %ebx
	# TSS descriptor (entry 16): base = &init_tss, limit = 103, type 9 (available 32-bit TSS)
	movl $init_tss, %eax
	movl %eax, %edx
	shll $16, %eax
	orl $(TSS_SIZE - 1), %eax		# low word: base[15:0] << 16 | limit[15:0]
	movl %edx, %ecx
	andl $0xFF000000, %ecx			# base[31:24]
	shrl $16, %edx
	andl $0xFF, %edx			# base[23:16]
	orl %ecx, %edx
	orl $0x00008900, %edx			# present, DPL 0, type 9
	movl %eax, gdt_table + GDT_ENTRY_TSS * 8
	movl %edx, gdt_table + GDT_ENTRY_TSS * 8 + 4

	lgdt gdt_descr
	ljmp $__KERNEL_CS, $1f			# reload cs from the new table
1:	movl $__KERNEL_DS, %eax
	movl %eax, %ss
	movl $__USER_DS, %eax			# as Linux: ds/es hold __USER_DS in the kernel too
	movl %eax, %ds
	movl %eax, %es
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs

	movl $__KERNEL_DS, init_tss + TSS_SS0
	movl $(init_stack + THREAD_SIZE), init_tss + TSS_ESP0
	movw $TSS_SIZE, init_tss + TSS_IOMAP	# I/O bitmap beyond the limit: no port access from ring 3
	movw $GDT_ENTRY_TSS_SEL, %ax
	ltr %ax

	movl $1, %eax
	cpuid
	movl %edx, boot_cpu_hwcap		# AT_HWCAP: CPUID.1:EDX, as Linux reports it
	testl $(1 << 24), %edx			# FXSR: let user programs use SSE (fxsave-capable OS)
	jz 2f
	movl %cr4, %eax
	orl $(X86_CR4_OSFXSR + X86_CR4_OSXMMEXCPT), %eax
	movl %eax, %cr4
2:	testl $(1 << 11), %edx			# SEP: sysenter/sysexit
	jz 3f
	movl $MSR_IA32_SYSENTER_CS, %ecx	# 0x174: cs = 0x60, ss = cs + 8 = 0x68;
	movl $__KERNEL_CS, %eax			# sysexit: cs = cs + 16 | 3 = 0x73, ss = cs + 24 | 3 = 0x7b
	xorl %edx, %edx
	wrmsr
	movl $MSR_IA32_SYSENTER_ESP, %ecx	# 0x175: the same stack top as tss.esp0
	movl $(init_stack + THREAD_SIZE), %eax
	wrmsr
	movl $MSR_IA32_SYSENTER_EIP, %ecx	# 0x176
	movl $entry_SYSENTER_32, %eax
	wrmsr
	movb $1, sysenter_enabled
	jmp 4f
3:	PUSH_STR "cpu: no SEP (sysenter): the vDSO enters with int $0x80\n"
	call pr_info
	addl $4, %esp
4:	popl %ebx
	ret
END cpu_init

# fpu_init(): native FPU errors (NE), no emulation, no lazy switching (one process), fninit.
# Runs after trap_init: on a CPU without an x87 the fninit raises #UD or #NM, which its
# __ex_table entry turns into "no FPU" instead of an oops.
ENTRY fpu_init
	movl %cr0, %eax
	andl $~(X86_CR0_EM + X86_CR0_TS), %eax
	orl $(X86_CR0_MP + X86_CR0_NE), %eax
	movl %eax, %cr0
	testl $1, boot_cpu_hwcap		# CPUID.1:EDX.FPU
	jz 2f
1:	fninit
	ret
2:	PUSH_STR "fpu: no x87 FPU\n"
	call pr_info
	addl $4, %esp
	ret
	_ASM_EXTABLE 1b, 2b
END fpu_init

	.data
	.p2align 3
# gdt_table: Linux's i386 GDT (arch/x86/include/asm/segment.h)
	.globl gdt_table
gdt_table:
	.quad 0					#  0 null
	.quad 0, 0, 0, 0, 0			#  1-5 unused
	.quad 0, 0, 0				#  6-8 TLS (set_thread_area)
	.quad 0, 0, 0				#  9-11 unused
	.quad 0x00CF9A000000FFFF		# 12 0x60 kernel code: base 0, 4 GiB, DPL 0, 32-bit
	.quad 0x00CF92000000FFFF		# 13 0x68 kernel data
	.quad 0x00CFFA000000FFFF		# 14 0x73 user code: DPL 3
	.quad 0x00CFF2000000FFFF		# 15 0x7b user data: DPL 3
	.quad 0					# 16 0x80 TSS (filled by cpu_init)
	.fill GDT_ENTRIES - 17, 8, 0		# 17-31 unused (LDT, PNPBIOS, APM, percpu ...)
gdt_end:
	.p2align 2
	.word 0
gdt_descr:
	.word gdt_end - gdt_table - 1
	.long gdt_table

	.globl boot_cpu_hwcap, sysenter_enabled
boot_cpu_hwcap: .long 0
sysenter_enabled: .byte 0

	.set TSS_ESP0, 4
	.set TSS_SS0, 8
	.set TSS_IOMAP, 102
	.set TSS_SIZE, 104
	.bss
	.p2align 4
	.globl init_tss
init_tss: .skip TSS_SIZE			# only esp0/ss0 matter: the ring 3 -> 0 stack switch
