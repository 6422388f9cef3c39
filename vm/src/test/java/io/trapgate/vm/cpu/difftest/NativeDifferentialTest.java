package io.trapgate.vm.cpu.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trapgate.vm.testing.GuestBuild;
import io.trapgate.vm.testing.QemuRun;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The native differential suite: generated test vectors for the i686 integer ISA run natively on
 * the host CPU (the truth), then as a multiboot kernel under qemu-system-i386 (a check of the
 * harness) and in trapgate. Registers, defined flags and memory must match; see
 * {@link UndefinedFlags} for the only bits that are masked.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NativeDifferentialTest {
    /** The multiboot start exits with isa-debug-exit status 0x10: process exit (0x10 << 1) | 1. */
    private static final int KERNEL_EXIT = 33;
    private static final int SHOWN_FAILURES = 12;

    private static final Map<String, DifferentialImage> IMAGES = new LinkedHashMap<>();
    private static final Map<String, List<CaseRecord>> TRUTH = new LinkedHashMap<>();
    private static final Map<String, String> NATIVE_FAILURE = new LinkedHashMap<>();

    @BeforeAll
    static void buildImagesAndRunThemOnTheHostCpu() throws IOException, InterruptedException {
        Path harness = GuestBuild.assemble(DifferentialImage.ASM.resolve("difftest_harness.s"));
        Path nativeStart = GuestBuild.assemble(DifferentialImage.ASM.resolve("difftest_native_start.s"));
        Path multibootStart = GuestBuild.assemble(DifferentialImage.ASM.resolve("difftest_multiboot_start.s"));
        for (Map.Entry<String, List<TestVector>> g : VectorGenerator.generate().entrySet()) {
            DifferentialImage image = DifferentialImage.build(g.getKey(), g.getValue(), harness, nativeStart,
                    multibootStart);
            IMAGES.put(g.getKey(), image);
            try {
                TRUTH.put(g.getKey(), CaseRecord.parseAll(image.runNatively()));
            } catch (IOException e) {
                NATIVE_FAILURE.put(g.getKey(), e.getMessage());
            }
        }
    }

    static Stream<String> groups() {
        return VectorGenerator.generate().keySet().stream();
    }

    @Test
    void generatorCoversThousandsOfCases() {
        int total = IMAGES.values().stream().mapToInt(i -> i.vectors.size()).sum();
        assertTrue(total >= 5000, "only " + total + " cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void hostCpuPrintsOneRecordPerCase(String group) {
        assertTrue(!NATIVE_FAILURE.containsKey(group), () -> NATIVE_FAILURE.get(group));
        DifferentialImage image = IMAGES.get(group);
        assertEquals(image.vectors.size(), TRUTH.get(group).size(), "records from the host run of " + group);
    }

    /** The harness must record what instructions did, not echo their inputs: check add by hand. */
    @Test
    void hostRecordsMatchAJavaModelOfAdd() {
        List<TestVector> alu = IMAGES.get("alu").vectors;
        List<CaseRecord> truth = TRUTH.get("alu");
        int checked = 0;
        for (TestVector v : alu) {
            if (v.asm.matches("addl %e\\w\\w, %e\\w\\w")) {
                int src = List.of(TestVector.REG32).indexOf(v.asm.substring(6, 9));
                int dst = List.of(TestVector.REG32).indexOf(v.asm.substring(12, 15));
                int sum = v.regs[src] + v.regs[dst];
                assertEquals(sum, truth.get(v.index).regs()[dst], v.describe());
                boolean carry = Integer.compareUnsigned(sum, v.regs[src]) < 0;
                assertEquals(carry, (truth.get(v.index).flags() & Flags.CF) != 0, v.describe());
                checked++;
            }
        }
        assertTrue(checked > 100, "checked " + checked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void qemuMatchesTheHostCpu(String group) throws IOException, InterruptedException {
        RunResult run = QemuRun.boot(IMAGES.get(group).kernel.toAbsolutePath(), List.of(), 60);
        compare(group, "qemu", run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void trapgateMatchesTheHostCpu(String group) {
        RunResult run = TrapgateRun.boot(IMAGES.get(group).kernel.toAbsolutePath(), List.of(), 60);
        compare(group, "trapgate", run);
    }

    private void compare(String group, String vm, RunResult run) {
        hostCpuPrintsOneRecordPerCase(group);
        DifferentialImage image = IMAGES.get(group);
        List<CaseRecord> expected = TRUTH.get(group);
        List<CaseRecord> actual = CaseRecord.parseAll(run.serial());
        List<String> failures = new ArrayList<>();
        int n = Math.min(expected.size(), actual.size());
        int failed = 0;
        for (int i = 0; i < n; i++) {
            TestVector v = image.vectors.get(i);
            String diff = actual.get(i).differencesFrom(expected.get(i), v);
            if (!diff.isEmpty()) {
                failed++;
                if (failures.size() < SHOWN_FAILURES) {
                    failures.add(v.describe() + "\n" + diff);
                }
            }
        }
        StringBuilder report = new StringBuilder();
        if (actual.size() < expected.size()) {
            report.append(vm).append(" stopped after ").append(actual.size()).append(" of ").append(expected.size())
                    .append(" cases, at:\n  ").append(image.vectors.get(actual.size()).describe()).append('\n')
                    .append("  exit ").append(run.exitCode()).append(", serial tail: ")
                    .append(DifferentialImage.tail(run.serial().substring(Math.max(0, run.serial().lastIndexOf('\n',
                            Math.max(0, run.serial().length() - 2)))))).append("\n  diagnostics: ")
                    .append(DifferentialImage.tail(run.diagnostics())).append('\n');
        }
        if (failed > 0) {
            report.append(failed).append(" of ").append(n).append(" cases differ from the host CPU under ").append(vm)
                    .append(" (first ").append(failures.size()).append("):\n").append(String.join("\n", failures));
        }
        if (report.length() == 0 && run.exitCode() != KERNEL_EXIT) {
            report.append(vm).append(" exited ").append(run.exitCode()).append(" instead of ").append(KERNEL_EXIT)
                    .append('\n').append(run.diagnostics());
        }
        if (report.length() > 0) {
            fail("group " + group + ":\n" + report);
        }
    }
}
