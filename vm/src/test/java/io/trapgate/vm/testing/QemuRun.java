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

    public static RunResult boot(Path kernel, List<String> extraArgs, int timeoutSeconds)
            throws IOException, InterruptedException {
        Path serial = Files.createTempFile("qemu-serial", ".txt");
        try {
            List<String> cmd = new ArrayList<>(List.of("qemu-system-i386", "-kernel", kernel.toString(),
                    "-display", "none", "-no-reboot", "-monitor", "none", "-m", "64",
                    "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                    "-serial", "file:" + serial));
            cmd.addAll(extraArgs);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] diag = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("qemu did not exit within " + timeoutSeconds + " s: " + String.join(" ", cmd));
            }
            return new RunResult(p.exitValue(), Files.readString(serial, StandardCharsets.ISO_8859_1),
                    new String(diag, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(serial);
        }
    }
}
