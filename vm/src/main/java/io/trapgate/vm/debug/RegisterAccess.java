package io.trapgate.vm.debug;

import io.trapgate.vm.cpu.CpuRegisters;

/** What the register table's accessors reach: the CPU's registers and the few values derived from the machine. */
interface RegisterAccess {

    CpuRegisters regs();

    /** Loads a segment register as the guest would (only when the selector changes); false if it would fault. */
    boolean writeSegment(int seg, long selector);

    /** The system call number in the current kernel stack's pt_regs while the CPU is inside a system call, else -1. */
    int origEax();

    boolean setOrigEax(int value);

    long tsc();
}
