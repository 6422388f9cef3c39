package io.trapgate.vm.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One of guest-kernel's smoke programs ({@code smoke/NAME.s} or {@code smoke/NAME.c}) with the
 * files beside it, read as {@code smoke/run-smoke.sh} reads them: NAME.status (QEMU's exit code),
 * NAME.expected (the exact serial output) or NAME.patterns (lines that must appear, {@code #}
 * lines ignored), NAME.cmdline (default {@code quiet}), NAME.qemu (more machine options in QEMU's spelling, given to both VMs, split on
 * blanks), NAME.stdin (what the serial console receives).
 */
record SmokeProgram(String name, Path dir, int qemuStatus, String expected, List<String> patterns,
                    String cmdline, List<String> qemuOptions, Path stdin) {

    /** The smoke programs in the order run-smoke.sh takes them: *.s, then *.c, each sorted. */
    static List<SmokeProgram> discover(Path smokeDir) throws IOException {
        List<SmokeProgram> programs = new ArrayList<>();
        for (String ext : List.of(".s", ".c")) {
            try (Stream<Path> files = Files.list(smokeDir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(ext)).sorted().toList()) {
                    String file = p.getFileName().toString();
                    programs.add(read(smokeDir, file.substring(0, file.length() - ext.length())));
                }
            }
        }
        return programs;
    }

    static SmokeProgram read(Path dir, String name) throws IOException {
        Path status = dir.resolve(name + ".status");
        if (!Files.isRegularFile(status)) {
            throw new IOException("smoke/" + name + " has no " + name + ".status");
        }
        String expected = optional(dir, name + ".expected");
        String patterns = optional(dir, name + ".patterns");
        if (expected == null && patterns == null) {
            throw new IOException("smoke/" + name + " has neither " + name + ".expected nor " + name + ".patterns");
        }
        List<String> patternLines = patterns == null ? null
                : patterns.lines().filter(l -> !l.startsWith("#")).toList();
        String cmdline = optional(dir, name + ".cmdline");
        String qemu = optional(dir, name + ".qemu");
        Path stdin = dir.resolve(name + ".stdin");
        return new SmokeProgram(name, dir, Integer.parseInt(Files.readString(status).trim()), expected, patternLines,
                cmdline == null ? "quiet" : stripTrailingNewlines(cmdline),
                qemu == null || qemu.isBlank() ? List.of() : Arrays.asList(qemu.trim().split("\\s+")),
                Files.isRegularFile(stdin) ? stdin : null);
    }

    /**
     * trapgate's exit code for the same run: the kernel's power-off (0x2000 to port 0xB004) makes
     * trapgate exit 0 where QEMU, which ignores it, exits 1 through isa-debug-exit; any other
     * status goes through isa-debug-exit on both.
     */
    int trapgateStatus() {
        return qemuStatus == 1 ? 0 : qemuStatus;
    }

    private static String optional(Path dir, String file) throws IOException {
        Path p = dir.resolve(file);
        return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.ISO_8859_1) : null;
    }

    /** As the shell's $(cat FILE). */
    private static String stripTrailingNewlines(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '\n') {
            end--;
        }
        return s.substring(0, end);
    }

    @Override
    public String toString() {
        return name;
    }
}
