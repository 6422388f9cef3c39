package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** scripts/gdb, the lab's entry point, run as a user runs it (gdb in batch mode on a command file). */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ScriptsGdbTest {

    @Test
    void scriptOpensGdbConnectedWithPtRegsAndSyscallCommands(@TempDir Path dir) throws Exception {
        DebuggerProcess.requireOnPath("gdb");
        Path commands = dir.resolve("commands.gdb");
        Files.writeString(commands, String.join("\n",
                "p/x $pc",
                "syscall dup2",
                "continue",
                "p $eax",
                "p/x ((struct pt_regs *)$esp)->orig_ax",
                "pt_regs",
                "continue",
                "p $eax",
                "p/x $pc",
                "kill", ""));
        ProcessBuilder pb = new ProcessBuilder(Path.of("..", "scripts", "gdb").toAbsolutePath().normalize().toString(),
                "--timeout", "60").redirectErrorStream(true);
        pb.environment().put("TRAPGATE_CLASSPATH", System.getProperty("java.class.path"));
        pb.environment().put("TRAPGATE_GDB_COMMANDS", commands.toString());
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] output = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        String out = new String(output, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("$1 = 0x" + Long.toHexString(DebuggedVm.symbol("_start"))), out);
        assertTrue(out.contains("system call 63 (dup2): breakpoints in the dispatcher"), out);
        assertTrue(out.contains("$2 = 63"), out);
        assertTrue(out.contains("$3 = 0x3f"), out);
        assertTrue(out.matches("(?s).*\\$4 = \\{bx = 0x1, cx = 0xa, .*orig_ax = 0x3f, .*cs = 0x73.*"), out);
        assertTrue(out.contains("entry_SYSENTER_32 () at kernel/entry_32.s"), "the sysenter dispatcher too: " + out);
        assertTrue(out.contains("$5 = 63"), out);
        assertTrue(out.contains("[Inferior 1 (Remote target) killed]"), out);
    }
}
