package io.trapgate.vm.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapgate.vm.testing.QemuRun;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Boots a test guest under qemu-system-i386 and under trapgate and compares what it printed and
 * how it ended with the oracle. The guest's console is the serial port, where the kernel's own
 * messages appear too: the program's output must appear in it whole and contiguous.
 */
final class GuestRuns {
    static final int BOOT_TIMEOUT_SECONDS = 60;
    private static final Map<List<String>, RunResult> NATIVE = new ConcurrentHashMap<>();

    private GuestRuns() {
    }

    /** What the program prints and its status on the host's Linux (cached: one run per argv). */
    static RunResult onLinux(GuestProgram program) throws IOException, InterruptedException {
        RunResult cached = NATIVE.get(program.argv());
        if (cached != null) {
            return cached;
        }
        RunResult r = NativeRun.run(GuestImages.testsRoot(), program.argv(), BOOT_TIMEOUT_SECONDS);
        r = new RunResult(r.exitCode(), terminalToPlain(r.serial()), r.diagnostics());
        NATIVE.put(program.argv(), r);
        return r;
    }

    /** The output the guest must print: Linux's, or the expected file's. */
    static String expectedOutput(GuestProgram program) throws IOException, InterruptedException {
        if (program.expectedFile() != null) {
            return Files.readString(GuestImages.TEST_GUESTS.resolve("expected").resolve(program.expectedFile()),
                    StandardCharsets.ISO_8859_1);
        }
        RunResult linux = onLinux(program);
        assertEquals(program.status(), linux.exitCode(),
                "the oracle itself: " + program + " on the host's Linux\n" + linux);
        return linux.serial();
    }

    static RunResult underQemu(Path initramfs, String append) throws IOException, InterruptedException {
        List<String> args = append == null ? List.of("-initrd", initramfs.toString())
                : List.of("-initrd", initramfs.toString(), "-append", append);
        return QemuRun.boot(GuestImages.kernel(), args, BOOT_TIMEOUT_SECONDS);
    }

    static RunResult underTrapgate(Path initramfs, String append) throws IOException {
        List<String> args = append == null ? List.of("-initrd", initramfs.toString())
                : List.of("-initrd", initramfs.toString(), "-append", append);
        return TrapgateRun.boot(GuestImages.kernel(), args, BOOT_TIMEOUT_SECONDS);
    }

    /**
     * QEMU's isa-debug-exit: the kernel writes init's status to port 0xf4 and QEMU exits
     * (status << 1) | 1, so a clean exit shows as 1 (QEMU's PC ignores the 0xB004 power-off).
     */
    static int qemuExitCode(int status) {
        return ((status << 1) | 1) & 0xff;
    }

    /** trapgate powers off on status 0 (0x2000 to port 0xB004) and exits 0; else as QEMU. */
    static int trapgateExitCode(int status) {
        return status == 0 ? 0 : qemuExitCode(status);
    }

    /** Asserts the serial output holds {@code expected} whole, with a diff-friendly message. */
    static void assertPrinted(GuestProgram program, String expected, RunResult guest) {
        String serial = terminalToPlain(guest.serial());
        int firstLineEnd = expected.indexOf('\n');
        String firstLine = firstLineEnd < 0 ? expected : expected.substring(0, firstLineEnd + 1);
        int at = serial.indexOf(firstLine);
        String seen = at < 0 ? serial : serial.substring(at, Math.min(serial.length(), at + expected.length()));
        assertEquals(expected, seen, () -> program + ": the guest's output differs from the oracle's; the whole run:\n" + guest);
    }

    /** A terminal's ONLCR turns \n into \r\n (the host's pty does, a serial console may): undo it. */
    static String terminalToPlain(String s) {
        return s.replace("\r\n", "\n");
    }
}
