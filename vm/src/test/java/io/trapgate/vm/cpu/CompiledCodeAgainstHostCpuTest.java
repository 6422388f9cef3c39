package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.testing.GuestBuild;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Compiles a C workload (vm/src/test/c/cpu/workload.c) with gcc -m32 at several optimisation
 * levels, runs it natively on the host CPU and in the emulated CPU, and requires the same output:
 * real compiler output exercises instruction mixes nobody here chose.
 */
@Timeout(120)
class CompiledCodeAgainstHostCpuTest {
    private static final Path SRC = Path.of("src", "test", "c", "cpu");

    private static Path compile(String name, Path source, String flags) throws Exception {
        Path dir = GuestBuild.OUT.resolve("cpu-c");
        Files.createDirectories(dir);
        Path obj = dir.resolve(name + ".o");
        List<String> cmd = new ArrayList<>(List.of("gcc", "-m32", "-c", "-ffreestanding", "-fno-pic", "-fno-pie",
                "-fno-stack-protector", "-fno-asynchronous-unwind-tables", "-fno-tree-loop-distribute-patterns", "-fno-math-errno",
                "-nostdlib", "-o", obj.toString(), source.toString()));
        for (String f : flags.split(" ")) {
            if (!f.isBlank()) {
                cmd.add(f);
            }
        }
        GuestBuild.exec(cmd);
        return obj;
    }

    @ParameterizedTest
    @ValueSource(strings = {"-O0", "-O1", "-O2 -march=i686", "-Os", "-O3 -march=pentium2 -fomit-frame-pointer"})
    void compiledWorkloadPrintsWhatTheHostCpuPrints(String flags) throws Exception {
        runOnBoth("workload", flags, "primes 2262");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-O0", "-O2 -march=i686"})
    void compiledX87WorkloadPrintsWhatTheHostFpuPrints(String flags) throws Exception {
        runOnBoth("float", flags, "basel ");
    }

    private void runOnBoth(String program, String flags, String mustContain) throws Exception {
        String tag = program + flags.replaceAll("[^A-Za-z0-9]", "");
        Path work = compile(tag, SRC.resolve(program + ".c"), flags);
        Path host = compile("start_host", SRC.resolve("start_host.S"), "");
        Path vm = compile("start_vm", SRC.resolve("start_vm.S"), "");
        String libgcc = GuestBuild.exec(List.of("gcc", "-m32", "-print-libgcc-file-name")).trim();
        Path dir = GuestBuild.OUT.resolve("cpu-c");

        Path exe = dir.resolve("workload-host" + tag);
        GuestBuild.exec(List.of("ld", "-m", "elf_i386", "-static", "-o", exe.toString(), host.toString(),
                work.toString(), libgcc));
        Process p = new ProcessBuilder(exe.toAbsolutePath().toString()).start();
        String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertTrue(expected.contains(mustContain), expected);

        Path bin = dir.resolve("workload-vm" + tag + ".bin");
        GuestBuild.exec(List.of("ld", "-m", "elf_i386", "-T", SRC.resolve("flat.ld").toString(), "--oformat",
                "binary", "-o", bin.toString(), vm.toString(), work.toString(), libgcc));
        byte[] image = Files.readAllBytes(bin);
        CpuTestRig t = new CpuTestRig();
        t.memory.load(CpuTestRig.ORIGIN, image, 0, image.length);
        t.cpu.enterMultiboot(CpuTestRig.ORIGIN, 0, 0);
        t.regs.set(Cpu.ESP, CpuTestRig.STACK_TOP);
        int rc = t.cpu.run(200_000_000);
        assertEquals(Cpu.RUN_HALTED, rc, t.cpu::describeState);
        assertEquals(expected, t.output());
    }
}
