package io.trapgate.vm.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.testing.GuestBuild;
import io.trapgate.vm.testing.QemuRun;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The x87's system behaviour (#NM from CR0.EM/TS/MP, #MF with CR0.NE, unmasked exception
 * responses, FNSTENV's pointers) in a ring-0 test kernel: QEMU runs it first, then trapgate must
 * print the same lines and exit the same way.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class X87TrapsAgainstQemuTest {
    private static final Path SYSTEM_ASM = Path.of("src", "test", "asm", "cpu", "system");

    private static Path build() throws Exception {
        Path lib = GuestBuild.OUT.resolve("x87-sys_lib.o");
        Path kernel = GuestBuild.OUT.resolve("x87-fpu_traps.o");
        java.nio.file.Files.createDirectories(GuestBuild.OUT);
        GuestBuild.exec(List.of("as", "--32", "-g", "-I", SYSTEM_ASM.toString(), "-o", lib.toString(),
                SYSTEM_ASM.resolve("sys_lib.s").toString()));
        GuestBuild.exec(List.of("as", "--32", "-g", "-I", SYSTEM_ASM.toString(), "-o", kernel.toString(),
                X87DifferentialTest.ASM.resolve("fpu_traps.s").toString()));
        Path elf = GuestBuild.OUT.resolve("x87-fpu_traps.elf");
        GuestBuild.exec(List.of("ld", "-m", "elf_i386", "-nostdlib", "-T", SYSTEM_ASM.resolve("system.ld").toString(),
                "-o", elf.toString(), lib.toString(), kernel.toString()));
        return elf.toAbsolutePath();
    }

    @Test
    void trapgateReportsX87TrapsAsQemuDoes() throws Exception {
        Path kernel = build();
        RunResult qemu = QemuRun.boot(kernel, List.of(), 30);
        assertEquals(33, qemu.exitCode(), qemu::toString);
        assertTrue(qemu.serial().contains("TRAP 10 "), () -> "the oracle raised no #MF:\n" + qemu);
        assertTrue(qemu.serial().contains("TRAP 07 "), () -> "the oracle raised no #NM:\n" + qemu);
        assertFalse(qemu.serial().contains("no fault") || qemu.serial().contains("UNEXPECTED"), qemu::toString);
        RunResult trapgate = TrapgateRun.boot(kernel, List.of(), 30);
        assertEquals(qemu.serial(), trapgate.serial(), () -> "trapgate (exit " + trapgate.exitCode() + ", "
                + trapgate.diagnostics() + ")");
        assertEquals(33, trapgate.exitCode(), trapgate::toString);
    }
}
