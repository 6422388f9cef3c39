package io.trapgate.gdbstub.target;

/** Receives the target's stops; called from the thread that owns the machine. */
@FunctionalInterface
public interface StopListener {

    void stopped(StopReason reason);
}
