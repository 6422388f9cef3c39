package io.trapgate.vm.boot;

import io.trapgate.vm.testing.GuestBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Builds the boot test kernels in vm/src/test/asm/boot with binutils: header.S (the multiboot
 * header and entry), lib.S (serial, exits, the IDT, the 8259As, a CMOS boot counter) and one
 * test file each. Sources are copied under a "boot-" prefix so their objects cannot collide with
 * other tests' in target/guest-build.
 */
public final class TestKernels {
    public static final Path SOURCES = Path.of("src", "test", "asm", "boot");

    private TestKernels() {
    }

    private static Path object(String source) throws IOException, InterruptedException {
        Path dir = GuestBuild.OUT.resolve("boot-src");
        Files.createDirectories(dir);
        for (String shared : List.of("header.S")) {
            Files.copy(SOURCES.resolve(shared), dir.resolve(shared), StandardCopyOption.REPLACE_EXISTING);
        }
        Path copy = dir.resolve("boot-" + source);
        Files.copy(SOURCES.resolve(source), copy, StandardCopyOption.REPLACE_EXISTING);
        return GuestBuild.assemble(copy);
    }

    /** An ELF kernel: header + lib + {@code name}.S, linked at 1 MiB. */
    public static Path elf(String name) throws IOException, InterruptedException {
        return GuestBuild.link("boot-" + name + ".elf", SOURCES.resolve("kernel.ld"),
                List.of(object("header.S"), object("lib.S"), object(name + ".S")));
    }

    /** The same kernel with the a.out-kludge header, as a flat binary (objcopy -O binary). */
    public static Path flatBinary(String name) throws IOException, InterruptedException {
        Path elf = GuestBuild.link("boot-aout-" + name + ".elf", SOURCES.resolve("kernel.ld"),
                List.of(object("aout_header.S"), object("lib.S"), object(name + ".S")));
        Path bin = GuestBuild.OUT.resolve("boot-aout-" + name + ".bin");
        GuestBuild.exec(List.of("objcopy", "-O", "binary", elf.toString(), bin.toString()));
        return bin;
    }

    /** An object file (ELF type REL) that still carries a multiboot header. */
    public static Path headerObject() throws IOException, InterruptedException {
        return object("header.S");
    }
}
