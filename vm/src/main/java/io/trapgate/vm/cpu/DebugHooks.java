package io.trapgate.vm.cpu;

/**
 * What a debugger can ask of the CPU: linear-address breakpoints checked before an instruction
 * executes, single-step mode (run() executes one instruction and returns RUN_DEBUG) and a log of
 * interrupts and exceptions. All of it costs one boolean test per instruction while unused.
 */
public final class DebugHooks {
    /** Told about every interrupt and exception the CPU delivers. */
    @FunctionalInterface
    public interface InterruptLog {
        /** {@code kind} is "exception", "interrupt" or "software"; errorCode is -1 if none. */
        void delivered(String kind, int vector, int errorCode, int eip, int cpl, long retired);
    }

    /** Breakpoints are managed on the CPU thread (between run() calls), like every other CPU state. */
    private volatile int[] breakpoints = new int[0];
    /** Any breakpoint set: the run loop checks {@link #breakpointAt} only then. */
    volatile boolean active;
    volatile boolean singleStep;
    private boolean tracing;
    /** The next run() starts on a breakpoint address and must execute it rather than stop again. */
    boolean resumeOverBreakpoint;
    InterruptLog log;
    /** A debugger's single step: pending external interrupts wait (they stay pending in the PIC). */
    boolean maskInterrupts;
    private final Cpu cpu;

    DebugHooks(Cpu cpu) {
        this.cpu = cpu;
    }

    public synchronized void addBreakpoint(int linear) {
        for (int b : breakpoints) {
            if (b == linear) {
                return;
            }
        }
        int[] n = java.util.Arrays.copyOf(breakpoints, breakpoints.length + 1);
        n[breakpoints.length] = linear;
        breakpoints = n;
        active = true;
        cpu.breakpointsChanged();
    }

    public synchronized void removeBreakpoint(int linear) {
        int[] n = new int[breakpoints.length];
        int k = 0;
        for (int b : breakpoints) {
            if (b != linear) {
                n[k++] = b;
            }
        }
        breakpoints = java.util.Arrays.copyOf(n, k);
        active = k > 0;
        cpu.breakpointsChanged();
    }

    public synchronized void clearBreakpoints() {
        breakpoints = new int[0];
        active = false;
        cpu.breakpointsChanged();
    }

    boolean breakpointAt(int linear) {
        for (int b : breakpoints) {
            if (b == linear) {
                return true;
            }
        }
        return false;
    }

    /** Watchpoint kinds (gdb's Z2, Z3, Z4). */
    public static final int WATCH_WRITE = 1, WATCH_READ = 2, WATCH_ACCESS = 3;

    /** Linear address, length and kind of each watchpoint, three ints per entry. */
    private volatile int[] watchpoints = new int[0];
    /** Any watchpoint set: the CPU keeps their pages out of its TLB and checks each access there. */
    volatile boolean watchActive;
    /** The watchpoint hit by the instruction that just ran, reported by RUN_DEBUG. */
    private boolean watchHit;
    private int watchHitAddress;
    private int watchHitKind;

    /**
     * Stops the CPU (run() returns RUN_DEBUG) after an instruction that reads and/or writes
     * [linear, linear + length): exactly when the bytes it accesses overlap that range.
     */
    public synchronized void addWatchpoint(int linear, int length, int kind) {
        int[] n = java.util.Arrays.copyOf(watchpoints, watchpoints.length + 3);
        n[watchpoints.length] = linear;
        n[watchpoints.length + 1] = Math.max(1, length);
        n[watchpoints.length + 2] = kind;
        watchpoints = n;
        watchActive = true;
        cpu.flushTlb(true);
    }

    public synchronized void removeWatchpoint(int linear, int length, int kind) {
        int[] w = watchpoints;
        int[] n = new int[w.length];
        int k = 0;
        for (int i = 0; i < w.length; i += 3) {
            if (w[i] != linear || w[i + 1] != Math.max(1, length) || w[i + 2] != kind) {
                n[k++] = w[i];
                n[k++] = w[i + 1];
                n[k++] = w[i + 2];
            }
        }
        watchpoints = java.util.Arrays.copyOf(n, k);
        watchActive = k > 0;
        cpu.flushTlb(true);
    }

    public synchronized void clearWatchpoints() {
        watchpoints = new int[0];
        watchActive = false;
        cpu.flushTlb(true);
    }

    /** After RUN_DEBUG: whether a watchpoint (rather than a breakpoint or step) stopped the CPU. */
    public boolean stoppedByWatchpoint() {
        return watchHit;
    }

    /** The watched address the stopping access touched. */
    public int watchHitAddress() {
        return watchHitAddress;
    }

    /** WATCH_WRITE or WATCH_READ: what the stopping access did. */
    public int watchHitKind() {
        return watchHitKind;
    }

    void clearWatchHit() {
        watchHit = false;
    }

    /** Whether a watch covers any byte of {@code linear}'s page (first, last or any page between). */
    boolean watchesPage(int linear) {
        int[] w = watchpoints;
        int page = linear & 0xFFFFF000;
        for (int i = 0; i < w.length; i += 3) {
            int first = w[i] & 0xFFFFF000;
            int last = (w[i] + w[i + 1] - 1) & 0xFFFFF000;
            if (Integer.compareUnsigned(page - first, last - first) <= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records a hit if the {@code size} bytes accessed at {@code linear} overlap a watched range; returns
     * true on a hit. Byte-exact, unlike DR7's aligned ranges: a debugger's watch stops on its own bytes only.
     */
    boolean checkAccess(int linear, int size, boolean write) {
        int[] w = watchpoints;
        for (int i = 0; i < w.length; i += 3) {
            int kind = w[i + 2];
            if ((write ? (kind & WATCH_WRITE) : (kind & WATCH_READ)) == 0) {
                continue;
            }
            int start = w[i];
            boolean startsInside = Integer.compareUnsigned(linear - start, w[i + 1]) < 0;
            if (startsInside || Integer.compareUnsigned(start - linear, size) < 0) {
                watchHit = true;
                watchHitAddress = startsInside ? linear : start; // the first watched byte accessed
                watchHitKind = write ? WATCH_WRITE : WATCH_READ;
                return true;
            }
        }
        return false;
    }

    /** In single-step mode run() executes exactly one instruction (or delivers one event) and returns RUN_DEBUG. */
    public void setSingleStep(boolean on) {
        singleStep = on;
        setRepSlice();
    }

    /**
     * -d exec/cpu tracing, which runs one-instruction slices: like a step, a REP instruction then runs one
     * iteration at a time. Separate from {@link #setSingleStep}, which a debugger turns on and off.
     */
    public void setTracing(boolean on) {
        tracing = on;
        setRepSlice();
    }

    private void setRepSlice() {
        cpu.interpreter.strings.repSlice = singleStep || tracing ? 1 : StringOps.REP_SLICE; // one REP iteration per step
    }

    /** Lets the next run() execute the instruction at a breakpoint it stopped on. */
    public void resumeOverBreakpoint() {
        resumeOverBreakpoint = true;
    }

    /** While set, run() takes no external interrupt (a debugger's step that should not enter handlers). */
    public void setMaskInterrupts(boolean on) {
        maskInterrupts = on;
    }

    public void setInterruptLog(InterruptLog log) {
        this.log = log;
    }
}
