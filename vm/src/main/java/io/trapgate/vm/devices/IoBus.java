package io.trapgate.vm.devices;

/**
 * The 64 Ki I/O port space. Unassigned ports read all ones and ignore writes, as on a PC where
 * nothing answers the bus cycle.
 */
public final class IoBus {
    private final IoDevice[] ports = new IoDevice[0x10000];

    /** Claims {@code count} ports from {@code first}; a port claimed twice is a wiring bug. */
    public void register(int first, int count, IoDevice device) {
        for (int p = first; p < first + count; p++) {
            if (ports[p] != null) {
                throw new IllegalStateException(String.format("I/O port 0x%04x claimed twice", p));
            }
            ports[p] = device;
        }
    }

    public int in(int port, int size) {
        IoDevice d = ports[port & 0xFFFF];
        if (d == null) {
            return size == 1 ? 0xFF : size == 2 ? 0xFFFF : 0xFFFFFFFF;
        }
        return d.in(port & 0xFFFF, size);
    }

    public void out(int port, int size, int value) {
        IoDevice d = ports[port & 0xFFFF];
        if (d != null) {
            d.out(port & 0xFFFF, size, value);
        }
    }
}
