package io.trapgate.vm.devices;

/**
 * The Bochs/old-QEMU power-off port: a 16-bit write of 0x2000 to 0xB004 turns the machine off and
 * the process exits 0. QEMU 7.2 no longer honours it, so guests follow it with a debug exit.
 */
public final class PowerOffPort implements IoDevice {
    public static final int PORT = 0xB004;
    private final MachineControl machine;
    private final TraceLog log;

    public PowerOffPort(MachineControl machine, TraceLog log) {
        this.machine = machine;
        this.log = log;
    }

    @Override
    public int in(int port, int size) {
        return size == 1 ? 0xFF : 0xFFFF;
    }

    @Override
    public void out(int port, int size, int value) {
        if (port == PORT && size == 2 && (value & 0xFFFF) == 0x2000) {
            machine.requestExit(0, "power off (0x2000 to port 0xb004)");
        } else {
            log.guestError(String.format("power-off port: ignored %d-byte write of 0x%x to 0x%x", size, value, port));
        }
    }
}
