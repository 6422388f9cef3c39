package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.Cpu.AR_CE;
import static io.trapgate.vm.cpu.Cpu.AR_CODE;
import static io.trapgate.vm.cpu.Cpu.AR_P;
import static io.trapgate.vm.cpu.Cpu.AR_RW;
import static io.trapgate.vm.cpu.Cpu.AR_S;
import static io.trapgate.vm.cpu.Cpu.CS;
import static io.trapgate.vm.cpu.Cpu.GP;
import static io.trapgate.vm.cpu.Cpu.NP;
import static io.trapgate.vm.cpu.Cpu.SS;
import static io.trapgate.vm.cpu.Cpu.SS_FAULT;

/**
 * Segment descriptors and segment-register loads with the protection checks of the i386:
 * descriptor fetch from the GDT or LDT, type/DPL/RPL/present checks with the right exception
 * and error code, and the Accessed bit. The descriptor just read is left in {@link #lo}/{@link #hi}.
 */
final class SegmentUnit {
    private final Cpu c;
    /** The descriptor read by the last {@link #read}: low and high dwords, and its address. */
    int lo;
    int hi;
    int addr;

    SegmentUnit(Cpu c) {
        this.c = c;
    }

    static int base(int lo, int hi) {
        return (lo >>> 16) | ((hi & 0xFF) << 16) | (hi & 0xFF000000);
    }

    static int limit(int lo, int hi) {
        int l = (lo & 0xFFFF) | (hi & 0xF0000);
        return (hi & 0x800000) != 0 ? (l << 12) | 0xFFF : l;
    }

    /** Access rights as kept in Cpu.segAr: type, S, DPL, P, AVL, D/B, G. */
    static int ar(int hi) {
        return (hi >>> 8) & 0xF0FF;
    }

    static int dpl(int ar) {
        return (ar >>> 5) & 3;
    }

    /**
     * Reads the descriptor for {@code sel} (not null) into lo/hi; returns false if the selector is
     * beyond its table's limit (the caller raises the fault its instruction defines).
     */
    boolean read(int sel) {
        int index = sel & 0xFFF8;
        int tableBase;
        int tableLimit;
        if ((sel & 4) != 0) {
            if ((c.ldtrSel & 0xFFFC) == 0) {
                return false;
            }
            tableBase = c.ldtrBase;
            tableLimit = c.ldtrLimit;
        } else {
            tableBase = c.gdtrBase;
            tableLimit = c.gdtrLimit;
        }
        if (Integer.compareUnsigned(index + 7, tableLimit) > 0) {
            return false;
        }
        addr = tableBase + index;
        lo = c.sysRead32(addr);
        hi = c.sysRead32(addr + 4);
        return true;
    }

    /** Reads a descriptor or raises {@code vector}(selector) if out of the table. */
    void readOrFault(int sel, int vector) {
        if (!read(sel)) {
            throw c.fault(vector, sel & 0xFFFC);
        }
    }

    /** Sets the Accessed bit of the descriptor just read, as the CPU does when it loads one. */
    void markAccessed() {
        if ((hi & 0x100) == 0) {
            hi |= 0x100;
            c.sysWrite8(addr + 5, hi >>> 8);
        }
    }

    /** Loads the hidden part of segment register {@code s} from lo/hi. */
    void install(int s, int sel) {
        c.segSel[s] = sel & 0xFFFF;
        c.segBase[s] = base(lo, hi);
        c.segLimit[s] = limit(lo, hi);
        c.segAr[s] = ar(hi);
        c.segmentChanged(s);
    }

    /** A null selector in DS/ES/FS/GS: any access through it raises #GP(0). */
    void installNull(int s, int sel) {
        c.segSel[s] = sel & 0xFFFF;
        c.segBase[s] = 0;
        c.segLimit[s] = 0;
        c.segAr[s] = 0;
        c.segmentChanged(s);
    }

    /** Real mode (or a VM86-like) load: base = selector * 16, the rest of the cache kept. */
    void installReal(int s, int sel) {
        c.segSel[s] = sel & 0xFFFF;
        c.segBase[s] = (sel & 0xFFFF) << 4;
        if (c.segAr[s] == 0) {
            c.segAr[s] = AR_P | AR_S | AR_RW | (s == CS ? AR_CODE : 0);
            c.segLimit[s] = 0xFFFF;
        }
        c.segmentChanged(s);
    }

    /** mov/pop/lds into a data segment register or SS, with the protected-mode checks. */
    void loadData(int s, int sel) {
        sel &= 0xFFFF;
        if (!c.protectedMode()) {
            installReal(s, sel);
            return;
        }
        int cpl = c.cpl;
        int rpl = sel & 3;
        if ((sel & 0xFFFC) == 0) {
            if (s == SS) {
                throw c.fault(GP, 0);
            }
            installNull(s, sel);
            return;
        }
        readOrFault(sel, GP);
        int ar = ar(hi);
        int dpl = dpl(ar);
        if (s == SS) {
            if (rpl != cpl || (ar & (AR_S | AR_CODE | AR_RW)) != (AR_S | AR_RW) || dpl != cpl) {
                throw c.fault(GP, sel & 0xFFFC);
            }
            if ((ar & AR_P) == 0) {
                throw c.fault(SS_FAULT, sel & 0xFFFC);
            }
        } else {
            if ((ar & AR_S) == 0 || (ar & (AR_CODE | AR_RW)) == AR_CODE) {
                throw c.fault(GP, sel & 0xFFFC); // system segment or execute-only code
            }
            boolean conformingCode = (ar & (AR_CODE | AR_CE)) == (AR_CODE | AR_CE);
            if (!conformingCode && (dpl < cpl || dpl < rpl)) {
                throw c.fault(GP, sel & 0xFFFC);
            }
            if ((ar & AR_P) == 0) {
                throw c.fault(NP, sel & 0xFFFC);
            }
        }
        markAccessed();
        install(s, sel);
    }

    /**
     * After a return to an outer privilege level: data segment registers the new level may not
     * use are nulled, as the i386 does on ret/iret.
     */
    void nullInaccessibleDataSegments() {
        for (int s = 0; s < 6; s++) {
            if (s == CS || s == SS) {
                continue;
            }
            int ar = c.segAr[s];
            boolean conformingCode = (ar & (AR_CODE | AR_CE)) == (AR_CODE | AR_CE);
            if ((c.segSel[s] & 0xFFFC) != 0 && !conformingCode && dpl(ar) < c.cpl) {
                installNull(s, 0);
            }
        }
    }
}
