/**
 * The VM as the gdb stub's target: {@link io.trapgate.vm.debug.MachineTarget} implements gdbstub's
 * {@code Target} and its capabilities over the machine (one register table for target.xml, g/G, p/P and
 * lldb's qRegisterInfo; linear or physical memory; breakpoints checked at dispatch; watchpoints through the
 * CPU's data-access hook; steps that hold back interrupts), the kernel-aware monitor
 * ({@code MonitorCommandSet}: page tables, descriptor tables, pt_regs, __ex_table, the syscall log), and
 * {@link io.trapgate.vm.debug.GdbStub}, which -s/-gdb/-S start.
 */
package io.trapgate.vm.debug;
