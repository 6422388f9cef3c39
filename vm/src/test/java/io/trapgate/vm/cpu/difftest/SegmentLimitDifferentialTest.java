package io.trapgate.vm.cpu.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.io.IOException;
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
        CaseImages images = CaseImages.build("seglimit", CASES.assembly());
        kernel = images.kernel();
        truth = images.runOnTheHostCpu("native segment-limit run");
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
