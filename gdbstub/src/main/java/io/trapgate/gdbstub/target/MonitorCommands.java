package io.trapgate.gdbstub.target;

/** Capability: {@code monitor …} in gdb ({@code qRcmd}). */
public interface MonitorCommands {

    /**
     * Runs one command line. Output goes to {@code out} as it is produced (the client shows it at once);
     * an unknown command prints a one-line error rather than failing.
     */
    void monitor(String command, MonitorOutput out);

    /** Sink for a monitor command's text. */
    @FunctionalInterface
    interface MonitorOutput {
        void print(String text);
    }
}
