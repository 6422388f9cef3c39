package io.trapgate.gdbstub.target;

/** Why the machine stopped (or ended); the stub turns it into a {@code T}, {@code W} or {@code X} reply. */
public sealed interface StopReason {

    int SIGINT = 2;
    int SIGTRAP = 5;
    int SIGKILL = 9;

    /** Stopped with a signal and no more specific reason (a finished single-step is {@code SIGTRAP}). */
    record Signal(int signal) implements StopReason {
    }

    /** A software breakpoint ({@code Z0}) at the current pc was hit. */
    record SoftwareBreakpoint() implements StopReason {
    }

    /** A hardware breakpoint ({@code Z1}) at the current pc was hit. */
    record HardwareBreakpoint() implements StopReason {
    }

    /** A watchpoint triggered on an access to {@code dataAddress}. */
    record Watchpoint(WatchKind kind, long dataAddress) implements StopReason {
    }

    /** The program ended with an exit status ({@code W}). */
    record Exited(int status) implements StopReason {
    }

    /** The program ended by a signal ({@code X}). */
    record Terminated(int signal) implements StopReason {
    }

    static StopReason interrupted() {
        return new Signal(SIGINT);
    }

    static StopReason stepped() {
        return new Signal(SIGTRAP);
    }

    /** Whether the program is gone (no registers, no memory). */
    default boolean isExit() {
        return this instanceof Exited || this instanceof Terminated;
    }
}
