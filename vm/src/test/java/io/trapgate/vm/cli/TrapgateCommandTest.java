package io.trapgate.vm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.boot.TestKernels;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class TrapgateCommandTest {
    @TempDir
    Path tmp;

    private static RunResult run(String... args) {
        return TrapgateRun.run(List.of(args));
    }

    private static void assertUsageError(RunResult r, String expectedLine) {
        assertEquals(2, r.exitCode(), r::toString);
        assertEquals("", r.serial());
        assertEquals(expectedLine + "\n", r.diagnostics().replace("\r", ""), "one line on stderr");
    }

    @Test
    void helpPrintsUsageWithQemuSpellingAndExitsZero() {
        RunResult r = run("--help");
        assertEquals(0, r.exitCode());
        for (String opt : List.of("-kernel", "-initrd", "-append", "-m", "-serial", "-nographic", "-display",
                "-no-reboot", "-s", "-S", "-gdb", "-d", "-D", "-device", "--timeout", "--version", "--pace")) {
            assertTrue(r.serial().contains(opt + " ") || r.serial().contains(opt + ","), opt + " in\n" + r.serial());
        }
    }

    @Test
    void versionMatchesTheMavenProjectVersion() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher m = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertTrue(m.find());
        RunResult r = run("--version");
        assertEquals(0, r.exitCode());
        assertEquals("trapgate " + m.group(1) + "\n", r.serial().replace("\r", ""));
    }

    @Test
    void unknownOptionIsAUsageError() {
        assertUsageError(run("-monitor", "none"), "trapgate: Unknown option: '-monitor' (see --help)");
    }

    @Test
    void clusteredOneLetterFlagsAreNotSplit() {
        RunResult r = run("-sS");
        assertEquals(2, r.exitCode());
        assertTrue(r.diagnostics().startsWith("trapgate: Unknown option: '-sS'"), r.diagnostics());
    }

    @Test
    void strayArgumentIsAUsageError() {
        assertUsageError(run("kernel.elf"), "trapgate: unexpected argument 'kernel.elf' (see --help)");
    }

    @Test
    void missingKernelFileNamesTheFile() {
        assertUsageError(run("-kernel", "/nonexistent/k.elf"), "trapgate: /nonexistent/k.elf: no such file");
    }

    @Test
    void textFileKernelIsRefusedWithTheReason() throws Exception {
        Path k = tmp.resolve("notes.txt");
        Files.writeString(k, "not a kernel\n");
        assertUsageError(run("-kernel", k.toString()),
                "trapgate: " + k + ": not a multiboot kernel (no multiboot header in the first 8 KiB)");
    }

    @Test
    void kernelLargerThanRamIsAUsageError() throws Exception {
        Path big = TestKernels.elf("big");
        RunResult r = run("-kernel", big.toString(), "-m", "2");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.diagnostics().startsWith("trapgate: " + big + ": kernel does not fit in RAM"), r.diagnostics());
    }

    @Test
    void missingModuleFileNamesTheModule() throws Exception {
        Path k = TestKernels.elf("exit");
        assertUsageError(run("-kernel", k.toString(), "-initrd", "/nonexistent/mod arg"),
                "trapgate: /nonexistent/mod: no such file");
    }

    @Test
    void moduleThatDoesNotFitIsAUsageError() throws Exception {
        Path k = TestKernels.elf("exit");
        Path mod = tmp.resolve("big.img");
        Files.write(mod, new byte[3 << 20]);
        RunResult r = run("-kernel", k.toString(), "-m", "4", "-initrd", mod.toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.diagnostics().startsWith("trapgate: " + mod + ": module does not fit in RAM"), r.diagnostics());
    }

    @Test
    void badMemorySizesAreUsageErrors() {
        assertUsageError(run("-m", "0"), "trapgate: -m 0: RAM must be between 2 MiB and 2047 MiB");
        assertUsageError(run("-m", "lots"), "trapgate: -m lots: not a memory size (e.g. 64, 64M, 1G)");
        assertUsageError(run("-m", "4G"), "trapgate: -m 4G: RAM must be between 2 MiB and 2047 MiB");
    }

    @Test
    void memorySizesTakeQemuSuffixes() throws Exception {
        assertEquals(64 << 20, OptionValues.memoryBytes("64"));
        assertEquals(64 << 20, OptionValues.memoryBytes("64M"));
        assertEquals(1 << 30, OptionValues.memoryBytes("1G"));
        assertEquals(8 << 20, OptionValues.memoryBytes("8192K"));
        assertEquals(128 << 20, OptionValues.memoryBytes("size=128M"));
    }

    @Test
    void unsupportedSerialBackendIsAUsageError() {
        assertUsageError(run("-serial", "tcp::4444"), "trapgate: -serial tcp::4444: use stdio, file:PATH or null");
    }

    @Test
    void displayOtherThanNoneIsAUsageError() {
        assertUsageError(run("-display", "sdl"),
                "trapgate: -display sdl: trapgate has no display; only -display none is accepted");
    }

    @Test
    void unknownDeviceIsAUsageError() {
        assertUsageError(run("-device", "e1000"), "trapgate: -device e1000: unsupported device (trapgate has isa-debug-exit)");
    }

    @Test
    void debugExitDeviceTakesIobaseAndIosize() throws Exception {
        assertEquals(List.of(0x501, 2), toList(OptionValues.debugExitDevice("isa-debug-exit,iobase=0x501,iosize=0x02")));
        assertEquals(List.of(0xf4, 4), toList(OptionValues.debugExitDevice("isa-debug-exit")));
        assertUsageError(run("-device", "isa-debug-exit,iosize=9"),
                "trapgate: -device isa-debug-exit,iosize=9: iosize must be 1 to 4");
    }

    @Test
    void debugExitOnAPortAnotherDeviceUsesIsRefused() throws Exception {
        Path k = TestKernels.elf("exit");
        assertUsageError(run("-kernel", k.toString(), "-device", "isa-debug-exit,iobase=0x3f8"),
                "trapgate: isa-debug-exit: port 0x3f8 is already used by another device");
    }

    @Test
    void unknownLogItemIsAUsageError() {
        assertUsageError(run("-d", "int,bogus"), "trapgate: -d bogus: unknown log item (try -d help)");
    }

    @Test
    void logItemHelpListsTheItems() {
        RunResult r = run("-d", "help");
        assertEquals(0, r.exitCode());
        assertTrue(r.serial().contains("int ") && r.serial().contains("cpu_reset") && r.serial().contains("guest_errors"),
                r.serial());
    }

    @Test
    void gdbOptionsAreAcceptedWithANoteThatTheStubIsNotThereYet() {
        RunResult r = run("-s", "-S", "-gdb", "tcp::1234", "-kernel", "/nonexistent/k.elf");
        assertEquals(2, r.exitCode());
        assertEquals("trapgate: note: the gdb stub is not available yet; -s, -gdb and -S are accepted and ignored\n"
                + "trapgate: /nonexistent/k.elf: no such file\n", r.diagnostics().replace("\r", ""));
    }

    @Test
    void malformedGdbAddressIsAUsageError() {
        assertUsageError(run("-gdb", "1234"), "trapgate: -gdb 1234: use tcp::PORT");
    }

    @Test
    void negativeTimeoutIsAUsageError() {
        assertUsageError(run("--timeout", "-1"), "trapgate: --timeout -1: must be 0 (none) or a number of seconds");
    }

    @Test
    void badRtcBaseIsAUsageError() {
        assertUsageError(run("-rtc", "base=yesterday"), "trapgate: -rtc base=yesterday: 'yesterday' is not YYYY-MM-DDTHH:MM:SS");
    }

    @Test
    void badIcountIsAUsageError() {
        assertUsageError(run("-icount", "shift=99"), "trapgate: -icount shift=99: shift must be 0 to 10");
    }

    @Test
    void icountTakesShiftAndSleepInEitherOrder() throws Exception {
        assertEquals(List.of(0, -1), toList(OptionValues.icount(null)));
        assertEquals(List.of(3, -1), toList(OptionValues.icount("shift=3")));
        assertEquals(List.of(0, 1), toList(OptionValues.icount("sleep=on")));
        assertEquals(List.of(2, 0), toList(OptionValues.icount("sleep=off,shift=2")));
        assertEquals(List.of(4, -1), toList(OptionValues.icount("4")));
    }

    @Test
    void unwritableSerialFileIsAUsageError() {
        RunResult r = run("-serial", "file:/nonexistent/dir/out.txt");
        assertEquals(2, r.exitCode());
        assertTrue(r.diagnostics().startsWith("trapgate: -serial file:/nonexistent/dir/out.txt: cannot open"),
                r.diagnostics());
    }

    private static List<Integer> toList(int[] a) {
        return List.of(a[0], a[1]);
    }
}
