package io.trapgate.vm.cpu.system;

import io.trapgate.vm.testing.GuestBuild;
import io.trapgate.vm.testing.QemuRun;
import io.trapgate.vm.testing.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Builds a system test kernel (its source plus sys_lib.s) and caches its QEMU run. */
final class SystemKernel {
    static final Path ASM = Path.of("src", "test", "asm", "cpu", "system");
    private static final Map<String, Path> BUILT = new ConcurrentHashMap<>();
    private static final Map<String, RunResult> QEMU = new ConcurrentHashMap<>();

    private SystemKernel() {
    }

    static synchronized Path build(String name) throws IOException, InterruptedException {
        Path done = BUILT.get(name);
        if (done != null) {
            return done;
        }
        Files.createDirectories(GuestBuild.OUT);
        Path lib = assemble("sys_lib");
        Path kernel = assemble(name);
        Path elf = GuestBuild.OUT.resolve("system-" + name + ".elf");
        GuestBuild.exec(List.of("ld", "-m", "elf_i386", "-nostdlib", "-T", ASM.resolve("system.ld").toString(), "-o",
                elf.toString(), lib.toString(), kernel.toString()));
        BUILT.put(name, elf.toAbsolutePath());
        return elf.toAbsolutePath();
    }

    private static Path assemble(String name) throws IOException, InterruptedException {
        Path object = GuestBuild.OUT.resolve("system-" + name + ".o");
        GuestBuild.exec(List.of("as", "--32", "-g", "-I", ASM.toString(), "-o", object.toString(),
                ASM.resolve(name + ".s").toString()));
        return object;
    }

    static synchronized RunResult qemu(String name) throws IOException, InterruptedException {
        RunResult r = QEMU.get(name);
        if (r == null) {
            r = QemuRun.boot(build(name), List.of(), 30);
            QEMU.put(name, r);
        }
        return r;
    }
}
