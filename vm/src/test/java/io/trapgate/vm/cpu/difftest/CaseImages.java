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
 * Generated cases linked twice with one harness and one link script, so every address the cases
 * can see is the same: with a Linux start, a static i386 program run on the host CPU (the truth),
 * and with a multiboot start, a kernel run in the VMs. Used by the difftest, seglimit, fault and
 * x87 suites.
 */
public record CaseImages(Path nativeProgram, Path kernel) {

    /** Links {@code NAME-native} and {@code NAME-multiboot.elf} from the assembled pieces. */
    public static CaseImages link(String name, Path script, Path nativeStart, Path multibootStart, Path cases,
            Path harness) throws IOException, InterruptedException {
        Path nat = GuestBuild.link(name + "-native", script, List.of(nativeStart, cases, harness));
        Path kernel = GuestBuild.link(name + "-multiboot.elf", script, List.of(multibootStart, cases, harness));
        return new CaseImages(nat.toAbsolutePath(), kernel.toAbsolutePath());
    }

    /**
     * The images of a harness that follows the naming under {@link DifferentialImage#ASM}:
     * {@code name_harness.s}, {@code name_native_start.s}, {@code name_multiboot_start.s} and
     * {@code name.ld}, around {@code caseAssembly} (written to {@code name-cases.s}).
     */
    static CaseImages build(String name, String caseAssembly) throws IOException, InterruptedException {
        Path asm = DifferentialImage.ASM;
        Path source = GuestBuild.OUT.resolve(name + "-cases.s");
        Files.createDirectories(GuestBuild.OUT);
        Files.writeString(source, caseAssembly, StandardCharsets.UTF_8);
        return link(name, asm.resolve(name + ".ld"), GuestBuild.assemble(asm.resolve(name + "_native_start.s")),
                GuestBuild.assemble(asm.resolve(name + "_multiboot_start.s")), GuestBuild.assemble(source),
                GuestBuild.assemble(asm.resolve(name + "_harness.s")));
    }

    /** Runs the native program on the host CPU and returns its stdout; it must exit 0 within 60 s. */
    public String runNatively() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(nativeProgram.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(nativeProgram + " did not exit");
        }
        String text = new String(out, StandardCharsets.ISO_8859_1);
        if (p.exitValue() != 0) {
            throw new IOException(nativeProgram + " exited " + p.exitValue() + " after:\n" + DifferentialImage.tail(text));
        }
        return text;
    }

    /** The lines the native program prints on the host CPU; it must exit 0 within 30 s ({@code what} names the run). */
    List<String> runOnTheHostCpu(String what) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(nativeProgram.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), what + ":\n" + DifferentialImage.tail(out));
        return out.lines().toList();
    }
}
