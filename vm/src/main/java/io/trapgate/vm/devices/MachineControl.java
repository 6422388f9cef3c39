package io.trapgate.vm.devices;

/** What a device may ask of the machine around it. Called on the CPU thread, during an I/O access. */
public interface MachineControl {
    /** Stops the machine; the process exits with {@code exitCode}. */
    void requestExit(int exitCode, String reason);

    /** A reset request from the guest (it reboots, or exits under -no-reboot). */
    void requestReset(String reason);
}
