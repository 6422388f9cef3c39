package io.trapgate.vm;

/**
 * The process exit codes of {@code trapgate} (README "Command line"). A guest's isa-debug-exit
 * write v exits with (v << 1) | 1, which is always odd, so trapgate's own codes are even, except 1,
 * which QEMU also uses for its own failures.
 */
public final class ExitCodes {
    /** Power-off by the guest (0x2000 to port 0xB004), or --help/--version. */
    public static final int POWER_OFF = 0;
    /** trapgate itself failed (a VM bug or a host I/O error); the message and guest state are on stderr. */
    public static final int INTERNAL_ERROR = 1;
    /** Bad command line, or a kernel/module that cannot be booted; one line on stderr. */
    public static final int USAGE = 2;
    /** The guest reset the machine (triple fault, reset request) and -no-reboot was given. */
    public static final int GUEST_RESET = 4;
    /** The guest halted with nothing that could ever wake it (IF=0, or no timer and no input). */
    public static final int GUEST_HUNG = 6;
    /** The --timeout watchdog fired; the guest's state is on stderr. */
    public static final int TIMEOUT = 124;

    private ExitCodes() {
    }
}
