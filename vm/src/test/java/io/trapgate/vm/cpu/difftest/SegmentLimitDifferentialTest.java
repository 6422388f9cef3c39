package io.trapgate.vm.cpu.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trapgate.vm.testing.GuestBuild;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Segment limits against the host CPU: the same generated accesses through LDT data segments run
 * natively (Linux installs the descriptors with modify_ldt and reports faults as signals with
 * the trap number and error code) and in trapgate. QEMU cannot be the oracle here: its TCG does
 * not check segment limits.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SegmentLimitDifferentialTest {
    private static final SegmentLimitCases CASES = new SegmentLimitCases();
    private static Path kernel;
    private static List<String> truth;

    @BeforeAll
    static void buildAndRunOnTheHostCpu() throws IOException, InterruptedException {
        Path asm = DifferentialImage.ASM;
        Path source = GuestBuild.OUT.resolve("seglimit-cases.s");
        Files.createDirectories(GuestBuild.OUT);
        Files.writeString(source, CASES.assembly(), StandardCharsets.UTF_8);
        Path cases = GuestBuild.assemble(source);
        Path harness = GuestBuild.assemble(asm.resolve("seglimit_harness.s"));
        Path nativeStart = GuestBuild.assemble(asm.resolve("seglimit_native_start.s"));
        Path multibootStart = GuestBuild.assemble(asm.resolve("seglimit_multiboot_start.s"));
        Path script = asm.resolve("seglimit.ld");
        Path nat = GuestBuild.link("seglimit-native", script, List.of(nativeStart, cases, harness));
        kernel = GuestBuild.link("seglimit-multiboot.elf", script, List.of(multibootStart, cases, harness)).toAbsolutePath();
        Process p = new ProcessBuilder(nat.toAbsolutePath().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "native segment-limit run:\n" + DifferentialImage.tail(out));
        truth = out.lines().toList();
    }

    private static int expectedLines() {
        return CASES.cases.stream().mapToInt(SegmentLimitCases.Case::lines).sum();
    }

    @Test
    void hostCpuReportsEveryAccess() {
        assertEquals(expectedLines(), truth.size());
    }

    /** The suite must exercise both outcomes, or it proves nothing about limits. */
    @Test
    void hostCpuFaultsSomeAccessesAndAllowsOthers() {
        long faults = truth.stream().filter(l -> l.startsWith("fault 0d 0000")).count();
        long oks = truth.stream().filter(l -> l.startsWith("ok ")).count();
        assertTrue(faults > 50 && oks > 100, faults + " faults, " + oks + " ok");
    }

    @Test
    void trapgateChecksSegmentLimitsLikeTheHostCpu() {
        RunResult run = TrapgateRun.boot(kernel, List.of(), 30);
        List<String> actual = run.serial().lines().toList();
        StringBuilder report = new StringBuilder();
        int line = 0;
        int shown = 0;
        int failed = 0;
        for (int i = 0; i < CASES.cases.size(); i++) {
            SegmentLimitCases.Case c = CASES.cases.get(i);
            for (int k = 0; k < c.lines(); k++, line++) {
                String want = line < truth.size() ? truth.get(line) : "(nothing)";
                String got = line < actual.size() ? actual.get(line) : "(nothing)";
                if (!want.equals(got)) {
                    failed++;
                    if (shown++ < 12) {
                        report.append(String.format("case %d: %s  [%s]%n    host: %s%n    trapgate: %s%n", i, c.text(),
                                c.descriptor().describe(), want, got));
                    }
                    break;
                }
            }
        }
        if (failed > 0 || run.exitCode() != 33) {
            fail(failed + " of " + CASES.cases.size() + " accesses differ from the host CPU (exit " + run.exitCode() + ")\n"
                    + report + (actual.size() < truth.size() ? "diagnostics: " + run.diagnostics() : ""));
        }
    }
}
