package io.trapgate.vm.cpu;

/**
 * Unwinds the current instruction when it raises a guest exception (#PF, #GP, ...). One instance
 * exists per CPU and is thrown without a stack trace: a guest fault is ordinary guest behaviour,
 * not a VM failure, and must cost no allocation. The vector and error code live in the CPU.
 */
final class GuestFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GuestFault() {
        super("guest fault", null, false, false);
    }
}
