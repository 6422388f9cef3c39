package io.trapgate.vm.devices;

/**
 * QEMU's isa-debug-exit: writing v stops the machine and the process exits with (v << 1) | 1, so a
 * guest can report a test result. The exit status an OS delivers is the low 8 bits of that.
 */
public final class DebugExitPort implements IoDevice {
    public static final int DEFAULT_BASE = 0xF4;
    public static final int DEFAULT_SIZE = 4;
    private final MachineControl machine;

    public DebugExitPort(MachineControl machine) {
        this.machine = machine;
    }

    @Override
    public int in(int port, int size) {
        return 0;
    }

    @Override
    public void out(int port, int size, int value) {
        int v = size == 1 ? value & 0xFF : size == 2 ? value & 0xFFFF : value;
        machine.requestExit((v << 1 | 1) & 0xFF, String.format("isa-debug-exit: guest wrote 0x%x", v));
    }
}
