package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.Cpu.EAX;
import static io.trapgate.vm.cpu.Cpu.ECX;
import static io.trapgate.vm.cpu.Cpu.EDI;
import static io.trapgate.vm.cpu.Cpu.EDX;
import static io.trapgate.vm.cpu.Cpu.ES;
import static io.trapgate.vm.cpu.Cpu.ESI;

/**
 * movs/cmps/stos/lods/scas/ins/outs with REP/REPE/REPNE. The count and index registers follow the
 * address size. Registers are updated after every element, so a fault in the middle of a REP
 * leaves the progress made and EIP on the instruction, which then restarts where it stopped.
 */
final class StringOps {
    private final Cpu c;
    private final int[] r;
    private final Flags f;
    /**
     * Elements a REP instruction processes before it lets the run loop look at interrupts, stop
     * requests and the budget; it then restarts where it stopped, as hardware allows between
     * iterations. Without this, ECX = 4G would hold the CPU thread for minutes.
     */
    static final int REP_SLICE = 1 << 16;
    /** REP_SLICE, or 1 while single-stepping: a debugger's step runs one iteration, as TF does on hardware. */
    int repSlice = REP_SLICE;

    StringOps(Cpu c) {
        this.c = c;
        this.r = c.r;
        this.f = c.flags;
    }

    /**
     * Block copies skip per-element accesses: not while a debugger steps or watches data, nor while a DR7 data
     * breakpoint is set (a block translates only its first byte, so it would miss the breakpoint's bytes).
     */
    private boolean blocksAllowed() {
        return repSlice == REP_SLICE && !c.debug.watchActive && !c.hardwareBreakpoints.dataActive;
    }

    /** Ends this execution of a REP instruction early; EIP stays on it so it continues next time. */
    private void yieldRep() {
        c.eip = c.faultEip;
    }

    /**
     * After an iteration whose access hit a gdb watchpoint or a DR7 data breakpoint (either sets debugEvent):
     * the stop or #DB comes right after that iteration, as on hardware and in QEMU, with ECX/ESI/EDI showing
     * its progress and EIP still on the instruction if elements remain, so resuming finishes the rest.
     */
    private boolean hitStopsRep(Insn i) {
        if (c.debugEvent && count(i) != 0) {
            yieldRep();
            return true;
        }
        return false;
    }

    private int step(int size) {
        int n = 1 << size;
        return (f.bits & Flags.DF) != 0 ? -n : n;
    }

    private int index(Insn i, int reg) {
        return i.a16 ? r[reg] & 0xFFFF : r[reg];
    }

    private void advance(Insn i, int reg, int delta) {
        if (i.a16) {
            r[reg] = (r[reg] & 0xFFFF0000) | ((r[reg] + delta) & 0xFFFF);
        } else {
            r[reg] += delta;
        }
    }

    private int count(Insn i) {
        return i.a16 ? r[ECX] & 0xFFFF : r[ECX];
    }

    private void decCount(Insn i) {
        advance(i, ECX, -1);
    }

    private int read(int size, int seg, int off) {
        switch (size) {
            case 0: return c.read8(seg, off);
            case 1: return c.read16(seg, off);
            default: return c.read32(seg, off);
        }
    }

    private void write(int size, int seg, int off, int v) {
        switch (size) {
            case 0: c.write8(seg, off, v); break;
            case 1: c.write16(seg, off, v); break;
            default: c.write32(seg, off, v); break;
        }
    }

    private int acc(int size) {
        return size == 0 ? r[EAX] & 0xFF : size == 1 ? r[EAX] & 0xFFFF : r[EAX];
    }

    void movs(Insn i, int size) {
        int d = step(size);
        if (i.rep != 0 && d > 0 && !i.a16 && blocksAllowed()) {
            movsBlocks(i, size);
        }
        if (i.rep == 0) {
            write(size, ES, index(i, EDI), read(size, i.seg, index(i, ESI)));
            advance(i, ESI, d);
            advance(i, EDI, d);
            return;
        }
        for (int n = 0; count(i) != 0; n++) {
            if (n == repSlice) {
                yieldRep();
                return;
            }
            write(size, ES, index(i, EDI), read(size, i.seg, index(i, ESI)));
            advance(i, ESI, d);
            advance(i, EDI, d);
            decCount(i);
            if (hitStopsRep(i)) {
                return;
            }
        }
    }

    void stos(Insn i, int size) {
        int d = step(size);
        int v = acc(size);
        if (i.rep != 0 && d > 0 && !i.a16 && blocksAllowed()) {
            stosBlocks(size, v);
        }
        if (i.rep == 0) {
            write(size, ES, index(i, EDI), v);
            advance(i, EDI, d);
            return;
        }
        for (int n = 0; count(i) != 0; n++) {
            if (n == repSlice) {
                yieldRep();
                return;
            }
            write(size, ES, index(i, EDI), v);
            advance(i, EDI, d);
            decCount(i);
            if (hitStopsRep(i)) {
                return;
            }
        }
    }

    /**
     * Forward 32-bit-address rep stos a page at a time straight into RAM. Stops (leaving the rest
     * to the element loop) at anything unusual: a checked segment, an element crossing a page,
     * memory outside RAM. ECX/EDI advance per block, so a fault keeps the progress made.
     */
    private void stosBlocks(int size, int v) {
        if (!c.segFast[ES]) {
            return;
        }
        int n = 1 << size;
        for (int blocks = 0; r[ECX] != 0 && blocks < 256; blocks++) {
            int la = c.segBase[ES] + r[EDI];
            int room = (0x1000 - (la & 0xFFF)) >>> size;
            if (room == 0 || (la & (n - 1)) != 0 && (la & 0xFFF) + n > 0x1000) {
                return;
            }
            int k = Integer.compareUnsigned(r[ECX], room) < 0 ? r[ECX] : room;
            int pa = c.translate(la, c.tlbWrite >> io.trapgate.vm.mmu.Tlb.BITS);
            if (!c.memory.fill(pa, k, n, v)) {
                return;
            }
            r[EDI] += k << size;
            r[ECX] -= k;
        }
    }

