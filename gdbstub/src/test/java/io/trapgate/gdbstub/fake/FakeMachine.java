package io.trapgate.gdbstub.fake;

import io.trapgate.gdbstub.target.CommandQueue;
import io.trapgate.gdbstub.target.RegisterLayout;
import io.trapgate.gdbstub.target.ResumeAction;
import io.trapgate.gdbstub.target.TargetEvents;
import io.trapgate.gdbstub.target.StopReason;
import io.trapgate.gdbstub.target.Target;
import io.trapgate.gdbstub.target.TargetDescription;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * An i386-shaped fake machine for stub tests: the register table of {@link I386Description}, 64 KiB of
 * memory at address 0 (above it nothing is mapped), and a CPU that knows six real x86 encodings:
 * {@code nop} 90, {@code inc %eax} 40, {@code mov %eax,moffs32} A3, {@code mov moffs32,%eax} A1,
 * {@code jmp rel8} EB, {@code hlt} F4 (here: the program exits with status eax). The program at
 * {@link #PROGRAM} loops forever:
 *
 * <pre>
 * 1000: 40              inc  %eax
 * 1001: 40              inc  %eax
 * 1002: a3 00 20 00 00  mov  %eax,0x2000
 * 1007: 90              nop
 * 1008: a1 00 20 00 00  mov  0x2000,%eax
 * 100d: eb f1           jmp  1000
 * </pre>
 *
 * Commands run either when a test calls {@link #pump()} (deterministic, for EmbeddedChannel tests) or on
 * the fake's own thread after {@link #startThread()} (for real gdb and lldb).
 */
public class FakeMachine implements Target {

    public static final int MEMORY_SIZE = 0x10000;
    public static final int PROGRAM = 0x1000;
    public static final int DATA = 0x2000;
    public static final int STACK_TOP = 0x8000;
    public static final int SIGILL = 4;
    public static final int SIGSEGV = 11;
    public static final byte[] LOOP = {0x40, 0x40, (byte) 0xa3, 0x00, 0x20, 0x00, 0x00, (byte) 0x90,
            (byte) 0xa1, 0x00, 0x20, 0x00, 0x00, (byte) 0xeb, (byte) 0xf1};

    protected final TargetDescription description;
    protected final RegisterLayout layout;
    protected final byte[][] registers;
    protected final byte[] memory = new byte[MEMORY_SIZE];

    private final CommandQueue commands = new CommandQueue();
    private volatile boolean interruptRequested;
    private volatile boolean shutdown;
    private Thread thread;

    private TargetEvents listener;
    private boolean running;
    private boolean stepping;
    private StopReason lastStop = StopReason.stepped();

    protected final Set<Long> softwareBreakpoints = new HashSet<>();
    protected final Set<Long> hardwareBreakpoints = new HashSet<>();
    protected final List<Watch> watches = new ArrayList<>();

    /** {@code monitor trace on}: every store is reported to the debugger's console as it happens. */
    protected volatile boolean traceStores;

    // observations for tests
    public volatile int attaches;
    public volatile int detaches;
    public volatile boolean killed;
    public volatile int lastResumeSignal;
    public volatile long instructionsRetired;

    protected record Watch(io.trapgate.gdbstub.target.WatchKind kind, long address, long length) {
    }

    public FakeMachine() {
        this(I386Description.create());
    }

    public FakeMachine(TargetDescription description) {
        this.description = description;
        this.layout = description.layout();
        registers = new byte[layout.count()][];
        for (int i = 0; i < registers.length; i++) {
            registers[i] = new byte[layout.size(i)];
        }
        System.arraycopy(LOOP, 0, memory, PROGRAM, LOOP.length);
        setReg32(I386Description.EIP, PROGRAM);
        setReg32(I386Description.ESP, STACK_TOP);
        setReg32(I386Description.EFLAGS, 0x202);
        setReg32(I386Description.CS, 0x60);
        setReg32(I386Description.SS, 0x68);
        setReg32(I386Description.DS, 0x68);
        setReg32(I386Description.FCTRL, 0x37f);
        setReg32(I386Description.MXCSR, 0x1f80);
        setReg32(I386Description.ORIG_EAX, -1);
        setReg32(I386Description.CR0, 0x80000011);
        setReg32(I386Description.CR3, 0x9000);
    }

    // ---- driving the fake ----

    /** Runs queued commands, then (if running) up to 1000 instructions. Returns whether anything happened. */
    public boolean pump() {
        boolean worked = commands.drain() > 0;
        if (running) {
            runSlice(1000);
            worked = true;
        }
        return worked;
    }

    /** Runs commands and instructions on a thread of the fake's own, like a CPU thread. */
    public FakeMachine startThread() {
        thread = new Thread(this::threadLoop, "fake-cpu");
        thread.setDaemon(true);
        thread.start();
        return this;
    }

    public void stopThread() throws InterruptedException {
        shutdown = true;
        if (thread != null) {
            thread.join(5000);
        }
    }

    private void threadLoop() {
        while (!shutdown) {
            if (!running) {
                commands.awaitAndDrain(TimeUnit.MILLISECONDS.toNanos(20));
            } else if (commands.hasPending()) {
                commands.drain();
            } else {
                runSlice(1000);
                if (running) {
                    LockSupport.parkNanos(100_000); // a fake loop need not burn a shared core
                }
            }
        }
    }

    /** Evaluates {@code query} on the thread that owns the fake (or here, when tests pump by hand). */
    public <T> T query(Supplier<T> query) {
        if (thread == null) {
            return query.get();
        }
        CompletableFuture<T> f = new CompletableFuture<>();
        execute(() -> f.complete(query.get()));
        try {
            return f.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public int reg32(int regnum) {
        byte[] v = registers[regnum];
        return (v[0] & 0xff) | (v[1] & 0xff) << 8 | (v[2] & 0xff) << 16 | (v[3] & 0xff) << 24;
    }

    public void setReg32(int regnum, int value) {
        byte[] v = registers[regnum];
        for (int i = 0; i < 4; i++) {
            v[i] = (byte) (value >>> (8 * i));
        }
    }

    public int mem32(int address) {
        return (memory[address] & 0xff) | (memory[address + 1] & 0xff) << 8 | (memory[address + 2] & 0xff) << 16
                | (memory[address + 3] & 0xff) << 24;
    }

    public void poke(int address, byte... bytes) {
        System.arraycopy(bytes, 0, memory, address, bytes.length);
    }

    /** Console text from outside the run loop (a target reporting while stopped). */
    public void consoleNow(String text) {
        if (listener != null) {
            listener.console(text);
        }
    }

    public boolean isRunning() {
        return running;
    }

    public StopReason lastStop() {
        return lastStop;
    }

    // ---- Target ----

    @Override
    public TargetDescription description() {
        return description;
    }

    @Override
    public void execute(Runnable command) {
        commands.submit(command);
    }

    @Override
    public StopReason attach(TargetEvents newListener) {
        attaches++;
        listener = newListener;
        if (running) {
            running = false;
            lastStop = StopReason.interrupted();
        }
        interruptRequested = false;
        return lastStop;
    }

    @Override
    public void detach() {
        detaches++;
        listener = null;
        softwareBreakpoints.clear();
        hardwareBreakpoints.clear();
        watches.clear();
        if (!lastStop.isExit()) {
            running = true; // the program runs on without a debugger
            stepping = false;
        }
    }

    @Override
    public void readRegister(int regnum, byte[] dst, int offset) {
        System.arraycopy(registers[regnum], 0, dst, offset, registers[regnum].length);
    }

    @Override
    public boolean writeRegister(int regnum, byte[] src, int offset) {
        System.arraycopy(src, offset, registers[regnum], 0, registers[regnum].length);
        return true;
    }

    @Override
    public int readMemory(long address, byte[] dst, int offset, int length) {
        if (address < 0 || address >= MEMORY_SIZE) {
            return 0;
        }
        int n = (int) Math.min(length, MEMORY_SIZE - address);
        System.arraycopy(memory, (int) address, dst, offset, n);
        return n;
    }

    @Override
    public boolean writeMemory(long address, byte[] src, int offset, int length) {
        if (address < 0 || address + length > MEMORY_SIZE) {
            return false;
        }
        System.arraycopy(src, offset, memory, (int) address, length);
        return true;
    }

    @Override
    public void resume(ResumeAction action) {
        lastResumeSignal = action.signal();
        if (lastStop.isExit()) {
            stop(lastStop); // nothing left to run
            return;
        }
        running = true;
        stepping = action.kind() == ResumeAction.Kind.STEP;
    }

    @Override
    public void interrupt() {
        interruptRequested = true;
    }

    @Override
    public void kill() {
        killed = true;
        running = false;
        lastStop = new StopReason.Terminated(StopReason.SIGKILL);
        listener = null;
    }

    // ---- the CPU ----

    private void runSlice(int budget) {
        for (int i = 0; i < budget && running; i++) {
            if (interruptRequested) {
                stop(StopReason.interrupted());
                return;
            }
            long eip = reg32(I386Description.EIP) & 0xffffffffL;
            if (softwareBreakpoints.contains(eip)) {
                stop(new StopReason.SoftwareBreakpoint());
                return;
            }
            if (hardwareBreakpoints.contains(eip)) {
                stop(new StopReason.HardwareBreakpoint());
                return;
            }
            StopReason event = executeOne((int) eip);
            instructionsRetired++;
            if (event != null) {
                stop(event);
                return;
            }
            if (stepping) {
                stop(StopReason.stepped());
                return;
            }
        }
    }

    private void stop(StopReason reason) {
        running = false;
        stepping = false;
        interruptRequested = false;
        lastStop = reason;
        if (listener != null) {
            listener.stopped(reason);
        }
    }

    /** Executes the instruction at eip; returns a stop event (watchpoint, exit, fault) or null. */
    private StopReason executeOne(int eip) {
        if (eip < 0 || eip + 5 > MEMORY_SIZE) {
            return new StopReason.Signal(SIGSEGV);
        }
        int opcode = memory[eip] & 0xff;
        switch (opcode) {
            case 0x90 -> setReg32(I386Description.EIP, eip + 1);
            case 0x40 -> {
                setReg32(I386Description.EAX, reg32(I386Description.EAX) + 1);
                setReg32(I386Description.EIP, eip + 1);
            }
            case 0xa3 -> {
                int address = mem32(eip + 1);
                if (address < 0 || address + 4 > MEMORY_SIZE) {
                    return new StopReason.Signal(SIGSEGV);
                }
                int eax = reg32(I386Description.EAX);
                for (int i = 0; i < 4; i++) {
                    memory[address + i] = (byte) (eax >>> (8 * i));
                }
                setReg32(I386Description.EIP, eip + 5);
                if (traceStores && listener != null) {
                    listener.console("store eax=" + eax + "\n"); // like the VM's syscall trace
                }
                return watchHit(address, true);
            }
            case 0xa1 -> {
                int address = mem32(eip + 1);
                if (address < 0 || address + 4 > MEMORY_SIZE) {
                    return new StopReason.Signal(SIGSEGV);
                }
                setReg32(I386Description.EAX, mem32(address));
                setReg32(I386Description.EIP, eip + 5);
                return watchHit(address, false);
            }
            case 0xeb -> setReg32(I386Description.EIP, eip + 2 + memory[eip + 1]);
            case 0xf4 -> {
                setReg32(I386Description.EIP, eip + 1);
                return new StopReason.Exited(reg32(I386Description.EAX) & 0xff);
            }
            default -> {
                return new StopReason.Signal(SIGILL);
            }
        }
        return null;
    }

    private StopReason watchHit(long address, boolean write) {
        for (Watch w : watches) {
            boolean kindMatches = w.kind() == io.trapgate.gdbstub.target.WatchKind.ACCESS
                    || (w.kind() == io.trapgate.gdbstub.target.WatchKind.WRITE) == write;
            if (kindMatches && address < w.address() + w.length() && w.address() < address + 4) {
                return new StopReason.Watchpoint(w.kind(), Math.max(address, w.address()));
            }
        }
        return null;
    }
}
