package io.trapgate.vm.devices;

/** What the CPU sees of the interrupt controller: the INTR line and the INTA cycle. */
public interface InterruptController {
    /** True while an unmasked interrupt request is waiting to be delivered. */
    boolean hasInterrupt();

    /** The INTA cycle: returns the vector of the highest-priority pending request and marks it in service. */
    int acknowledge();
}
