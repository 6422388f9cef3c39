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
 * messages appear too: the program's output must appear in it whole and contiguous (a console
 * that writes \n as \r\n is accepted).
 */
final class GuestRuns {
    static final int BOOT_TIMEOUT_SECONDS = 60;
    private static final Map<GuestProgram, RunResult> NATIVE = new ConcurrentHashMap<>();

    private GuestRuns() {
    }

    /** What the program prints and its status on the host's Linux (cached: one run per program). */
    static RunResult onLinux(GuestProgram program) throws IOException, InterruptedException {
        GuestImages.requireInImage(program);
        RunResult cached = NATIVE.get(program);
        if (cached != null) {
            return cached;
        }
        RunResult r = NativeRun.run(GuestImages.testsRoot(), program.argv(), program.environment(),
                BOOT_TIMEOUT_SECONDS);
        NATIVE.put(program, r);
        return r;
    }

    /** The output the guest must print: Linux's, or the expected file's. */
    static String expectedOutput(GuestProgram program) throws IOException, InterruptedException {
        GuestImages.requireInImage(program);
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
        if (expected.isEmpty()) {
            throw new AssertionError(program + ": the oracle printed nothing, so there is nothing to compare");
        }
        String serial = terminalToPlain(guest.serial());
        if (serial.contains(expected)) {
            return;
        }
        // not there: show the expected text against what stands where its first line does
        int firstLineEnd = expected.indexOf('\n');
        String firstLine = firstLineEnd < 0 ? expected : expected.substring(0, firstLineEnd + 1);
        int at = serial.indexOf(firstLine);
        String seen = at < 0 ? serial : serial.substring(at, Math.min(serial.length(), at + expected.length()));
        assertEquals(expected, seen,
                () -> program + ": the guest's output differs from the oracle's; the whole run:\n" + guest);
        throw new AssertionError(program + ": the guest's output differs from the oracle's; the whole run:\n" + guest);
    }

    /** A user program must never crash the kernel: none of Linux's kernel-bug reports. */
    static void assertNoKernelBug(GuestProgram program, RunResult guest) {
        String serial = guest.serial();
        for (String report : List.of("Oops", "BUG:", "Kernel panic")) {
            if (serial.contains(report)) {
                throw new AssertionError(program + ": the kernel reported a bug (\"" + report + "\")\n" + guest);
            }
        }
    }

    /** The kernel's report of a user-mode fault ("prog[1]: segfault at ... error ..."), or null. */
    static String segfaultReport(RunResult guest) {
        for (String line : terminalToPlain(guest.serial()).split("\n")) {
            if (line.contains(": segfault at ")) {
                return line;
            }
        }
        return null;
    }

    /** A console with ONLCR turns \n into \r\n (as a Linux serial tty does by default): undo it. */
    static String terminalToPlain(String s) {
        return s.replace("\r\n", "\n");
    }
}
