package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.ExtendedReal.C1;
import static io.trapgate.vm.cpu.ExtendedReal.DE;
import static io.trapgate.vm.cpu.ExtendedReal.IE;
import static io.trapgate.vm.cpu.ExtendedReal.INDEFINITE_SE;
import static io.trapgate.vm.cpu.ExtendedReal.INDEFINITE_SIG;
import static io.trapgate.vm.cpu.ExtendedReal.INT_BIT;
import static io.trapgate.vm.cpu.ExtendedReal.SF;
import static io.trapgate.vm.cpu.ExtendedReal.ZE;

/**
 * The x87 floating-point unit of an i686 (no SSE, no FXSR): the eight-register stack with its
 * tags, the control and status words, the last-instruction pointers, and the ESC opcodes D8-DF
 * plus WAIT. Arithmetic is done in {@link ExtendedReal}; this class decodes, moves operands
 * between memory and the stack, and applies the stack-fault and exception rules.
 */
final class X87 {
    static final int ES = 0x80, C0 = 0x100, C2 = 0x400, C3 = 0x4000, B = 0x8000;
    private static final int CC = C0 | C1 | C2 | C3;

    private final Cpu c;
    final ExtendedReal fp = new ExtendedReal();

    /** Physical registers R0-R7: sign and exponent, significand. */
    final int[] se = new int[8];
    final long[] sig = new long[8];
    /** Bit p set: physical register p is empty. */
    int empty = 0xFF;
    int top;
    int cw = 0x037F;
    /** Status word without TOP (kept in {@link #top}). */
    int sw;
    int fip;
    int fcs;
    int fop;
    int fdp;
    int fds;

    X87(Cpu c) {
        this.c = c;
        reset();
    }

    /** State after RESET: control word 0040, all registers +0 and valid. */
    void reset() {
        finit();
        cw = 0x0040;
        empty = 0;
        java.util.Arrays.fill(se, 0);
        java.util.Arrays.fill(sig, 0);
        fp.control(cw);
    }

    private void finit() {
        cw = 0x037F;
        sw = 0;
        top = 0;
        empty = 0xFF;
        fip = fcs = fop = fdp = fds = 0;
        fp.control(cw);
    }

    int statusWord() {
        return sw | (top << 11);
    }

    // ---- the stack ----

    private int phys(int i) {
        return (top + i) & 7;
    }

    private boolean isEmpty(int i) {
        return (empty & (1 << phys(i))) != 0;
    }

    private int stSe(int i) {
        return se[phys(i)];
    }

    private long stSig(int i) {
        return sig[phys(i)];
    }

    private void setSt(int i, int s, long m) {
        int p = phys(i);
        se[p] = s & 0xFFFF;
        sig[p] = m;
        empty &= ~(1 << p);
    }

    private void pop() {
        empty |= 1 << top;
        top = (top + 1) & 7;
    }

    private void push(int s, long m) {
        top = (top - 1) & 7;
        setSt(0, s, m);
    }

    /** Tag of a physical register: 0 valid, 1 zero, 2 special, 3 empty. */
    private int tag(int p) {
        if ((empty & (1 << p)) != 0) {
            return 3;
        }
        int cls = ExtendedReal.classify(se[p], sig[p]);
        return cls == ExtendedReal.ZERO ? 1 : cls == ExtendedReal.NORMAL ? 0 : 2;
    }

    int tagWord() {
        int t = 0;
        for (int p = 0; p < 8; p++) {
            t |= tag(p) << (2 * p);
        }
        return t;
    }

    // ---- status bookkeeping ----

    private void updateEs() {
        if ((sw & 0x3F & ~cw) != 0) {
            sw |= ES | B;
        } else {
            sw &= ~(ES | B);
        }
    }

    /** Records an instruction's exceptions; {@code setC1} for instructions that define C1. */
    private void status(int exc, boolean setC1) {
        if ((exc & DE & ~cw) != 0) {
            // an unmasked denormal operand stops the instruction before it computes anything
            exc &= ~(ExtendedReal.PE | ExtendedReal.UE | ExtendedReal.OE | C1);
        }
        sw |= exc & 0x7F;
        if (setC1) {
            sw = (sw & ~C1) | (exc & C1);
        }
        updateEs();
    }

    /** An instruction's unmasked exception that suppresses its result. */
    private boolean blocked(int exc) {
        return (exc & ~cw & (IE | DE | ZE)) != 0;
    }

    private void setControlWord(int v) {
        cw = (v & 0x1F3F) | 0x40;
        fp.control(cw);
        updateEs();
    }

    private void beginOp(int precision) {
        fp.exc = 0;
        fp.sourceDenormal = false;
        fp.precision = precision;
    }

    private int pcBits() {
        int pc = (cw >> 8) & 3;
        return pc == 0 ? 24 : pc == 2 ? 53 : 64;
    }

    /** Stack underflow: IE|SF with C1 = 0; true if the masked response should go ahead. */
    private boolean underflow() {
        status(IE | SF, true);
        return (cw & IE) != 0;
    }

    // ---- entry points from the interpreter ----

