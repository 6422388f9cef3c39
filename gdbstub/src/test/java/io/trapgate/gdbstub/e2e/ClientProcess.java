package io.trapgate.gdbstub.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real debugger (gdb or lldb) as a child process with a time limit and returns what it printed. */
final class ClientProcess {

    private ClientProcess() {
    }

    /** The debugger must be installed: a test that needs it fails rather than passing without it. */
    static String requireOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            java.io.File f = new java.io.File(dir, program);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return fail(program + " is not installed; these tests need the real client (scripts/setup-host installs it)");
    }

    static String run(long timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        return run(timeoutSeconds, command, p -> { });
    }

    /** Like {@link #run(long, List)}, calling {@code whileRunning} with the started process (to signal it). */
    static String run(long timeoutSeconds, List<String> command, ProcessAction whileRunning)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TERM", "dumb");
        pb.environment().put("HOME", System.getProperty("java.io.tmpdir")); // no user init files
        Process p = pb.start();
        p.getOutputStream().close();
        byte[][] out = new byte[1][];
        Thread reader = new Thread(() -> {
            try {
                out[0] = p.getInputStream().readAllBytes();
            } catch (IOException e) {
                out[0] = new byte[0];
            }
        });
        reader.start();
        try {
            whileRunning.accept(p);
        } catch (Exception e) {
            p.destroyForcibly();
            throw new AssertionError("while " + command.get(0) + " ran", e);
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(2000);
            fail(command.get(0) + " did not finish in " + timeoutSeconds + " s; output so far:\n" + text(out[0]));
        }
        reader.join(5000);
        return text(out[0]);
    }

    private static String text(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }

    /** gdb in batch mode, connected to the stub on {@code port}, then running {@code commands}. */
    static List<String> gdb(int port, String... commands) {
        return withCommands(List.of(requireOnPath("gdb"), "-batch", "-nx", "-ex", "set architecture i386",
                "-ex", "set pagination off", "-ex", "set confirm off", "-ex", "target remote 127.0.0.1:" + port),
                "-ex", commands);
    }

    /** lldb in batch mode, connected to the stub on {@code port}, then running {@code commands}. */
    static List<String> lldb(int port, String... commands) {
        return withCommands(List.of(requireOnPath("lldb"), "-b", "--no-lldbinit",
                "-o", "gdb-remote 127.0.0.1:" + port), "-o", commands);
    }

    private static List<String> withCommands(List<String> start, String option, String... commands) {
        List<String> c = new ArrayList<>(start);
        for (String cmd : commands) {
            c.add(option);
            c.add(cmd);
        }
        return c;
    }

    @FunctionalInterface
    interface ProcessAction {
        void accept(Process p) throws Exception;
    }

    /** Sends SIGINT, as a user's Ctrl-C in the debugger's terminal does. */
    static void interrupt(Process p) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).inheritIO().start().waitFor();
    }
}
