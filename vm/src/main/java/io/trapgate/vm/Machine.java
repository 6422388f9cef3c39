package io.trapgate.vm;

import io.trapgate.vm.boot.BootException;
import io.trapgate.vm.boot.BootInfo;
import io.trapgate.vm.boot.MultibootLoader;
import io.trapgate.vm.cpu.Cpu;
import io.trapgate.vm.devices.ByteWidePorts;
import io.trapgate.vm.devices.CascadedPic;
import io.trapgate.vm.devices.CmosRtc;
import io.trapgate.vm.devices.DebugConsole;
import io.trapgate.vm.devices.DebugExitPort;
import io.trapgate.vm.devices.IoBus;
import io.trapgate.vm.devices.IoDevice;
import io.trapgate.vm.devices.MachineControl;
import io.trapgate.vm.devices.Pit8254;
import io.trapgate.vm.devices.PowerOffPort;
import io.trapgate.vm.devices.ResetControlPorts;
import io.trapgate.vm.devices.SystemControlPortB;
import io.trapgate.vm.devices.TraceLog;
import io.trapgate.vm.devices.Uart16550;
import io.trapgate.vm.devices.UnassignedPorts;
import io.trapgate.vm.memory.PhysicalMemory;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One PC: RAM, the I/O bus with its devices, and the CPU, with the kernel loaded. {@link #run} is
 * the run loop: it gives the CPU an instruction budget up to the next timer event, lets time-driven
 * devices catch up between slices, skips virtual time while the CPU is halted, and turns device
 * requests (debug exit, power-off, reset) into a {@link MachineExit}. Only the thread that calls
 * {@link #run} touches the machine; other threads may only call {@link #requestStop()} and
 * {@link #submit}, which hands a command (a debugger's, say) to that thread.
 *
 * <p>For a debugger: commands run between CPU slices; while {@link #pause paused} the CPU does not
 * run and the loop only waits for commands; when the CPU stops for a breakpoint or a single step
 * (Cpu.RUN_DEBUG) the machine pauses and tells the {@link DebugListener}.
 */
public final class Machine implements MachineControl {
    /** The longest slice between device polls when no timer event is nearer (1 ms at 1 ns/insn). */
    private static final long SLICE = 1_000_000;
    /** Wall-clock granularity of pacing and of waiting for input. */
    private static final long WAIT_STEP_MS = 50;
    private static final int EFLAGS_IF = 0x200;

    private final MachineConfig config;
    private final TraceLog log;
    private final PhysicalMemory memory;
    private final IoBus bus = new IoBus();
    private final boolean[] claimed = new boolean[0x10000];
    private final VirtualClock clock;
    private final CascadedPic pic;
    private final Uart16550 uart;
    private final Pit8254 pit;
    private final DebugConsole debugcon;
    private final CmosRtc rtc;
    private final Cpu cpu;
    private final BootInfo bootInfo;

    /** Told, on the machine's thread, that the CPU stopped for the debugger and the machine paused. */
    @FunctionalInterface
    public interface DebugListener {
        /** {@code runCode} is what Cpu.run returned (RUN_DEBUG: a breakpoint or a completed step). */
        void stopped(int runCode);
    }

    private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
    private boolean paused;
    private DebugListener debugger;
    private int exitCode = -1;
    private String exitReason;
    private String resetReason;
    /** The retired count of the last -d exec/cpu line. */
    private long tracedAt = -1;

    /** Builds the machine and loads the kernel and modules into it. */
    public Machine(MachineConfig config) throws BootException {
        this(config, null);
    }

    /**
     * Builds the machine after a guest reset of {@code before}: like a PC, the CMOS memory and the
     * real-time clock carry over; everything else starts afresh.
     */
    public Machine(MachineConfig config, Machine before) throws BootException {
        this.config = config;
        this.log = config.log();
        this.memory = new PhysicalMemory(config.ramBytes());
        this.clock = new VirtualClock(config.icountShift());
        this.pic = new CascadedPic(log);
        pic.attach(bus);
        markClaimed(0x20, 2);
        markClaimed(0xA0, 2);
        markClaimed(0x4D0, 2);
        this.pit = new Pit8254(clock, pic, log);
        claim(0x40, 4, byteWide(pit), "pit");
        claim(0x61, 1, byteWide(new SystemControlPortB(pit, clock)), "port 0x61");
        this.rtc = new CmosRtc(clock, pic, config.rtcEpochSecond(), config.ramBytes(), log);
        if (before != null) {
            rtc.continueFrom(before.rtc);
        }
        claim(0x70, 2, byteWide(rtc), "rtc");
        this.uart = new Uart16550(Uart16550.COM1_BASE, Uart16550.COM1_IRQ, pic, config.serialOut(), config.serialIn());
        claim(Uart16550.COM1_BASE, 8, byteWide(uart), "serial (COM1)");
        this.debugcon = new DebugConsole(config.debugconOut());
        claim(DebugConsole.PORT, 1, byteWide(debugcon), "debug console");
        claim(PowerOffPort.PORT, 2, new PowerOffPort(this, log), "power-off port");
        ResetControlPorts reset = new ResetControlPorts(this);
        claim(ResetControlPorts.PORT_A, 1, byteWide(reset), "port 0x92");
        claim(ResetControlPorts.RESET_CONTROL, 1, byteWide(reset), "reset control");
        claim(config.debugExitBase(), config.debugExitSize(), new DebugExitPort(this), "isa-debug-exit");
        if (log.unimplemented) {
            UnassignedPorts unassigned = new UnassignedPorts(log);
            for (int p = 0; p < 0x10000; p++) {
                if (!claimed[p]) {
                    bus.register(p, 1, unassigned);
                }
            }
        }
        this.cpu = new Cpu(memory, bus, pic);
        cpu.setModel(config.cpuModel());
        clock.attach(cpu);
        if (log.interrupts) {
            cpu.debugHooks().setInterruptLog((kind, vector, error, eip, cpl, retired) -> log.log(String.format(
                    "int: %s v=%02x%s eip=%08x cpl=%d retired=%d", kind, vector,
                    error < 0 ? "" : String.format(" e=%04x", error), eip, cpl, retired)));
        }
        List<String> warnings = new ArrayList<>();
        this.bootInfo = MultibootLoader.load(memory, config.kernel(), config.modules(), config.append(), warnings);
        if (before == null) { // a reboot loads the same kernel: warn once
            for (String w : warnings) {
                config.diagnostics().println("trapgate: warning: " + w);
            }
        }
        cpu.enterMultiboot(bootInfo.entry(), BootInfo.BOOTLOADER_MAGIC, bootInfo.infoAddress());
    }

    private IoDevice byteWide(IoDevice device) {
        return new ByteWidePorts(device, bus);
    }

    private void markClaimed(int first, int count) {
        for (int p = first; p < first + count; p++) {
            claimed[p] = true;
        }
    }

    private void claim(int first, int count, IoDevice device, String name) throws BootException {
        if (first < 0 || count < 1 || first + count > 0x10000) {
            throw new BootException(String.format("%s: ports 0x%x+%d are outside the I/O space", name, first, count));
        }
        for (int p = first; p < first + count; p++) {
            if (claimed[p]) {
                throw new BootException(String.format("%s: port 0x%x is already used by another device", name, p));
            }
        }
        bus.register(first, count, device);
        markClaimed(first, count);
    }

    public Cpu cpu() {
        return cpu;
    }

    public PhysicalMemory memory() {
        return memory;
    }

    public IoBus bus() {
        return bus;
    }

    public BootInfo bootInfo() {
        return bootInfo;
    }

    /** Virtual nanoseconds since power-on. */
    public long nanos() {
        return clock.nanos();
    }

    /** Thread-safe: makes {@link #run} look at its stop conditions soon. */
    public void requestStop() {
        cpu.requestStop();
    }

    @Override
    public void requestExit(int code, String reason) {
        if (exitCode < 0) {
            exitCode = code;
            exitReason = reason;
        }
        cpu.requestStop();
    }

    @Override
    public void requestReset(String reason) {
        resetReason = reason;
        cpu.requestStop();
    }

    /** Hands {@code command} to the machine's thread, which runs it between CPU slices. Thread-safe. */
    public void submit(Runnable command) {
        commands.add(command);
        cpu.requestStop(); // a running CPU returns at its next instruction boundary
    }

    /** Stops running the CPU until {@link #resume()}; commands still run. Machine thread only. */
    public void pause() {
        paused = true;
    }

    /** Lets the CPU run again. Machine thread only. */
    public void resume() {
        paused = false;
    }

    public boolean isPaused() {
        return paused;
    }

    /** Who hears about debugger stops (null: none, and RUN_DEBUG is ignored). Machine thread only. */
    public void setDebugListener(DebugListener listener) {
        this.debugger = listener;
    }

    /** Whether an exit or a reset was asked for: this machine runs nothing more. */
    public boolean endRequested() {
        return exitCode >= 0 || resetReason != null;
    }

    /** Why {@link #run} returned {@code null}: the guest reset the machine. */
    public String resetReason() {
        return resetReason;
    }

    /**
     * Runs until the guest exits, resets, hangs or {@code timedOut} becomes true. Returns the exit, or
     * null for a reset (see {@link #resetReason()}).
     */
    public MachineExit run(BooleanSupplier timedOut) {
        long wallStart = System.nanoTime();
        long haltedAt = -1; // retired count at a halt that an interrupt was already waiting for
        // -d cpu/exec log every instruction: one-instruction slices, not the debugger's single step,
        // which a debugger session turns off when it continues
        boolean tracing = log.cpuState || log.exec;
        if (tracing) {
            cpu.debugHooks().setTracing(true);
        }
        for (;;) {
            if (timedOut.getAsBoolean()) {
                return timeout();
            }
            if (!runCommands(timedOut)) {
                return timeout();
            }
            if (exitCode >= 0) {
                return new MachineExit(exitCode, null, null);
            }
            if (resetReason != null) {
                return null;
            }
            uart.pollInput();
            advanceTimers();
            long next = nextTimerEvent();
            long budget = next == Long.MAX_VALUE ? SLICE : Math.min(SLICE, clock.instructionsUntil(next));
            if (config.pace() && !paceTo(clock.nanos(), wallStart, timedOut)) {
                return timeout();
            }
            if (tracing) {
                traceStep();
                budget = Math.min(budget, 1);
            }
            int reason = cpu.run(budget);
            flushOutputs();
            if (exitCode >= 0) {
                return new MachineExit(exitCode, null, null);
            }
            if (resetReason != null) {
                return null;
            }
            switch (reason) {
                case Cpu.RUN_TRIPLE_FAULT -> {
                    resetReason = "triple fault";
                    return null;
                }
                case Cpu.RUN_HALTED -> {
                    boolean ifClear = (cpu.registers().eflags() & EFLAGS_IF) == 0;
                    if (!ifClear && pic.hasInterrupt()) {
                        // The CPU stays halted although a request is waiting: it must have IF=0.
                        // Give it one more slice in case the request came in with the hlt itself.
                        ifClear = haltedAt == cpu.retired();
                        haltedAt = cpu.retired();
                        if (!ifClear) {
                            continue;
                        }
                    }
                    if (ifClear) {
                        MachineExit e = hung("the CPU halted with interrupts disabled (IF=0); nothing can wake it");
                        if (e != null) {
                            return e;
                        }
                        continue;
                    }
                    MachineExit e = skipHalt(wallStart, timedOut);
                    if (e != null) {
                        return e;
                    }
                }
                case Cpu.RUN_DEBUG -> {
                    if (debugger != null) {
                        paused = true;
                        debugger.stopped(reason);
                    }
                }
                default -> { } // budget used up, or a stop request checked at the top
            }
        }
    }

    /**
     * Runs the commands waiting for this thread; while paused, waits for more instead of returning.
     * Returns false if the watchdog fired while waiting.
     */
    private boolean runCommands(BooleanSupplier timedOut) {
        try {
            for (;;) {
                Runnable c = paused ? commands.poll(WAIT_STEP_MS, TimeUnit.MILLISECONDS) : commands.poll();
                if (c != null) {
                    c.run();
                    if (exitCode >= 0 || resetReason != null) {
                        return true;
                    }
                } else if (!paused) {
                    return true;
                } else if (timedOut.getAsBoolean()) {
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The time-driven devices catch up with virtual time: PIT channel 0 and the RTC raise their IRQs. */
    private void advanceTimers() {
        pit.advance();
        rtc.advance();
    }

    private long nextTimerEvent() {
        return Math.min(pit.nextEventNanos(), rtc.nextEventNanos());
    }

    private void traceStep() {
        if (cpu.isHalted() || cpu.retired() == tracedAt) {
            return; // a slice that executed nothing (a breakpoint, a debugger's command) logs no line again
        }
        tracedAt = cpu.retired();
        if (log.exec) {
            log.log(String.format("exec: %04x:%08x retired=%d", cpu.registers().segmentSelector(Cpu.CS),
                    cpu.registers().eip(), cpu.retired()));
        }
        if (log.cpuState) {
            log.log(cpu.describeState());
        }
    }

    /** A halted CPU: time jumps to the next timer event, or the machine waits for serial input. */
    private MachineExit skipHalt(long wallStart, BooleanSupplier timedOut) {
        boolean inputPossible = config.serialIn().mayHaveMore() && uart.canReceive();
        long next = nextTimerEvent();
        if (next == Long.MAX_VALUE) {
            if (!inputPossible) {
                return hung("the CPU halted with no timer armed and no serial input to come; nothing can wake it");
            }
            return waitForInput(timedOut);
        }
        if (config.pace() && !paceTo(next, wallStart, timedOut)) {
            return timeout();
        }
        clock.skipTo(next);
        advanceTimers();
        if (!pic.hasInterrupt()) {
            if (!inputPossible) {
                return hung("the CPU halted and the timer interrupts (IRQ0, IRQ8) cannot reach it (masked or still in service)");
            }
            return waitForInput(timedOut);
        }
        return null;
    }

    private MachineExit waitForInput(BooleanSupplier timedOut) {
        try {
            while (!config.serialIn().await(WAIT_STEP_MS)) {
                if (timedOut.getAsBoolean()) {
                    return timeout();
                }
                if (!commands.isEmpty()) {
                    return null; // a command for this thread: the loop runs it and comes back
                }
                if (!config.serialIn().mayHaveMore()) {
                    return hung("the CPU halted and serial input has ended; nothing can wake it");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return timeout();
        }
        return null;
    }

    /** Sleeps until the wall clock has caught up with virtual time {@code target}; false if timed out. */
    private boolean paceTo(long target, long wallStart, BooleanSupplier timedOut) {
        for (;;) {
            long ahead = target - (System.nanoTime() - wallStart);
            if (ahead <= 1_000_000) {
                return true;
            }
            if (timedOut.getAsBoolean()) {
                return false;
            }
            if (!commands.isEmpty()) {
                return true; // run the command now; pacing resumes on the next slice
            }
            try {
                Thread.sleep(Math.min(WAIT_STEP_MS, ahead / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    private void flushOutputs() {
        uart.flush();
        debugcon.flush();
    }

    private MachineExit timeout() {
        flushQuietly();
        return new MachineExit(ExitCodes.TIMEOUT, "trapgate: watchdog: the guest was still running at the --timeout limit",
                cpu.describeState());
    }

    /**
     * A guest that can never run again ends the run; with a debugger attached the machine instead
     * waits for its commands (it may change registers, or interrupt and inspect), and returns null.
     */
    private MachineExit hung(String why) {
        flushQuietly();
        if (debugger != null) {
            try {
                Runnable c = commands.poll(WAIT_STEP_MS, TimeUnit.MILLISECONDS);
                if (c != null) {
                    c.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
        return new MachineExit(ExitCodes.GUEST_HUNG, "trapgate: guest hung: " + why, cpu.describeState());
    }

    private void flushQuietly() {
        try {
            flushOutputs();
        } catch (UncheckedIOException e) {
            // the exit message matters more than the lost output
        }
    }

}
