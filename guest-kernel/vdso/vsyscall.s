# vsyscall.s: the vDSO's code (lecture slides 28-31). The kernel maps this shared object
# into every process and names __kernel_vsyscall in AT_SYSINFO; libcs call it instead of
# int $0x80, and the kernel decides how it enters: built twice, as Linux did,
#	vdso32-sysenter.so (VDSO_SYSENTER=1): sysenter, back by sysexit to int80_landing_pad;
#	vdso32-int80.so (VDSO_SYSENTER=0): int $0x80, for CPUs without SEP.
	.text
	.globl __kernel_vsyscall
	.type __kernel_vsyscall, @function
	.p2align 4
# __kernel_vsyscall: a system call.
# Arguments: as int $0x80 (eax = number, ebx ecx edx esi edi ebp = arguments); result in eax.
__kernel_vsyscall:
	.if VDSO_SYSENTER
	push %ecx				# sysenter saves nothing: keep ecx and edx (sysexit
	push %edx				# returns through them) and ebp (arg 6 travels on the
	push %ebp				# stack, the user esp in ebp)
	mov %esp, %ebp
	sysenter
	int $0x80				# not reached normally: kept as Linux has it, for a
						# kernel that restarts the call through int $0x80
	.globl int80_landing_pad
int80_landing_pad:				# sysexit comes back here
	pop %ebp
	pop %edx
	pop %ecx
	ret
	.else
	int $0x80
	ret
	.endif
	.size __kernel_vsyscall, . - __kernel_vsyscall

# __kernel_sigreturn, __kernel_rt_sigreturn: the signal return trampolines Linux's vDSO
# exports (this kernel delivers no signals: they return -ENOSYS like the calls themselves).
	.globl __kernel_sigreturn
	.type __kernel_sigreturn, @function
	.p2align 4
__kernel_sigreturn:
	pop %eax
	mov $119, %eax				# __NR_sigreturn
	int $0x80
	.size __kernel_sigreturn, . - __kernel_sigreturn

	.globl __kernel_rt_sigreturn
	.type __kernel_rt_sigreturn, @function
	.p2align 4
__kernel_rt_sigreturn:
	mov $173, %eax				# __NR_rt_sigreturn
	int $0x80
	.size __kernel_rt_sigreturn, . - __kernel_rt_sigreturn

	.section .note.Linux, "a", @note	# the kernel version note libcs may read
	.balign 4
	.long 2f - 1f				# namesz
	.long 4f - 3f				# descsz
	.long 0					# type
1:	.asciz "Linux"
2:	.balign 4
3:	.long 0x060100				# LINUX_VERSION_CODE 6.1.0
4:	.balign 4
