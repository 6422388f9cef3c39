package io.trapgate.vm.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.boot.TestKernels;
import io.trapgate.vm.testing.QemuRun;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The boot test kernels (vm/src/test/asm/boot) booted headless under qemu-system-i386 and in
 * trapgate with the same arguments: QEMU's serial output and exit status are checked against what
 * the kernel is written to print, and trapgate must produce exactly the same.
 */
@Timeout(120)
class BootKernelsTest {
    private static final int TIMEOUT_S = 60;

    @TempDir
    Path tmp;

    /** Boots under both, checks QEMU against the expectation, then trapgate against QEMU. */
    private static void bootsLikeQemu(Path kernel, List<String> args, int expectedExit, String expectedSerial)
            throws Exception {
        RunResult qemu = QemuRun.boot(kernel, args, TIMEOUT_S);
        assertEquals(expectedExit, qemu.exitCode(), () -> "qemu: " + qemu);
        assertEquals(expectedSerial, qemu.serial(), () -> "qemu: " + qemu);
        RunResult trapgate = TrapgateRun.boot(kernel, args, TIMEOUT_S);
        assertEquals(qemu.serial(), trapgate.serial(), () -> "trapgate: " + trapgate);
        assertEquals(qemu.exitCode(), trapgate.exitCode(), () -> "trapgate: " + trapgate);
    }

    @Test
    void helloKernelSeesTheSameUartRegistersAsUnderQemu() throws Exception {
        bootsLikeQemu(TestKernels.elf("hello"), List.of(), 33, """
                hello from a multiboot kernel
                scratch 0x0000005a
                iir 0x000000c1
                lcr 0x00000003
                lsr 0x00000060
                dll 0x00000001
                msr loop 0x000000b0
                lsr.dr loop 0x00000001
                rbr loop 0x00000051
                iir thre 0x000000c2
                iir after read 0x000000c2
                bye
                """);
    }

    @Test
    void debugExitValueBecomesTheExitStatus() throws Exception {
        bootsLikeQemu(TestKernels.elf("exit"), List.of(), 85, "exiting with 0x2a\n");
    }

    @Test
    void flatBinaryKernelBootsThroughTheAoutKludge() throws Exception {
        bootsLikeQemu(TestKernels.flatBinary("exit"), List.of(), 85, "exiting with 0x2a\n");
    }

    @Test
    void timerInterruptsArriveThroughThePicInModes2And3() throws Exception {
        bootsLikeQemu(TestKernels.elf("pit"), List.of(), 35, """
                pic1 imr 0x000000fe
                mode 2 ticks 10
                isr in handler 0x00000001
                isr after eoi 0x00000000
                mode 3 ticks 5
                irr while masked 0x00000001
                ticks while masked 0
                ticks after unmask 1
                ch2 count moved 1
                ch2 out after load 0
                ch2 out at terminal count 1
                """);
    }

    @Test
    void picRegistersReadThroughOcw3AsUnderQemu() throws Exception {
        // printing a line writes THR, which gives IRQ4 a new edge: hence the requests after prints
        bootsLikeQemu(TestKernels.elf("picregs"), List.of(), 45, """
                irr 0x00000010
                isr 0x00000000
                poll 0x00000084
                isr 0x00000010
                irr after poll 0x00000010
                isr after eoi 0x00000000
                irr masked 0x00000010
                poll masked 0x00000000
                imr 0x000000ff
                poll aeoi 0x00000084
                isr aeoi 0x00000000
                irr two requests 0x00000011
                poll rotated 0x00000084
                poll next 0x00000084
                isr after eoi 0x00000000
                """);
    }

    @Test
    void pitReadBackStatusMatchesQemuInModes0And3() throws Exception {
        bootsLikeQemu(TestKernels.elf("pitregs"), List.of(), 47, """
                control 0x00000030 status 0x00000030
                control 0x00000036 status 0x000000b6
                control 0x00000020 status 0x00000020
                control 0x00000031 status 0x00000031
                status with count 0x00000030
                status again 0x00000030
                """);
    }

    @Test
    void rtcReadsTheBaseTimeInBcdAndBinary() throws Exception {
        bootsLikeQemu(TestKernels.elf("rtc"), List.of("-rtc", "base=2006-06-17T16:01:21"), 39, """
                status a 0x00000026
                status b 0x00000002
                status d 0x00000080
                bcd 20 06 06 17 16 01\s
                binary 14 06 06 11 10 01\s
                base memory KiB 640
                """);
    }

