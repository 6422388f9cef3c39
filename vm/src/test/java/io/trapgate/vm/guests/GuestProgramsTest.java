package io.trapgate.vm.guests;

import static io.trapgate.vm.guests.GuestProgram.checkedAgainstFile;
import static io.trapgate.vm.guests.GuestProgram.checkedAgainstLinux;
import static io.trapgate.vm.guests.GuestProgram.exitingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.trapgate.vm.testing.RunResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every test guest boots as init on the guest kernel, headless, under qemu-system-i386 and under
 * trapgate with the same kernel and initramfs, and must print what it prints on real Linux and
 * end with the same status. Each program makes its calls through int $0x80 and again through
 * the vDSO, and checks the results itself (its exit status counts the failed checks).
 */
class GuestProgramsTest {

    /** Programs whose oracle is the host's Linux running the same binary. */
    static Stream<GuestProgram> checkedAgainstLinuxPrograms() {
        return Stream.of(
                checkedAgainstLinux("/bin/dup2_lecture"),
                checkedAgainstLinux("/bin/efault_lecture"),
                checkedAgainstLinux("/bin/auxv", "x", "y"),
                checkedAgainstLinux("/bin/fds"),
                checkedAgainstLinux("/bin/files"),
                checkedAgainstLinux("/bin/readlink"),
                checkedAgainstLinux("/bin/ids"),
                checkedAgainstLinux("/bin/memory"),
                checkedAgainstLinux("/bin/time"),
                checkedAgainstLinux("/bin/uname"),
                checkedAgainstLinux("/bin/ioctl"),
                checkedAgainstLinux("/bin/writev"),
                checkedAgainstLinux("/bin/tls"),
                checkedAgainstLinux("/bin/getrandom"),
                checkedAgainstLinux("/bin/efault"),
                checkedAgainstLinux("/bin/enosys"),
                checkedAgainstLinux("/init"),
                checkedAgainstLinux("/bin/environ", "one", "two=2").withEnvironment("TG_COLOR=blue", "TG_SHAPE=round"),
                // a user-mode fault kills init with SIGSEGV: status 128 + 11, as a shell reports it
                exitingWith(139, "/bin/segv", "write"),
                exitingWith(139, "/bin/segv", "read"),
                exitingWith(139, "/bin/segv", "exec"),
                exitingWith(139, "/bin/segv", "rodata"),
                exitingWith(139, "/bin/segv", "protnone"),
                exitingWith(42, "/bin/exit_status", "int80", "exit", "42"),
                exitingWith(3, "/bin/exit_status", "vdso", "exit_group", "3"),
                exitingWith(0, "/bin/exit_status", "vdso", "exit", "0"),
                // real libcs nobody here wrote: their startup, malloc and stdio
                checkedAgainstLinux("/bin/hello-glibc", "one", "two"),
                exitingWith(3, "/bin/hello-glibc", "fail"),
                checkedAgainstLinux("/bin/hello-glibc", "float"),
                checkedAgainstLinux("/bin/hello-musl", "one", "two"),
                checkedAgainstLinux("/bin/hello-musl", "float"),
                checkedAgainstLinux("/bin/busybox", "echo", "echoed", "by", "busybox"),
                checkedAgainstLinux("/bin/busybox", "cat", "/etc/motd"),
                checkedAgainstLinux("/bin/busybox", "head", "-n", "1", "/etc/motd"),
                checkedAgainstLinux("/bin/busybox", "wc", "-c", "/etc/motd"),
                checkedAgainstLinux("/bin/busybox", "readlink", "/etc/motd.link"),
                checkedAgainstLinux("/bin/busybox", "uname", "-s"));
    }

    static Stream<GuestProgram> allPrograms() {
        return Stream.concat(checkedAgainstLinuxPrograms(), sysenterPrograms());
    }

    /** No Linux here enters with sysenter as i386 Linux did (see the program's comment). */
    static Stream<GuestProgram> sysenterPrograms() {
        return Stream.of(
                checkedAgainstFile("sysenter_badstack-frame.out", 0, "/bin/sysenter_badstack", "frame"),
                checkedAgainstFile("sysenter_badstack-null.out", 139, "/bin/sysenter_badstack", "null"),
                checkedAgainstFile("sysenter_badstack-unmapped.out", 139, "/bin/sysenter_badstack", "unmapped"),
                checkedAgainstFile("sysenter_badstack-kernel.out", 139, "/bin/sysenter_badstack", "kernel"),
                checkedAgainstFile("sysenter_badstack-straddle.out", 139, "/bin/sysenter_badstack", "straddle"),
                checkedAgainstFile("sysenter_badstack-wrap.out", 139, "/bin/sysenter_badstack", "wrap"));
    }

    /**
     * The system-call fuzzer (test-guests/src/syscall_fuzz.c) with a few seeds. No Linux is its
     * oracle (the host's implements far more calls); QEMU running the same kernel is.
     */
    static Stream<GuestProgram> fuzzPrograms() {
        return Stream.of("0x2545f491", "0x00000001", "0xdeadbeef")
                .map(seed -> exitingWith(0, "/bin/syscall_fuzz", seed, String.valueOf(FUZZ_CALLS)));
    }

    static final int FUZZ_CALLS = 4000;

    /** Programs that die of a user-mode fault, for which the kernel prints where it happened. */
    static Stream<GuestProgram> faultingPrograms() {
        return allPrograms().filter(p -> p.status() == 139);
    }

    @ParameterizedTest(name = "{0}: its checks pass on the host's Linux")
    @MethodSource("checkedAgainstLinuxPrograms")
    @Timeout(120)
    void checksPassOnTheHostsLinux(GuestProgram program) throws Exception {
        RunResult linux = GuestRuns.onLinux(program);
        assertEquals(program.status(), linux.exitCode(), () -> program + " on the host's Linux\n" + linux);
    }

