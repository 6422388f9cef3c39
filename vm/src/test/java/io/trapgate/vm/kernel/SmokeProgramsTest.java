package io.trapgate.vm.kernel;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.testing.HostRun;
import io.trapgate.vm.testing.QemuRun;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * guest-kernel's own smoke programs ({@code guest-kernel/smoke/}, what {@code make check} and
 * {@code make check-trapgate} run) booted as /init under qemu-system-i386 and in-process under
 * trapgate with the same kernel image and initramfs: each run must print NAME.expected (or every
 * line of NAME.patterns) and end with NAME.status, and trapgate must print exactly what QEMU
 * printed. The images come from {@code make -C guest-kernel smoke-images}, which builds them as
 * run-smoke.sh does. A program trapgate cannot run fails here; nothing is skipped.
 */
class SmokeProgramsTest {
    static final Path GUEST_KERNEL = Path.of("..", "guest-kernel").toAbsolutePath().normalize();
    static final Path SMOKE = GUEST_KERNEL.resolve("smoke");
    static final Path IMAGE = GUEST_KERNEL.resolve("target/image");
    static final Path KERNEL = IMAGE.resolve("kernel.elf");
    static final Path IMAGES = GUEST_KERNEL.resolve("target/build/smoke-images");
    /** run-smoke.sh's limit for one QEMU boot. */
    static final int QEMU_TIMEOUT_SECONDS = 30;
    static final int TRAPGATE_TIMEOUT_SECONDS = 60;

    /**
     * Register values that legitimately differ between the two machines, masked before the
     * comparison.
     * The oops dumps pt_regs at the kernel's NULL dereference: EBX, ESI and EBP hold values
     * derived from the multiboot information's address, which each loader chooses (QEMU 0x9500,
     * trapgate after the modules); EFLAGS differs in RF, which trapgate pushes for a fault as
     * the SDM says and QEMU's TCG does not. Every other register is compared.
     */
    static final Map<String, Pattern> MACHINE_DEPENDENT = Map.of(
            "oops", Pattern.compile("\\b(EBX|ESI|EBP|EFLAGS): [0-9a-f]{8}\\b"));

    private static String imageBuildLog;

    @BeforeAll
    @Timeout(300)
    static void buildTheImages() throws Exception {
        // Build-only: a program that fails to build fails its own case with this log.
        HostRun make = HostRun.of(List.of("make", "-s", "-C", GUEST_KERNEL.toString(), "OUT=" + IMAGE,
                "smoke-images"), 240);
        imageBuildLog = "make -C guest-kernel smoke-images exited " + make.exitCode() + ":\n" + make.output();
    }

    static Stream<Named<SmokeProgram>> programs() throws IOException {
        List<Named<SmokeProgram>> cases = new ArrayList<>();
        for (SmokeProgram p : SmokeProgram.discover(SMOKE)) {
            cases.add(Named.of(sentence(p), p));
        }
        return cases.stream();
    }

