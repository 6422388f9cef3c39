package io.trapgate.vm.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.testing.HostRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test guests' libc/sysnum.h is generated from the guest kernel's syscalls.tbl, the one list
 * of system calls: the committed file must be what the list gives, and every number in it must
 * be Linux's (the host's asm/unistd_32.h, which nobody here wrote). Both checks can fail.
 */
class SyscallNumbersTest {
    static final Path TEST_GUESTS = GuestImages.TEST_GUESTS;
    static final Path SYSCALLS_TBL = TEST_GUESTS.resolveSibling("guest-kernel").resolve("syscalls.tbl");

    @Test
    @Timeout(60)
    void libcSysnumHeaderIsUpToDateWithTheKernelsTable() throws Exception {
        HostRun check = HostRun.of(List.of("make", "-s", "-C", TEST_GUESTS.toString(), "check-generated"), 50);
        assertEquals(0, check.exitCode(), () -> "make -C test-guests check-generated:\n" + check.output());
        assertTrue(check.output().contains("generated files are up to date"), check.output());
    }

    @Test
    @Timeout(60)
    void checkGeneratedRejectsAnEditedSysnumHeader(@TempDir Path copy) throws Exception {
        Path guests = copyOfTheGenerator(copy);
        Files.writeString(guests.resolve("libc/sysnum.h"), "#define NR_edited_by_hand 1\n", StandardOpenOption.APPEND);
        HostRun check = HostRun.of(List.of("make", "-s", "-C", guests.toString(), "check-generated"), 50);
        assertNotEquals(0, check.exitCode(), () -> "check-generated accepted an edited sysnum.h:\n" + check.output());
        assertTrue(check.output().contains("stale generated file: libc/sysnum.h"), check.output());
    }

    @Test
    @Timeout(60)
    void crossCheckRejectsANumberThatIsNotLinuxs(@TempDir Path copy) throws Exception {
        Path guests = copyOfTheGenerator(copy);
        Path tbl = copy.resolve("guest-kernel/syscalls.tbl");
        String swapped = Files.readString(tbl).replaceFirst("(?m)^20(\\s+i386\\s+getpid\\s)", "21$1");
        assertNotEquals(Files.readString(tbl), swapped, "syscalls.tbl has no getpid line to renumber");
        Files.writeString(tbl, swapped);
        HostRun build = HostRun.of(List.of("make", "-s", "-C", guests.toString(), "target/build/sysnum.checked"), 50);
        assertNotEquals(0, build.exitCode(), () -> "getpid numbered 21 passed the cross-check:\n" + build.output());
        assertTrue(build.output().contains("syscalls.tbl: getpid is not Linux"), build.output());
    }

    /** copy/test-guests with what the generator and both checks read, and copy/guest-kernel/syscalls.tbl. */
    private static Path copyOfTheGenerator(Path copy) throws Exception {
        Path guests = copy.resolve("test-guests");
        Files.createDirectories(guests.resolve("libc"));
        Files.createDirectories(copy.resolve("guest-kernel"));
        Files.copy(SYSCALLS_TBL, copy.resolve("guest-kernel/syscalls.tbl"));
        for (String f : List.of("Makefile", "scripts", "libc/sysnum.h", "libc/check_sysnum.c")) {
            HostRun cp = HostRun.of(List.of("cp", "-R", TEST_GUESTS.resolve(f).toString(), guests.resolve(f).toString()),
                    20);
            assertEquals(0, cp.exitCode(), cp.output());
        }
        return guests;
    }
}
