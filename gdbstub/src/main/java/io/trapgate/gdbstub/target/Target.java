package io.trapgate.gdbstub.target;

/**
 * The machine a debugger drives, as the protocol sees it. The stub knows nothing of x86: registers are
 * rows of {@link #description()}, memory is bytes at addresses, execution is resume/step/stop.
 *
 * <p>Threads: the stub calls {@link #execute} from Netty's event loop to hand each command to the thread
 * that owns the machine; every other method except {@link #interrupt()} is called only from inside such a
 * command, on that thread. The target reports stops and console text through the {@link TargetEvents} it
 * was attached with, from its own thread.
 *
 * <p>Optional abilities are separate interfaces the target may also implement: {@link SoftwareBreakpoints},
 * {@link HardwareBreakpoints}, {@link Watchpoints}, {@link MonitorCommands}, {@link MemoryRegions}. The stub advertises in
 * qSupported, and answers packets for, exactly the ones present.
 */
public interface Target {

    /** The architecture and register table; must not change while a client is attached. */
    TargetDescription description();

    /**
     * Queues a debugger command to run on the thread that owns the machine, in submission order. Called
     * from the event loop; must not block and must not run the command on the caller's thread unless that
     * thread owns the machine.
     */
    void execute(Runnable command);

    /**
     * A client connected: stop the machine if it runs and say why it is stopped (what {@code ?} answers).
     * Later stops and console text go to {@code events} until {@link #detach()}.
     */
    StopReason attach(TargetEvents events);

    /**
     * The client detached or disconnected: forget the listener, drop every breakpoint and watchpoint the
     * client left, and let the machine run on.
     */
    void detach();

    /** Copies register {@code regnum}'s {@code byteSize()} bytes, in target byte order, to {@code dst[offset…]}. */
    void readRegister(int regnum, byte[] dst, int offset);

    /** Sets register {@code regnum} from {@code byteSize()} bytes at {@code src[offset…]}; false if refused. */
    boolean writeRegister(int regnum, byte[] src, int offset);

    /**
     * Reads up to {@code length} bytes at {@code address} into {@code dst[offset…]} and returns how many were
     * readable before the first unreadable byte (0 if none). Never throws for a bad address.
     */
    int readMemory(long address, byte[] dst, int offset, int length);

    /** Writes {@code length} bytes at {@code address}; false (and nothing written) if any byte is unwritable. */
    boolean writeMemory(long address, byte[] src, int offset, int length);

    /**
     * Lets the machine continue or execute exactly one instruction. Returns at once; the stop that follows
     * is reported to the listener (possibly before this method returns).
     */
    void resume(ResumeAction action);

    /**
     * Ctrl-C: asks the machine to stop soon (at the next point it polls, e.g. a block boundary) and report
     * {@link StopReason#interrupted()}. Thread-safe; called from the event loop. The stub calls it only while
     * a resume is queued or running, so the request must stay pending until the machine next reports a stop
     * (it may arrive before the queued resume has even started).
     */
    void interrupt();

    /** The client killed the program: the reply has been sent, now end the machine as the target sees fit. */
    void kill();
}
