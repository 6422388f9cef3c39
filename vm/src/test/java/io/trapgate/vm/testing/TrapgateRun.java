package io.trapgate.vm.testing;

import io.trapgate.vm.cli.TrapgateCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Boots an image in trapgate in-process, through the same entry point as the command line. */
public final class TrapgateRun {
    private TrapgateRun() {
    }

    public static RunResult boot(Path kernel, List<String> extraArgs, int timeoutSeconds) {
        return boot(kernel, extraArgs, new byte[0], timeoutSeconds);
    }

    /** As {@link #boot(Path, List, int)}, with {@code serialInput} fed to the serial console (then EOF). */
    public static RunResult boot(Path kernel, List<String> extraArgs, byte[] serialInput, int timeoutSeconds) {
        List<String> args = new ArrayList<>(List.of("-kernel", kernel.toString(), "-nographic", "-no-reboot",
                "--timeout", Integer.toString(timeoutSeconds)));
        args.addAll(extraArgs);
        return run(args, serialInput);
    }

    public static RunResult run(List<String> args) {
        return run(args, new byte[0]);
    }

    public static RunResult run(List<String> args, byte[] serialInput) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.ISO_8859_1);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = TrapgateCommand.run(args.toArray(String[]::new), new ByteArrayInputStream(serialInput), o, e);
        }
        return new RunResult(code, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
    }
}
