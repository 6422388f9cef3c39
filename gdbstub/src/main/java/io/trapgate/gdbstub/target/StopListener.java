package io.trapgate.gdbstub.target;

/** Receives the target's stops; called from the thread that owns the machine. */
@FunctionalInterface
public interface StopListener {

    void stopped(StopReason reason);

    /**
     * Text for the client's console while the machine runs (gdb's {@code O} packets), e.g. a log the target
     * keeps; dropped when no client is waiting for a stop, since a client reads {@code O} only then.
     */
    default void console(String text) {
    }
}
