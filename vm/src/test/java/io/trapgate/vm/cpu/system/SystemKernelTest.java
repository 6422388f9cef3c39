package io.trapgate.vm.cpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    /** kernel, last line it prints, exit code (1: isa-debug-exit 0; 0: triple fault with -no-reboot). */
    private static final String KERNELS = """
            exceptions, END, 1
            rings, END, 1
            paging, END, 1
            smc, END, 1
            repfault, END, 1
            debugregs, END, 1
            shadow, END, 1
            iobitmap, END, 1
            doublefault, END, 1
            triplefault, before the triple fault, 0
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = KERNELS)
    void qemuRunsTheKernelToItsLastLine(String kernel, String lastLine, int exitCode)
            throws IOException, InterruptedException {
        RunResult qemu = SystemKernel.qemu(kernel);
        assertEquals(exitCode, qemu.exitCode(), qemu::toString);
        List<String> lines = qemu.serial().lines().toList();
        assertTrue(lines.size() >= 2, qemu::toString);
        assertEquals(lastLine, lines.get(lines.size() - 1), qemu::toString);
        assertFalse(qemu.serial().contains("UNEXPECTED"), qemu::toString);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = KERNELS)
    void trapgatePrintsWhatQemuPrints(String kernel, String lastLine, int exitCode)
            throws IOException, InterruptedException {
        RunResult qemu = SystemKernel.qemu(kernel);
        RunResult trapgate = TrapgateRun.boot(SystemKernel.build(kernel), List.of(), 30);
        assertEquals(qemu.serial(), trapgate.serial(), () -> "serial of " + kernel + " (trapgate: exit "
                + trapgate.exitCode() + ", diagnostics: " + trapgate.diagnostics() + ")");
        assertEquals(qemu.exitCode(), trapgate.exitCode(), trapgate::toString);
    }
}