    @Test
    void rtcPeriodicAndUpdateInterruptsArriveOnIrq8() throws Exception {
        bootsLikeQemu(TestKernels.elf("rtcirq"), List.of(), 43, """
                periodic interrupts 16
                status c 0x000000c0
                update interrupts 1
                status c 0x00000090
                """);
    }

    @Test
    void kernelReadsItsCommandLineAndModulesFromTheMultibootInfo() throws Exception {
        Path m1 = tmp.resolve("m1.txt");
        Path m2 = tmp.resolve("m2.txt");
        Files.writeString(m1, "first module line\nsecond\n");
        Files.writeString(m2, "other");
        Path kernel = TestKernels.elf("mbinfo");
        bootsLikeQemu(kernel, List.of("-append", "init=/bin/sh -- a b", "-initrd", m1 + " arg1 arg2," + m2), 67,
                "magic 0x2badb002\n"
                + "flags&0x24d 0x0000024d\n"
                + "mem_lower 639\n"
                + "mem_upper MiB 63\n"
                + "cmdline [" + kernel + " init=/bin/sh -- a b]\n"
                + "mods_count 2\n"
                + "module [" + m1 + " arg1 arg2] page offset 0 size 25 first line [first module line]\n"
                + "module [" + m2 + "] page offset 0 size 5 first line [other]\n"
                + "usable MiB at 1 MiB 63\n"
                + "done\n");
    }

    @Test
    void powerOffPortExitsZeroWhereQemu72IgnoresIt() throws Exception {
        Path kernel = TestKernels.elf("poweroff");
        RunResult qemu = QemuRun.boot(kernel, List.of(), TIMEOUT_S);
        assertEquals(103, qemu.exitCode(), qemu::toString);
        assertEquals("powering off\nstill running after power-off\n", qemu.serial(), qemu::toString);
        RunResult trapgate = TrapgateRun.boot(kernel, List.of(), TIMEOUT_S);
        assertEquals(0, trapgate.exitCode(), trapgate::toString);
        assertEquals("powering off\n", trapgate.serial(), trapgate::toString);
    }

