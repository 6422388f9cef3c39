package io.trapgate.vm.guests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bundled default: the kernel and initramfs in the jar boot the demo init, which walks
 * through the lecture (dup2 through int $0x80 and the vDSO, bad pointers fixed up into -EFAULT,
 * a file read from the initramfs) and powers off with status 0. Its output must be what the
 * same /init prints on the host's Linux.
 */
class BundledDemoTest {
    private static final GuestProgram DEMO = GuestProgram.checkedAgainstLinux("/init");

    @Test
    @Timeout(120)
    void bundledImagesBootTheDemoUnderQemuAndPowerOff() throws Exception {
        RunResult guest = GuestRuns.underQemu(GuestImages.bundledInitramfs(), null);
        GuestRuns.assertPrinted(DEMO, GuestRuns.expectedOutput(DEMO), guest);
        assertEquals(GuestRuns.qemuExitCode(0), guest.exitCode(), () -> "the demo's exit code\n" + guest);
    }

    @Test
    @Timeout(120)
    void bundledImagesBootTheDemoUnderTrapgateAndExitZero() throws Exception {
        RunResult guest = GuestRuns.underTrapgate(GuestImages.bundledInitramfs(), null);
        GuestRuns.assertPrinted(DEMO, GuestRuns.expectedOutput(DEMO), guest);
        assertEquals(0, guest.exitCode(), () -> "the demo's exit code\n" + guest);
    }

    @Test
    @Timeout(120)
    void trapgateWithNoImageOptionsBootsTheBundledDemo() throws Exception {
        RunResult guest = TrapgateRun.run(List.of("-nographic", "-no-reboot", "--timeout",
                Integer.toString(GuestRuns.BOOT_TIMEOUT_SECONDS)));
        GuestRuns.assertPrinted(DEMO, GuestRuns.expectedOutput(DEMO), guest);
        assertEquals(0, guest.exitCode(), () -> "the demo's exit code\n" + guest);
    }
}
