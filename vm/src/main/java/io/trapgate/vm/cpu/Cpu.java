package io.trapgate.vm.cpu;

import io.trapgate.vm.devices.InterruptController;
import io.trapgate.vm.devices.IoBus;
import io.trapgate.vm.memory.PhysicalMemory;

/**
 * The i386 processor. One thread owns it: the machine's run loop calls {@link #run} with an
 * instruction budget and gets back why it returned. Only {@link #requestStop()} may be called
 * from another thread.
 *
 * <p>CONTRACT (shared with the machine and devices; the CPU implementation fills in the body).
 */
public final class Cpu {
    /** run() used up its instruction budget. */
    public static final int RUN_BUDGET = 0;
    /** The CPU executed hlt and no interrupt can wake it yet; the machine skips time ahead. */
    public static final int RUN_HALTED = 1;
    /** {@link #requestStop()} was called (device exit, Ctrl-C, debugger); seen at a block boundary. */
    public static final int RUN_STOP_REQUESTED = 2;
    /** A fault while delivering a double fault: the machine resets, or exits with -no-reboot. */
    public static final int RUN_TRIPLE_FAULT = 3;

    private final PhysicalMemory memory;
    private final IoBus io;
    private final InterruptController pic;
    private volatile boolean stopRequested;
    private long retired;

    public Cpu(PhysicalMemory memory, IoBus io, InterruptController pic) {
        this.memory = memory;
        this.io = io;
        this.pic = pic;
    }

    /** Multiboot v1 entry state: flat 4 GiB CS/DS/ES/FS/GS/SS, CR0.PE=1, PG=0, IF=0. */
    public void enterMultiboot(int eip, int eax, int ebx) {
        throw new UnsupportedOperationException("CPU not implemented yet");
    }

    /** Runs at most {@code maxInstructions} instructions; returns one of the RUN_ codes. */
    public int run(long maxInstructions) {
        throw new UnsupportedOperationException("CPU not implemented yet");
    }

    /** Instructions retired since power-on: the source of virtual time and of the TSC. */
    public long retired() {
        return retired;
    }

    /** Asks the CPU thread to return from {@link #run} at the next block boundary. Thread-safe. */
    public void requestStop() {
        stopRequested = true;
    }

    /** A register dump for error messages (triple fault, watchdog, VM failure). */
    public String describeState() {
        return "cpu: not implemented";
    }
}
