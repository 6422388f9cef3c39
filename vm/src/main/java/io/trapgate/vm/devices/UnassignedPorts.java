package io.trapgate.vm.devices;

/**
 * Stands on every port no device claims when {@code -d unimp} is on: reads all ones, drops writes
 * (as the bare bus does) and logs each access.
 */
public final class UnassignedPorts implements IoDevice {
    private final TraceLog log;

    public UnassignedPorts(TraceLog log) {
        this.log = log;
    }

    @Override
    public int in(int port, int size) {
        log.log(String.format("unimp: %d-byte read of unassigned I/O port 0x%04x", size, port));
        return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
    }

    @Override
    public void out(int port, int size, int value) {
        log.log(String.format("unimp: %d-byte write of 0x%x to unassigned I/O port 0x%04x", size, value, port));
    }
}
