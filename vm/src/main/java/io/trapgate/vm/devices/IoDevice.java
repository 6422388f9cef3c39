package io.trapgate.vm.devices;

/** A device on the x86 I/O port bus. {@code size} is 1, 2 or 4 bytes. */
public interface IoDevice {
    /** Returns the value read; only the low {@code size} bytes are used. */
    int in(int port, int size);

    void out(int port, int size, int value);
}
