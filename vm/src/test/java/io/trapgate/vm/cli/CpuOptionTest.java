package io.trapgate.vm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.testing.GuestBuild;
import io.trapgate.vm.testing.QemuRun;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** -cpu MODEL, as QEMU spells it: the kernel's CPUID sees the same features under both VMs. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CpuOptionTest {
    private static Path kernel;

    @BeforeAll
    static void buildTheCpuidKernel() throws Exception {
        Path dir = Path.of("src", "test", "asm", "cli");
        kernel = GuestBuild.link("cpuid.elf", dir.resolve("cpuid.ld"), List.of(GuestBuild.assemble(dir.resolve("cpuid.S"))));
    }

    @ParameterizedTest(name = "-cpu {0} shows the same CPUID features as under qemu")
    @ValueSource(strings = {"pentium", "pentium2"})
    void cpuModelShowsTheSameFeaturesAsQemu(String model) throws Exception {
        RunResult qemu = QemuRun.boot(kernel, List.of("-cpu", model), 30);
        RunResult trapgate = TrapgateRun.boot(kernel, List.of("-cpu", model), 30);
        assertEquals(qemu.exitCode(), trapgate.exitCode(), "qemu: " + qemu + "\ntrapgate: " + trapgate);
    }

    @Test
    void pentiumHasNoSysenterCmovOrGlobalPages() {
        assertEquals(1, TrapgateRun.boot(kernel, List.of("-cpu", "pentium"), 30).exitCode());
    }

    @Test
    void defaultIsAnI686WithSysenterCmovAndGlobalPages() {
        assertEquals((7 << 1) | 1, TrapgateRun.boot(kernel, List.of(), 30).exitCode());
    }

    @Test
    void unknownCpuModelIsAUsageErrorNamingTheModels() {
        RunResult r = TrapgateRun.boot(kernel, List.of("-cpu", "z80"), 30);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.diagnostics().contains("-cpu z80: unknown model (i686, pentium)"), r.diagnostics());
    }
}