    /** WAIT/FWAIT: #NM when MP and TS, #MF for a pending unmasked exception (CR0.NE). */
    void fwait() {
        if ((c.cr0 & (Cpu.CR0_MP | Cpu.CR0_TS)) == (Cpu.CR0_MP | Cpu.CR0_TS)) {
            throw c.fault(Cpu.NM, 0);
        }
        checkPending();
    }

    /**
     * A pending unmasked exception is reported as #MF when CR0.NE is set; with NE clear the
     * machine has no FERR#/IRQ13 wiring, so it stays pending (the status word still shows it).
     */
    private void checkPending() {
        if ((sw & ES) != 0 && (c.cr0 & Cpu.CR0_NE) != 0) {
            throw c.fault(Cpu.MF, 0);
        }
    }

    /** The ESC opcodes D8-DF. */
    void escape(Insn i) {
        if ((c.cr0 & (Cpu.CR0_EM | Cpu.CR0_TS)) != 0) {
            throw c.fault(Cpu.NM, 0);
        }
        int op = i.op & 7;
        if (!isNoWait(op, i)) {
            checkPending();
        }
        if (i.mod != 3) {
            memoryForm(i, op);
        } else {
            registerForm(i, op);
        }
    }

    private static boolean isNoWait(int op, Insn i) {
        if (i.mod == 3) {
            return (op == 3 && i.reg == 4 && (i.rm == 2 || i.rm == 3)) || (op == 7 && i.reg == 4 && i.rm == 0);
        }
        return (op == 1 && (i.reg == 6 || i.reg == 7)) || (op == 5 && (i.reg == 6 || i.reg == 7));
    }

    private void recordInstruction(Insn i, int op) {
        fip = c.faultEip;
        fcs = c.segSel[Cpu.CS];
        fop = (op << 8) | (i.mod << 6) | (i.reg << 3) | i.rm;
    }

    private void recordData(Insn i, int ea) {
        fdp = ea;
        fds = c.segSel[i.seg];
    }

    // ---- memory forms ----

