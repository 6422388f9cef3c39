package io.trapgate.vm.devices;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Serial input from a host stream (stdin). A daemon thread blocks in {@code read} and queues what it
 * gets; the CPU thread only polls the queue, so it never blocks on the host and never shares the
 * machine's state with the reader.
 */
public final class HostSerialInput implements SerialInput {
    private final LinkedBlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();
    private volatile boolean ended;
    /** A byte taken off the queue by {@link #await} and not yet polled; CPU thread only. */
    private int held = -1;

    public HostSerialInput(InputStream in) {
        Thread reader = new Thread(() -> pump(in), "trapgate-serial-input");
        reader.setDaemon(true);
        reader.start();
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[256];
        try {
            for (;;) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                for (int i = 0; i < n; i++) {
                    bytes.add(buf[i] & 0xFF);
                }
            }
        } catch (IOException e) {
            // the host side is gone: the guest just sees no more input
        } finally {
            ended = true;
        }
    }

    @Override
    public int poll() {
        if (held >= 0) {
            int b = held;
            held = -1;
            return b;
        }
        Integer b = bytes.poll();
        return b == null ? -1 : b;
    }

    @Override
    public boolean mayHaveMore() {
        return held >= 0 || !ended || !bytes.isEmpty();
    }

    @Override
    public boolean await(long millis) throws InterruptedException {
        if (held >= 0) {
            return true;
        }
        Integer b = bytes.poll(millis, TimeUnit.MILLISECONDS);
        if (b == null) {
            return false;
        }
        held = b;
        return true;
    }
}
