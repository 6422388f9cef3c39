package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.fail;

import io.trapgate.vm.cli.TrapgateCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * trapgate with the bundled kernel and initramfs, started in-process through {@link TrapgateCommand#run} on
 * a thread of its own with {@code -S -gdb tcp::PORT}, as a user would start it for gdb. Closing it waits for
 * the VM to end (the test ends it through the debugger; the --timeout is only a safety net).
 */
final class DebuggedVm implements AutoCloseable {

    /** The bundled kernel as a file, for gdb's symbols (the same bytes the VM boots). */
    static final Path KERNEL = Path.of("..", "guest-kernel", "target", "image", "kernel.elf").toAbsolutePath().normalize();

    final int port;
    private final Thread thread;
    private final ByteArrayOutputStream serial = new ByteArrayOutputStream();
    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    private volatile int exitCode = -1;

    private DebuggedVm(int port, List<String> args) {
        this.port = port;
        PrintStream out = new PrintStream(serial, true, StandardCharsets.ISO_8859_1);
        PrintStream err = new PrintStream(diagnostics, true, StandardCharsets.UTF_8);
        thread = new Thread(() -> exitCode = TrapgateCommand.run(args.toArray(String[]::new),
                new ByteArrayInputStream(new byte[0]), out, err), "trapgate-under-gdb");
        thread.setDaemon(true);
    }

    /** Boots frozen at the kernel's first instruction and returns once the stub listens. */
    static DebuggedVm startFrozen(String... extraArgs) throws Exception {
        if (!Files.isRegularFile(KERNEL)) {
            fail("the bundled kernel is not built: " + KERNEL + " (mvn package builds guest-kernel)");
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        List<String> args = new ArrayList<>(List.of("-S", "-gdb", "tcp::" + port, "--timeout", "90"));
        args.addAll(List.of(extraArgs));
        DebuggedVm vm = new DebuggedVm(port, args);
        vm.thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!vm.diagnostics().contains("waiting for gdb")) {
            if (!vm.thread.isAlive() || System.nanoTime() > deadline) {
                fail("the stub did not start: " + vm.diagnostics());
            }
            Thread.sleep(10);
        }
        return vm;
    }

    String serial() {
        return serial.toString(StandardCharsets.ISO_8859_1);
    }

    String diagnostics() {
        return diagnostics.toString(StandardCharsets.UTF_8);
    }

    /** Waits for the VM to end and returns its exit code. */
    int awaitExit(long seconds) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(seconds));
        if (thread.isAlive()) {
            fail("the VM did not end in " + seconds + " s; diagnostics:\n" + diagnostics());
        }
        return exitCode;
    }

    boolean isRunning() {
        return thread.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(100)); // --timeout 90 ends it at the latest
    }

    /** The kernel's code bytes at a link address, read from the ELF's program headers. */
    static byte[] kernelBytes(long address, int length) throws IOException {
        byte[] elf = Files.readAllBytes(KERNEL);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int phoff = b.getInt(28);
        int phentsize = b.getShort(42) & 0xFFFF;
        int phnum = b.getShort(44) & 0xFFFF;
        for (int i = 0; i < phnum; i++) {
            int ph = phoff + i * phentsize;
            long offset = b.getInt(ph + 4) & 0xFFFFFFFFL;
            long vaddr = b.getInt(ph + 8) & 0xFFFFFFFFL;
            long filesz = b.getInt(ph + 16) & 0xFFFFFFFFL;
            if (b.getInt(ph) == 1 && address >= vaddr && address + length <= vaddr + filesz) {
                byte[] out = new byte[length];
                System.arraycopy(elf, (int) (offset + address - vaddr), out, 0, length);
                return out;
            }
        }
        throw new IOException("0x" + Long.toHexString(address) + " is not in the kernel image");
    }

    static long symbol(String name) throws IOException {
        return KernelSymbols.parse(Files.readAllBytes(KERNEL)).address(name)
                .orElseThrow(() -> new IOException("no symbol " + name + " in " + KERNEL));
    }
}
