package io.trapgate.vm.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.ExitCodes;
import io.trapgate.vm.boot.TestKernels;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** trapgate's own exit statuses (README "Command line"), each from a real boot. */
@Timeout(120)
class ExitCodesTest {
    @TempDir
    Path tmp;

    @Test
    void haltWithInterruptsOffIsReportedAsAHungGuest() throws Exception {
        RunResult r = TrapgateRun.boot(TestKernels.elf("hang"), List.of(), 60);
        assertEquals(ExitCodes.GUEST_HUNG, r.exitCode(), r::toString);
        assertEquals("halting for good\n", r.serial());
        assertTrue(r.diagnostics().startsWith("trapgate: guest hung: the CPU halted with interrupts disabled (IF=0)"),
                r::toString);
    }

    @Test
    void watchdogStopsASpinningGuestWith124AndItsState() throws Exception {
        RunResult r = TrapgateRun.boot(TestKernels.elf("spin"), List.of("--timeout", "2"), 60);
        assertEquals(ExitCodes.TIMEOUT, r.exitCode(), r::toString);
        assertEquals("spinning\n", r.serial());
        String[] lines = r.diagnostics().split("\n", 2);
        assertEquals("trapgate: watchdog: the guest was still running at the --timeout limit", lines[0]);
        assertTrue(lines.length > 1 && !lines[1].isBlank(), "the guest state follows: " + r.diagnostics());
    }

    @Test
    void serialCanGoToAFile() throws Exception {
        Path out = tmp.resolve("serial.txt");
        RunResult r = TrapgateRun.boot(TestKernels.elf("exit"), List.of("-serial", "file:" + out), 60);
        assertEquals(85, r.exitCode(), r::toString);
        assertEquals("", r.serial());
        assertEquals("exiting with 0x2a\n", Files.readString(out));
    }

    @Test
    void serialNullDiscardsOutput() throws Exception {
        RunResult r = TrapgateRun.boot(TestKernels.elf("exit"), List.of("-serial", "null"), 60);
        assertEquals(85, r.exitCode(), r::toString);
        assertEquals("", r.serial());
    }

    @Test
    void movedDebugExitDeviceAnswersAtItsNewPortOnly() throws Exception {
        RunResult r = TrapgateRun.boot(TestKernels.elf("exit"),
                List.of("-device", "isa-debug-exit,iobase=0x501,iosize=2", "--timeout", "5"), 60);
        // the kernel writes to 0xf4, where nothing answers now: it halts with IF=0
        assertEquals(ExitCodes.GUEST_HUNG, r.exitCode(), r::toString);
    }

    @Test
    void dashDUnimpLogsTheWriteToThePortTheDeviceLeft() throws Exception {
        RunResult r = TrapgateRun.boot(TestKernels.elf("exit"),
                List.of("-device", "isa-debug-exit,iobase=0x501,iosize=2", "-d", "unimp"), 60);
        assertEquals(ExitCodes.GUEST_HUNG, r.exitCode(), r::toString);
        assertTrue(r.diagnostics().startsWith("unimp: 1-byte write of 0x2a to unassigned I/O port 0x00f4\n"),
                r::toString);
    }

    @Test
    void dashDIntLogsEachTimerInterrupt() throws Exception {
        Path log = tmp.resolve("trace.log");
        RunResult r = TrapgateRun.boot(TestKernels.elf("pit"), List.of("-d", "int", "-D", log.toString()), 60);
        assertEquals(35, r.exitCode(), r::toString);
        List<String> lines = Files.readAllLines(log);
        assertEquals(32, lines.size(), "10 + 5 + 1 timer interrupts, two lines each: " + lines);
        for (int i = 0; i < 32; i += 2) {
            assertEquals("int: IRQ0 -> vector 0x20", lines.get(i));
            assertTrue(lines.get(i + 1).startsWith("int: interrupt v=20 eip=001"), lines.get(i + 1));
        }
    }

