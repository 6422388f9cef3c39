package io.trapgate.vm.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds small test images with the host's GNU binutils ({@code as --32}, {@code ld -m elf_i386})
 * and gcc, into {@code target/guest-build/}. Tests use it for kernels and programs written in
 * this repo; a failing tool is a test failure with the tool's output, never a skip.
 */
public final class GuestBuild {
    public static final Path OUT = Path.of("target", "guest-build");

    private GuestBuild() {
    }

    /** Runs a host command with a timeout; fails with its output if it does not exit 0. */
    public static String exec(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + String.join(" ", command));
        }
        String text = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + text);
        }
        return text;
    }

    /**
     * Assembles one file (GNU as syntax; {@code .S} files go through the C preprocessor). Its own
     * folder is on the include path, for {@code .include} and {@code #include} of files beside it.
     */
    public static Path assemble(Path source) throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        String name = source.getFileName().toString();
        Path object = OUT.resolve(name.replaceAll("\\.[sS]$", "") + ".o");
        if (name.endsWith(".S")) {
            exec(List.of("gcc", "-m32", "-c", "-g", "-nostdinc", "-I", source.getParent().toString(),
                    "-o", object.toString(), source.toString()));
        } else {
            exec(List.of("as", "--32", "-g", "-I", source.getParent().toString(), "-o", object.toString(),
                    source.toString()));
        }
        return object;
    }

    /** Links objects with {@code ld -m elf_i386}, optionally with a link script. */
    public static Path link(String outputName, Path linkScript, List<Path> objects)
            throws IOException, InterruptedException {
        Files.createDirectories(OUT);
        Path output = OUT.resolve(outputName);
        List<String> cmd = new ArrayList<>(List.of("ld", "-m", "elf_i386", "-nostdlib", "-o", output.toString()));
        if (linkScript != null) {
            cmd.add("-T");
            cmd.add(linkScript.toString());
        }
        for (Path o : objects) {
            cmd.add(o.toString());
        }
        exec(cmd);
        return output;
    }
}
