package io.trapgate.vm.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.boot.TestKernels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** trapgate as a real process: main() hands the status to the OS, serial on stdout, the rest on stderr. */
@Timeout(120)
class ProcessExitTest {
    private record Result(int status, String stdout, String stderr) {
    }

    private static Result trapgate(String... args) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), TrapgateCommand.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        // the outputs are small: read stderr after stdout without risking a full pipe
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "trapgate finished");
        return new Result(p.exitValue(), out, err);
    }

    @Test
    void debugExitStatusReachesTheShellWithSerialOnStdout() throws Exception {
        Result r = trapgate("-kernel", TestKernels.elf("exit").toString(), "-nographic");
        assertEquals(85, r.status(), r::toString);
        assertEquals("exiting with 0x2a\n", r.stdout());
        assertEquals("", r.stderr());
    }

    @Test
    void usageErrorIsStatus2WithOneLineOnStderr() throws Exception {
        Result r = trapgate("-m", "0");
        assertEquals(2, r.status());
        assertEquals("", r.stdout());
        assertEquals("trapgate: -m 0: RAM must be between 2 MiB and 2047 MiB\n", r.stderr());
    }

    @Test
    void debugConsoleGoesToStderrAndSerialToStdout() throws Exception {
        Result r = trapgate("-kernel", TestKernels.elf("debugcon").toString());
        assertEquals(37, r.status(), r::toString);
        assertEquals("port 0xe9 reads 0x000000e9\n", r.stdout());
        assertEquals("to the debug console\n", r.stderr());
    }
}
