package io.trapgate.vm.devices;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The Bochs/QEMU "port 0xE9 hack" debug console: each byte written goes out raw, with no prefix.
 * Reading the port returns 0xE9, which is how guests detect it.
 */
public final class DebugConsole implements IoDevice {
    public static final int PORT = 0xE9;
    private final OutputStream out;

    public DebugConsole(OutputStream out) {
        this.out = out;
    }

    @Override
    public int in(int port, int size) {
        return PORT;
    }

    @Override
    public void out(int port, int size, int value) {
        try {
            out.write(value & 0xFF);
        } catch (IOException e) {
            throw new UncheckedIOException("debug console output failed", e);
        }
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("debug console output failed", e);
        }
    }
}
