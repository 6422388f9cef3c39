package io.trapgate.vm.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The {@code trapgate} command line (QEMU's flags). CONTRACT: {@link #run} is what tests call
 * in-process; {@link #main} only wires it to the real process streams and exit code.
 */
public final class TrapgateCommand {
    private TrapgateCommand() {
    }

    /**
     * Runs the VM as the command line says and returns the process exit code. Guest serial output
     * goes to {@code out}, diagnostics to {@code err}; {@code in} feeds the serial port.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        err.println("trapgate: not implemented yet");
        return 1;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }
}
