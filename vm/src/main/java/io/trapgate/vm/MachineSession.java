package io.trapgate.vm;

import io.trapgate.vm.boot.BootException;
import io.trapgate.vm.devices.TraceLog;

/**
 * A run of trapgate from power-on to exit: builds the machine, reboots it when the guest resets
 * (unless -no-reboot), and arms the --timeout watchdog. The watchdog thread only sets a flag and
 * asks the CPU to stop; the machine itself is touched by the calling thread alone.
 */
public final class MachineSession {
    private final MachineConfig config;
    private volatile Machine current;
    private java.util.function.Consumer<Machine> onBoot = m -> { };
    private volatile boolean timedOut;

    public MachineSession(MachineConfig config) {
        this.config = config;
    }

    /**
     * Called on the machine's thread with each machine built (power-on and every reboot), before its
     * first instruction: where a debugger attaches, or pauses it for -S.
     */
    public void onBoot(java.util.function.Consumer<Machine> listener) {
        this.onBoot = listener;
    }

    /** The machine running now (null before the first is built), for a debugger to submit commands to. */
    public Machine current() {
        return current;
    }

    /** Runs until the guest exits; {@code timeoutSeconds} 0 means no watchdog. */
    public MachineExit run(long timeoutSeconds) throws BootException {
        Thread watchdog = null;
        if (timeoutSeconds > 0) {
            watchdog = new Thread(() -> {
                try {
                    Thread.sleep(timeoutSeconds * 1000);
                } catch (InterruptedException e) {
                    return; // the run ended first
                }
                timedOut = true;
                Machine m = current;
                if (m != null) {
                    m.requestStop();
                }
            }, "trapgate-watchdog");
            watchdog.setDaemon(true);
            watchdog.start();
        }
        try {
            TraceLog log = config.log();
            Machine before = null;
            for (;;) {
                Machine m = new Machine(config, before);
                current = m;
                onBoot.accept(m);
                MachineExit exit = m.run(() -> timedOut);
                if (exit != null) {
                    return exit;
                }
                String state = m.cpu().describeState();
                if (log.cpuReset) {
                    log.log("cpu_reset: " + m.resetReason() + (config.noReboot() ? "" : "; rebooting") + "\n" + state);
                }
                if (config.noReboot()) {
                    return new MachineExit(ExitCodes.GUEST_RESET,
                            "trapgate: guest reset (" + m.resetReason() + ") with -no-reboot", state);
                }
                before = m;
            }
        } finally {
            if (watchdog != null) {
                watchdog.interrupt();
            }
        }
    }

    /** The current guest's registers, for an error report; safe to call after {@link #run} failed. */
    public String describeState() {
        Machine m = current;
        if (m == null) {
            return "(the machine was not built yet)";
        }
        try {
            return m.cpu().describeState();
        } catch (RuntimeException e) {
            return "(the CPU state could not be read: " + e + ")";
        }
    }
}
