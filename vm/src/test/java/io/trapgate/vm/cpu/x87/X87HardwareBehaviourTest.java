package io.trapgate.vm.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapgate.vm.testing.GuestBuild;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What QEMU does not model, checked against the manual (see fpu_hardware.s): #MF at the next
 * waiting x87 instruction, FNSTENV's masking, and #UD for FISTTP and FXSAVE/FXRSTOR. The
 * expected faulting eips come from the kernel's symbol table.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class X87HardwareBehaviourTest {
    private static final Path SYSTEM_ASM = Path.of("src", "test", "asm", "cpu", "system");

    private Map<String, String> symbols;

    /** The default hook's line for a #PF at the labelled instruction. */
    private String pf(String label, int error, String cr2) {
        return "TRAP 0e err=000" + error + " eip=" + symbols.get(label) + " cs=0008 cr2=" + cr2 + "\n";
    }

    @Test
    void pendingExceptionsAndMissingExtensionsFaultAsTheManualSays() throws Exception {
        Files.createDirectories(GuestBuild.OUT);
        Path lib = GuestBuild.OUT.resolve("x87hw-sys_lib.o");
        Path obj = GuestBuild.OUT.resolve("x87hw-fpu_hardware.o");
        Path elf = GuestBuild.OUT.resolve("x87hw-fpu_hardware.elf").toAbsolutePath();
        GuestBuild.exec(List.of("as", "--32", "-g", "-I", SYSTEM_ASM.toString(), "-o", lib.toString(),
                SYSTEM_ASM.resolve("sys_lib.s").toString()));
        GuestBuild.exec(List.of("as", "--32", "-g", "-I", SYSTEM_ASM.toString(), "-o", obj.toString(),
                X87DifferentialTest.ASM.resolve("fpu_hardware.s").toString()));
        GuestBuild.exec(List.of("ld", "-m", "elf_i386", "-nostdlib", "-T", SYSTEM_ASM.resolve("system.ld").toString(),
                "-o", elf.toString(), lib.toString(), obj.toString()));
        Map<String, String> symbols = new HashMap<>(); // name -> address, 8 hex digits
        for (String line : GuestBuild.exec(List.of("nm", elf.toString())).split("\n")) {
            String[] f = line.trim().split(" ");
            if (f.length == 3) {
                symbols.put(f[2], f[0]);
            }
        }
        this.symbols = symbols;
        String expected = "x87 hardware\n"
                + "TRAP 10 err=0000 eip=" + symbols.get("mf_at_fld") + " cs=0008\n"
                + "after fnstenv, 1/0 sets 2004\n" // ZE and TOP 4 only: no ES/B, fnstenv masked it
                + "TRAP 06 err=0000 eip=" + symbols.get("ud_fisttp16") + " cs=0008\n"
                + "TRAP 06 err=0000 eip=" + symbols.get("ud_fisttp32") + " cs=0008\n"
                + "TRAP 06 err=0000 eip=" + symbols.get("ud_fisttp64") + " cs=0008\n"
                + "TRAP 06 err=0000 eip=" + symbols.get("ud_fxsave") + " cs=0008\n"
                + "TRAP 06 err=0000 eip=" + symbols.get("ud_fxrstor") + " cs=0008\n"
                + "before: cw=0f7f sw=3000 st0=c90fdaa2\n"
                + pf("pf_fstpt", 2, "00802000") + "fstpt: cw=0f7f sw=3000 st0=c90fdaa2\n"
                + pf("pf_fistpll", 2, "00802000")
                + pf("pf_fnsave", 2, "00802000") + "fnsave: cw=0f7f sw=3000 st0=c90fdaa2\n"
                + pf("pf_fstl_ro", 3, "00803000")
                + pf("pf_frstor", 0, "00802000")
                + pf("pf_fldt", 0, "00802000") + "after all: cw=0f7f sw=3000 st0=c90fdaa2\n"
                + "page 1 tail 5555555555555555\n"
                + "END\n";
        RunResult run = TrapgateRun.boot(elf, List.of(), 30);
        assertEquals(expected, run.serial().replace("\r\n", "\n"), run::toString);
        assertEquals(33, run.exitCode(), run::toString);
    }
}
