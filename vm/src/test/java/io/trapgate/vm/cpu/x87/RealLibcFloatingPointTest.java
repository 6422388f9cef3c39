package io.trapgate.vm.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.testing.GuestBuild;
import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A C program doing floating point through a real libc (printf's %f %g %e %a, strtod, libm),
 * built with {@code gcc -m32 -O2 -static -march=i686} against Debian's static glibc and musl,
 * runs as init on the guest kernel under trapgate and must print exactly what it prints on the
 * host CPU.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class RealLibcFloatingPointTest {
    private static final Path SOURCE = Path.of("src", "test", "c", "x87", "float_printf.c");
    private static final Path MUSL = GuestBuild.OUT.resolve("musl");

    @Test
    void glibcPrintfAndLibmMatchTheHostCpu() throws Exception {
        Path program = GuestBuild.OUT.resolve("float-printf-glibc").toAbsolutePath();
        Files.createDirectories(GuestBuild.OUT);
        GuestBuild.exec(List.of("gcc", "-m32", "-O2", "-static", "-march=i686", "-o", program.toString(),
                SOURCE.toString(), "-lm"));
        sameOutputNativelyAndInTheGuest(program, "glibc");
    }

    @Test
    void muslPrintfAndLibmMatchTheHostCpu() throws Exception {
        Path lib = MUSL.resolve("usr/lib/i386-linux-musl");
        if (!Files.exists(lib.resolve("libc.a"))) {
            // musl-dev:i386 cannot be installed next to the amd64 toolchain: unpack Debian's package
            Files.createDirectories(MUSL);
            GuestBuild.exec(List.of("sh", "-c", "cd " + MUSL.toAbsolutePath() + " && apt-get download musl-dev:i386"
                    + " && dpkg -x musl-dev_*_i386.deb ."));
        }
        Path object = GuestBuild.OUT.resolve("float-printf-musl.o").toAbsolutePath();
        Path program = GuestBuild.OUT.resolve("float-printf-musl").toAbsolutePath();
        GuestBuild.exec(List.of("gcc", "-m32", "-O2", "-march=i686", "-fno-pic", "-fno-stack-protector", "-nostdinc",
                "-isystem", MUSL.resolve("usr/include/i386-linux-musl").toAbsolutePath().toString(),
                "-isystem", gccInclude(), "-c", "-o", object.toString(), SOURCE.toString()));
        String libgcc = GuestBuild.exec(List.of("gcc", "-m32", "-print-libgcc-file-name")).trim();
        GuestBuild.exec(List.of("ld", "-m", "elf_i386", "-static", "--build-id=none", "-o", program.toString(),
                lib.resolve("crt1.o").toString(), lib.resolve("crti.o").toString(), object.toString(),
                lib.resolve("libc.a").toString(), libgcc, lib.resolve("crtn.o").toString()));
        sameOutputNativelyAndInTheGuest(program, "musl");
    }

    /** gcc's own header directory (stddef.h, float.h) for the -nostdinc musl build. */
    private static String gccInclude() throws IOException, InterruptedException {
        return GuestBuild.exec(List.of("gcc", "-m32", "-print-file-name=include")).trim();
    }

    private static void sameOutputNativelyAndInTheGuest(Path program, String name) throws Exception {
        Process p = new ProcessBuilder(program.toString()).redirectErrorStream(true).start();
        String expected = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), "the host run of " + program);
        assertTrue(expected.contains("harmonic(1000) = 7.4854708605503"), expected);

        Path initramfs = initramfsWithInit(program, name);
        RunResult run = TrapgateRun.boot(kernel(), List.of("-initrd", initramfs.toString()), 180);
        String serial = run.serial().replace("\r\n", "\n");
        int at = serial.indexOf(expected.substring(0, expected.indexOf('\n') + 1));
        String seen = at < 0 ? serial : serial.substring(at, Math.min(serial.length(), at + expected.length()));
        assertEquals(expected, seen, () -> name + ": the guest printed something else; the whole run:\n" + run);
        assertEquals(0, run.exitCode(), () -> "init's exit under trapgate\n" + run);
    }

    /** A newc cpio archive holding only /init. */
    private static Path initramfsWithInit(Path program, String name) throws IOException, InterruptedException {
        Path root = GuestBuild.OUT.resolve("x87-" + name + "-root").toAbsolutePath();
        Files.createDirectories(root);
        Files.copy(program, root.resolve("init"), StandardCopyOption.REPLACE_EXISTING);
        root.resolve("init").toFile().setExecutable(true, false);
        Path cpio = GuestBuild.OUT.resolve("x87-" + name + ".cpio").toAbsolutePath();
        GuestBuild.exec(List.of("sh", "-c", "cd " + root + " && echo init | cpio -o -H newc --quiet > " + cpio));
        return cpio;
    }

    /** The guest kernel: the bundled resource, or the guest-kernel module's build. */
    static Path kernel() throws IOException {
        try (InputStream in = RealLibcFloatingPointTest.class.getResourceAsStream("/trapgate/kernel.elf")) {
            if (in != null) {
                Path copy = GuestBuild.OUT.resolve("x87-kernel.elf").toAbsolutePath();
                Files.createDirectories(GuestBuild.OUT);
                Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                return copy;
            }
        }
        List<Path> tried = new ArrayList<>();
        Path built = Path.of("..", "guest-kernel", "target", "image", "kernel.elf").toAbsolutePath().normalize();
        tried.add(built);
        if (Files.exists(built)) {
            return built;
        }
        throw new IOException("no guest kernel: build guest-kernel first (tried the classpath and " + tried + ")");
    }
}
