package io.trapgate.gdbstub.target;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A ready-made {@link Target#execute} for a machine with its own thread: the event loop submits, the
 * machine's thread drains at its own pace. A running machine polls {@link #hasPending()} (one volatile read)
 * at block boundaries and calls {@link #drain()}; a stopped one parks in {@link #awaitAndDrain(long)}.
 */
public final class CommandQueue {

    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private volatile boolean pending;
    private volatile Thread waiter;

    /** Queues a command; any thread. */
    public void submit(Runnable command) {
        commands.add(command);
        pending = true;
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
    }

    /** Cheap check for the machine's hot loop. */
    public boolean hasPending() {
        return pending;
    }

    /** Runs every queued command on the calling thread; returns how many ran. */
    public int drain() {
        return drain(() -> false);
    }

    /**
     * Runs queued commands on the calling thread until one leaves {@code stop} true (e.g. it reset or ended
     * the machine: what gdb sent after it must reach the next machine, not this one); returns how many ran.
     */
    public int drain(BooleanSupplier stop) {
        pending = false;
        int n = 0;
        Runnable c;
        while ((c = commands.poll()) != null) {
            c.run();
            n++;
            if (stop.getAsBoolean()) {
                pending = !commands.isEmpty();
                break;
            }
        }
        return n;
    }

    /** Waits up to {@code timeoutNanos} for a command, then runs what is queued; returns how many ran. */
    public int awaitAndDrain(long timeoutNanos) {
        long deadline = System.nanoTime() + timeoutNanos;
        waiter = Thread.currentThread();
        try {
            while (commands.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    return 0;
                }
                LockSupport.parkNanos(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        } finally {
            waiter = null;
        }
        return drain();
    }
}
