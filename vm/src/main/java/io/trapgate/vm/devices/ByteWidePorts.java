package io.trapgate.vm.devices;

/**
 * Puts an 8-bit ISA device on the bus: a 16- or 32-bit access becomes byte accesses to consecutive
 * ports, as the bus splits it on a PC (and as QEMU does for devices with a 1-byte access size), so
 * {@code outw %ax, $0x70} selects CMOS register AL and writes AH to it.
 */
public final class ByteWidePorts implements IoDevice {
    private final IoDevice device;
    private final IoBus bus;

    public ByteWidePorts(IoDevice device, IoBus bus) {
        this.device = device;
        this.bus = bus;
    }

    @Override
    public int in(int port, int size) {
        if (size == 1) {
            return device.in(port, 1) & 0xFF;
        }
        int v = device.in(port, 1) & 0xFF;
        for (int i = 1; i < size; i++) {
            v |= (bus.in((port + i) & 0xFFFF, 1) & 0xFF) << (8 * i); // the next port may be another device's
        }
        return v;
    }

    @Override
    public void out(int port, int size, int value) {
        device.out(port, 1, value & 0xFF);
        for (int i = 1; i < size; i++) {
            bus.out((port + i) & 0xFFFF, 1, value >>> (8 * i) & 0xFF);
        }
    }
}