    /** QEMU without -no-reboot (QemuRun always passes it): a reset reboots the same kernel. */
    private RunResult qemuAllowingReboot(Path kernel) throws Exception {
        Path serial = tmp.resolve("serial.txt");
        Process p = new ProcessBuilder(QemuRun.command(kernel, false, "file:" + serial)).redirectErrorStream(true).start();
        String diag = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(TIMEOUT_S, java.util.concurrent.TimeUnit.SECONDS), "qemu finished");
        return new RunResult(p.exitValue(), Files.readString(serial), diag);
    }

    @Test
    void tripleFaultRebootsWithCmosKeptAsUnderQemu() throws Exception {
        rebootsLikeQemu(TestKernels.elf("triple"), 69, "boot 1\nboot 2\n");
    }

    @Test
    void resetRequestsThroughCf9AndPort92RebootAsUnderQemu() throws Exception {
        rebootsLikeQemu(TestKernels.elf("reset"), 71, "boot 1\nboot 2\nboot 3\n");
    }

    /** As {@link #bootsLikeQemu}, with resets rebooting the kernel (no -no-reboot) on both machines. */
    private void rebootsLikeQemu(Path kernel, int expectedExit, String expectedSerial) throws Exception {
        RunResult qemu = qemuAllowingReboot(kernel);
        assertEquals(expectedExit, qemu.exitCode(), qemu::toString);
        assertEquals(expectedSerial, qemu.serial());
        RunResult trapgate = TrapgateRun.run(List.of("-kernel", kernel.toString(), "--timeout", "" + TIMEOUT_S));
        assertEquals(expectedExit, trapgate.exitCode(), trapgate::toString);
        assertEquals(qemu.serial(), trapgate.serial(), trapgate::toString);
    }

    @Test
    void tripleFaultWithNoRebootExitsFourWithTheRegisters() throws Exception {
        Path kernel = TestKernels.elf("triple");
        RunResult qemu = QemuRun.boot(kernel, List.of(), TIMEOUT_S);
        assertEquals(0, qemu.exitCode(), "QEMU exits 0 on a reset under -no-reboot");
        assertEquals("boot 1\n", qemu.serial());
        RunResult trapgate = TrapgateRun.boot(kernel, List.of(), TIMEOUT_S);
        assertEquals(4, trapgate.exitCode(), trapgate::toString);
        assertEquals("boot 1\n", trapgate.serial());
        assertTrue(trapgate.diagnostics().startsWith("trapgate: guest reset (triple fault) with -no-reboot\n"),
                trapgate::toString);
    }

    @Test
    void debugConsoleGoesRawToStderrAndReadsBackE9() throws Exception {
        Path kernel = TestKernels.elf("debugcon");
        Path e9 = tmp.resolve("e9.txt");
        RunResult qemu = QemuRun.boot(kernel, List.of("-debugcon", "file:" + e9), TIMEOUT_S);
        assertEquals(37, qemu.exitCode(), qemu::toString);
        assertEquals("port 0xe9 reads 0x000000e9\n", qemu.serial());
        assertEquals("to the debug console\n", Files.readString(e9));
        RunResult trapgate = TrapgateRun.boot(kernel, List.of(), TIMEOUT_S);
        assertEquals(37, trapgate.exitCode(), trapgate::toString);
        assertEquals(qemu.serial(), trapgate.serial());
        assertEquals("to the debug console\n", trapgate.diagnostics());
    }

    @Test
    void kernelsQemuRefusesAreRefusedWithAOneLineReason() throws Exception {
        Path text = tmp.resolve("notes.txt");
        Files.writeString(text, "not a kernel\n");
        Path elf64 = io.trapgate.vm.testing.GuestBuild.OUT.resolve("boot-elf64.elf");
        Path s64 = io.trapgate.vm.testing.GuestBuild.OUT.resolve("boot-elf64.s");
        Files.createDirectories(s64.getParent());
        Files.writeString(s64, ".section .multiboot,\"a\"\n.long 0x1BADB002, 0, -0x1BADB002\n.text\n"
                + ".globl _start\n_start: hlt\n");
        Path o64 = io.trapgate.vm.testing.GuestBuild.OUT.resolve("boot-elf64.o");
        io.trapgate.vm.testing.GuestBuild.exec(List.of("as", "--64", "-o", o64.toString(), s64.toString()));
        io.trapgate.vm.testing.GuestBuild.exec(List.of("ld", "-m", "elf_x86_64", "-T",
                TestKernels.SOURCES.resolve("kernel.ld").toString(), "-o", elf64.toString(), o64.toString()));
        Path missing = tmp.resolve("missing.elf");
        for (Object[] c : new Object[][] {
                {text, "not a multiboot kernel (no multiboot header in the first 8 KiB)"},
                {elf64, "ELF64 kernel; trapgate boots 32-bit (ELF32) multiboot kernels"},
                {missing, "no such file"}}) {
            Path kernel = (Path) c[0];
            RunResult qemu = QemuRun.boot(kernel, List.of(), TIMEOUT_S);
            assertEquals(1, qemu.exitCode(), () -> "qemu refuses " + kernel + ": " + qemu);
            RunResult trapgate = TrapgateRun.boot(kernel, List.of(), TIMEOUT_S);
            assertEquals(2, trapgate.exitCode(), trapgate::toString);
            assertEquals("trapgate: " + kernel + ": " + c[1] + "\n", trapgate.diagnostics());
        }
    }

    @Test
    void serialInputReachesTheGuestThroughReceiveInterrupts() throws Exception {
        Path kernel = TestKernels.elf("echo");
        Path input = tmp.resolve("typed.txt");
        Files.writeString(input, "#hello uart.");
        Path serial = tmp.resolve("serial.txt");
        Process p = new ProcessBuilder(QemuRun.command(kernel, true, "stdio")).redirectInput(input.toFile())
                .redirectOutput(serial.toFile()).redirectErrorStream(false).start();
        assertTrue(p.waitFor(TIMEOUT_S, java.util.concurrent.TimeUnit.SECONDS), "qemu finished");
        String expected = "type, end with a dot\n[hello uart.]\n";
        assertEquals(expected, Files.readString(serial), "qemu");
        assertEquals(41, p.exitValue());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = io.trapgate.vm.cli.TrapgateCommand.run(
                new String[] {"-kernel", kernel.toString(), "-no-reboot", "--timeout", "" + TIMEOUT_S},
                new java.io.ByteArrayInputStream("#hello uart.".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
                new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));
        assertEquals(expected, out.toString(java.nio.charset.StandardCharsets.ISO_8859_1), err::toString);
        assertEquals(41, code, err::toString);
    }
}
