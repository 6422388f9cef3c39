package io.trapgate.vm.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trapgate.vm.cpu.difftest.CaseImages;
import io.trapgate.vm.testing.GuestBuild;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * The x87 differential suite: generated cases (see {@link X87CaseGenerator}) run natively on the
 * host CPU (the truth) and as a multiboot kernel in trapgate; the status word, control word, tag
 * word, EFLAGS, ST0-ST2 and the stored memory must match bit for bit. Masked: the contents of
 * empty registers, and what {@link X87Record} lists as undefined. The transcendental group is
 * compared with a tolerance, since trapgate computes those in double precision.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class X87DifferentialTest {
    static final Path ASM = Path.of("src", "test", "asm", "cpu", "x87");
    private static final Path DIFFTEST_ASM = Path.of("src", "test", "asm", "cpu", "difftest");
    /** The multiboot start exits with isa-debug-exit status 0x10. */
    private static final int KERNEL_EXIT = 33;
    private static final int SHOWN_FAILURES = 15;

    private static final Map<String, X87CaseGenerator.Group> GROUPS = X87CaseGenerator.generate();
    private static final Map<String, Path> KERNEL = new LinkedHashMap<>();
    private static final Map<String, List<String>> TRUTH = new LinkedHashMap<>();

    @BeforeAll
    static void buildImagesAndRunThemOnTheHostCpu() throws IOException, InterruptedException {
        Path harness = GuestBuild.assemble(ASM.resolve("x87_harness.s"));
        Path nativeStart = GuestBuild.assemble(DIFFTEST_ASM.resolve("difftest_native_start.s"));
        Path multibootStart = GuestBuild.assemble(DIFFTEST_ASM.resolve("difftest_multiboot_start.s"));
        Path script = DIFFTEST_ASM.resolve("difftest.ld");
        String macros = ASM.resolve("x87_macros.s").toAbsolutePath().toString();
        for (Map.Entry<String, X87CaseGenerator.Group> g : GROUPS.entrySet()) {
            Files.createDirectories(GuestBuild.OUT);
            Path source = GuestBuild.OUT.resolve("x87-" + g.getKey() + ".s");
            Files.writeString(source, g.getValue().assembly(g.getKey(), macros), StandardCharsets.UTF_8);
            CaseImages images = CaseImages.link("x87-" + g.getKey(), script, nativeStart, multibootStart,
                    GuestBuild.assemble(source), harness);
            KERNEL.put(g.getKey(), images.kernel());
            TRUTH.put(g.getKey(), records(images.runNatively()));
        }
    }

    static Stream<String> groups() {
        return GROUPS.keySet().stream();
    }

    static List<String> records(String output) {
        List<String> r = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("R ")) {
                r.add(line.trim());
            }
        }
        return r;
    }

    @Test
    void generatorCoversThousandsOfCases() {
        int total = GROUPS.values().stream().mapToInt(g -> g.cases().size()).sum();
        assertTrue(total >= 10000, "only " + total + " cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void hostCpuPrintsOneRecordPerCase(String group) {
        assertEquals(GROUPS.get(group).cases().size(), TRUTH.get(group).size(), "records from the host run");
    }

    /** The records come from the FPU, not from the inputs: 1/3 + 1 rounds as the host says. */
    @Test
    void hostRecordsShowRealArithmetic() {
        List<String> truth = TRUTH.get("arith-edges");
        List<X87CaseGenerator.Case> cases = GROUPS.get("arith-edges").cases();
        int checked = 0;
        for (int i = 0; i < cases.size(); i++) {
            String d = cases.get(i).describe();
            if (d.equals("fadd st1 cw=037f [3fff:8000000000000000] [3ffd:aaaaaaaaaaaaaaab]")) {
                X87Record r = X87Record.parse(truth.get(i));
                assertEquals(0x3FFF, r.st(0).se());
                assertEquals(0xAAAAAAAAAAAAAAABL, r.st(0).sig());
                checked++;
            }
        }
        assertEquals(1, checked);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("groups")
    void trapgateMatchesTheHostCpu(String group) {
        RunResult run = TrapgateRun.boot(KERNEL.get(group).toAbsolutePath(), List.of(), 240);
        List<String> expected = TRUTH.get(group);
        List<String> actual = records(run.serial());
        List<X87CaseGenerator.Case> cases = GROUPS.get(group).cases();
        List<String> failures = new ArrayList<>();
        int failed = 0;
        int n = Math.min(expected.size(), actual.size());
        for (int i = 0; i < n; i++) {
            X87CaseGenerator.Case c = cases.get(i);
            String diff = X87Record.parse(actual.get(i)).differencesFrom(X87Record.parse(expected.get(i)), c);
            if (!diff.isEmpty()) {
                failed++;
                if (failures.size() < SHOWN_FAILURES) {
                    failures.add("case " + i + ": " + c.describe() + "\n  " + diff + "\n  host:     " + expected.get(i)
                            + "\n  trapgate: " + actual.get(i));
                }
            }
        }
        StringBuilder report = new StringBuilder();
        if (actual.size() < expected.size()) {
            String serial = run.serial();
            report.append("trapgate stopped after ").append(actual.size()).append(" of ").append(expected.size())
                    .append(" cases, at: ").append(cases.get(actual.size()).describe()).append("\n  exit ")
                    .append(run.exitCode()).append(", serial tail: ")
                    .append(serial.substring(Math.max(0, serial.length() - 300))).append("\n  diagnostics: ")
                    .append(run.diagnostics()).append('\n');
        }
        if (failed > 0) {
            report.append(failed).append(" of ").append(n).append(" cases differ (first ").append(failures.size())
                    .append("):\n").append(String.join("\n", failures));
        }
        if (report.length() == 0 && run.exitCode() != KERNEL_EXIT) {
            report.append("trapgate exited ").append(run.exitCode()).append('\n').append(run.diagnostics());
        }
        if (report.length() > 0) {
            fail("group " + group + ":\n" + report);
        }
    }
}
