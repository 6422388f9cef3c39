package io.trapgate.vm.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Boots an image under the real {@code qemu-system-i386} (the differential oracle): headless,
 * serial to a file, isa-debug-exit at 0xf4, no reboot. The test fails if QEMU is missing:
 * scripts/test installs it.
 */
public final class QemuRun {
    private QemuRun() {
    }

    /**
     * The machine every run here uses: headless, no monitor, 64 MiB, isa-debug-exit at 0xf4, the
     * serial console on {@code serial} (a QEMU chardev: {@code file:PATH}, {@code stdio}), and
     * {@code -no-reboot} unless a test wants a reset to reboot. A mutable list, for more options.
     */
    public static List<String> command(Path kernel, boolean noReboot, String serial) {
        List<String> cmd = new ArrayList<>(List.of("qemu-system-i386", "-kernel", kernel.toString(),
                "-display", "none"));
        if (noReboot) {
            cmd.add("-no-reboot");
        }
        cmd.addAll(List.of("-monitor", "none", "-m", "64", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                "-serial", serial));
        return cmd;
    }

    public static RunResult boot(Path kernel, List<String> extraArgs, int timeoutSeconds)
            throws IOException, InterruptedException {
        return boot(kernel, extraArgs, null, timeoutSeconds);
    }

    /**
     * As {@link #boot(Path, List, int)}, with {@code serialInput} (a file, or null for none) fed
     * to the serial console: the console is then QEMU's stdio, with stdin read from the file
     * (QEMU 7's file chardev has no input), so the diagnostics are stderr alone.
     */
    public static RunResult boot(Path kernel, List<String> extraArgs, Path serialInput, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path serial = Files.createTempFile("qemu-serial", ".txt");
        Path diagnostics = Files.createTempFile("qemu-diagnostics", ".txt");
        try {
            List<String> cmd = command(kernel, true, serialInput == null ? "file:" + serial : "stdio");
            cmd.addAll(extraArgs);
            // Files, not pipes: waitFor's timeout then bounds a QEMU that hangs.
            ProcessBuilder pb = new ProcessBuilder(cmd);
            if (serialInput == null) {
                pb.redirectErrorStream(true).redirectOutput(diagnostics.toFile());
            } else {
                pb.redirectInput(serialInput.toFile()).redirectOutput(serial.toFile())
                        .redirectError(diagnostics.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("qemu did not exit within " + timeoutSeconds + " s: " + String.join(" ", cmd));
            }
            return new RunResult(p.exitValue(), Files.readString(serial, StandardCharsets.ISO_8859_1),
                    Files.readString(diagnostics, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(serial);
            Files.deleteIfExists(diagnostics);
        }
    }
}
