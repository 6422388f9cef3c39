package io.trapgate.vm.debug;

import io.trapgate.gdbstub.target.CommandQueue;
import io.trapgate.gdbstub.target.HardwareBreakpoints;
import io.trapgate.gdbstub.target.MemoryRegions;
import io.trapgate.gdbstub.target.MonitorCommands;
import io.trapgate.gdbstub.target.ResumeAction;
import io.trapgate.gdbstub.target.SoftwareBreakpoints;
import io.trapgate.gdbstub.target.StopReason;
import io.trapgate.gdbstub.target.Target;
import io.trapgate.gdbstub.target.TargetDescription;
import io.trapgate.gdbstub.target.TargetEvents;
import io.trapgate.gdbstub.target.WatchKind;
import io.trapgate.gdbstub.target.Watchpoints;
import io.trapgate.vm.Machine;
import io.trapgate.vm.MachineExit;
import io.trapgate.vm.cpu.Cpu;
import io.trapgate.vm.cpu.CpuRegisters;
import io.trapgate.vm.cpu.DebugHooks;
import io.trapgate.vm.memory.PhysicalMemory;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine as gdb's target. Every debugger command runs on the machine's own thread, between CPU slices
 * ({@link Machine#submit}); Netty's event loop only queues them. While the client has the machine stopped it
 * is {@link Machine#pause paused}: the loop runs commands and nothing else. Breakpoints are checked by the CPU
 * before each instruction (never 0xCC in memory) and matched on linear address; watchpoints through the CPU's
 * data-access hook; a step runs exactly one instruction (or delivers one exception) with external interrupts
 * held back unless {@code monitor sstep irq on}. The target outlives the machines of a session: each one a
 * reset builds is bound to it in turn.
 */
public final class MachineTarget implements Target, SoftwareBreakpoints, HardwareBreakpoints, Watchpoints,
        MonitorCommands, MemoryRegions, RegisterAccess {

    private static final int SIGTRAP = StopReason.SIGTRAP;
    /** Size of struct pt_regs on i386 (guest-kernel/pt_regs.def). */
    static final int PT_REGS_SIZE = 0x44;
    static final int PT_ORIG_EAX = 0x2C;
    static final int PT_CS = 0x34;
    static final int THREAD_SIZE = 8192;

    private enum Mode { RUNNING, STOPPED, STEPPING }

    /** A user breakpoint: set by Z0 and/or Z1, with the address space it was set in. */
    private static final class Breakpoint {
        boolean software;
        boolean hardware;
        int cr3;
    }

    private final X86RegisterTable table = new X86RegisterTable();
    private final CommandQueue commands = new CommandQueue();
    private final KernelSymbols symbols;
    private final PrintStream diagnostics;
    private final WatchList watches = new WatchList();
    private final Map<Long, Breakpoint> breakpoints = new TreeMap<>();
    final SyscallLog syscalls;
    private final MonitorCommandSet monitor;

    private volatile Machine machine;
    private Cpu cpu;
    private CpuRegisters regs;

    private volatile Mode mode;
    private volatile boolean interruptRequested;
    private TargetEvents listener;
    private StopReason lastStop = StopReason.stepped();
    /** The retired count when the current step began. */
    private long stepStart;

    // monitor switches
    boolean physicalMemory;
    boolean breakpointsPerAddressSpace;
    boolean stepEntersInterrupts;

    /**
     * @param kernelImage the kernel's ELF bytes (its symbols serve the kernel-aware monitor commands)
     * @param frozen      -S: the machine stays at its first instruction until a debugger continues it
     */
    public MachineTarget(byte[] kernelImage, boolean frozen, PrintStream diagnostics) {
        this.symbols = KernelSymbols.parse(kernelImage);
        this.diagnostics = diagnostics;
        this.mode = frozen ? Mode.STOPPED : Mode.RUNNING;
        this.syscalls = new SyscallLog(this, symbols);
        this.monitor = new MonitorCommandSet(this, symbols);
    }

    /**
     * Takes over a newly built machine (the first, or one a reset built), on its thread before its first
     * instruction: keeps the breakpoints, and keeps it paused if the client has the machine stopped (-S).
     */
    public void bind(Machine m) {
        machine = m;
        cpu = m.cpu();
        regs = cpu.registers();
        m.setDebugListener(this::cpuStopped);
        syncBreakpoints();
        syncWatches();
        if (mode == Mode.STEPPING) {
            stop(StopReason.stepped()); // the step reset the machine (a triple fault): it ends at the reset vector
        } else if (mode == Mode.STOPPED) {
            m.pause();
        }
        commands.drain(); // what a client sent while no machine (or the previous one) could take it
    }

    /** The machine's session ended: a client waiting for the machine hears that the program exited. */
    public void machineExited(MachineExit exit) {
        TargetEvents l = listener;
        if (l != null) {
            l.stopped(new StopReason.Exited(exit.exitCode() & 0xFF));
        }
    }

    // =====================================================================================
    // stops
    // =====================================================================================

    /** The machine paused because the CPU returned RUN_DEBUG: a breakpoint address reached, or a step done. */
    private void cpuStopped(int runCode) {
        DebugHooks hooks = cpu.debugHooks();
        if (mode == Mode.STEPPING) {
            hooks.setSingleStep(false);
            hooks.setMaskInterrupts(false);
            if (watchpointHit()) {
                return;
            }
            if (cpu.retired() != stepStart) {
                syscalls.steppedTo(linearPc());
                stop(StopReason.stepped());
            } else {
                startStep(); // nothing executed yet: step again
            }
            return;
        }
        if (mode != Mode.RUNNING) {
            return;
        }
        if (watchpointHit()) {
            return;
        }
        long la = linearPc();
        syscalls.reached(la);
        Breakpoint b = breakpoints.get(la);
        if (b != null && (!breakpointsPerAddressSpace || b.cr3 == regs.cr(3))) {
            stop(b.software ? new StopReason.SoftwareBreakpoint() : new StopReason.HardwareBreakpoint());
        } else {
            // only the syscall log's, or another address space's: run on over it
            hooks.resumeOverBreakpoint();
            machine.resume();
        }
    }

    /** The CPU stopped after an access to a watched range: report it as the client's watchpoint. */
    private boolean watchpointHit() {
        DebugHooks hooks = cpu.debugHooks();
        if (!hooks.stoppedByWatchpoint()) {
            return false;
        }
        long address = hooks.watchHitAddress() & 0xFFFFFFFFL;
        boolean write = hooks.watchHitKind() == DebugHooks.WATCH_WRITE;
        WatchList.Watch w = watches.find(address, write);
        stop(new StopReason.Watchpoint(w != null ? w.kind() : write ? WatchKind.WRITE : WatchKind.READ, address));
        return true;
    }

    private void stop(StopReason reason) {
        mode = Mode.STOPPED;
        machine.pause();
        interruptRequested = false;
        lastStop = reason;
        if (listener != null) {
            listener.stopped(reason);
        }
    }

    private void startStep() {
        DebugHooks hooks = cpu.debugHooks();
        hooks.setSingleStep(true);
        // a halted CPU's next "instruction" is the interrupt that wakes it
        hooks.setMaskInterrupts(!stepEntersInterrupts && !cpu.isHalted());
        stepStart = cpu.retired();
        machine.resume();
    }

    long linearPc() {
        return (regs.segmentBase(Cpu.CS) + regs.eip()) & 0xFFFFFFFFL;
    }

    // =====================================================================================
    // Target
    // =====================================================================================

    @Override
    public TargetDescription description() {
        return table.description();
    }

    @Override
    public void execute(Runnable command) {
        commands.submit(command);
        Machine m = machine;
        if (m != null) {
            // wakes the machine's thread; a wake-up lost to a reset is made up by bind, and a command that
            // resets or ends this machine leaves what follows it (say gdb's register read) to the next one
            m.submit(() -> commands.drain(m::endRequested));
        }
    }

    @Override
    public StopReason attach(TargetEvents l) {
        listener = l;
        if (mode != Mode.STOPPED) {
            mode = Mode.STOPPED;
            cpu.debugHooks().setSingleStep(false);
            cpu.debugHooks().setMaskInterrupts(false);
            machine.pause();
            lastStop = StopReason.stepped();
        }
        interruptRequested = false;
        return lastStop;
    }

    @Override
    public void detach() {
        listener = null;
        breakpoints.clear();
        watches.clear();
        syscalls.setEnabled(false);
        syncBreakpoints();
        syncWatches();
        DebugHooks hooks = cpu.debugHooks();
        hooks.setSingleStep(false);
        hooks.setMaskInterrupts(false);
        hooks.resumeOverBreakpoint(); // a client usually leaves the machine on one of its breakpoints
        mode = Mode.RUNNING;
        machine.resume();
    }

    @Override
    public void readRegister(int regnum, byte[] dst, int offset) {
        table.read(this, regnum, dst, offset);
    }

    @Override
    public boolean writeRegister(int regnum, byte[] src, int offset) {
        return table.write(this, regnum, src, offset);
    }

    @Override
    public int readMemory(long address, byte[] dst, int offset, int length) {
        PhysicalMemory mem = machine.memory();
        int done = 0;
        while (done < length) {
            long a = address + done;
            long pa = physicalAddress(a);
            if (pa < 0) {
                break;
            }
            int n = (int) Math.min(length - done, 0x1000 - (a & 0xFFF));
            n = (int) Math.min(n, mem.size() - pa);
            System.arraycopy(mem.array(), (int) pa, dst, offset + done, n);
            done += n;
        }
        return done;
    }

    @Override
    public boolean writeMemory(long address, byte[] src, int offset, int length) {
        PhysicalMemory mem = machine.memory();
        for (long a = address; a < address + length; a = (a | 0xFFF) + 1) {
            if (physicalAddress(a) < 0 || physicalAddress(Math.min(address + length - 1, a | 0xFFF)) < 0) {
                return false;
            }
        }
        int done = 0;
        while (done < length) {
            long a = address + done;
            long pa = physicalAddress(a);
            int n = (int) Math.min(length - done, 0x1000 - (a & 0xFFF));
            n = (int) Math.min(n, mem.size() - pa);
            mem.load((int) pa, src, offset + done, n); // tells the decode cache about code it overwrites
            done += n;
        }
        return true;
    }

    /** Where a debugger address is in RAM (linear through the page tables, or physical with phys on); -1 if nowhere. */
    long physicalAddress(long address) {
        if (address < 0 || address > 0xFFFFFFFFL) {
            return -1;
        }
        long pa = physicalMemory ? address : cpu.debugTranslate((int) address);
        return pa >= 0 && pa < machine.memory().size() ? pa : -1;
    }

    /** A linear address's place in RAM through the current page tables; -1 if unmapped or beyond RAM. */
    long linearToPhysical(long la) {
        if (la < 0 || la > 0xFFFFFFFFL) {
            return -1;
        }
        long pa = cpu.debugTranslate((int) la);
        return pa >= 0 && pa < machine.memory().size() ? pa : -1;
    }

    @Override
    public void resume(ResumeAction action) {
        if (action.kind() == ResumeAction.Kind.STEP) {
            mode = Mode.STEPPING;
            startStep();
        } else {
            DebugHooks hooks = cpu.debugHooks();
            hooks.setSingleStep(false);
            hooks.setMaskInterrupts(false);
            mode = Mode.RUNNING;
            machine.resume();
        }
    }

    /** Ctrl-C: stops the machine at its next slice boundary (the request waits behind a queued resume). */
    @Override
    public void interrupt() {
        interruptRequested = true;
        execute(() -> {
            if (interruptRequested && mode != Mode.STOPPED) {
                stop(StopReason.interrupted());
            }
        });
    }

    @Override
    public void kill() {
        listener = null;
        diagnostics.println("trapgate: killed by the debugger");
        machine.requestExit(0, "killed by the debugger");
    }

    /** {@code monitor quit}: the VM exits at once, as QEMU's. */
    void quit() {
        diagnostics.println("trapgate: quit from the debugger's monitor");
        machine.requestExit(0, "monitor quit");
    }

    /** {@code monitor reset}: the machine is rebuilt from power-on (the debugger stays attached and stopped). */
    void reset() {
        machine.requestReset("monitor reset");
    }

    // =====================================================================================
    // breakpoints and watchpoints
    // =====================================================================================

    @Override
    public boolean insertSoftwareBreakpoint(long address, int kind) {
        return changeBreakpoint(address, true, true);
    }

    @Override
    public boolean removeSoftwareBreakpoint(long address, int kind) {
        return changeBreakpoint(address, true, false);
    }

    @Override
    public boolean insertHardwareBreakpoint(long address, int kind) {
        return changeBreakpoint(address, false, true);
    }

    @Override
    public boolean removeHardwareBreakpoint(long address, int kind) {
        return changeBreakpoint(address, false, false);
    }

    private boolean changeBreakpoint(long address, boolean software, boolean insert) {
        if (address < 0 || address > 0xFFFFFFFFL) {
            return false;
        }
        Breakpoint b = breakpoints.get(address);
        if (insert) {
            if (b == null) {
                b = new Breakpoint();
                breakpoints.put(address, b);
            }
            if (software) {
                b.software = true;
            } else {
                b.hardware = true;
            }
            b.cr3 = regs.cr(3);
        } else {
            if (b == null) {
                return true; // removing what is not there is not an error (gdb, QEMU)
            }
            if (software) {
                b.software = false;
            } else {
                b.hardware = false;
            }
            if (!b.software && !b.hardware) {
                breakpoints.remove(address);
            }
        }
        syncBreakpoints();
        return true;
    }

    /** The CPU's breakpoint list: the client's and the syscall log's. */
    void syncBreakpoints() {
        if (cpu == null) {
            return;
        }
        DebugHooks hooks = cpu.debugHooks();
        hooks.clearBreakpoints();
        for (long a : breakpoints.keySet()) {
            hooks.addBreakpoint((int) a);
        }
        for (long a : syscalls.addresses()) {
            hooks.addBreakpoint((int) a);
        }
    }

    private void syncWatches() {
        if (cpu != null) {
            watches.install(cpu.debugHooks());
        }
    }

    @Override
    public boolean insertWatchpoint(WatchKind kind, long address, long length) {
        boolean ok = watches.add(kind, address, length);
        syncWatches();
        return ok;
    }

    @Override
    public boolean removeWatchpoint(WatchKind kind, long address, long length) {
        watches.remove(kind, address, length);
        syncWatches();
        return true;
    }

    int breakpointCount() {
        return breakpoints.size();
    }

    WatchList watchList() {
        return watches;
    }

    // =====================================================================================
    // monitor, memory regions
    // =====================================================================================

    @Override
    public void monitor(String command, MonitorOutput out) {
        monitor.run(command.trim(), out);
    }

    /** Text for the client's console while the machine runs (the syscall log). */
    void console(String text) {
        TargetEvents l = listener;
        if (l != null) {
            l.console(text);
        }
    }

    @Override
    public MemoryRegion regionAt(long address) {
        if (address < 0 || address > 0xFFFFFFFFL) {
            return null;
        }
        PageTables pt = pageTables();
        PageTables.Mapping m = pt.lookup(address);
        if (m == null) {
            long next = pt.nextMapped(address);
            long start = address & ~0xFFFL;
            return new MemoryRegion(start, next - start, "");
        }
        // grow the region over neighbours with the same permissions, both ways
        long start = m.linear();
        while (start > 0) {
            PageTables.Mapping p = pt.lookup(start - 1);
            if (p == null || p.writable() != m.writable() || p.user() != m.user()) {
                break;
            }
            start = p.linear();
        }
        long end = m.linear() + m.size();
        while (end < 0x1_0000_0000L) {
            PageTables.Mapping n = pt.lookup(end);
            if (n == null || n.writable() != m.writable() || n.user() != m.user()) {
                break;
            }
            end = n.linear() + n.size();
        }
        return new MemoryRegion(start, end - start, m.writable() ? "rwx" : "rx");
    }

    PageTables pageTables() {
        return new PageTables(machine.memory(), regs.cr(0), regs.cr(3), regs.cr(4));
    }

    Machine machine() {
        return machine;
    }

    Cpu cpu() {
        return cpu;
    }

    X86RegisterTable table() {
        return table;
    }

    /** Reads a little-endian dword at a linear address; null if unmapped (or beyond RAM). */
    Integer readLinear32(long la) {
        PhysicalMemory mem = machine.memory();
        int v = 0;
        for (int k = 0; k < 4; k++) {
            long pa = linearToPhysical(la + k);
            if (pa < 0) {
                return null;
            }
            v |= mem.read8((int) pa) << (8 * k);
        }
        return v;
    }

    boolean writeLinear32(long la, int v) {
        for (int k = 0; k < 4; k++) {
            if (linearToPhysical(la + k) < 0) {
                return false;
            }
        }
        for (int k = 0; k < 4; k++) {
            machine.memory().write8((int) linearToPhysical(la + k), v >>> (8 * k));
        }
        return true;
    }

    /** tss.esp0: the top of the current kernel stack, or null if there is no readable TSS. */
    Long kernelStackTop() {
        if (regs.tr() == 0) {
            return null;
        }
        Integer esp0 = readLinear32((regs.trBase() & 0xFFFFFFFFL) + 4);
        return esp0 == null ? null : esp0 & 0xFFFFFFFFL;
    }

    // =====================================================================================
    // RegisterAccess
    // =====================================================================================

    @Override
    public CpuRegisters regs() {
        return regs;
    }

    @Override
    public boolean writeSegment(int seg, long selector) {
        if (selector > 0xFFFF) {
            return false;
        }
        if (regs.segmentSelector(seg) == selector) {
            return true; // an unchanged selector keeps its descriptor cache, as in the CPU
        }
        return regs.loadSegment(seg, (int) selector);
    }

    /** Address of orig_ax in the pt_regs of the system call the CPU is in, or -1. */
    long origEaxSlot() {
        if (regs.cpl() != 0) {
            return -1;
        }
        Long top = kernelStackTop();
        if (top == null) {
            return -1;
        }
        long esp = regs.get(Cpu.ESP) & 0xFFFFFFFFL;
        long frame = top - PT_REGS_SIZE;
        // the entry path has pushed orig_ax once esp is at or below its slot
        if (esp > frame + PT_ORIG_EAX || esp < top - THREAD_SIZE) {
            return -1;
        }
        Integer cs = readLinear32(frame + PT_CS);
        Integer orig = readLinear32(frame + PT_ORIG_EAX);
        if (cs == null || orig == null || (cs & 3) != 3 || orig < 0) {
            return -1; // not entered from user space, or an exception/interrupt frame
        }
        return frame + PT_ORIG_EAX;
    }

    @Override
    public int origEax() {
        long slot = origEaxSlot();
        if (slot < 0) {
            return -1;
        }
        Integer v = readLinear32(slot);
        return v == null ? -1 : v;
    }

    @Override
    public boolean setOrigEax(int value) {
        long slot = origEaxSlot();
        if (slot < 0) {
            return value == -1;
        }
        return writeLinear32(slot, value);
    }

    @Override
    public long tsc() {
        return cpu.retired(); // the CPU's TSC counts retired instructions (a guest wrmsr offset is not seen here)
    }
}