    static String sentence(SmokeProgram p) {
        if (!p.qemuOptions().isEmpty()) {
            return p.name() + " boots with " + String.join(" ", p.qemuOptions())
                    + " under qemu and trapgate with the same output";
        }
        if (MACHINE_DEPENDENT.containsKey(p.name())) {
            return p.name() + " boots under qemu and trapgate with the same output"
                    + " apart from the oops's EBX ESI EBP (boot-info address) and EFLAGS (RF)";
        }
        return p.name() + " boots under qemu and trapgate with the same output";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    @Timeout(150)
    void smokeProgram(SmokeProgram program) throws Exception {
        Path initramfs = image(program);
        List<String> args = new ArrayList<>(List.of("-initrd", initramfs.toString(), "-append", program.cmdline()));
        args.addAll(program.qemuOptions());

        RunResult qemu = QemuRun.boot(KERNEL, args, program.stdin(), QEMU_TIMEOUT_SECONDS);
        byte[] stdin = program.stdin() == null ? new byte[0] : Files.readAllBytes(program.stdin());
        RunResult trapgate = TrapgateRun.boot(KERNEL, args, stdin, TRAPGATE_TIMEOUT_SECONDS);
        assertAll(
                () -> assertPrinted("qemu", program, qemu),
                () -> assertExit("qemu", program, program.qemuStatus(), qemu),
                () -> assertPrinted("trapgate", program, trapgate),
                () -> assertExit("trapgate", program, program.trapgateStatus(), trapgate),
                () -> assertEquals(comparable(program, qemu.serial()), comparable(program, trapgate.serial()),
                        () -> program.name() + ": trapgate's serial output differs from qemu's; "
                                + headline("trapgate", trapgate)
                                + "\n=== qemu ===\n" + qemu + "\n=== trapgate ===\n" + trapgate));
    }

    @Test
    @Timeout(60)
    void generatedKernelFilesAreUpToDate() throws Exception {
        HostRun check = HostRun.of(List.of("make", "-s", "-C", GUEST_KERNEL.toString(), "check-generated"), 50);
        assertEquals(0, check.exitCode(), () -> "make -C guest-kernel check-generated:\n" + check.output());
        assertTrue(check.output().contains("generated files are up to date"), check.output());
    }

    /** The staleness check can fail: a copy of the sources with an edited generated file. */
    @Test
    @Timeout(60)
    void checkGeneratedRejectsAnEditedGeneratedFile(@TempDir Path copy) throws Exception {
        for (String f : List.of("Makefile", "syscalls.tbl", "pt_regs.def", "scripts", "include/generated",
                "kernel/syscall_table_32.s")) {
            Files.createDirectories(copy.resolve(f).getParent());
            HostRun cp = HostRun.of(List.of("cp", "-R", GUEST_KERNEL.resolve(f).toString(), copy.resolve(f).toString()),
                    20);
            assertEquals(0, cp.exitCode(), cp.output());
        }
        Files.writeString(copy.resolve("kernel/syscall_table_32.s"), "\t# edited by hand\n", StandardOpenOption.APPEND);
        HostRun check = HostRun.of(List.of("make", "-s", "-C", copy.toString(), "check-generated"), 50);
        assertNotEquals(0, check.exitCode(),
                () -> "check-generated accepted an edited generated file:\n" + check.output());
        assertTrue(check.output().contains("stale generated file: kernel/syscall_table_32.s"), check.output());
    }

    /** The program's initramfs, or a failure that shows why it was not built. */
    private static Path image(SmokeProgram program) {
        Path cpio = IMAGES.resolve(program.name() + ".cpio");
        if (!Files.isRegularFile(cpio) || !Files.isRegularFile(KERNEL)) {
            throw new AssertionError("smoke/" + program.name() + " or the kernel was not built; " + imageBuildLog);
        }
        return cpio;
    }

    private static void assertPrinted(String machine, SmokeProgram program, RunResult run) {
        if (program.expected() != null) {
            assertEquals(program.expected(), run.serial(), () -> program.name() + " under " + machine
                    + ": the serial output differs from smoke/" + program.name() + ".expected; "
                    + headline(machine, run) + "\n" + run);
            return;
        }
        for (String line : program.patterns()) {
            assertTrue(run.serial().contains(line), () -> program.name() + " under " + machine
                    + ": the serial output lacks \"" + line + "\" (smoke/" + program.name() + ".patterns); "
                    + headline(machine, run) + "\n" + run);
        }
    }

    private static void assertExit(String machine, SmokeProgram program, int expected, RunResult run) {
        assertEquals(expected, run.exitCode(), () -> program.name() + " under " + machine + ": exit code (smoke/"
                + program.name() + ".status, README's exit-status table); " + headline(machine, run) + "\n" + run);
    }

    /** The machine's first diagnostic line, which says why a run stopped (an unimplemented instruction, a timeout). */
    private static String headline(String machine, RunResult run) {
        String first = run.diagnostics().lines().filter(l -> !l.isBlank()).findFirst().orElse("(no diagnostics)");
        return machine + " exited " + run.exitCode() + ": " + first;
    }

    private static String comparable(SmokeProgram program, String serial) {
        Pattern masked = MACHINE_DEPENDENT.get(program.name());
        return masked == null ? serial : masked.matcher(serial).replaceAll("$1: (differs by machine)");
    }
}
