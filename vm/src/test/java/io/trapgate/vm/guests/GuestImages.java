package io.trapgate.vm.guests;

import io.trapgate.vm.testing.GuestBuild;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Where the images under test come from: the bundled guest kernel and default initramfs (the
 * classpath resources that ship in the jar), and the test initramfs with every test program
 * under /bin, built by {@code make -C test-guests tests}. A missing kernel is a test failure
 * that says what to build, never a skip.
 */
final class GuestImages {
    /** The test-guests module, seen from the vm module (surefire's working directory). */
    static final Path TEST_GUESTS = Path.of("..", "test-guests").toAbsolutePath().normalize();
    static final Path TESTS_BUILD = TEST_GUESTS.resolve("target/build/tests");
    private static boolean testsBuilt;

    private GuestImages() {
    }

    /**
     * The guest kernel: {@code -Dtrapgate.test.kernel=PATH} if given (a kernel under
     * development), else the bundled /trapgate/kernel.elf, else guest-kernel's build output.
     */
    static Path kernel() throws IOException {
        String override = System.getProperty("trapgate.test.kernel");
        if (override != null && !override.isEmpty()) {
            Path p = Path.of(override).toAbsolutePath();
            if (!Files.isRegularFile(p)) {
                throw new AssertionError("-Dtrapgate.test.kernel=" + override + ": no such file");
            }
            return p;
        }
        Path fromClasspath = resource("/trapgate/kernel.elf", "kernel.elf");
        if (fromClasspath != null) {
            return fromClasspath;
        }
        Path built = Path.of("..", "guest-kernel", "target", "image", "kernel.elf").toAbsolutePath().normalize();
        if (Files.isRegularFile(built)) {
            return built;
        }
        throw new AssertionError("the guest kernel is not built: no /trapgate/kernel.elf on the classpath and no "
                + built + " (mvn -pl vm -am builds it)");
    }

    /** The bundled default initramfs: the demo /init and /etc/motd. */
    static Path bundledInitramfs() throws IOException {
        Path p = resource("/trapgate/initramfs.cpio", "bundled-initramfs.cpio");
        if (p == null) {
            throw new AssertionError("no /trapgate/initramfs.cpio on the classpath (the test-guests module builds it)");
        }
        return p;
    }

    /** The tests' initramfs; builds it (and the real-libc programs) on first use. */
    static synchronized Path testsInitramfs() throws IOException, InterruptedException {
        if (!testsBuilt) {
            GuestBuild.exec(List.of("make", "-s", "-C", TEST_GUESTS.toString(), "tests"));
            testsBuilt = true;
        }
        return TESTS_BUILD.resolve("initramfs.cpio");
    }

    /** The unpacked tree of the tests' initramfs: the native oracle runs the programs in it. */
    static Path testsRoot() throws IOException, InterruptedException {
        testsInitramfs();
        return TESTS_BUILD.resolve("root");
    }

    /** Fails, saying why, when the program is not in the tests' image (a toolchain was missing). */
    static void requireInImage(GuestProgram program) throws IOException, InterruptedException {
        Path file = testsRoot().resolve(program.argv().get(0).substring(1));
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(program.argv().get(0) + " is not in the tests' image: `make -C test-guests real`"
                    + " says why (static glibc needs gcc-multilib, musl a download of musl-dev:i386, busybox"
                    + " busybox-static:i386; scripts/setup-host installs them)");
        }
    }

    private static Path resource(String name, String fileName) throws IOException {
        try (InputStream in = GuestImages.class.getResourceAsStream(name)) {
            if (in == null) {
                return null;
            }
            Files.createDirectories(GuestBuild.OUT);
            Path copy = GuestBuild.OUT.resolve(fileName).toAbsolutePath();
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return copy;
        }
    }
}
