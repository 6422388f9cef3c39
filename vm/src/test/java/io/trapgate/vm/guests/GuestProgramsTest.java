package io.trapgate.vm.guests;

import static io.trapgate.vm.guests.GuestProgram.checkedAgainstFile;
import static io.trapgate.vm.guests.GuestProgram.checkedAgainstLinux;
import static io.trapgate.vm.guests.GuestProgram.exitingWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
                exitingWith(42, "/bin/exit_status", "int80", "exit", "42"),
                exitingWith(3, "/bin/exit_status", "vdso", "exit_group", "3"),
                exitingWith(0, "/bin/exit_status", "vdso", "exit", "0"),
                // real libcs nobody here wrote: their startup, malloc and stdio
                checkedAgainstLinux("/bin/hello-glibc", "one", "two"),
                exitingWith(3, "/bin/hello-glibc", "fail"),
                checkedAgainstLinux("/bin/hello-musl", "one", "two"),
                checkedAgainstLinux("/bin/busybox", "echo", "echoed", "by", "busybox"));
    }

    static Stream<GuestProgram> allPrograms() {
        return Stream.concat(checkedAgainstLinuxPrograms(),
                // no Linux here enters with sysenter as i386 Linux did (see the program's comment)
                Stream.of(checkedAgainstFile("sysenter_badstack.out", "/bin/sysenter_badstack")));
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
        assertEquals(GuestRuns.qemuExitCode(program.status()), guest.exitCode(), () -> program + ": exit code\n" + guest);
    }

    @ParameterizedTest(name = "{0}: under trapgate prints what Linux prints")
    @MethodSource("allPrograms")
    @Timeout(180)
    void underTrapgatePrintsWhatLinuxPrints(GuestProgram program) throws Exception {
        String expected = GuestRuns.expectedOutput(program);
        RunResult guest = GuestRuns.underTrapgate(GuestImages.testsInitramfs(), program.append());
        GuestRuns.assertPrinted(program, expected, guest);
        assertEquals(GuestRuns.trapgateExitCode(program.status()), guest.exitCode(), () -> program + ": exit code\n" + guest);
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
        Set<String> booted = allPrograms().map(p -> p.argv().get(0)).collect(Collectors.toCollection(TreeSet::new));
        sources.removeAll(booted);
        assertEquals(Set.of(), sources, "test-guests/src programs that no test boots");
    }
}
