package io.trapgate.vm.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.Machine;
import io.trapgate.vm.MachineConfig;
import io.trapgate.vm.MachineExit;
import io.trapgate.vm.boot.BootFile;
import io.trapgate.vm.boot.TestKernels;
import io.trapgate.vm.cpu.Cpu;
import io.trapgate.vm.devices.DebugExitPort;
import io.trapgate.vm.devices.SerialInput;
import io.trapgate.vm.devices.TraceLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a debugger gets from the run loop: commands on the machine's thread, pause/resume, breakpoint stops. */
@Timeout(60)
class MachineDebugTest {
    private final ByteArrayOutputStream serial = new ByteArrayOutputStream();

    private Machine machine(String kernel) throws Exception {
        MachineConfig config = new MachineConfig(64 << 20, BootFile.read(TestKernels.elf(kernel).toString()), List.of(),
                "", serial, SerialInput.NONE, new ByteArrayOutputStream(), true, DebugExitPort.DEFAULT_BASE,
                DebugExitPort.DEFAULT_SIZE, 0, false, 0, TraceLog.disabled(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), 0, false);
        return new Machine(config);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not met in 30 s");
            Thread.sleep(5);
        }
    }

    @Test
    void breakpointAtTheEntryPausesTheMachineAndTellsTheDebugger() throws Exception {
        Machine m = machine("exit");
        int entry = m.bootInfo().entry();
        List<Integer> stops = new CopyOnWriteArrayList<>();
        m.cpu().debugHooks().addBreakpoint(entry);
        m.setDebugListener(code -> stops.add(m.cpu().registers().eip()));
        CompletableFuture<MachineExit> run = CompletableFuture.supplyAsync(() -> m.run(() -> false));
        await(() -> !stops.isEmpty());
        assertEquals(List.of(entry), stops);
        assertEquals("", serial.toString(StandardCharsets.ISO_8859_1), "stopped before the first instruction");
        m.submit(() -> {
            m.cpu().debugHooks().clearBreakpoints();
            m.resume();
        });
        MachineExit exit = run.get(30, TimeUnit.SECONDS);
        assertEquals(85, exit.exitCode());
        assertEquals("exiting with 0x2a\n", serial.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void pausedMachineRunsCommandsButNoInstructions() throws Exception {
        Machine m = machine("spin");
        CompletableFuture<MachineExit> run = CompletableFuture.supplyAsync(() -> m.run(() -> false));
        AtomicLong first = new AtomicLong(-1);
        AtomicLong second = new AtomicLong(-1);
        m.submit(() -> {
            m.pause();
            first.set(m.cpu().retired());
        });
        await(() -> first.get() >= 0);
        Thread.sleep(200);
        m.submit(() -> second.set(m.cpu().retired()));
        await(() -> second.get() >= 0);
        assertEquals(first.get(), second.get(), "no instruction retired while paused");
        m.submit(() -> m.requestExit(0, "the debugger killed it"));
        assertEquals(0, run.get(30, TimeUnit.SECONDS).exitCode());
    }

    @Test
    void singleStepStopsAfterEachInstruction() throws Exception {
        Machine m = machine("exit");
        List<Long> steps = new CopyOnWriteArrayList<>();
        m.cpu().debugHooks().setSingleStep(true);
        m.setDebugListener(code -> {
            assertEquals(Cpu.RUN_DEBUG, code);
            steps.add(m.cpu().retired());
        });
        m.pause();
        CompletableFuture<MachineExit> run = CompletableFuture.supplyAsync(() -> m.run(() -> false));
        for (int i = 1; i <= 3; i++) {
            m.submit(m::resume);
            int expected = i;
            await(() -> steps.size() == expected);
        }
        assertEquals(List.of(1L, 2L, 3L), steps);
        m.submit(() -> m.requestExit(0, "done"));
        assertEquals(0, run.get(30, TimeUnit.SECONDS).exitCode());
    }

    @Test
    void sessionHandsEachBootedMachineToItsListenerBeforeTheFirstInstruction() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MachineConfig config = new MachineConfig(64 << 20, BootFile.read(TestKernels.elf("triple").toString()),
                List.of(), "", out, SerialInput.NONE, new ByteArrayOutputStream(), false, DebugExitPort.DEFAULT_BASE,
                DebugExitPort.DEFAULT_SIZE, 0, false, 0, TraceLog.disabled(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), 0, false);
        io.trapgate.vm.MachineSession session = new io.trapgate.vm.MachineSession(config);
        List<Long> retiredAtBoot = new CopyOnWriteArrayList<>();
        session.onBoot(m -> retiredAtBoot.add(m.cpu().retired()));
        MachineExit exit = session.run(30);
        assertEquals(69, exit.exitCode(), "triple.elf reboots once, then exits");
        assertEquals(List.of(0L, 0L), retiredAtBoot, "power-on and the reboot, each before any instruction");
    }

    @Test
    void hungGuestWaitsForTheDebuggerInsteadOfEndingTheRun() throws Exception {
        Machine m = machine("hang");
        m.setDebugListener(code -> { });
        CompletableFuture<MachineExit> run = CompletableFuture.supplyAsync(() -> m.run(() -> false));
        await(() -> serial.toString(StandardCharsets.ISO_8859_1).equals("halting for good\n"));
        Thread.sleep(200);
        assertTrue(!run.isDone(), "still there for the debugger");
        AtomicLong eflags = new AtomicLong(-1);
        m.submit(() -> eflags.set(m.cpu().registers().eflags()));
        await(() -> eflags.get() >= 0);
        assertEquals(0, eflags.get() & 0x200, "halted with IF=0");
        m.submit(() -> m.requestExit(0, "killed by the debugger"));
        assertEquals(0, run.get(30, TimeUnit.SECONDS).exitCode());
    }
}
