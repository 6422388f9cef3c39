package io.trapgate.vm.cli;

import io.trapgate.vm.ExitCodes;
import io.trapgate.vm.MachineConfig;
import io.trapgate.vm.MachineExit;
import io.trapgate.vm.MachineSession;
import io.trapgate.vm.boot.BootException;
import io.trapgate.vm.boot.BootFile;
import io.trapgate.vm.boot.BootModule;
import io.trapgate.vm.cpu.CpuModel;
import io.trapgate.vm.debug.GdbStub;
import io.trapgate.vm.devices.HostSerialInput;
import io.trapgate.vm.devices.SerialInput;
import io.trapgate.vm.devices.TraceLog;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The {@code trapgate} command line (QEMU's flags). CONTRACT: {@link #run} is what tests call
 * in-process; {@link #main} only wires it to the real process streams and exit code.
 */
public final class TrapgateCommand {
    public static final String VERSION = "0.1.0-SNAPSHOT";
    public static final String BUNDLED_KERNEL = "/trapgate/kernel.elf";
    public static final String BUNDLED_INITRD = "/trapgate/initramfs.cpio";

    private TrapgateCommand() {
    }

    /**
     * Runs the VM as the command line says and returns the process exit code. Guest serial output
     * goes to {@code out}, diagnostics to {@code err}; {@code in} feeds the serial port.
     */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        TrapgateOptions options = new TrapgateOptions();
        CommandLine cl = new CommandLine(options);
        cl.setPosixClusteredShortOptionsAllowed(false); // -sS is not two flags in QEMU either
        cl.setOverwrittenOptionsAllowed(true); // the last -m wins, as in QEMU
        cl.setExpandAtFiles(false);
        cl.setUnmatchedOptionsArePositionalParams(false);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            err.println("trapgate: " + oneLine(e.getMessage()) + " (see --help)");
            return ExitCodes.USAGE;
        }
        if (cl.isUsageHelpRequested()) {
            cl.usage(out);
            return 0;
        }
        if (cl.isVersionHelpRequested()) {
            out.println("trapgate " + VERSION);
            return 0;
        }
        if (options.positional != null && !options.positional.isEmpty()) {
            err.println("trapgate: unexpected argument '" + options.positional.get(0) + "' (see --help)");
            return ExitCodes.USAGE;
        }
        List<AutoCloseable> toClose = new ArrayList<>();
        MachineSession session = null;
        try {
            if ("help".equals(options.debugItems)) {
                out.println("Log items (comma separated):");
                for (Map.Entry<String, String> c : TraceLog.CATEGORIES.entrySet()) {
                    out.printf("%-13s %s%n", c.getKey(), c.getValue());
                }
                return 0;
            }
            MachineConfig config = configure(options, in, out, err, toClose);
            session = new MachineSession(config);
            MachineExit exit;
            try (GdbStub gdb = GdbStub.startIfAsked(config, session)) {
                exit = session.run(options.timeoutSeconds);
                gdb.machineExited(exit);
            }
            if (exit.message() != null) {
                err.println(exit.message());
            }
            if (exit.guestState() != null) {
                err.println(exit.guestState());
            }
            return exit.exitCode();
        } catch (UsageException e) {
            err.println("trapgate: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (GdbStub.GdbStubException e) {
            err.println("trapgate: " + e.getMessage());
            return ExitCodes.INTERNAL_ERROR;
        } catch (BootException e) {
            err.println("trapgate: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (OutOfMemoryError e) {
            err.println("trapgate: out of Java heap for -m " + options.memory
                    + " of guest RAM; give java a larger -Xmx or use a smaller -m");
            return ExitCodes.INTERNAL_ERROR;
        } catch (java.io.UncheckedIOException e) {
            err.println("trapgate: " + e.getMessage() + ": " + e.getCause().getMessage());
            err.println("guest state at the failure:");
            err.println(session == null ? "(the machine was not built yet)" : session.describeState());
            return ExitCodes.INTERNAL_ERROR;
        } catch (RuntimeException | Error e) {
            err.println("trapgate: internal error: " + e);
            err.println("guest state at the failure:");
            err.println(session == null ? "(the machine was not built yet)" : session.describeState());
            e.printStackTrace(err);
            return ExitCodes.INTERNAL_ERROR;
        } finally {
            for (AutoCloseable c : toClose) {
                try {
                    c.close();
                } catch (Exception e) {
                    err.println("trapgate: closing an output file failed: " + e.getMessage());
                }
            }
            out.flush();
            err.flush();
        }
    }

    /** A bad option value; the message is one line. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    private static String oneLine(String s) {
        return s == null ? "bad command line" : s.replace('\n', ' ').trim();
    }

    static MachineConfig configure(TrapgateOptions o, InputStream in, PrintStream out, PrintStream err,
                                   List<AutoCloseable> toClose) throws UsageException, BootException {
        int ram = OptionValues.memoryBytes(o.memory);
        if (o.display != null && !o.display.equals("none")) {
            throw new UsageException("-display " + o.display + ": trapgate has no display; only -display none is accepted");
        }
        int debugExitBase = io.trapgate.vm.devices.DebugExitPort.DEFAULT_BASE;
        int debugExitSize = io.trapgate.vm.devices.DebugExitPort.DEFAULT_SIZE;
        for (String d : o.devices) {
            int[] baseSize = OptionValues.debugExitDevice(d);
            debugExitBase = baseSize[0];
            debugExitSize = baseSize[1];
        }
        int[] icount = OptionValues.icount(o.icount);
        long rtcStart = OptionValues.rtcStart(o.rtc);
        CpuModel cpuModel = o.cpu == null ? CpuModel.I686 : CpuModel.byName(o.cpu);
        if (cpuModel == null) {
            throw new UsageException("-cpu " + o.cpu + ": unknown model (i686, pentium)");
        }
        if (o.timeoutSeconds < 0) {
            throw new UsageException("--timeout " + o.timeoutSeconds + ": must be 0 (none) or a number of seconds");
        }
        int gdbPort = o.gdb != null ? OptionValues.gdbPort(o.gdb) : o.gdbDefault ? 1234 : 0;

        // -d / -D
        PrintStream logOut = err;
        if (o.logFile != null) {
            try {
                PrintStream f = new PrintStream(new FileOutputStream(o.logFile), true, StandardCharsets.UTF_8);
                toClose.add(f);
                logOut = f;
            } catch (IOException e) {
                throw new UsageException("-D " + o.logFile + ": cannot open: " + e.getMessage());
            }
        }
        TraceLog log = new TraceLog(logOut);
        if (o.debugItems != null) {
            for (String item : o.debugItems.split(",")) {
                if (item.isEmpty()) {
                    continue;
                }
                if (!log.enable(item)) {
                    throw new UsageException("-d " + item + ": unknown log item (try -d help)");
                }
                if (item.equals("in_asm")) {
                    err.println("trapgate: note: -d in_asm needs a disassembler, which trapgate does not have yet");
                }
            }
        }

        // Serial and debug console.
        OutputStream serialOut;
        SerialInput serialIn = SerialInput.NONE;
        switch (o.serial) {
            case "stdio", "mon:stdio" -> {
                serialOut = out;
                serialIn = new HostSerialInput(in);
            }
            case "null", "none" -> serialOut = OutputStream.nullOutputStream();
            default -> {
                if (!o.serial.startsWith("file:")) {
                    throw new UsageException("-serial " + o.serial + ": use stdio, file:PATH or null");
                }
                serialOut = openFile(o.serial.substring(5), "-serial", toClose);
            }
        }
        OutputStream debugcon;
        switch (o.debugcon) {
            case "stderr" -> debugcon = err;
            case "stdio" -> debugcon = out;
            case "null", "none" -> debugcon = OutputStream.nullOutputStream();
            default -> {
                if (!o.debugcon.startsWith("file:")) {
                    throw new UsageException("-debugcon " + o.debugcon + ": use stderr, stdio, file:PATH or null");
                }
                debugcon = openFile(o.debugcon.substring(5), "-debugcon", toClose);
            }
        }

        // A person typing at the guest: a halted guest waits in real time rather than racing its clock
        // (and a host core) ahead, unless -icount sleep=off asks for the deterministic clock anyway.
        boolean interactive = serialIn != SerialInput.NONE && in == System.in && System.console() != null;
        boolean pace = o.pace || icount[1] == 1 || (icount[1] == -1 && interactive);

        // Kernel and modules.
        BootFile kernel;
        List<BootModule> modules = new ArrayList<>();
        if (o.kernel != null) {
            kernel = BootFile.read(o.kernel);
        } else {
            kernel = BootFile.resource(BUNDLED_KERNEL);
            if (kernel == null) {
                throw new UsageException("no -kernel given and this build has no bundled kernel (" + BUNDLED_KERNEL
                        + "); pass -kernel FILE");
            }
            if (o.initrd == null) {
                BootFile initrd = BootFile.resource(BUNDLED_INITRD);
                if (initrd != null) {
                    modules.add(new BootModule(initrd, BUNDLED_INITRD));
                }
            }
        }
        if (o.initrd != null) {
            for (String entry : BootModule.splitInitrd(o.initrd)) {
                String file = BootModule.fileOf(entry);
                if (file.isEmpty()) {
                    throw new UsageException("-initrd \"" + o.initrd + "\": empty module file name");
                }
                modules.add(new BootModule(BootFile.read(file), entry));
            }
        }
        return new MachineConfig(ram, kernel, modules, o.append == null ? "" : o.append, serialOut, serialIn,
                debugcon, o.noReboot, debugExitBase, debugExitSize, icount[0], pace, rtcStart,
                log, err, gdbPort, o.freeze, cpuModel);
    }

    private static OutputStream openFile(String path, String option, List<AutoCloseable> toClose)
            throws UsageException {
        if (path.isEmpty()) {
            throw new UsageException(option + " file: needs a path");
        }
        try {
            OutputStream f = new BufferedOutputStream(new FileOutputStream(path));
            toClose.add(f);
            return f;
        } catch (IOException e) {
            throw new UsageException(option + " file:" + path + ": cannot open: " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }
}