    /** Forward 32-bit-address rep movs in blocks bounded by both pages (see stosBlocks). */
    private void movsBlocks(Insn i, int size) {
        if (!c.segFast[ES] || !c.segFast[i.seg]) {
            return;
        }
        for (int blocks = 0; r[ECX] != 0 && blocks < 256; blocks++) {
            int src = c.segBase[i.seg] + r[ESI];
            int dst = c.segBase[ES] + r[EDI];
            int room = Math.min(0x1000 - (src & 0xFFF), 0x1000 - (dst & 0xFFF)) >>> size;
            if (room == 0) {
                return;
            }
            int k = Integer.compareUnsigned(r[ECX], room) < 0 ? r[ECX] : room;
            int spa = c.translate(src, c.tlbRead >> io.trapgate.vm.mmu.Tlb.BITS);
            int dpa = c.translate(dst, c.tlbWrite >> io.trapgate.vm.mmu.Tlb.BITS);
            if (!c.memory.copyForward(dpa, spa, k << size)) {
                return;
            }
            r[ESI] += k << size;
            r[EDI] += k << size;
            r[ECX] -= k;
        }
    }

    void lods(Insn i, int size) {
        int d = step(size);
        if (i.rep == 0) {
            setAcc(size, read(size, i.seg, index(i, ESI)));
            advance(i, ESI, d);
            return;
        }
        for (int n = 0; count(i) != 0; n++) {
            if (n == repSlice) {
                yieldRep();
                return;
            }
            setAcc(size, read(size, i.seg, index(i, ESI)));
            advance(i, ESI, d);
            decCount(i);
            if (hitStopsRep(i)) {
                return;
            }
        }
    }

    private void setAcc(int size, int v) {
        switch (size) {
            case 0: c.setReg8(0, v); break;
            case 1: c.setReg16(EAX, v); break;
            default: r[EAX] = v; break;
        }
    }

    void cmps(Insn i, int size) {
        int d = step(size);
        if (i.rep == 0) {
            int a = read(size, i.seg, index(i, ESI));
            int b = read(size, ES, index(i, EDI));
            c.interpreter.alu.alu(Alu.CMP, size, a, b);
            advance(i, ESI, d);
            advance(i, EDI, d);
            return;
        }
        for (int n = 0; count(i) != 0; n++) {
            if (n == repSlice) {
                yieldRep();
                return;
            }
            int a = read(size, i.seg, index(i, ESI));
            int b = read(size, ES, index(i, EDI));
            c.interpreter.alu.alu(Alu.CMP, size, a, b);
            advance(i, ESI, d);
            advance(i, EDI, d);
            decCount(i);
            if (f.zf() != (i.rep == 3)) {
                break;
            }
            if (hitStopsRep(i)) {
                return;
            }
        }
    }

    void scas(Insn i, int size) {
        int d = step(size);
        int a = acc(size);
        if (i.rep == 0) {
            c.interpreter.alu.alu(Alu.CMP, size, a, read(size, ES, index(i, EDI)));
            advance(i, EDI, d);
            return;
        }
        for (int n = 0; count(i) != 0; n++) {
            if (n == repSlice) {
                yieldRep();
                return;
            }
            c.interpreter.alu.alu(Alu.CMP, size, a, read(size, ES, index(i, EDI)));
            advance(i, EDI, d);
            decCount(i);
            if (f.zf() != (i.rep == 3)) {
                break;
            }
            if (hitStopsRep(i)) {
                return;
            }
        }
    }

    void ins(Insn i, int size) {
        int port = r[EDX] & 0xFFFF;
        c.interpreter.system.checkIo(port, 1 << size);
        int d = step(size);
        try {
            if (i.rep == 0) {
                insOne(i, size, port, d);
                return;
            }
            for (int n = 0; count(i) != 0; n++) {
            if (n == repSlice) {
                yieldRep();
                return;
            }
                insOne(i, size, port, d);
                decCount(i);
                if (hitStopsRep(i)) {
                    return;
                }
            }
        } finally {
            c.sampleInterruptLine();
        }
    }

    private void insOne(Insn i, int size, int port, int d) {
        int off = index(i, EDI);
        int la = c.linear(ES, off, 1 << size, true);
        c.probeWrite(la, 1 << size); // a faulting store must not consume the device's data
        write(size, ES, off, c.io.in(port, 1 << size));
        advance(i, EDI, d);
    }

    void outs(Insn i, int size) {
        int port = r[EDX] & 0xFFFF;
        c.interpreter.system.checkIo(port, 1 << size);
        int d = step(size);
        try {
            if (i.rep == 0) {
                c.io.out(port, 1 << size, read(size, i.seg, index(i, ESI)));
                advance(i, ESI, d);
                return;
            }
            for (int n = 0; count(i) != 0; n++) {
            if (n == repSlice) {
                yieldRep();
                return;
            }
                c.io.out(port, 1 << size, read(size, i.seg, index(i, ESI)));
                advance(i, ESI, d);
                decCount(i);
                if (hitStopsRep(i)) {
                    return;
                }
            }
        } finally {
            c.sampleInterruptLine();
        }
    }
}
