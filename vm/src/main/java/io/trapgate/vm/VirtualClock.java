package io.trapgate.vm;

import io.trapgate.vm.cpu.Cpu;
import io.trapgate.vm.devices.TimeSource;

/**
 * Virtual time: each retired instruction takes 2^shift ns (1 ns by default, QEMU's
 * {@code -icount shift=0}), plus the time skipped while the CPU was halted. Two runs with the same
 * inputs see the same clock.
 */
public final class VirtualClock implements TimeSource {
    private final int shift;
    private Cpu cpu;
    /** Nanoseconds added by hlt skips (time that passed with no instruction retiring). */
    private long skipped;

    public VirtualClock(int shift) {
        this.shift = shift;
    }

    void attach(Cpu cpu) {
        this.cpu = cpu;
    }

    @Override
    public long nanos() {
        return (cpu == null ? 0 : cpu.retired() << shift) + skipped;
    }

    /** Instructions to run to reach {@code targetNanos}, at least 1. */
    long instructionsUntil(long targetNanos) {
        long delta = targetNanos - nanos();
        if (delta <= 0) {
            return 1;
        }
        return Math.max(1, (delta + (1L << shift) - 1) >>> shift);
    }

    /** Jumps forward to {@code targetNanos} (a halted CPU waiting for a timer). */
    void skipTo(long targetNanos) {
        long now = nanos();
        if (targetNanos > now) {
            skipped += targetNanos - now;
        }
    }
}
