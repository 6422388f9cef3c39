package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real gdb or lldb run as a child process with a time limit; its output is collected as it comes. */
final class DebuggerProcess {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private DebuggerProcess(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TERM", "dumb");
        pb.environment().put("HOME", System.getProperty("java.io.tmpdir")); // no user init files
        process = pb.start();
        process.getOutputStream().close();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                output.append("(reading the debugger's output failed: ").append(e).append(")\n");
            }
        }, "debugger-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** The client must be installed: a test that needs it fails rather than passing without it. */
    static String requireOnPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            File f = new File(dir, program);
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return fail(program + " is not installed; these tests need the real client (scripts/setup-host installs it)");
    }

    /** gdb -batch on the kernel ELF, connected to {@code port}, then {@code commands} in order. */
    static DebuggerProcess gdb(int port, String... commands) throws IOException {
        return gdb(DebuggedVm.KERNEL, port, commands);
    }

    /** As {@link #gdb(int, String...)}, with the symbols of {@code elf} (the kernel the VM was given). */
    static DebuggerProcess gdb(Path elf, int port, String... commands) throws IOException {
        List<String> c = new ArrayList<>(List.of(requireOnPath("gdb"), "-batch", "-nx", "-ex", "set pagination off",
                "-ex", "set confirm off", "-ex", "set width 0", elf.toString(),
                "-ex", "target remote 127.0.0.1:" + port));
        for (String cmd : commands) {
            c.add("-ex");
            c.add(cmd);
        }
        return new DebuggerProcess(c);
    }

    static DebuggerProcess lldb(int port, String... commands) throws IOException {
        List<String> c = new ArrayList<>(List.of(requireOnPath("lldb"), "-b", "--no-lldbinit", "-o",
                "gdb-remote 127.0.0.1:" + port));
        for (String cmd : commands) {
            c.add("-o");
            c.add(cmd);
        }
        return new DebuggerProcess(c);
    }

    /** Runs gdb to completion and returns what it printed. */
    static String runGdb(int port, String... commands) throws Exception {
        return gdb(port, commands).finish(60);
    }

    /** Waits until the output contains {@code text}. */
    void awaitOutput(String text, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!output.toString().contains(text)) {
            if (System.nanoTime() > deadline || !process.isAlive() && !output.toString().contains(text)) {
                if (!process.isAlive()) {
                    reader.join(2000);
                }
                if (output.toString().contains(text)) {
                    return;
                }
                process.destroyForcibly();
                fail("the debugger never printed '" + text + "'; output:\n" + output);
            }
            Thread.sleep(20);
        }
    }

    /** Ctrl-C, as a user's terminal sends it to the debugger. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
    }

    /** Waits for the debugger to exit and returns everything it printed. */
    String finish(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            reader.join(2000);
            fail("the debugger did not finish in " + seconds + " s; output so far:\n" + output);
        }
        reader.join(5000);
        return output.toString();
    }
}