    private void memoryForm(Insn i, int op) {
        int ea = c.ea(i);
        int seg = i.seg;
        int reg = i.reg;
        switch (op) {
            case 0: // m32real arithmetic
                record(i, op, ea);
                beginOp(64);
                fp.fromFloat32(c.read32(seg, ea), false);
                arithMemory(reg, fp.exc);
                return;
            case 4: // m64real
                record(i, op, ea);
                beginOp(64);
                fp.fromFloat64(read64(seg, ea), false);
                arithMemory(reg, fp.exc);
                return;
            case 2: // m32int
                record(i, op, ea);
                beginOp(64);
                fp.fromInt64(c.read32(seg, ea));
                arithMemory(reg, fp.exc);
                return;
            case 6: // m16int
                record(i, op, ea);
                beginOp(64);
                fp.fromInt64((short) c.read16(seg, ea));
                arithMemory(reg, fp.exc);
                return;
            case 1:
                switch (reg) {
                    case 0: record(i, op, ea); beginOp(64); fp.fromFloat32(c.read32(seg, ea), true); load(fp.exc); return;
                    case 2: record(i, op, ea); storeFloat32(seg, ea, false); return;
                    case 3: record(i, op, ea); storeFloat32(seg, ea, true); return;
                    case 4: loadEnv(i, seg, ea); return;
                    case 5: setControlWord(c.read16(seg, ea)); return;
                    case 6: storeEnv(i, seg, ea); cw |= 0x3F; fp.control(cw); updateEs(); return;
                    case 7: c.write16(seg, ea, cw); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
            case 3:
                switch (reg) {
                    case 0: record(i, op, ea); beginOp(64); fp.fromInt64(c.read32(seg, ea)); load(0); return;
                    case 2: record(i, op, ea); storeInt(seg, ea, 32, false); return;
                    case 3: record(i, op, ea); storeInt(seg, ea, 32, true); return;
                    case 5: {
                        record(i, op, ea);
                        long m = read64(seg, ea);
                        int s = c.read16(seg, ea + 8);
                        beginOp(64);
                        fp.se = s & 0xFFFF;
                        fp.sig = m;
                        load(0);
                        return;
                    }
                    case 7: record(i, op, ea); storeExtended(seg, ea); return;
                    default: throw c.fault(Cpu.UD, 0); // FISTTP is SSE3
                }
            case 5:
                switch (reg) {
                    case 0: record(i, op, ea); beginOp(64); fp.fromFloat64(read64(seg, ea), true); load(fp.exc); return;
                    case 2: record(i, op, ea); storeFloat64(seg, ea, false); return;
                    case 3: record(i, op, ea); storeFloat64(seg, ea, true); return;
                    case 4: restore(i, seg, ea); return;
                    case 6: save(i, seg, ea); return;
                    case 7: c.write16(seg, ea, statusWord()); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
            default: // 7
                switch (reg) {
                    case 0: record(i, op, ea); beginOp(64); fp.fromInt64((short) c.read16(seg, ea)); load(0); return;
                    case 2: record(i, op, ea); storeInt(seg, ea, 16, false); return;
                    case 3: record(i, op, ea); storeInt(seg, ea, 16, true); return;
                    case 4: record(i, op, ea); loadBcd(seg, ea); return;
                    case 5: record(i, op, ea); beginOp(64); fp.fromInt64(read64(seg, ea)); load(0); return;
                    case 6: record(i, op, ea); storeBcd(seg, ea); return;
                    case 7: record(i, op, ea); storeInt(seg, ea, 64, true); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
        }
    }

    private void record(Insn i, int op, int ea) {
        recordInstruction(i, op);
        recordData(i, ea);
    }

    private long read64(int seg, int ea) {
        long lo = c.read32(seg, ea) & 0xFFFFFFFFL;
        long hi = c.read32(seg, ea + 4);
        return (hi << 32) | lo;
    }

    private void write64(int seg, int ea, long v) {
        c.write32(seg, ea, (int) v);
        c.write32(seg, ea + 4, (int) (v >>> 32));
    }

    /**
     * Checks the segment and both pages of a multi-part store before its first byte is written,
     * so a #GP or #PF leaves memory and the FPU untouched (the store is then atomic).
     */
    private void probeStore(int seg, int ea, int size) {
        int la = c.linear(seg, ea, size, true);
        c.probeWrite(la, 1);
        int last = la + size - 1;
        if ((last & 0xFFFFF000) != (la & 0xFFFFF000)) {
            c.probeWrite(last & 0xFFFFF000, 1); // CR2 names the first byte on the second page
        }
    }

    /** Pushes the value in fp.se/fp.sig (already converted, with conversion exceptions). */
    private void load(int exc) {
        if (!isEmptyPhys((top - 1) & 7)) {
            overflowPush();
            return;
        }
        if (blocked(exc)) {
            status(exc, true);
            return;
        }
        push(fp.se, fp.sig);
        status(exc, true);
    }

    private boolean isEmptyPhys(int p) {
        return (empty & (1 << p)) != 0;
    }

    /** Stack overflow of an instruction with two results: both become the indefinite. */
    private void overflowBoth() {
        status(IE | SF | C1, true);
        if ((cw & IE) != 0) {
            setSt(0, INDEFINITE_SE, INDEFINITE_SIG);
            push(INDEFINITE_SE, INDEFINITE_SIG);
        }
    }

    private void overflowPush() {
        status(IE | SF | C1, true);
        if ((cw & IE) != 0) {
            push(INDEFINITE_SE, INDEFINITE_SIG);
        }
    }

    /** D8/DC/DA/DE with a memory operand: ST0 op m (the converted operand is in fp). */
    private void arithMemory(int reg, int convExc) {
        int bSe = fp.se;
        long bSig = fp.sig;
        if (isEmpty(0)) {
            if (reg == 2 || reg == 3) {
                sw |= C0 | C2 | C3;
                if (underflow() && reg == 3) {
                    pop();
                }
            } else if (underflow()) {
                setSt(0, INDEFINITE_SE, INDEFINITE_SIG);
            }
            return;
        }
        if (reg == 2 || reg == 3) {
            fp.exc = convExc;
            compareInto(stSe(0), stSig(0), bSe, bSig, false);
            if (reg == 3 && !blocked(fp.exc)) {
                pop();
            }
            return;
        }
        fp.exc = convExc;
        if (blocked(convExc)) {
            status(convExc, true);
            return;
        }
        arith(reg, 0, stSe(0), stSig(0), bSe, bSig, (reg & 1) != 0 && reg >= 4, false);
    }

    /**
     * dest := a op b (reversed for the R forms) with reg's operation: 0 add, 1 mul, 4/5 sub,
     * 6/7 div. Pops afterwards when asked.
     */
    private void arith(int reg, int dest, int aSe, long aSig, int bSe, long bSig, boolean reverse, boolean popAfter) {
        if (reverse) {
            int ts = aSe; aSe = bSe; bSe = ts;
            long tm = aSig; aSig = bSig; bSig = tm;
        }
        fp.precision = pcBits();
        switch (reg) {
            case 0: fp.add(aSe, aSig, bSe, bSig, false); break;
            case 1: fp.multiply(aSe, aSig, bSe, bSig); break;
            case 4: case 5: fp.add(aSe, aSig, bSe, bSig, true); break;
            default: fp.divide(aSe, aSig, bSe, bSig); break;
        }
        int exc = fp.exc;
        if (!blocked(exc)) {
            setSt(dest, fp.se, fp.sig);
            if (popAfter) {
                pop();
            }
        }
        status(exc, true);
    }

    private void compareInto(int aSe, long aSig, int bSe, long bSig, boolean quiet) {
        int r = fp.compare(aSe, aSig, bSe, bSig, quiet);
        int exc = fp.exc;
        sw = (sw & ~(C0 | C2 | C3)) | r;
        status(exc & ~C1, true);
    }

    // ---- stores ----

    private void storeFloat32(int seg, int ea, boolean popAfter) {
        beginOp(64);
        int v;
        if (isEmpty(0)) {
            if (!underflow()) {
                return;
            }
            v = 0xFFC00000;
        } else {
            v = fp.toFloat32(stSe(0), stSig(0));
            if (storeBlocked(fp.exc)) {
                status(fp.exc, true);
                return;
            }
        }
        c.write32(seg, ea, v);
        finishStore(popAfter);
    }

    private void storeFloat64(int seg, int ea, boolean popAfter) {
        beginOp(64);
        long v;
        if (isEmpty(0)) {
            if (!underflow()) {
                return;
            }
            v = 0xFFF8000000000000L;
        } else {
            v = fp.toFloat64(stSe(0), stSig(0));
            if (storeBlocked(fp.exc)) {
                status(fp.exc, true);
                return;
            }
        }
        probeStore(seg, ea, 8);
        write64(seg, ea, v);
        finishStore(popAfter);
    }

    private void storeExtended(int seg, int ea) {
        beginOp(64);
        int s;
        long m;
        if (isEmpty(0)) {
            if (!underflow()) {
                return;
            }
            s = INDEFINITE_SE;
            m = INDEFINITE_SIG;
        } else {
            s = stSe(0);
            m = stSig(0);
        }
        probeStore(seg, ea, 10);
        write64(seg, ea, m);
        c.write16(seg, ea + 8, s);
        finishStore(true);
    }

    private boolean storeBlocked(int exc) {
        return (exc & ~cw & (IE | DE | ExtendedReal.OE | ExtendedReal.UE)) != 0;
    }

    /** After a store: records its exceptions (none if it came from an underflow) and pops. */
    private void finishStore(boolean popAfter) {
        status(fp.exc, true);
        if (popAfter) {
            pop();
        }
    }

    private void storeInt(int seg, int ea, int bits, boolean popAfter) {
        beginOp(64);
        long v;
        if (isEmpty(0)) {
            if (!underflow()) {
                return;
            }
            v = -(1L << (bits - 1));
        } else {
            v = fp.toInt(stSe(0), stSig(0), bits);
            if (blocked(fp.exc)) {
                status(fp.exc, true);
                return;
            }
        }
        switch (bits) {
            case 16: c.write16(seg, ea, (int) v); break;
            case 32: c.write32(seg, ea, (int) v); break;
            default: probeStore(seg, ea, 8); write64(seg, ea, v); break;
        }
        finishStore(popAfter);
    }

    private void loadBcd(int seg, int ea) {
        long value = 0;
        for (int k = 8; k >= 0; k--) {
            int b = c.read8(seg, ea + k);
            value = value * 100 + ((b >> 4) & 0xF) * 10 + (b & 0xF);
        }
        boolean neg = (c.read8(seg, ea + 9) & 0x80) != 0;
        beginOp(64);
        fp.fromInt64(value);
        if (neg) {
            fp.se |= 0x8000;
        }
        load(0);
    }

    private void storeBcd(int seg, int ea) {
        beginOp(64);
        long lo;
        int hi;
        if (isEmpty(0)) {
            if (!underflow()) {
                return;
            }
            lo = 0xC000000000000000L;
            hi = 0xFFFF;
        } else {
            int s = stSe(0);
            long mag = fp.toInt(s, stSig(0), 64); // rounded by RC; BCD holds 18 digits and a sign
            int exc = fp.exc;
            if (mag < 0) {
                mag = -mag;
            }
            if ((exc & IE) != 0 || mag > 999999999999999999L || mag < 0) {
                exc = (exc & ~(ExtendedReal.PE | C1)) | IE;
                fp.exc = exc;
                if (blocked(exc)) {
                    status(exc, true);
                    return;
                }
                lo = 0xC000000000000000L;
                hi = 0xFFFF;
            } else {
                lo = 0;
                for (int k = 0; k < 16; k++) {
                    lo |= (mag % 10) << (4 * k);
                    mag /= 10;
                }
                hi = (int) ((mag % 10) | ((mag / 10) % 10) << 4);
                hi |= (s & 0x8000) != 0 ? 0x8000 : 0;
            }
        }
        probeStore(seg, ea, 10);
        write64(seg, ea, lo);
        c.write16(seg, ea + 8, hi);
        finishStore(true);
    }

    // ---- environment ----

    private void storeEnv(Insn i, int seg, int ea) {
        if (i.o16) {
            probeStore(seg, ea, 14);
            c.write16(seg, ea, cw);
            c.write16(seg, ea + 2, statusWord());
            c.write16(seg, ea + 4, tagWord());
            c.write16(seg, ea + 6, fip);
            c.write16(seg, ea + 8, fcs);
            c.write16(seg, ea + 10, fdp);
            c.write16(seg, ea + 12, fds);
            return;
        }
        probeStore(seg, ea, 28);
        c.write32(seg, ea, 0xFFFF0000 | cw);
        c.write32(seg, ea + 4, 0xFFFF0000 | statusWord());
        c.write32(seg, ea + 8, 0xFFFF0000 | tagWord());
        c.write32(seg, ea + 12, fip);
        c.write32(seg, ea + 16, (fop << 16) | (fcs & 0xFFFF));
        c.write32(seg, ea + 20, fdp);
        c.write32(seg, ea + 24, 0xFFFF0000 | (fds & 0xFFFF));
    }

    private int envSize(Insn i) {
        return i.o16 ? 14 : 28;
    }

    private void loadEnv(Insn i, int seg, int ea) {
        // every field is read before any is assigned: a fault part way changes nothing
        int ncw, nsw, ntw, nip, ncs, nop, ndp, nds;
        if (i.o16) {
            ncw = c.read16(seg, ea);
            nsw = c.read16(seg, ea + 2);
            ntw = c.read16(seg, ea + 4);
            nip = c.read16(seg, ea + 6);
            ncs = c.read16(seg, ea + 8);
            ndp = c.read16(seg, ea + 10);
            nds = c.read16(seg, ea + 12);
            nop = 0;
        } else {
            ncw = c.read16(seg, ea);
            nsw = c.read16(seg, ea + 4);
            ntw = c.read16(seg, ea + 8);
            nip = c.read32(seg, ea + 12);
            int w = c.read32(seg, ea + 16);
            ncs = w & 0xFFFF;
            nop = (w >>> 16) & 0x7FF;
            ndp = c.read32(seg, ea + 20);
            nds = c.read16(seg, ea + 24);
        }
        fip = nip;
        fcs = ncs;
        fop = nop;
        fdp = ndp;
        fds = nds;
        setEnv(ncw, nsw, ntw);
    }

    private void setEnv(int ncw, int nsw, int ntw) {
        top = (nsw >> 11) & 7;
        sw = nsw & ~0x3800;
        int e = 0;
        for (int p = 0; p < 8; p++) {
            if (((ntw >> (2 * p)) & 3) == 3) {
                e |= 1 << p;
            }
        }
        empty = e;
        setControlWord(ncw);
    }

    private void save(Insn i, int seg, int ea) {
        int n = envSize(i);
        probeStore(seg, ea, n + 80);
        storeEnv(i, seg, ea);
        for (int k = 0; k < 8; k++) {
            int p = phys(k);
            write64(seg, ea + n + 10 * k, sig[p]);
            c.write16(seg, ea + n + 10 * k + 8, se[p]);
        }
        finit();
    }

    private void restore(Insn i, int seg, int ea) {
        int n = envSize(i);
        // read everything first so a fault changes nothing
        int nsw = c.read16(seg, ea + (i.o16 ? 2 : 4));
        int ntop = (nsw >> 11) & 7;
        long[] regs = restoreSig;
        int[] exps = restoreSe;
        for (int k = 0; k < 8; k++) {
            regs[k] = read64(seg, ea + n + 10 * k);
            exps[k] = c.read16(seg, ea + n + 10 * k + 8);
        }
        loadEnv(i, seg, ea);
        top = ntop;
        for (int k = 0; k < 8; k++) {
            int p = phys(k);
            sig[p] = regs[k];
            se[p] = exps[k];
        }
    }

    private final long[] restoreSig = new long[8];
    private final int[] restoreSe = new int[8];

    // ---- register forms ----

    private void registerForm(Insn i, int op) {
        int reg = i.reg;
        int rm = i.rm;
        switch (op) {
            case 0: // D8: ST0 := ST0 op ST(i)
                recordInstruction(i, op);
                if (reg == 2 || reg == 3) {
                    fcom(rm, false, reg == 3 ? 1 : 0);
                } else {
                    arithRegs(reg, 0, rm, (reg & 1) != 0 && reg >= 4, false);
                }
                return;
            case 4: // DC: ST(i) := ST(i) op ST0
                recordInstruction(i, op);
                if (reg == 2 || reg == 3) {
                    fcom(rm, false, reg == 3 ? 1 : 0);
                } else {
                    arithRegs(reg, rm, 0, (reg & 1) == 0 && reg >= 4, false);
                }
                return;
            case 6: // DE: ST(i) := ST(i) op ST0, pop
                recordInstruction(i, op);
                if (reg == 2) {
                    fcom(rm, false, 1);
                } else if (reg == 3) {
                    if (rm != 1) {
                        throw c.fault(Cpu.UD, 0);
                    }
                    fcom(1, false, 2);
                } else {
                    arithRegs(reg, rm, 0, (reg & 1) == 0 && reg >= 4, true);
                }
                return;
            case 1:
                d9Register(i, reg, rm);
                return;
            case 2:
                recordInstruction(i, op);
                if (reg < 4) {
                    fcmov(rm, COND_DA[reg]);
                } else if (reg == 5 && rm == 1) {
                    fcom(1, true, 2);
                } else {
                    throw c.fault(Cpu.UD, 0);
                }
                return;
            case 3:
                if (reg < 4) {
                    recordInstruction(i, op);
                    fcmov(rm, COND_DB[reg]);
                } else if (reg == 4) {
                    switch (rm) {
                        case 0: case 1: case 4: return; // FENI, FDISI, FSETPM: no-ops on a 387 and later
                        case 2: sw &= ~(0x7F | ES | B); return; // FNCLEX
                        case 3: finit(); return;
                        default: throw c.fault(Cpu.UD, 0);
                    }
                } else if (reg == 5 || reg == 6) {
                    recordInstruction(i, op);
                    fcomi(rm, reg == 5, false);
                } else {
                    throw c.fault(Cpu.UD, 0);
                }
                return;
            case 5:
                recordInstruction(i, op);
                switch (reg) {
                    case 0: empty |= 1 << phys(rm); return; // FFREE
                    case 1: fxch(rm); return;
                    case 2: fst(rm, false); return;
                    case 3: fst(rm, true); return;
                    case 4: fcom(rm, true, 0); return;
                    case 5: fcom(rm, true, 1); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
            default: // DF
                switch (reg) {
                    case 0: recordInstruction(i, op); empty |= 1 << phys(rm); pop(); return; // FFREEP
                    case 1: recordInstruction(i, op); fxch(rm); return;
                    case 2: case 3: recordInstruction(i, op); fst(rm, true); return;
                    case 4:
                        if (rm != 0) {
                            throw c.fault(Cpu.UD, 0);
                        }
                        c.r[Cpu.EAX] = (c.r[Cpu.EAX] & 0xFFFF0000) | statusWord();
                        return;
                    case 5: case 6: recordInstruction(i, op); fcomi(rm, reg == 5, true); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
        }
    }

    // condition codes for Flags.cond: B, E, BE, U and their negations
    private static final int[] COND_DA = {0x2, 0x4, 0x6, 0xA};
    private static final int[] COND_DB = {0x3, 0x5, 0x7, 0xB};

    private void arithRegs(int reg, int dest, int src, boolean reverse, boolean popAfter) {
        beginOp(64);
        int other = dest == 0 ? src : 0;
        if (isEmpty(dest) || isEmpty(other)) {
            if (underflow()) {
                setSt(dest, INDEFINITE_SE, INDEFINITE_SIG);
                if (popAfter) {
                    pop();
                }
            }
            return;
        }
        arith(reg, dest, stSe(dest), stSig(dest), stSe(other), stSig(other), reverse, popAfter);
    }

    /** FCOM family on ST0 and ST(i); pops 0, 1 or 2 times. */
    private void fcom(int i, boolean quiet, int pops) {
        beginOp(64);
        if (isEmpty(0) || isEmpty(i)) {
            sw |= C0 | C2 | C3;
            if (!underflow()) {
                return;
            }
        } else {
            compareInto(stSe(0), stSig(0), stSe(i), stSig(i), quiet);
            if (blocked(fp.exc)) {
                return;
            }
        }
        for (int k = 0; k < pops; k++) {
            pop();
        }
    }

    private void fcomi(int i, boolean quiet, boolean popAfter) {
        beginOp(64);
        int r;
        if (isEmpty(0) || isEmpty(i)) {
            r = ExtendedReal.CMP_UNORDERED;
            fp.exc = IE | SF;
        } else {
            r = fp.compare(stSe(0), stSig(0), stSe(i), stSig(i), quiet);
        }
        int exc = fp.exc;
        // C1 is cleared only by a stack underflow; otherwise it keeps its value (as the host does)
        status(exc & ~C1, (exc & SF) != 0);
        if (blocked(exc)) {
            return;
        }
        int f = ((r & C3) != 0 ? Flags.ZF : 0) | ((r & C2) != 0 ? Flags.PF : 0) | ((r & C0) != 0 ? Flags.CF : 0);
        c.flags.setArith(Flags.ARITH, f);
        if (popAfter) {
            pop();
        }
    }

    private void fcmov(int i, int cc) {
        beginOp(64);
        if (isEmpty(0) || isEmpty(i)) {
            if (underflow()) {
                setSt(0, INDEFINITE_SE, INDEFINITE_SIG);
            }
            return;
        }
        if (c.flags.cond(cc)) {
            setSt(0, stSe(i), stSig(i));
        }
        // C1 keeps its value unless the stack underflows (as the host does)
    }

    private void fxch(int i) {
        beginOp(64);
        if (isEmpty(0) || isEmpty(i)) {
            if (!underflow()) {
                return;
            }
            if (isEmpty(0)) {
                setSt(0, INDEFINITE_SE, INDEFINITE_SIG);
            }
            if (isEmpty(i)) {
                setSt(i, INDEFINITE_SE, INDEFINITE_SIG);
            }
        } else {
            sw &= ~C1;
        }
        int a = phys(0);
        int b = phys(i);
        int ts = se[a]; se[a] = se[b]; se[b] = ts;
        long tm = sig[a]; sig[a] = sig[b]; sig[b] = tm;
    }

    /** FST/FSTP ST(i). */
    private void fst(int i, boolean popAfter) {
        beginOp(64);
        if (isEmpty(0)) {
            if (!underflow()) {
                return;
            }
            setSt(i, INDEFINITE_SE, INDEFINITE_SIG);
        } else {
            setSt(i, stSe(0), stSig(0));
            sw &= ~C1;
        }
        if (popAfter) {
            pop();
        }
    }

    private void d9Register(Insn i, int reg, int rm) {
        switch (reg) {
            case 0: { // FLD ST(i)
                recordInstruction(i, 1);
                beginOp(64);
                if (isEmpty(rm)) {
                    // an empty source is reported as underflow even when the push would overflow
                    if (underflow()) {
                        push(INDEFINITE_SE, INDEFINITE_SIG);
                    }
                    return;
                }
                fp.se = stSe(rm);
                fp.sig = stSig(rm);
                load(0);
                return;
            }
            case 1: recordInstruction(i, 1); fxch(rm); return;
            case 2:
                if (rm != 0) {
                    throw c.fault(Cpu.UD, 0);
                }
                recordInstruction(i, 1);
                return; // FNOP
            case 3: recordInstruction(i, 1); fst(rm, true); return; // FSTP1 alias
            case 4:
                recordInstruction(i, 1);
                switch (rm) {
                    case 0: unary(0); return; // FCHS
                    case 1: unary(1); return; // FABS
                    case 4: ftst(); return;
                    case 5: fxam(); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
            case 5:
                if (rm == 7) {
                    throw c.fault(Cpu.UD, 0);
                }
                recordInstruction(i, 1);
                loadConstant(rm);
                return;
            case 6:
                recordInstruction(i, 1);
                switch (rm) {
                    case 0: transcendental(X87Transcendental.F2XM1); return;
                    case 1: transcendental(X87Transcendental.FYL2X); return;
                    case 2: transcendental(X87Transcendental.FPTAN); return;
                    case 3: transcendental(X87Transcendental.FPATAN); return;
                    case 4: fxtract(); return;
                    case 5: fprem(true); return;
                    case 6: top = (top - 1) & 7; sw &= ~C1; return;
                    default: top = (top + 1) & 7; sw &= ~C1; return;
                }
            default:
                recordInstruction(i, 1);
                switch (rm) {
                    case 0: fprem(false); return;
                    case 1: transcendental(X87Transcendental.FYL2XP1); return;
                    case 2: fsqrt(); return;
                    case 3: transcendental(X87Transcendental.FSINCOS); return;
                    case 4: frndint(); return;
                    case 5: fscale(); return;
                    case 6: transcendental(X87Transcendental.FSIN); return;
                    default: transcendental(X87Transcendental.FCOS); return;
                }
        }
    }

    private void unary(int which) {
        beginOp(64);
        if (isEmpty(0)) {
            if (underflow()) {
                setSt(0, INDEFINITE_SE, INDEFINITE_SIG);
            }
            return;
        }
        int s = stSe(0);
        setSt(0, which == 0 ? s ^ 0x8000 : s & 0x7FFF, stSig(0));
        sw &= ~C1;
    }

    private void ftst() {
        beginOp(64);
        if (isEmpty(0)) {
            sw |= C0 | C2 | C3;
            underflow();
            return;
        }
        compareInto(stSe(0), stSig(0), 0, 0, false);
    }

    private void fxam() {
        int p = phys(0);
        int s = se[p];
        int cc;
        if ((empty & (1 << p)) != 0) {
            cc = C3 | C0;
        } else {
            switch (ExtendedReal.classify(s, sig[p])) {
                case ExtendedReal.ZERO: cc = C3; break;
                case ExtendedReal.DENORMAL: cc = C3 | C2; break;
                case ExtendedReal.NORMAL: cc = C2; break;
                case ExtendedReal.INF: cc = C2 | C0; break;
                case ExtendedReal.QNAN: case ExtendedReal.SNAN: cc = C0; break;
                default: cc = 0; break;
            }
        }
        if ((s & 0x8000) != 0) {
            cc |= C1;
        }
        sw = (sw & ~CC) | cc;
    }

    // FLD1, FLDL2T, FLDL2E, FLDPI, FLDLG2, FLDLN2, FLDZ: the unit holds 66-bit significands and
    // rounds them by RC: the 64 bits kept, then the two below them
    private static final long[] CONST_SIG = {INT_BIT, 0xD49A784BCD1B8AFEL, 0xB8AA3B295C17F0BBL,
        0xC90FDAA22168C234L, 0x9A209A84FBCFF798L, 0xB17217F7D1CF79ABL, 0};
    private static final int[] CONST_EXP = {0x3FFF, 0x4000, 0x3FFF, 0x4000, 0x3FFD, 0x3FFE, 0};
    private static final int[] CONST_LOW = {0, 1, 2, 3, 2, 3, 0};

    private void loadConstant(int k) {
        beginOp(64);
        long m = CONST_SIG[k];
        int low = CONST_LOW[k];
        int rc = (cw >> 10) & 3;
        // the constants are irrational, so two extra bits of 10 lie above the halfway point
        if ((rc == ExtendedReal.RC_NEAREST && low >= 2) || (rc == ExtendedReal.RC_UP && low != 0)) {
            m++;
        }
        fp.se = CONST_EXP[k];
        fp.sig = m;
        load(0);
    }

    private void fsqrt() {
        beginOp(pcBits());
        if (isEmpty(0)) {
            if (underflow()) {
                setSt(0, INDEFINITE_SE, INDEFINITE_SIG);
            }
            return;
        }
        fp.sqrt(stSe(0), stSig(0));
        int exc = fp.exc;
        if (!blocked(exc)) {
            setSt(0, fp.se, fp.sig);
        }
        status(exc, true);
    }

    private void frndint() {
        beginOp(64);
        if (isEmpty(0)) {
            if (underflow()) {
                setSt(0, INDEFINITE_SE, INDEFINITE_SIG);
            }
            return;
        }
        fp.roundToInteger(stSe(0), stSig(0));
        int exc = fp.exc;
        if (!blocked(exc)) {
            setSt(0, fp.se, fp.sig);
        }
        status(exc, true);
    }

    private void fscale() {
        beginOp(64);
        if (isEmpty(0) || isEmpty(1)) {
            if (underflow()) {
                setSt(0, INDEFINITE_SE, INDEFINITE_SIG);
            }
            return;
        }
        fp.scale(stSe(0), stSig(0), stSe(1), stSig(1));
        int exc = fp.exc;
        if (!blocked(exc)) {
            setSt(0, fp.se, fp.sig);
        }
        status(exc, true);
    }

    private void fxtract() {
        beginOp(64);
        if (isEmpty(0)) {
            if (underflow()) {
                setSt(0, INDEFINITE_SE, INDEFINITE_SIG);
                push(INDEFINITE_SE, INDEFINITE_SIG); // both results are the indefinite
            }
            return;
        }
        if (!isEmptyPhys((top - 1) & 7)) {
            overflowBoth();
            return;
        }
        int s = stSe(0);
        long m = stSig(0);
        int cls = ExtendedReal.classify(s, m);
        int expSe;
        long expSig;
        int sigSe;
        long sigSig;
        if (cls == ExtendedReal.UNSUPPORTED || ExtendedReal.isNaN(cls)) {
            fp.nanOperand(s, m, cls);
            expSe = sigSe = fp.se;
            expSig = sigSig = fp.sig;
        } else if (cls == ExtendedReal.ZERO) {
            fp.exc |= ZE;
            expSe = 0xFFFF;
            expSig = INT_BIT;
            sigSe = s;
            sigSig = 0;
        } else if (cls == ExtendedReal.INF) {
            expSe = 0x7FFF;
            expSig = INT_BIT;
            sigSe = s;
            sigSig = m;
        } else {
            if (cls == ExtendedReal.DENORMAL) {
                fp.exc |= DE;
            }
            int e = ExtendedReal.normExp(s, m) - ExtendedReal.BIAS;
            int saved = fp.exc;
            fp.fromInt64(e);
            expSe = fp.se;
            expSig = fp.sig;
            fp.exc = saved;
            sigSe = (s & 0x8000) | ExtendedReal.BIAS;
            sigSig = ExtendedReal.normSig(m);
        }
        int exc = fp.exc;
        if (blocked(exc)) {
            status(exc, true);
            return;
        }
        setSt(0, expSe, expSig);
        push(sigSe, sigSig);
        status(exc, true);
    }

    private void fprem(boolean ieee) {
        beginOp(64);
        if (isEmpty(0) || isEmpty(1)) {
            sw &= ~C2; // as for a NaN: C1 and C2 cleared, C0 and C3 kept (the host's behaviour)
            if (underflow()) {
                setSt(0, INDEFINITE_SE, INDEFINITE_SIG);
            }
            return;
        }
        int q = fp.remainder(stSe(0), stSig(0), stSe(1), stSig(1), ieee);
        int exc = fp.exc;
        if (blocked(exc)) {
            status(exc, false);
            return;
        }
        setSt(0, fp.se, fp.sig);
        if (q >= 0) {
            // C0 = Q2, C3 = Q1, C1 = Q0; C2 = 0: the reduction is complete
            int cc = ((q & 4) != 0 ? C0 : 0) | ((q & 2) != 0 ? C3 : 0) | ((q & 1) != 0 ? C1 : 0);
            sw = (sw & ~CC) | cc;
        } else if (q == ExtendedReal.PARTIAL) {
            sw = (sw & ~CC) | C2;
        } else {
            sw &= ~(C1 | C2); // NaN or invalid operands: C0 and C3 keep their values
        }
        status(exc & ~C1, false);
    }

    private void transcendental(int which) {
        beginOp(64);
        X87Transcendental.execute(this, which);
    }

    // ---- access for X87Registers (the debugger) ----

    void debuggerSetControlWord(int v) {
        setControlWord(v);
    }

    void debuggerSetStatusWord(int v) {
        top = (v >> 11) & 7;
        sw = v & ~0x3800;
        updateEs();
    }

    void debuggerSetTagWord(int v) {
        int e = 0;
        for (int p = 0; p < 8; p++) {
            if (((v >> (2 * p)) & 3) == 3) {
                e |= 1 << p;
            }
        }
        empty = e;
    }

    // ---- access for X87Transcendental ----

    boolean stackEmpty(int i) {
        return isEmpty(i);
    }

    boolean pushWouldOverflow() {
        return !isEmptyPhys((top - 1) & 7);
    }

    int readSe(int i) {
        return stSe(i);
    }

    long readSig(int i) {
        return stSig(i);
    }

    void writeSt(int i, int s, long m) {
        setSt(i, s, m);
    }

    void pushValue(int s, long m) {
        push(s, m);
    }

    void popValue() {
        pop();
    }

    boolean stackUnderflow() {
        return underflow();
    }

    void stackOverflow() {
        overflowBoth();
    }

    void finish(int exc) {
        status(exc, true);
    }

    boolean isBlocked(int exc) {
        return blocked(exc);
    }

    void setC2(boolean v) {
        sw = v ? sw | C2 : sw & ~C2;
    }
}
