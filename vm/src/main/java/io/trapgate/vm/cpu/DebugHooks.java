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
    /** The next run() starts on a breakpoint address and must execute it rather than stop again. */
    boolean resumeOverBreakpoint;
    InterruptLog log;
    /** A debugger's single step: pending external interrupts wait (they stay pending in the PIC). */
    boolean maskInterrupts;
    /** Debugger watchpoints, or null: watched pages stay out of the soft TLB so only their accesses pay. */
    DataWatch dataWatch;
    private final Cpu cpu;

    /** Told about data accesses (not instruction fetches) to pages it watches, before the access. */
    public interface DataWatch {
        boolean watchesPage(int linear);

        /** Called on the CPU thread in the middle of an instruction: record, never throw. */
        void accessed(int linear, boolean write);
    }

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

    /** In single-step mode run() executes exactly one instruction (or delivers one event) and returns RUN_DEBUG. */
    public void setSingleStep(boolean on) {
        singleStep = on;
        cpu.interpreter.strings.repSlice = on ? 1 : StringOps.REP_SLICE; // one REP iteration per step
    }

    /** Lets the next run() execute the instruction at a breakpoint it stopped on. */
    public void resumeOverBreakpoint() {
        resumeOverBreakpoint = true;
    }

    /** While set, run() takes no external interrupt (a debugger's step that should not enter handlers). */
    public void setMaskInterrupts(boolean on) {
        maskInterrupts = on;
    }

    /** Installs (or, with null, removes) the watch; call again after its watched pages change. */
    public void setDataWatch(DataWatch watch) {
        dataWatch = watch;
        cpu.flushTlb(true);
    }

    public void setInterruptLog(InterruptLog log) {
        this.log = log;
    }
}
