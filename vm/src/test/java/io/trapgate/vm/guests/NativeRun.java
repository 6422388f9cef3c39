package io.trapgate.vm.guests;

import io.trapgate.vm.testing.RunResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The oracle: runs a test guest on the host's own Linux kernel, which runs static i386 programs
 * natively. The program runs chrooted into the tests' initramfs tree (so /etc/motd is the same
 * file the guest reads) with a pseudo-terminal as its console (util-linux {@code script}), as
 * the guest has its serial console: terminal ioctls and terminal writes behave alike. The
 * output is the bytes the program wrote.
 */
final class NativeRun {
    private NativeRun() {
    }

    static RunResult run(Path root, List<String> argv, List<String> environment, int timeoutSeconds)
            throws IOException, InterruptedException {
        // stty -onlcr: the terminal passes the program's bytes through as written (no \n -> \r\n);
        // exec: no shell stays to print its own "Segmentation fault" onto the terminal (dash does)
        StringBuilder inner = new StringBuilder("stty -onlcr && exec ");
        inner.append(isRoot() ? "chroot" : "unshare --map-root-user chroot");
        inner.append(' ').append(shellQuote(root.toString()));
        for (String a : argv) {
            inner.append(' ').append(shellQuote(a));
        }
        List<String> cmd = new ArrayList<>(List.of("script", "--quiet", "--return", "--command", inner.toString(),
                "/dev/null"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectError(ProcessBuilder.Redirect.PIPE);
        pb.environment().put("SHELL", "/bin/sh"); // script's shell: the same on every machine
        for (String variable : environment) {
            int eq = variable.indexOf('=');
            pb.environment().put(variable.substring(0, eq), variable.substring(eq + 1));
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("native run did not exit within " + timeoutSeconds + " s: " + cmd);
        }
        return new RunResult(p.exitValue(), new String(out, StandardCharsets.ISO_8859_1),
                new String(err, StandardCharsets.UTF_8));
    }

    private static boolean isRoot() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("id", "-u").start();
        String uid = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        p.waitFor();
        return uid.equals("0");
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
