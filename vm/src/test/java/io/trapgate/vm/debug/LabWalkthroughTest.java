package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/lab.md, run as written: its gdb blocks, in order, as one scripts/gdb session, and every
 * line of its "you should see" blocks must appear in what gdb and the guest print.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LabWalkthroughTest {
    private static final Pattern BLOCK = Pattern.compile("```(gdb|text)\\n(.*?)```", Pattern.DOTALL);

    @Test
    void labWalkthroughRunsAsWritten(@TempDir Path dir) throws Exception {
        DebuggerProcess.requireOnPath("gdb");
        String lab = Files.readString(Path.of("..", "docs", "lab.md"));
        StringBuilder commands = new StringBuilder();
        List<String> expected = new ArrayList<>();
        Matcher m = BLOCK.matcher(lab);
        while (m.find()) {
            if (m.group(1).equals("gdb")) {
                commands.append(m.group(2));
            } else {
                m.group(2).lines().filter(l -> !l.isBlank()).forEach(expected::add);
            }
        }
        assertFalse(expected.isEmpty(), "docs/lab.md has no 'you should see' blocks");
        Path file = dir.resolve("lab.gdb");
        Files.writeString(file, commands.toString());

        // The guest's serial console goes to a file: on gdb's stream it could split a line of
        // gdb's output in two.
        Path serial = dir.resolve("serial.txt");
        Path stderr = dir.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of("..", "scripts", "gdb").toAbsolutePath().normalize().toString(),
                "--timeout", "60", "-serial", "file:" + serial).redirectError(stderr.toFile());
        pb.environment().put("TRAPGATE_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("TRAPGATE_GDB_COMMANDS", file.toString());
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        String out = new String(output, StandardCharsets.UTF_8);
        String err = Files.readString(stderr);

        assertEquals(0, p.exitValue(), out + err);
        assertFalse(err.contains("Error in sourced command file"), err);
        assertTrue(Files.readString(serial).contains("init exited with status 0: power off"), "the demo ran to its end");
        String shown = out + "\n" + err; // gdb prints monitor and target output on stderr
        for (String line : expected) {
            assertTrue(shown.contains(line), "docs/lab.md promises \"" + line + "\", gdb showed:\n" + shown);
        }
    }
}
