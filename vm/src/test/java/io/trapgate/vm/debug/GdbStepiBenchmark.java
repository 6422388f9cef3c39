package io.trapgate.vm.debug;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark, not a test: real gdb's {@code stepi} throughput (steps per second) against trapgate's stub and
 * against {@code qemu-system-i386 -s -S} on the same kernel and initramfs, each stepping 2000 instructions
 * from {@code syscall_call} after 200 warm-up steps. Runs alternate and the best of each is reported, since
 * the host is shared. Run with the test classpath:
 * {@code java -cp "$(cat vm/target/test-classpath.txt):vm/target/test-classes:vm/target/classes" io.trapgate.vm.debug.GdbStepiBenchmark [rounds]}
 */
public final class GdbStepiBenchmark {

    private static final String SCRIPT = String.join("\n",
            "import time",
            "import gdb",
            "gdb.execute('break syscall_call')",
            "gdb.execute('continue')",
            "gdb.execute('delete')",
            "for i in range(200):",
            "    gdb.execute('stepi', to_string=True)",
            "n = 2000",
            "t = time.time()",
            "for i in range(n):",
            "    gdb.execute('stepi', to_string=True)",
            "print('STEPS_PER_SECOND %.1f' % (n / (time.time() - t)))", "");

    private GdbStepiBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path script = Files.createTempFile("stepi-bench", ".py");
        Files.writeString(script, SCRIPT);
        double bestTrapgate = 0;
        double bestQemu = 0;
        for (int r = 0; r < rounds; r++) {
            double t = trapgate(script);
            double q = qemu(script);
            System.out.printf("round %d: trapgate %.0f steps/s, qemu %.0f steps/s%n", r + 1, t, q);
            bestTrapgate = Math.max(bestTrapgate, t);
            bestQemu = Math.max(bestQemu, q);
        }
        System.out.printf("best of %d: trapgate %.0f steps/s, qemu-system-i386 %.0f steps/s%n", rounds, bestTrapgate,
                bestQemu);
        Files.deleteIfExists(script);
    }

    private static double trapgate(Path script) throws Exception {
        try (DebuggedVm vm = DebuggedVm.startFrozen()) {
            return stepsPerSecond(vm.port, script);
        }
    }

    private static double qemu(Path script) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Path initrd = Path.of("..", "test-guests", "target", "image", "initramfs.cpio").toAbsolutePath().normalize();
        Process q = new ProcessBuilder("qemu-system-i386", "-kernel", DebuggedVm.KERNEL.toString(), "-initrd",
                initrd.toString(), "-display", "none", "-no-reboot", "-serial", "null", "-device",
                "isa-debug-exit,iobase=0xf4,iosize=4", "-gdb", "tcp:127.0.0.1:" + port, "-S")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            Thread.sleep(1000); // QEMU listens once it has started; connecting early would fail
            return stepsPerSecond(port, script);
        } finally {
            q.destroy();
            q.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static double stepsPerSecond(int port, Path script) throws IOException, InterruptedException {
        List<String> cmd = List.of("gdb", "-batch", "-nx", DebuggedVm.KERNEL.toString(), "-ex",
                "target remote 127.0.0.1:" + port, "-x", script.toString(), "-ex", "kill");
        Process g = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(g.getInputStream().readAllBytes());
        g.waitFor(120, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("STEPS_PER_SECOND ([0-9.]+)").matcher(out);
        if (!m.find()) {
            throw new IOException("gdb printed no result:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }
}
