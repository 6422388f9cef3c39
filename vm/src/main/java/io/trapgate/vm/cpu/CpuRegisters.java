package io.trapgate.vm.cpu;

/**
 * Read and write access to every register, for the debugger, the machine and tests. Writes to
 * control registers and segment registers go through the same side effects as the instructions
 * (TLB flushes, descriptor-cache refresh) but never raise guest faults.
 */
public final class CpuRegisters {
    private final Cpu c;

    CpuRegisters(Cpu c) {
        this.c = c;
    }

    public int get(int reg) {
        return c.r[reg];
    }

    public void set(int reg, int value) {
        c.r[reg] = value;
    }

    public int eip() {
        return c.eip;
    }

    public void setEip(int v) {
        c.eip = v;
    }

    public int eflags() {
        return c.eflags();
    }

    public void setEflags(int v) {
        c.flags.setAll(v);
    }

    public int cpl() {
        return c.cpl;
    }

    public int segmentSelector(int seg) {
        return c.segSel[seg];
    }

    public int segmentBase(int seg) {
        return c.segBase[seg];
    }

    public int segmentLimit(int seg) {
        return c.segLimit[seg];
    }

    /** Access rights as the descriptor's high dword bits 8-23 (type, S, DPL, P, AVL, D/B, G). */
    public int segmentAccessRights(int seg) {
        return c.segAr[seg];
    }

    /**
     * Loads a segment register like the guest would (descriptor read and checks). Returns false,
     * changing nothing, if the guest instruction would fault.
     */
    public boolean loadSegment(int seg, int selector) {
        int sel = c.segSel[seg];
        int base = c.segBase[seg];
        int limit = c.segLimit[seg];
        int ar = c.segAr[seg];
        try {
            if (seg == Cpu.CS) {
                if (!c.protectedMode()) {
                    c.segments.installReal(Cpu.CS, selector);
                    return true;
                }
                if ((selector & 0xFFFC) == 0) {
                    return false;
                }
                c.segments.readOrFault(selector, Cpu.GP);
                c.segments.install(Cpu.CS, selector);
                c.setCpl(selector & 3);
                return true;
            }
            c.segments.loadData(seg, selector);
            return true;
        } catch (GuestFault f) {
            c.segSel[seg] = sel;
            c.segBase[seg] = base;
            c.segLimit[seg] = limit;
            c.segAr[seg] = ar;
            c.segmentChanged(seg);
            return false;
        }
    }

    /** Sets a segment register's hidden part directly (for loaders and tests). */
    public void setSegment(int seg, int selector, int base, int limit, int accessRights) {
        c.segSel[seg] = selector;
        c.segBase[seg] = base;
        c.segLimit[seg] = limit;
        c.segAr[seg] = accessRights;
        c.segmentChanged(seg);
        if (seg == Cpu.CS) {
            c.setCpl(selector & 3);
        }
    }

    public int cr(int n) {
        switch (n) {
            case 0: return c.cr0;
            case 2: return c.cr2;
            case 3: return c.cr3;
            case 4: return c.cr4;
            default: throw new IllegalArgumentException("no CR" + n);
        }
    }

    public void setCr(int n, int v) {
        switch (n) {
            case 0: c.cr0 = v | Cpu.CR0_ET; break;
            case 2: c.cr2 = v; break;
            case 3: c.cr3 = v; break;
            case 4: c.cr4 = v; break;
            default: throw new IllegalArgumentException("no CR" + n);
        }
        c.flushTlb(true);
    }

    public int dr(int n) {
        return c.dr[n];
    }

    public void setDr(int n, int v) {
        c.dr[n] = v;
        c.hardwareBreakpoints.recompute();
    }

    public int gdtrBase() {
        return c.gdtrBase;
    }

    public int gdtrLimit() {
        return c.gdtrLimit;
    }

    public void setGdtr(int base, int limit) {
        c.gdtrBase = base;
        c.gdtrLimit = limit & 0xFFFF;
    }