    @Test
    void dashDIntLogsTheExceptionsOfATripleFault() throws Exception {
        RunResult r = TrapgateRun.boot(TestKernels.elf("triple"), List.of("-d", "int"), 60);
        assertEquals(ExitCodes.GUEST_RESET, r.exitCode(), r::toString);
        assertTrue(r.diagnostics().startsWith("int: software v=03 eip="), r::toString);
    }

    @Test
    void haltWithTimerMaskedIsReportedAsAHungGuest() throws Exception {
        RunResult r = TrapgateRun.boot(TestKernels.elf("masked"), List.of(), 60);
        assertEquals(ExitCodes.GUEST_HUNG, r.exitCode(), r::toString);
        assertEquals("waiting for a masked timer\n", r.serial());
        assertTrue(r.diagnostics().startsWith("trapgate: guest hung: the CPU halted and the timer interrupts (IRQ0, IRQ8) cannot"),
                r::toString);
    }

    @Test
    void dashDExecLogsEveryInstructionFromTheEntryPoint() throws Exception {
        Path kernel = TestKernels.elf("exit");
        byte[] elf = Files.readAllBytes(kernel);
        int entry = java.nio.ByteBuffer.wrap(elf).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(24);
        Path log = tmp.resolve("exec.log");
        RunResult r = TrapgateRun.boot(kernel, List.of("-d", "exec", "-D", log.toString()), 60);
        assertEquals(85, r.exitCode(), r::toString);
        assertEquals("exiting with 0x2a\n", r.serial());
        List<String> lines = Files.readAllLines(log);
        assertEquals(String.format("exec: 0008:%08x retired=0", entry), lines.get(0));
        for (int i = 0; i < lines.size(); i++) {
            assertTrue(lines.get(i).endsWith(" retired=" + i), lines.get(i));
        }
    }

    @Test
    void dashDCpuLogsTheMultibootEntryState() throws Exception {
        Path log = tmp.resolve("cpu.log");
        RunResult r = TrapgateRun.boot(TestKernels.elf("exit"), List.of("-d", "cpu", "-D", log.toString()), 60);
        assertEquals(85, r.exitCode(), r::toString);
        assertTrue(Files.readString(log).startsWith("EAX=2badb002 "), "first state is the multiboot entry");
    }

    @Test
    void serialOutputFailureIsAnInternalErrorWithTheGuestState() throws Exception {
        RunResult r = TrapgateRun.boot(TestKernels.elf("exit"), List.of("-serial", "file:/dev/full"), 60);
        assertEquals(ExitCodes.INTERNAL_ERROR, r.exitCode(), r::toString);
        String[] lines = r.diagnostics().split("\n");
        assertEquals("trapgate: serial output failed: No space left on device", lines[0]);
        assertEquals("guest state at the failure:", lines[1]);
        assertTrue(lines[2].startsWith("EAX="), r::toString);
    }

    @Test
    void dashDCpuResetLogsTheTripleFault() throws Exception {
        RunResult r = TrapgateRun.boot(TestKernels.elf("triple"), List.of("-d", "cpu_reset"), 60);
        assertEquals(ExitCodes.GUEST_RESET, r.exitCode(), r::toString);
        assertTrue(r.diagnostics().startsWith("cpu_reset: triple fault\n"), r::toString);
    }

    @Test
    void pacedRunTakesAtLeastTheVirtualTimeItSleeps() throws Exception {
        // pit.elf sleeps in hlt through 15 timer periods of 1 ms; paced, that is real time
        long start = System.nanoTime();
        RunResult r = TrapgateRun.boot(TestKernels.elf("pit"), List.of("--pace"), 60);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(35, r.exitCode(), r::toString);
        assertTrue(elapsedMs >= 15, "paced run took " + elapsedMs + " ms");
    }

    @Test
    void sameKernelSameRunTwice() throws Exception {
        Path kernel = TestKernels.elf("pit");
        RunResult a = TrapgateRun.boot(kernel, List.of("-d", "int"), 60);
        RunResult b = TrapgateRun.boot(kernel, List.of("-d", "int"), 60);
        assertEquals(a.toString(), b.toString(), "virtual time makes runs deterministic");
    }
}
