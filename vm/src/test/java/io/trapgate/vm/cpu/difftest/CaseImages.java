package io.trapgate.vm.cpu.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.testing.GuestBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A generated case file built twice with the harness called {@code name} under
 * {@link DifferentialImage#ASM} ({@code name_harness.s}, {@code name_native_start.s},
 * {@code name_multiboot_start.s}, one layout {@code name.ld}): a static i386 Linux program run
 * on the host CPU (the truth) and a multiboot kernel run in the VMs.
 */
record CaseImages(Path nativeProgram, Path kernel) {

    static CaseImages build(String name, String caseAssembly) throws IOException, InterruptedException {
        Path asm = DifferentialImage.ASM;
        Path source = GuestBuild.OUT.resolve(name + "-cases.s");
        Files.createDirectories(GuestBuild.OUT);
        Files.writeString(source, caseAssembly, StandardCharsets.UTF_8);
        Path cases = GuestBuild.assemble(source);
        Path harness = GuestBuild.assemble(asm.resolve(name + "_harness.s"));
        Path nativeStart = GuestBuild.assemble(asm.resolve(name + "_native_start.s"));
        Path multibootStart = GuestBuild.assemble(asm.resolve(name + "_multiboot_start.s"));
        Path script = asm.resolve(name + ".ld");
        Path nat = GuestBuild.link(name + "-native", script, List.of(nativeStart, cases, harness));
        Path kernel = GuestBuild.link(name + "-multiboot.elf", script, List.of(multibootStart, cases, harness));
        return new CaseImages(nat, kernel.toAbsolutePath());
    }

    /** The lines the native program prints on the host CPU; it must exit 0 within 30 s ({@code what} names the run). */
    List<String> runOnTheHostCpu(String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(nativeProgram.toAbsolutePath().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), what + ":\n" + DifferentialImage.tail(out));
        return out.lines().toList();
    }
}
