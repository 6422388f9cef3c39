package io.trapgate.vm.devices;

/**
 * The two ways a PC guest asks for a reset without a triple fault: the reset control register at
 * 0xCF9 (a write with bit 2 set resets; bit 1 picks a hard reset) and system control port A at
 * 0x92 (bit 0 is the fast reset; bit 1 is the A20 gate, which is always on here and reads back).
 */
public final class ResetControlPorts implements IoDevice {
    public static final int RESET_CONTROL = 0xCF9;
    public static final int PORT_A = 0x92;
    private final MachineControl machine;
    private int resetControl;

    public ResetControlPorts(MachineControl machine) {
        this.machine = machine;
    }

    @Override
    public int in(int port, int size) {
        return port == PORT_A ? 0x02 : resetControl;
    }

    @Override
    public void out(int port, int size, int value) {
        if (port == PORT_A) {
            if ((value & 0x01) != 0) {
                machine.requestReset("fast reset through port 0x92");
            }
            return;
        }
        resetControl = value & 0x0A;
        if ((value & 0x04) != 0) {
            machine.requestReset("reset through port 0xcf9");
        }
    }
}
