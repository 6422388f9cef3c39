# reboot.s: power the machine off so that a headless run reports a status.
	.include "asm.inc"

	.set ACPI_SHUTDOWN_PORT, 0xB004		# Bochs/old QEMU PIIX4 PM1a control: 0x2000 = S5
	.set ACPI_SHUTDOWN_PORT_QEMU, 0x604	# QEMU's current PIIX4 PM1a control
	.set ISA_DEBUG_EXIT_PORT, 0xF4		# QEMU -device isa-debug-exit: exit((v << 1) | 1)

# machine_power_off(status): status 0 -> ACPI power-off (the VM exits 0); then, for machines
# without it or for a non-zero status, isa-debug-exit with the status. Never returns.
# Arguments: 4(%esp) = status
ENTRY machine_power_off
	cli
	movl 4(%esp), %ebx
	testl %ebx, %ebx
	jnz 1f
	movw $0x2000, %ax			# SLP_TYP = 0 (S5), SLP_EN
	movw $ACPI_SHUTDOWN_PORT, %dx
	outw %ax, %dx
	movw $ACPI_SHUTDOWN_PORT_QEMU, %dx
	outw %ax, %dx
1:	movl %ebx, %eax
	movw $ISA_DEBUG_EXIT_PORT, %dx
	outl %eax, %dx
2:	hlt					# nothing listened: stop here
	jmp 2b
END machine_power_off

# panic(fmt, ...): print "Kernel panic - not syncing: ..." and power off with EXIT_STATUS_PANIC.
ENTRY panic
	PUSH_STR "Kernel panic - not syncing: "
	call printk
	addl $4, %esp
	popl %eax				# drop our return address: now 4(%esp) is the caller's
	call printk				# format, with its arguments after it, untouched
	pushl $EXIT_STATUS_PANIC
	call machine_power_off
END panic
