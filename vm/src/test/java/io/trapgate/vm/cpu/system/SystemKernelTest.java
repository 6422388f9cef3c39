package io.trapgate.vm.cpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.ExitCodes;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * System test kernels (vm/src/test/asm/cpu/system): each prints facts about exceptions, rings,
 * paging, ... to COM1. QEMU runs it first (the oracle: its run must reach the kernel's last line
 * with the expected exit code), then trapgate must print exactly the same and exit the same way.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SystemKernelTest {
    /**
     * kernel, last line it prints, how it ends: "end" is isa-debug-exit 0x10 (exit 33 in both VMs);
     * "reset" is a triple fault with -no-reboot (QEMU exits 0, trapgate ExitCodes.GUEST_RESET).
     */
    private static final String KERNELS = """
            exceptions, END, end
            rings, END, end
            paging, END, end
            smc, END, end
            repfault, END, end
            debugregs, END, end
            databreak, END, end
            shadow, END, end
            iobitmap, END, end
            segments, END, end
            portio, END, end
            transfers, END, end
            doublefault, END, end
            triplefault, before the triple fault, reset
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = KERNELS)
    void qemuRunsTheKernelToItsLastLine(String kernel, String lastLine, String end)
            throws IOException, InterruptedException {
        RunResult qemu = SystemKernel.qemu(kernel);
        assertEquals(end.equals("end") ? 33 : 0, qemu.exitCode(), qemu::toString);
        List<String> lines = qemu.serial().lines().toList();
        assertTrue(lines.size() >= 2, qemu::toString);
        assertEquals(lastLine, lines.get(lines.size() - 1), qemu::toString);
        assertFalse(qemu.serial().contains("UNEXPECTED"), qemu::toString);
    }

    private static String firstDifference(String expected, String actual) {
        List<String> e = expected.lines().toList();
        List<String> a = actual.lines().toList();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String x = i < e.size() ? e.get(i) : "(nothing)";
            String y = i < a.size() ? a.get(i) : "(nothing)";
            if (!x.equals(y)) {
                return "line " + (i + 1) + " differs\n    qemu:     " + x + "\n    trapgate: " + y + "\n";
            }
        }
        return "the same lines";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = KERNELS)
    void trapgatePrintsWhatQemuPrints(String kernel, String lastLine, String end)
            throws IOException, InterruptedException {
        RunResult qemu = SystemKernel.qemu(kernel);
        RunResult trapgate = TrapgateRun.boot(SystemKernel.build(kernel), List.of(), 30);
        assertEquals(qemu.serial(), trapgate.serial(), () -> "serial of " + kernel + ": " + firstDifference(qemu.serial(),
                trapgate.serial()) + " (trapgate: exit " + trapgate.exitCode() + ", diagnostics: " + trapgate.diagnostics() + ")");
        assertEquals(end.equals("end") ? 33 : ExitCodes.GUEST_RESET, trapgate.exitCode(), trapgate::toString);
    }
}