    public int idtrBase() {
        return c.idtrBase;
    }

    public int idtrLimit() {
        return c.idtrLimit;
    }

    public void setIdtr(int base, int limit) {
        c.idtrBase = base;
        c.idtrLimit = limit & 0xFFFF;
    }

    public int ldtr() {
        return c.ldtrSel;
    }

    public int tr() {
        return c.trSel;
    }

    public int ldtrBase() {
        return c.ldtrBase;
    }

    public int ldtrLimit() {
        return c.ldtrLimit;
    }

    public int trLimit() {
        return c.trLimit;
    }

    /** Sets LDTR's selector and hidden base/limit directly. */
    public void setLdtr(int selector, int base, int limit) {
        c.ldtrSel = selector;
        c.ldtrBase = base;
        c.ldtrLimit = limit;
    }

    /** Sets TR's selector and hidden base/limit/access rights directly. */
    public void setTr(int selector, int base, int limit, int accessRights) {
        c.trSel = selector;
        c.trBase = base;
        c.trLimit = limit;
        c.trAr = accessRights;
    }

    public int trBase() {
        return c.trBase;
    }

    public int sysenterCs() {
        return c.sysenterCs;
    }

    public int sysenterEsp() {
        return c.sysenterEsp;
    }

    public int sysenterEip() {
        return c.sysenterEip;
    }

    public void setSysenter(int cs, int esp, int eip) {
        c.sysenterCs = cs;
        c.sysenterEsp = esp;
        c.sysenterEip = eip;
    }

    // ---- x87 (gdb's fctrl, fstat, ftag, fiseg, fioff, foseg, fooff, fop and st0-st7) ----

    public int fpuControlWord() {
        return c.x87.cw;
    }

    public void setFpuControlWord(int v) {
        c.x87.cw = v & 0xFFFF;
        c.x87.fp.control(c.x87.cw);
    }

    public int fpuStatusWord() {
        return c.x87.statusWord();
    }

    public void setFpuStatusWord(int v) {
        c.x87.top = (v >>> 11) & 7;
        c.x87.sw = v & 0xFFFF & ~0x3800;
    }

    /** The full tag word: two bits per physical register, 11 = empty. */
    public int fpuTagWord() {
        return c.x87.tagWord();
    }

    /** Only "empty" (11) versus not is kept; the other tag values follow from the contents. */
    public void setFpuTagWord(int v) {
        int e = 0;
        for (int p = 0; p < 8; p++) {
            if (((v >>> (2 * p)) & 3) == 3) {
                e |= 1 << p;
            }
        }
        c.x87.empty = e;
    }

    public int fpuInstructionOffset() {
        return c.x87.fip;
    }

    public int fpuInstructionSelector() {
        return c.x87.fcs;
    }

    public int fpuOpcode() {
        return c.x87.fop;
    }

    public int fpuOperandOffset() {
        return c.x87.fdp;
    }

    public int fpuOperandSelector() {
        return c.x87.fds;
    }

    /** ST(i) as 10 little-endian bytes of 80-bit extended precision. */
    public void fpuStackRegister(int i, byte[] dst, int off) {
        int p = (c.x87.top + i) & 7;
        long m = c.x87.sig[p];
        for (int k = 0; k < 8; k++) {
            dst[off + k] = (byte) (m >>> (8 * k));
        }
        dst[off + 8] = (byte) c.x87.se[p];
        dst[off + 9] = (byte) (c.x87.se[p] >>> 8);
    }

    public void setFpuStackRegister(int i, byte[] src, int off) {
        int p = (c.x87.top + i) & 7;
        long m = 0;
        for (int k = 0; k < 8; k++) {
            m |= (src[off + k] & 0xFFL) << (8 * k);
        }
        c.x87.sig[p] = m;
        c.x87.se[p] = (src[off + 8] & 0xFF) | (src[off + 9] & 0xFF) << 8;
        c.x87.empty &= ~(1 << p);
    }
}
