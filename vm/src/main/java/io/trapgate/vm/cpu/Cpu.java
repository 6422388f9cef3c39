package io.trapgate.vm.cpu;

import io.trapgate.vm.devices.InterruptController;
import io.trapgate.vm.devices.IoBus;
import io.trapgate.vm.memory.PhysicalMemory;
import io.trapgate.vm.mmu.PageWalker;
import io.trapgate.vm.mmu.Tlb;

/**
 * The i386 processor. One thread owns it: the machine's run loop calls {@link #run} with an
 * instruction budget and gets back why it returned. Only {@link #requestStop()} may be called
 * from another thread.
 *
 * <p>This class holds the architectural state, the fetch/decode/dispatch loop and the memory
 * access paths (segmentation, then the soft TLB, then physical memory). Instructions execute in
 * {@link Interpreter} and its groups; segment loads in {@link SegmentUnit}; exceptions and
 * interrupts in {@link InterruptDelivery}.
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
    /** A debugger breakpoint was reached (before executing it) or a single step completed. */
    public static final int RUN_DEBUG = 4;

    // general registers, in encoding order
    public static final int EAX = 0, ECX = 1, EDX = 2, EBX = 3, ESP = 4, EBP = 5, ESI = 6, EDI = 7;
    // segment registers, in encoding order
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

    // exception vectors
    static final int DE = 0, DB = 1, NMI = 2, BP = 3, OF = 4, BR = 5, UD = 6, NM = 7, DF = 8, TS = 10, NP = 11,
            SS_FAULT = 12, GP = 13, PF = 14, MF = 16, AC = 17;

    static final int CR0_PE = 1, CR0_MP = 2, CR0_EM = 4, CR0_TS = 8, CR0_ET = 0x10, CR0_NE = 0x20,
            CR0_WP = 1 << 16, CR0_AM = 1 << 18, CR0_NW = 1 << 29, CR0_CD = 1 << 30, CR0_PG = 1 << 31;

    // segment access-rights bits as kept in segAr (descriptor high dword >>> 8, masked 0xF0FF)
    static final int AR_ACCESSED = 1, AR_RW = 2, AR_CE = 4, AR_CODE = 8, AR_S = 0x10, AR_P = 0x80, AR_DB = 0x4000,
            AR_G = 0x8000;

    final PhysicalMemory memory;
    final IoBus io;
    final InterruptController pic;
    final Tlb tlb = new Tlb();
    /** The TLB's arrays, held directly so a hit costs no extra indirection. */
    private final int[] tlbTag = tlb.tag;
    private final int[] tlbFrame = tlb.frame;
    final PageWalker walker;
    final Flags flags = new Flags();
    final Decoder decoder = new Decoder();
    final DecodeCache decodeCache;
    final Interpreter interpreter;
    final SegmentUnit segments;
    final InterruptDelivery interrupts;
    final TaskSwitch tasks;
    final DebugHooks debug = new DebugHooks(this);
    final X87 x87 = new X87(this);
    final HardwareBreakpoints hardwareBreakpoints = new HardwareBreakpoints(this);
    /** Debugger breakpoints or DR7 instruction breakpoints are set: check before each instruction. */
    boolean breakpointsArmed;
    private final GuestFault fault = new GuestFault();

    /** The processor model CPUID reports (and whose optional instructions exist). */
    CpuModel model = CpuModel.I686;

    // ---- architectural state ----
    final int[] r = new int[8];
    int eip;
    int cpl;
    int cr0 = CR0_ET;
    int cr2;
    int cr3;
    int cr4;
    final int[] dr = new int[8];
    final int[] segSel = new int[6];
    final int[] segBase = new int[6];
    final int[] segLimit = new int[6];
    final int[] segAr = new int[6];
    /** Whether an access through the segment needs no checks: flat present writable data, limit 4G. */
    final boolean[] segFast = new boolean[6];
    int gdtrBase;
    int gdtrLimit;
    int idtrBase;
    int idtrLimit = 0x3FF;
    int ldtrSel;
    int ldtrBase;
    int ldtrLimit;
    int trSel;
    int trBase;
    int trLimit;
    int trAr;
    int sysenterCs;
    int sysenterEsp;
    int sysenterEip;
    /** Code segment default size is 32 bits. */
    boolean cs32;
    /** Stack segment B bit: ESP (not SP) is the stack pointer. */
    boolean ss32;
    boolean halted;
    /**
     * Interrupt shadow after sti, mov ss and pop ss: no interrupt is taken at the boundary where
     * the retired count equals this (the boundary after the next instruction), -1 if none.
     */
    long shadowAt = -1;
    /** A debug trap may be due after this instruction: a data breakpoint hit or a mov ss hold-off. */
    boolean debugEvent;
    /** Set by mov ss / pop ss: debug traps (TF, data breakpoints) are held until after the next instruction. */
    boolean inhibitDebugTrap;
    /** A watchpoint stop returned before raising the #DB its instruction owed the guest: the next run() raises it. */
    private boolean debugTrapOwed;
    /** That #DB includes TF's single-step trap (DR6.BS). */
    private boolean debugTrapOwedStep;

    // ---- run-loop state ----
    private volatile boolean stopRequested;
    /** At most this many instructions run between two looks at a stop request. */
    private static final int FAST_CHUNK = 1 << 16;
    /** The last sample of the interrupt controller's INTR line (see sampleInterruptLine). */
    private boolean irqLine;
    long retired;
    /** EIP of the instruction being executed (faults report it). */
    int faultEip;
    /** TLB kind offsets for the current privilege: reads and writes. */
    int tlbRead = 0;
    int tlbWrite = Tlb.SIZE;
    /** Linear page of the cached fetch translation, or -1. */
    private int fetchLinPage = -1;
    private int fetchPhysPage = -1;
    private Insn[] fetchPage;
    private final Insn scratch = new Insn();
    private final Decoder.Refill nextPageBytes = this::fetchNextPage;
    /** Translations for instruction fetch are not data accesses (data breakpoints ignore them). */
    private boolean fetching;
    private int decodeLinear;

    // ---- pending fault (filled by fault(), read by InterruptDelivery) ----
    int faultVector;
    int faultError;

    public Cpu(PhysicalMemory memory, IoBus io, InterruptController pic) {
        this.memory = memory;
        this.io = io;
        this.pic = pic;
        this.walker = new PageWalker(memory);
        this.decodeCache = new DecodeCache(memory, this::codePageInvalidated);
        this.segments = new SegmentUnit(this);
        this.interrupts = new InterruptDelivery(this);
        this.tasks = new TaskSwitch(this);
        this.interpreter = new Interpreter(this);
        reset();
    }

    /** Power-on-like state in flat protected mode at EIP 0 (the machine enters through enterMultiboot). */
    public void reset() {
        java.util.Arrays.fill(r, 0);
        java.util.Arrays.fill(dr, 0);
        dr[6] = 0xFFFF0FF0;
        dr[7] = 0x400;
        flags.setAll(2);
        cr0 = CR0_ET;
        cr2 = cr3 = cr4 = 0;
        gdtrBase = gdtrLimit = 0;
        idtrBase = 0;
        idtrLimit = 0x3FF;
        ldtrSel = ldtrBase = ldtrLimit = 0;
        trSel = trBase = 0;
        trLimit = 0xFFFF;
        trAr = 0x8B;
        sysenterCs = sysenterEsp = sysenterEip = 0;
        halted = false;
        shadowAt = -1;
        x87.reset();
        for (int s = 0; s < 6; s++) {
            setFlatSegment(s, 0, s == CS ? 0x9B : 0x93);
        }
        eip = 0;
        setCpl(0);
        flushTlb(true);
    }

    /** Multiboot v1 entry state: flat 4 GiB CS/DS/ES/FS/GS/SS, CR0.PE=1, PG=0, IF=0. */
    public void enterMultiboot(int eip, int eax, int ebx) {
        reset();
        cr0 = CR0_ET | CR0_PE;
        for (int s = 0; s < 6; s++) {
            setFlatSegment(s, s == CS ? 0x08 : 0x10, s == CS ? 0x409B : 0x4093);
        }
        r[EAX] = eax;
        r[EBX] = ebx;
        this.eip = eip;
        setCpl(0);
        flushTlb(true);
    }

    /** Loads a segment register's hidden part with a 4 GiB segment of the given access rights. */
    private void setFlatSegment(int s, int sel, int ar) {
        segSel[s] = sel;
        segBase[s] = 0;
        segLimit[s] = 0xFFFFFFFF;
        segAr[s] = ar | AR_G | AR_DB;
        segmentChanged(s);
    }

    /** Recomputes what depends on a segment register's hidden part. */
    void segmentChanged(int s) {
        int ar = segAr[s];
        segFast[s] = (ar & (AR_P | AR_S | AR_CODE | AR_RW | AR_CE)) == (AR_P | AR_S | AR_RW)
                && segLimit[s] == 0xFFFFFFFF;
        if (s == CS) {
            cs32 = (ar & AR_DB) != 0;
            fetchLinPage = -1;
        } else if (s == SS) {
            ss32 = (ar & AR_DB) != 0;
        }
    }

    void setCpl(int newCpl) {
        cpl = newCpl;
        boolean user = newCpl == 3;
        tlbRead = (user ? Tlb.USER_READ : Tlb.SUPERVISOR_READ) << Tlb.BITS;
        tlbWrite = (user ? Tlb.USER_WRITE : Tlb.SUPERVISOR_WRITE) << Tlb.BITS;
        fetchLinPage = -1;
    }

    boolean protectedMode() {
        return (cr0 & CR0_PE) != 0;
    }

    // =====================================================================================
    // run loop
    // =====================================================================================

    /**
     * Runs at most {@code maxInstructions} instructions; returns one of the RUN_ codes. Guest
     * faults never escape; an exception from here is a VM bug, reported with the guest state.
     */
    public int run(long maxInstructions) {
        try {
            return runLoop(maxInstructions);
        } catch (GuestFault f) {
            throw new IllegalStateException("CPU internal error: a guest fault escaped delivery\n" + describeState(), f);
        } catch (RuntimeException e) {
            throw new IllegalStateException("CPU internal error at EIP " + Integer.toHexString(faultEip) + ": " + e
                    + "\n" + describeState(), e);
        }
    }

    private int runLoop(long maxInstructions) {
        long end = retired + maxInstructions;
        boolean stepping = debug.singleStep;
        if (stepping) {
            end = retired + 1;
        }
        boolean skipBreakpointOnce = debug.resumeOverBreakpoint || stepping;
        debug.clearWatchHit();
        debug.resumeOverBreakpoint = false;
        if (debugTrapOwed) {
            // the #DB held back by a watchpoint stop (below): raised before anything else runs, as it would
            // have been right after its instruction; a step ends on the handler's first instruction
            debugTrapOwed = false;
            try {
                interrupts.debugTrap(debugTrapOwedStep);
            } catch (GuestFault f) {
                int rc = faultRaised(stepping);
                if (rc >= 0) {
                    return rc;
                }
            }
            if (stepping) {
                return RUN_DEBUG;
            }
        }
        sampleInterruptLine();
        if (halted) {
            if ((flags.bits & Flags.IF) != 0 && irqLine) {
                halted = false;
            } else {
                return RUN_HALTED;
            }
        }
        while (true) {
            try {
                while (retired < end) {
                    if (stopRequested) {
                        stopRequested = false;
                        return RUN_STOP_REQUESTED;
                    }
                    int fl = flags.bits;
                    if (irqLine && (fl & Flags.IF) != 0 && retired != shadowAt && !debug.maskInterrupts) {
                        takeExternalInterrupt();
                        continue;
                    }
                    if (breakpointsArmed) {
                        if (debug.active) {
                            if (!skipBreakpointOnce && debug.breakpointAt(segBase[CS] + eip)) {
                                return RUN_DEBUG;
                            }
                            skipBreakpointOnce = false;
                        }
                        if (hardwareBreakpoints.execActive) {
                            checkInstructionBreakpoint();
                        }
                    }
                    Insn insn = fetch();
                    faultEip = eip;
                    eip = cs32 ? eip + insn.len : (eip + insn.len) & 0xFFFF;
                    if (!interpreter.execute(insn)) {
                        int rc = faultRaised(stepping);
                        if (rc >= 0) {
                            return rc;
                        }
                        continue;
                    }
                    retired++;
                    if ((fl & Flags.TF) != 0 || debugEvent) {
                        boolean watchStop = debug.stoppedByWatchpoint();
                        if (inhibitDebugTrap) {
                            // mov/pop ss: the trap waits one more instruction
                            inhibitDebugTrap = false;
                            hardwareBreakpoints.heldHit = hardwareBreakpoints.dataHit;
                            debugEvent = hardwareBreakpoints.dataHit != 0;
                        } else if (watchStop) {
                            // gdb hears of its watchpoint first, EIP after this instruction; the #DB this
                            // instruction owes the guest (TF, DR7 hits) comes when run() resumes, before the next
                            debugEvent = false;
                            debugTrapOwed = (fl & Flags.TF) != 0 || hardwareBreakpoints.dataHit != 0;
                            debugTrapOwedStep = (fl & Flags.TF) != 0;
                        } else {
                            debugEvent = false;
                            interrupts.debugTrap((fl & Flags.TF) != 0);
                        }
                        if (watchStop) {
                            return RUN_DEBUG; // the watched access completed; the debugger reads the hit
                        }
                    }
                    if (retired < end && fastLoopAllowed() && runFast(Math.min(end, retired + FAST_CHUNK))) {
                        int rc = faultRaised(false);
                        if (rc >= 0) {
                            return rc;
                        }
                        continue;
                    }
                    if (halted) {
                        sampleInterruptLine();
                        if ((flags.bits & Flags.IF) != 0 && irqLine) {
                            halted = false;
                        } else {
                            return RUN_HALTED;
                        }
                    }
                }
                return stepping ? RUN_DEBUG : RUN_BUDGET;
            } catch (GuestFault f) {
                int rc = faultRaised(stepping);
                if (rc >= 0) {
                    return rc;
                }
            }
        }
    }

    /**
     * Whether nothing needs looking at between instructions: no deliverable interrupt, no
     * breakpoint or watchpoint, no single-step trap, not halted, no stop asked for. Only a
     * generic instruction (sti, popf, iret, port I/O, mov to a debug register, hlt...) can change
     * that, which is why {@link #runFast} hands back after each one; a stop request waits at most
     * {@link #FAST_CHUNK} instructions.
     */
    private boolean fastLoopAllowed() {
        int fl = flags.bits;
        return !(irqLine && (fl & Flags.IF) != 0) && (fl & Flags.TF) == 0 && !breakpointsArmed && !debugEvent
                && !inhibitDebugTrap && !halted && !debug.watchActive && !hardwareBreakpoints.dataActive
                && !stopRequested;
    }

    /**
     * The run loop without its per-instruction checks (see {@link #fastLoopAllowed}). Returns
     * after a generic instruction, at {@code end}, or with true when an instruction faulted
     * (recorded, for the caller to deliver); a fetch fault propagates as in the careful loop.
     *
     * <p>Decoded instructions are chained: once an instruction has been seen to continue (or
     * branch) to another in the same page, the next time the successor is taken from the link
     * instead of fetched. A link is only followed while the fetch page is unchanged: any write
     * to cached code, TLB flush, CS or CPL change resets {@link #fetchLinPage} and so drops
     * back to {@link #fetch}. Links are never made under a 16-bit or limited code segment, to
     * or from the uncached scratch instruction, across pages, or after a ret.
     */
    private boolean runFast(long end) {
        Insn insn = fetch();
        boolean chain = cs32 && segLimit[CS] == 0xFFFFFFFF;
        while (true) {
            int page = chain && insn != scratch ? fetchLinPage : -1;
            int at = eip;
            faultEip = at;
            int fallThrough = cs32 ? at + insn.len : (at + insn.len) & 0xFFFF;
            eip = fallThrough;
            int h = insn.handler;
            if (!interpreter.execute(insn)) {
                return true;
            }
            retired++;
            if (h == FastPath.GENERIC || retired >= end) {
                return false;
            }
            boolean taken = eip != fallThrough;
            Insn next = taken ? insn.taken : insn.next;
            if (next == null || page == -1 || page != fetchLinPage) {
                next = fetch();
                if (page != -1 && page == fetchLinPage && next != scratch && h != FastPath.RET) {
                    if (taken) {
                        insn.taken = next;
                    } else {
                        insn.next = next;
                    }
                }
            }
            insn = next;
        }
    }

    /** Delivers the fault an instruction (or fetch, or event) raised; a RUN_ code to return, or -1 to go on. */
    private int faultRaised(boolean stepping) {
        // A faulting instruction did not complete: its data breakpoint and watchpoint hits make no #DB or stop
        // (it hits again when restarted). Hits a mov/pop ss holds over, and the hold-off itself, stay owed.
        hardwareBreakpoints.dataHit = hardwareBreakpoints.heldHit;
        debug.clearWatchHit();
        debugEvent = hardwareBreakpoints.heldHit != 0 || inhibitDebugTrap;
        retired++; // an exception delivery counts as a step of virtual time
        if (!interrupts.deliverFault()) {
            return RUN_TRIPLE_FAULT;
        }
        return stepping ? RUN_DEBUG : -1;
    }

    /**
     * Reads the interrupt controller's INTR line. Its state can only change between run() calls
     * (the machine advances devices there), through the CPU's own port I/O, or by an acknowledge,
     * so the CPU samples it at exactly those points instead of before every instruction.
     */
    void sampleInterruptLine() {
        irqLine = pic.hasInterrupt();
    }

    private void takeExternalInterrupt() {
        faultEip = eip;
        int vector = pic.acknowledge();
        sampleInterruptLine();
        interrupts.deliverExternal(vector);
        retired++;
    }

    /** Instructions retired since power-on: the source of virtual time and of the TSC. */
    public long retired() {
        return retired;
    }

    /** Asks the CPU thread to return from {@link #run} at the next block boundary. Thread-safe. */
    public void requestStop() {
        stopRequested = true;
    }

    /** Chooses the processor model (like QEMU's -cpu); the default is {@link CpuModel#I686}. */
    public void setModel(CpuModel model) {
        this.model = model;
    }

    public CpuModel model() {
        return model;
    }

    public boolean isHalted() {
        return halted;
    }

    /** Recomputes {@link #breakpointsArmed} after the debugger or DR7 changed. */
    void breakpointsChanged() {
        breakpointsArmed = debug.active || hardwareBreakpoints.execActive;
    }

    /** A DR0-3 instruction breakpoint at this EIP raises #DB before it executes, unless RF is set. */
    private void checkInstructionBreakpoint() {
        if ((flags.bits & Flags.RF) != 0) {
            flags.bits &= ~Flags.RF; // RF suppresses the breakpoint for exactly one instruction
            return;
        }
        int hits = hardwareBreakpoints.execHits(segBase[CS] + eip);
        if (hits != 0) {
            faultEip = eip;
            dr[6] = (dr[6] & ~0xF) | hits;
            throw fault(DB, 0);
        }
    }

    /** Raises a guest exception: records it and returns the exception to throw. */
    GuestFault fault(int vector, int error) {
        faultVector = vector;
        faultError = error;
        return fault;
    }

    // =====================================================================================
    // fetch and the decode cache
    // =====================================================================================

    private Insn fetch() {
        int la = segBase[CS] + eip;
        Insn insn;
        if ((la & 0xFFFFF000) == fetchLinPage) {
            insn = fetchPage[la & 0xFFF];
            if (insn != null && insn.cs32 == cs32) {
                if (segLimit[CS] != 0xFFFFFFFF) {
                    checkFetchLimit(insn);
                }
                return insn;
            }
        }
        insn = fetchSlow(la);
        if (segLimit[CS] != 0xFFFFFFFF) {
            checkFetchLimit(insn);
        }
        return insn;
    }

    private void checkFetchLimit(Insn insn) {
        if (Integer.compareUnsigned(eip + insn.len - 1, segLimit[CS]) > 0
                || Integer.compareUnsigned(eip, segLimit[CS]) > 0) {
            faultEip = eip;
            throw fault(GP, 0);
        }
    }

    private Insn fetchSlow(int la) {
        faultEip = eip;
        fetching = true;
        int pa;
        try {
            pa = translate(la, tlbRead >> Tlb.BITS);
        } finally {
            fetching = false;
        }
        int pp = pa >>> 12;
        Insn[] page = decodeCache.page(pp);
        int off = la & 0xFFF;
        if (page != null) {
            fetchLinPage = la & 0xFFFFF000;
            fetchPhysPage = pp;
            fetchPage = page;
            Insn cached = page[off];
            if (cached != null && cached.cs32 == cs32) {
                return cached;
            }
        }
        int avail = Math.min(16, 0x1000 - off);
        for (int i = 0; i < avail; i++) {
            decoder.buf[i] = (byte) memory.read8(pa + i);
        }
        decodeLinear = la;
        decoder.begin(avail, nextPageBytes);
        decoder.decode(scratch, cs32);
        if (page == null) {
            fetchLinPage = -1;
            return scratch; // outside RAM: never cached
        }
        fetchLinPage = la & 0xFFFFF000;
        fetchPhysPage = pp;
        fetchPage = page;
        if (scratch.len > avail) {
            return scratch; // crosses into the next page: not cached (the other page may change)
        }
        Insn insn = new Insn();
        copy(scratch, insn);
        page[off] = insn;
        decodeCache.noteInstruction(pp, off, insn.len);
        return insn;
    }

    private int fetchNextPage(byte[] buf, int have) {
        int next = (decodeLinear & 0xFFFFF000) + 0x1000;
        fetching = true;
        int pa;
        try {
            pa = translate(next, tlbRead >> Tlb.BITS);
        } finally {
            fetching = false;
        }
        for (int i = have; i < 16; i++) {
            buf[i] = (byte) memory.read8(pa + i - have);
        }
        return 16;
    }

    private static void copy(Insn s, Insn d) {
        d.op = s.op;
        d.len = s.len;
        d.o16 = s.o16;
        d.a16 = s.a16;
        d.seg = s.seg;
        d.rep = s.rep;
        d.lock = s.lock;
        d.mod = s.mod;
        d.reg = s.reg;
        d.rm = s.rm;
        d.base = s.base;
        d.index = s.index;
        d.scale = s.scale;
        d.disp = s.disp;
        d.imm = s.imm;
        d.imm2 = s.imm2;
        d.cs32 = s.cs32;
        d.handler = s.handler;
        d.dst = s.dst;
        d.src = s.src;
        d.aluOp = s.aluOp;
    }

    private void codePageInvalidated(int physPage) {
        if (physPage == fetchPhysPage) {
            fetchLinPage = -1;
            fetchPhysPage = -1;
        }
    }

    // =====================================================================================
    // address translation
    // =====================================================================================

    void flushTlb(boolean includingGlobal) {
        if (includingGlobal || (cr4 & PageWalker.CR4_PGE) == 0) {
            tlb.flushAll();
        } else {
            tlb.flushNonGlobal();
        }
        fetchLinPage = -1;
    }

    void flushTlbPage(int la) {
        tlb.flushPage(la);
        fetchLinPage = -1;
    }

    /** Linear → physical for a one-byte access of the given TLB kind; raises #PF. */
    int translate(int la, int kind) {
        return translate(la, kind, 1);
    }

    /** Linear → physical for a {@code size}-byte access (within one page) of the given TLB kind; raises #PF. */
    int translate(int la, int kind, int size) {
        int i = (kind << Tlb.BITS) | ((la >>> 12) & Tlb.MASK);
        if (tlbTag[i] == (la & 0xFFFFF000)) {
            return tlbFrame[i] | (la & 0xFFF);
        }
        return translateSlow(la, kind, size);
    }

    /**
     * A TLB miss. Small enough to inline into every access path, so a #PF is thrown from the
     * caller's frame: each compiled frame the fault unwinds through costs a trip through the
     * JVM's exception runtime (measured: about half of a demand fault's time).
     */
    private int translateSlow(int la, int kind, int size) {
        long pa = translateMiss(la, kind, size);
        if (pa < 0) {
            throw fault;
        }
        return (int) pa;
    }

    /**
     * Walks (and caches) a translation; returns the physical address, or -1 with #PF recorded.
     * {@code size}: the bytes accessed from {@code la}, which debugger watchpoints match exactly.
     */
    private long translateMiss(int la, int kind, int size) {
        if (debug.watchActive && debug.watchesPage(la)) {
            // debugger watchpoints: like DR7 data breakpoints, their pages bypass the TLB
            if (!fetching && debug.checkAccess(la, size, (kind & 1) != 0)) {
                debugEvent = true;
            }
            if (hardwareBreakpoints.dataActive && !fetching && hardwareBreakpoints.watchesPage(la)) {
                hardwareBreakpoints.checkData(la, size, (kind & 1) != 0);
            }
            return walkUncached(la, kind);
        }
        if (hardwareBreakpoints.dataActive && hardwareBreakpoints.watchesPage(la)) {
            // pages with data breakpoints never enter the TLB, so every access comes here
            if (!fetching) {
                hardwareBreakpoints.checkData(la, size, (kind & 1) != 0);
            }
            return walkUncached(la, kind);
        }
        if ((cr0 & CR0_PG) == 0) {
            tlb.fill(kind, la, la, false);
            return la & 0xFFFFFFFFL;
        }
        boolean write = (kind & 1) != 0;
        boolean user = kind >= Tlb.USER_READ;
        long pa = walker.walk(cr0, cr3, cr4, la, write, user, true);
        if (pa == PageWalker.FAULT) {
            cr2 = la;
            fault(PF, walker.faultCode);
            return -1;
        }
        int frame = (int) pa & 0xFFFFF000;
        if (walker.lastLarge) {
            tlb.fillLarge(kind, la, frame, walker.lastGlobal);
            if (write) {
                tlb.fillLarge(kind - 1, la, frame, walker.lastGlobal);
            }
        } else {
            tlb.fill(kind, la, frame, walker.lastGlobal);
            if (write) {
                tlb.fill(kind - 1, la, frame, walker.lastGlobal);
            }
        }
        return pa;
    }

    /** A translation that bypasses the TLB: the physical address, or -1 with #PF recorded. */
    private long walkUncached(int la, int kind) {
        if ((cr0 & CR0_PG) == 0) {
            return la & 0xFFFFFFFFL;
        }
        long pa = walker.walk(cr0, cr3, cr4, la, (kind & 1) != 0, kind >= Tlb.USER_READ, true);
        if (pa == PageWalker.FAULT) {
            cr2 = la;
            fault(PF, walker.faultCode);
            return -1;
        }
        return pa;
    }

    // ---- linear accesses with the current privilege ----

    int readLin8(int la) {
        int i = tlbRead | ((la >>> 12) & Tlb.MASK);
        int pa = tlbTag[i] == (la & 0xFFFFF000) ? tlbFrame[i] | (la & 0xFFF) : translateSlow(la, tlbRead >> Tlb.BITS, 1);
        return memory.read8(pa);
    }

    int readLin16(int la) {
        if ((la & 0xFFF) <= 0xFFE) {
            int i = tlbRead | ((la >>> 12) & Tlb.MASK);
            int pa = tlbTag[i] == (la & 0xFFFFF000) ? tlbFrame[i] | (la & 0xFFF) : translateSlow(la, tlbRead >> Tlb.BITS, 2);
            return memory.read16(pa);
        }
        return readLin8(la) | readLin8(la + 1) << 8;
    }

    int readLin32(int la) {
        if ((la & 0xFFF) <= 0xFFC) {
            int i = tlbRead | ((la >>> 12) & Tlb.MASK);
            int pa = tlbTag[i] == (la & 0xFFFFF000) ? tlbFrame[i] | (la & 0xFFF) : translateSlow(la, tlbRead >> Tlb.BITS, 4);
            return memory.read32(pa);
        }
        return readCross(la, 4, tlbRead >> Tlb.BITS);
    }

    private int readCross(int la, int size, int kind) {
        int v = 0;
        for (int k = 0; k < size; k++) {
            v |= memory.read8(translate(la + k, kind)) << (8 * k);
        }
        return v;
    }

    void writeLin8(int la, int v) {
        int i = tlbWrite | ((la >>> 12) & Tlb.MASK);
        int pa = tlbTag[i] == (la & 0xFFFFF000) ? tlbFrame[i] | (la & 0xFFF) : translateSlow(la, tlbWrite >> Tlb.BITS, 1);
        memory.write8(pa, v);
    }

    void writeLin16(int la, int v) {
        if ((la & 0xFFF) <= 0xFFE) {
            int i = tlbWrite | ((la >>> 12) & Tlb.MASK);
            int pa = tlbTag[i] == (la & 0xFFFFF000) ? tlbFrame[i] | (la & 0xFFF) : translateSlow(la, tlbWrite >> Tlb.BITS, 2);
            memory.write16(pa, v);
            return;
        }
        writeCross(la, 2, v, tlbWrite >> Tlb.BITS);
    }

    void writeLin32(int la, int v) {
        if ((la & 0xFFF) <= 0xFFC) {
            int i = tlbWrite | ((la >>> 12) & Tlb.MASK);
            int pa = tlbTag[i] == (la & 0xFFFFF000) ? tlbFrame[i] | (la & 0xFFF) : translateSlow(la, tlbWrite >> Tlb.BITS, 4);
            memory.write32(pa, v);
            return;
        }
        writeCross(la, 4, v, tlbWrite >> Tlb.BITS);
    }

    /** A write spanning two pages: both translate (and may fault) before any byte is written. */
    private void writeCross(int la, int size, int v, int kind) {
        int last = la + size - 1;
        translate(la, kind);
        translate(last & 0xFFFFF000, kind); // a fault there reports the page's first byte in CR2
        for (int k = 0; k < size; k++) {
            memory.write8(translate(la + k, kind), v >>> (8 * k));
        }
    }

    /** Checks that a write of {@code size} bytes at {@code la} would not fault, without writing. */
    void probeWrite(int la, int size) {
        translate(la, tlbWrite >> Tlb.BITS);
        if (((la + size - 1) & 0xFFFFF000) != (la & 0xFFFFF000)) {
            translate((la + size - 1) & 0xFFFFF000, tlbWrite >> Tlb.BITS);
        }
    }

    // ---- supervisor (implicit) accesses: descriptor tables, TSS, IDT ----

    int sysRead8(int la) {
        return memory.read8(translate(la, Tlb.SUPERVISOR_READ));
    }

    int sysRead16(int la) {
        return sysRead8(la) | sysRead8(la + 1) << 8;
    }

    int sysRead32(int la) {
        if ((la & 0xFFF) <= 0xFFC) {
            return memory.read32(translate(la, Tlb.SUPERVISOR_READ, 4));
        }
        return readCross(la, 4, Tlb.SUPERVISOR_READ);
    }

    void sysWrite8(int la, int v) {
        memory.write8(translate(la, Tlb.SUPERVISOR_WRITE), v);
    }

    void sysWrite16(int la, int v) {
        writeCross(la, 2, v, Tlb.SUPERVISOR_WRITE);
    }

    void sysWrite32(int la, int v) {
        writeCross(la, 4, v, Tlb.SUPERVISOR_WRITE);
    }

    // =====================================================================================
    // segmented accesses
    // =====================================================================================

    /** Segment + offset → linear address, after the segment's type and limit checks. */
    int linear(int seg, int off, int size, boolean write) {
        if (segFast[seg]) {
            return segBase[seg] + off;
        }
        return linearChecked(seg, off, size, write);
    }

    private int linearChecked(int seg, int off, int size, boolean write) {
        int ar = segAr[seg];
        int vector = seg == SS ? SS_FAULT : GP;
        if ((ar & AR_P) == 0) {
            throw fault(vector, 0); // null selector or not present
        }
        if (write) {
            if ((ar & AR_CODE) != 0 || (ar & AR_RW) == 0) {
                throw fault(GP, 0);
            }
        } else if ((ar & (AR_CODE | AR_RW)) == AR_CODE) {
            throw fault(GP, 0); // execute-only code
        }
        long lo = off & 0xFFFFFFFFL;
        long hi = lo + size - 1;
        long limit = segLimit[seg] & 0xFFFFFFFFL;
        if ((ar & (AR_CODE | AR_CE)) == AR_CE) {
            long top = (ar & AR_DB) != 0 ? 0xFFFFFFFFL : 0xFFFFL;
            if (lo <= limit || hi > top) {
                throw fault(vector, 0);
            }
        } else if (hi > limit) {
            throw fault(vector, 0);
        }
        return segBase[seg] + off;
    }

    int read8(int seg, int off) {
        return readLin8(linear(seg, off, 1, false));
    }

    int read16(int seg, int off) {
        return readLin16(linear(seg, off, 2, false));
    }

    int read32(int seg, int off) {
        return readLin32(linear(seg, off, 4, false));
    }

    void write8(int seg, int off, int v) {
        writeLin8(linear(seg, off, 1, true), v);
    }

    void write16(int seg, int off, int v) {
        writeLin16(linear(seg, off, 2, true), v);
    }

    void write32(int seg, int off, int v) {
        writeLin32(linear(seg, off, 4, true), v);
    }

    // =====================================================================================
    // registers and the stack
    // =====================================================================================

    int reg8(int n) {
        return n < 4 ? r[n] & 0xFF : (r[n - 4] >>> 8) & 0xFF;
    }

    void setReg8(int n, int v) {
        if (n < 4) {
            r[n] = (r[n] & 0xFFFFFF00) | (v & 0xFF);
        } else {
            r[n - 4] = (r[n - 4] & 0xFFFF00FF) | ((v & 0xFF) << 8);
        }
    }

    void setReg16(int n, int v) {
        r[n] = (r[n] & 0xFFFF0000) | (v & 0xFFFF);
    }

    int sp() {
        return ss32 ? r[ESP] : r[ESP] & 0xFFFF;
    }

    void setSp(int v) {
        if (ss32) {
            r[ESP] = v;
        } else {
            r[ESP] = (r[ESP] & 0xFFFF0000) | (v & 0xFFFF);
        }
    }

    void push32(int v) {
        int sp = r[ESP] - 4;
        if (ss32) {
            write32(SS, sp, v);
            r[ESP] = sp;
        } else {
            write32(SS, sp & 0xFFFF, v);
            r[ESP] = (r[ESP] & 0xFFFF0000) | (sp & 0xFFFF);
        }
    }

    void push16(int v) {
        int sp = r[ESP] - 2;
        if (ss32) {
            write16(SS, sp, v);
            r[ESP] = sp;
        } else {
            write16(SS, sp & 0xFFFF, v);
            r[ESP] = (r[ESP] & 0xFFFF0000) | (sp & 0xFFFF);
        }
    }

    void push(boolean o16, int v) {
        if (o16) {
            push16(v);
        } else {
            push32(v);
        }
    }

    int pop32() {
        if (ss32) {
            int v = read32(SS, r[ESP]);
            r[ESP] += 4;
            return v;
        }
        int sp = r[ESP] & 0xFFFF;
        int v = read32(SS, sp);
        r[ESP] = (r[ESP] & 0xFFFF0000) | ((sp + 4) & 0xFFFF);
        return v;
    }

    int pop16() {
        if (ss32) {
            int v = read16(SS, r[ESP]);
            r[ESP] += 2;
            return v;
        }
        int sp = r[ESP] & 0xFFFF;
        int v = read16(SS, sp);
        r[ESP] = (r[ESP] & 0xFFFF0000) | ((sp + 2) & 0xFFFF);
        return v;
    }

    int pop(boolean o16) {
        return o16 ? pop16() : pop32();
    }

    /** Reads the stack {@code offset} bytes above the stack pointer without popping. */
    int peek32(int offset) {
        return read32(SS, ss32 ? r[ESP] + offset : (r[ESP] + offset) & 0xFFFF);
    }

    int peek16(int offset) {
        return read16(SS, ss32 ? r[ESP] + offset : (r[ESP] + offset) & 0xFFFF);
    }

    /** Effective address (offset within the segment) of a ModRM memory operand. */
    int ea(Insn i) {
        int a = i.disp;
        if (i.base >= 0) {
            a += r[i.base];
        }
        if (i.index >= 0) {
            a += r[i.index] << i.scale;
        }
        return i.a16 ? a & 0xFFFF : a;
    }

    int eflags() {
        return flags.get();
    }

    // =====================================================================================
    // state access for the machine, the debugger and tests
    // =====================================================================================

    /** A register dump for error messages (triple fault, watchdog, VM failure). */
    public String describeState() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("EAX=%08x EBX=%08x ECX=%08x EDX=%08x%n", r[EAX], r[EBX], r[ECX], r[EDX]));
        sb.append(String.format("ESI=%08x EDI=%08x EBP=%08x ESP=%08x%n", r[ESI], r[EDI], r[EBP], r[ESP]));
        sb.append(String.format("EIP=%08x EFL=%08x CPL=%d%s%n", eip, eflags(), cpl, halted ? " HLT" : ""));
        String[] names = {"ES", "CS", "SS", "DS", "FS", "GS"};
        for (int s = 0; s < 6; s++) {
            sb.append(String.format("%s =%04x %08x %08x %04x%n", names[s], segSel[s], segBase[s], segLimit[s], segAr[s]));
        }
        sb.append(String.format("LDT=%04x %08x %08x%n", ldtrSel, ldtrBase, ldtrLimit));
        sb.append(String.format("TR =%04x %08x %08x%n", trSel, trBase, trLimit));
        sb.append(String.format("GDT=     %08x %08x%n", gdtrBase, gdtrLimit));
        sb.append(String.format("IDT=     %08x %08x%n", idtrBase, idtrLimit));
        sb.append(String.format("CR0=%08x CR2=%08x CR3=%08x CR4=%08x%n", cr0, cr2, cr3, cr4));
        sb.append(String.format("retired=%d", retired));
        return sb.toString();
    }

    /** The debugger's and tests' view of the registers; see {@link CpuRegisters}. */
    public CpuRegisters registers() {
        return new CpuRegisters(this);
    }

    /** The debugger's and tests' view of the x87 registers; see {@link X87Registers}. */
    public X87Registers x87Registers() {
        return new X87Registers(x87);
    }

    /** Debugger hooks: breakpoints, single step, interrupt log. */
    public DebugHooks debugHooks() {
        return debug;
    }

    /**
     * Reads guest memory at a linear address through the current page tables, without faulting
     * the guest or touching Accessed/Dirty bits. Returns false if some page is not mapped.
     */
    public boolean readLinear(int la, byte[] dst, int off, int len) {
        for (int k = 0; k < len; k++) {
            long pa = debugTranslate(la + k);
            if (pa < 0) {
                return false;
            }
            dst[off + k] = (byte) memory.read8((int) pa);
        }
        return true;
    }

    /** Writes guest memory at a linear address (ignoring page protection, like a debugger). */
    public boolean writeLinear(int la, byte[] src, int off, int len) {
        for (int k = 0; k < len; k++) {
            if (debugTranslate(la + k) < 0) {
                return false;
            }
        }
        for (int k = 0; k < len; k++) {
            memory.write8((int) debugTranslate(la + k), src[off + k]);
        }
        return true;
    }

    /** Linear → physical for the debugger: -1 if not mapped. */
    public long debugTranslate(int la) {
        if ((cr0 & CR0_PG) == 0) {
            return la & 0xFFFFFFFFL;
        }
        long pa = walker.walk(cr0, cr3, cr4, la, false, false, false);
        return pa == PageWalker.FAULT ? -1 : pa;
    }
}