    @ParameterizedTest(name = "{0}: under qemu-system-i386 prints what Linux prints")
    @MethodSource("allPrograms")
    @Timeout(180)
    void underQemuPrintsWhatLinuxPrints(GuestProgram program) throws Exception {
        String expected = GuestRuns.expectedOutput(program);
        RunResult guest = GuestRuns.underQemu(GuestImages.testsInitramfs(), program.append());
        GuestRuns.assertPrinted(program, expected, guest);
        GuestRuns.assertNoKernelBug(program, guest);
        assertEquals(GuestRuns.qemuExitCode(program.status()), guest.exitCode(), () -> program + ": exit code\n" + guest);
    }

    @ParameterizedTest(name = "{0}: under trapgate prints what Linux prints")
    @MethodSource("allPrograms")
    @Timeout(180)
    void underTrapgatePrintsWhatLinuxPrints(GuestProgram program) throws Exception {
        String expected = GuestRuns.expectedOutput(program);
        RunResult guest = GuestRuns.underTrapgate(GuestImages.testsInitramfs(), program.append());
        GuestRuns.assertPrinted(program, expected, guest);
        GuestRuns.assertNoKernelBug(program, guest);
        assertEquals(GuestRuns.trapgateExitCode(program.status()), guest.exitCode(), () -> program + ": exit code\n" + guest);
    }

    /**
     * Same kernel, same image, deterministic addresses: trapgate's CPU must report the fault
     * exactly as QEMU's does (the address in CR2, eip, esp and the error code).
     */
    @ParameterizedTest(name = "{0}: under trapgate the kernel reports the same fault as under qemu")
    @MethodSource("faultingPrograms")
    @Timeout(240)
    void underTrapgateTheFaultReportMatchesQemus(GuestProgram program) throws Exception {
        RunResult qemu = GuestRuns.underQemu(GuestImages.testsInitramfs(), program.append());
        String expected = GuestRuns.segfaultReport(qemu);
        if (expected == null) {
            throw new AssertionError(program + ": no segfault report under qemu\n" + qemu);
        }
        RunResult guest = GuestRuns.underTrapgate(GuestImages.testsInitramfs(), program.append());
        assertEquals(expected, GuestRuns.segfaultReport(guest), () -> program + " under trapgate\n" + guest);
    }

    /**
     * Thousands of random system calls with hostile arguments, through int $0x80 and the vDSO:
     * the kernel must answer every one (no oops, no hang, the fuzzer's own memory intact: it
     * checks that itself and exits 2 if not). Same kernel, same program, same seed: whatever
     * the program printed after the kernel started it, its report of every call's result
     * included, must be the same under trapgate as under QEMU, byte for byte; a difference is a
     * CPU or device bug in trapgate.
     */
    @ParameterizedTest(name = "{0}: random system calls never crash the kernel and trapgate agrees with qemu")
    @MethodSource("fuzzPrograms")
    @Timeout(180)
    void randomSystemCallsNeverCrashTheKernelAndTrapgateAgreesWithQemu(GuestProgram program) throws Exception {
        RunResult qemu = GuestRuns.underQemu(GuestImages.testsInitramfs(), program.append());
        GuestRuns.assertNoKernelBug(program, qemu);
        assertEquals(GuestRuns.qemuExitCode(0), qemu.exitCode(), () -> program + " under qemu: exit code\n" + qemu);
        String qemuReport = fuzzReport(qemu);
        assertNotNull(qemuReport, () -> program + ": no report under qemu\n" + qemu);

        RunResult trapgate = GuestRuns.underTrapgate(GuestImages.testsInitramfs(), program.append());
        GuestRuns.assertNoKernelBug(program, trapgate);
        assertEquals(GuestRuns.trapgateExitCode(0), trapgate.exitCode(),
                () -> program + " under trapgate: exit code\n" + trapgate);
        assertEquals(qemuReport, fuzzReport(trapgate), () -> program + ": the report differs from qemu's\n" + trapgate);
        // the rest too: what the fuzzed writes put on the console, and how the kernel ended it
        assertEquals(afterInitStarts(qemu), afterInitStarts(trapgate),
                () -> program + ": the console after init started differs from qemu's");
    }

    /** The fuzzer's report, from its first line to its last, or null. */
    static String fuzzReport(RunResult guest) {
        String serial = GuestRuns.terminalToPlain(guest.serial());
        int from = serial.indexOf("syscall_fuzz report: ");
        String end = "syscall_fuzz: end of report\n";
        int to = serial.indexOf(end, Math.max(from, 0));
        return from < 0 || to < 0 ? null : serial.substring(from, to + end.length());
    }

    /** The console from the kernel's "Run ... as init process" on (before it: RAM sizes differ). */
    static String afterInitStarts(RunResult guest) {
        String serial = GuestRuns.terminalToPlain(guest.serial());
        int at = serial.indexOf(" as init process (");
        if (at < 0) {
            throw new AssertionError("the kernel did not start init\n" + guest);
        }
        return serial.substring(serial.lastIndexOf('\n', at) + 1);
    }

    @Test
    void everyProgramInTestGuestsIsBooted() throws Exception {
        Set<String> sources;
        try (Stream<Path> files = Files.list(GuestImages.TEST_GUESTS.resolve("src"))) {
            sources = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".c") || n.endsWith(".S"))
                    .map(n -> "/bin/" + n.substring(0, n.lastIndexOf('.')))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> booted = Stream.concat(allPrograms(), fuzzPrograms()).map(p -> p.argv().get(0)).collect(Collectors.toCollection(TreeSet::new));
        sources.removeAll(booted);
        assertEquals(Set.of(), sources, "test-guests/src programs that no test boots");
    }
}
