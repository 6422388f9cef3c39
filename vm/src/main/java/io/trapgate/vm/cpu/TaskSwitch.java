package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.Cpu.AR_CE;
import static io.trapgate.vm.cpu.Cpu.AR_CODE;
import static io.trapgate.vm.cpu.Cpu.AR_P;
import static io.trapgate.vm.cpu.Cpu.AR_RW;
import static io.trapgate.vm.cpu.Cpu.AR_S;
import static io.trapgate.vm.cpu.Cpu.CS;
import static io.trapgate.vm.cpu.Cpu.DS;
import static io.trapgate.vm.cpu.Cpu.ES;
import static io.trapgate.vm.cpu.Cpu.FS;
import static io.trapgate.vm.cpu.Cpu.GP;
import static io.trapgate.vm.cpu.Cpu.GS;
import static io.trapgate.vm.cpu.Cpu.NP;
import static io.trapgate.vm.cpu.Cpu.SS;
import static io.trapgate.vm.cpu.Cpu.SS_FAULT;
import static io.trapgate.vm.cpu.Cpu.TS;

/**
 * Hardware task switching (Intel SDM vol. 3 ch. 7) with 32-bit TSSs: far jmp/call to a TSS or a
 * task gate, interrupts and exceptions through an IDT task gate, and iret with NT=1. Everything
 * that can fault in the old task (descriptor checks, reading the new TSS, saving the old state)
 * happens before the commit point, where TR changes; a fault while loading the new task's
 * segments is delivered in the new task. A 16-bit TSS (type 1/3) is refused with #TS.
 */
final class TaskSwitch {
    /** Why the switch happens: decides busy bits, NT and the back link. */
    static final int JMP = 0, CALL = 1, IRET = 2, INT = 3;

    private static final int TSS_AVAILABLE = 0x9, TSS_BUSY = 0xB, TASK_GATE = 0x5;
    private static final int BUSY_BIT = 0x200; // in the descriptor's high dword
    private static final int MIN_LIMIT = 0x67;
    private static final int DR6_BT = 0x8000;

    private final Cpu c;
    private final SegmentUnit seg;
    private final int[] newSegs = new int[6];
    /** The new TSS had its T bit set: #DB once the switch (and an error-code push) is done. */
    private boolean pendingTrap;
    /** 1 while switching for an external interrupt: the EXT bit of the error codes it raises. */
    private int ext;

    TaskSwitch(Cpu c) {
        this.c = c;
        this.seg = c.segments;
    }

    /** Whether a system descriptor type is one a far jmp/call hands to this class. */
    static boolean isTaskTarget(int type) {
        return type == TASK_GATE || type == 0x1 || type == 0x3 || type == TSS_AVAILABLE || type == TSS_BUSY;
    }

    /**
     * jmp/call far to selector {@code sel} whose (system) descriptor is in seg: a TSS descriptor
     * or a task gate in the GDT or LDT.
     */
    void farTransfer(int sel, boolean call) {
        int hi = seg.hi;
        int type = (hi >>> 8) & 0xF;
        int dpl = (hi >>> 13) & 3;
        if (dpl < c.cpl || dpl < (sel & 3)) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        int tssSel = sel;
        if (type == TASK_GATE) {
            if ((hi & 0x8000) == 0) {
                throw c.fault(NP, sel & 0xFFFC);
            }
            tssSel = seg.lo >>> 16;
            readTssDescriptor(tssSel, GP, 0);
            type = (seg.hi >>> 8) & 0xF;
        }
        if (type != TSS_AVAILABLE) {
            // busy, or a 16-bit TSS we do not switch to
            throw c.fault(type == 0x1 ? TS : GP, tssSel & 0xFFFC);
        }
        if ((seg.hi & 0x8000) == 0) {
            throw c.fault(NP, tssSel & 0xFFFC);
        }
        switchTo(tssSel, call ? CALL : JMP, 0);
    }

    /**
     * An interrupt or exception through an IDT task gate whose DPL (software ints) and present
     * bit were checked by the caller: switch with nesting, then push the error code if any.
     */
    void throughInterruptGate(int tssSel, int ext, boolean hasError, int error) {
        readTssDescriptor(tssSel, GP, ext);
        int type = (seg.hi >>> 8) & 0xF;
        if (type != TSS_AVAILABLE) {
            throw c.fault(type == 0x1 ? TS : GP, (tssSel & 0xFFFC) + ext);
        }
        if ((seg.hi & 0x8000) == 0) {
            throw c.fault(NP, (tssSel & 0xFFFC) + ext);
        }
        switchTo(tssSel, INT, ext);
        if (hasError) {
            c.push(false, error); // on the new task's stack, as a 32-bit TSS implies
        }
        afterSwitch();
    }

    /** iret with EFLAGS.NT=1: back to the task in the current TSS's link field. */
    void returnToPreviousTask() {
        int link = c.sysRead16(c.trBase);
        if ((link & 4) != 0 || !seg.read(link)) {
            throw c.fault(TS, link & 0xFFFC);
        }
        int type = (seg.hi >>> 8) & 0x1F;
        if (type != TSS_BUSY) { // a busy 32-bit TSS (S=0)
            throw c.fault(TS, link & 0xFFFC);
        }
        if ((seg.hi & 0x8000) == 0) {
            throw c.fault(NP, link & 0xFFFC);
        }
        switchTo(link, IRET, 0);
    }

    /** Reads a TSS descriptor that must be in the GDT; raises vector(sel + ext) otherwise. */
    private void readTssDescriptor(int sel, int vector, int ext) {
        if ((sel & 4) != 0 || !seg.read(sel) || (seg.hi & 0x1000) != 0) {
            throw c.fault(vector, (sel & 0xFFFC) + ext);
        }
    }

    /**
     * Switches to the task whose descriptor is in seg (already checked for type, presence and
     * privilege). For JMP/CALL the T-bit trap is raised here; INT raises it in afterSwitch once
     * the error code is pushed.
     */
    private void switchTo(int sel, int reason, int ext) {
        this.ext = ext;
        int descLo = seg.lo;
        int descHi = seg.hi;
        int descAddr = seg.addr;
        int newBase = SegmentUnit.base(descLo, descHi);
        int newLimit = SegmentUnit.limit(descLo, descHi);
        if (Integer.compareUnsigned(newLimit, MIN_LIMIT) < 0) {
            throw c.fault(TS, (sel & 0xFFFC) + ext);
        }
        int oldType = c.trAr & 0xF;
        if (oldType != TSS_BUSY || Integer.compareUnsigned(c.trLimit, 0x5F) < 0) {
            throw c.fault(TS, (c.trSel & 0xFFFC) + ext); // no 32-bit TSS to save the old task in
        }
        // read the whole new state first: a page fault here is still the old task's
        int newCr3 = c.sysRead32(newBase + 0x1C);
        int newEip = c.sysRead32(newBase + 0x20);
        int newFlags = c.sysRead32(newBase + 0x24);
        int eax = c.sysRead32(newBase + 0x28);
        int ecx = c.sysRead32(newBase + 0x2C);
        int edx = c.sysRead32(newBase + 0x30);
        int ebx = c.sysRead32(newBase + 0x34);
        int esp = c.sysRead32(newBase + 0x38);
        int ebp = c.sysRead32(newBase + 0x3C);
        int esi = c.sysRead32(newBase + 0x40);
        int edi = c.sysRead32(newBase + 0x44);
        for (int s = 0; s < 6; s++) {
            newSegs[s] = c.sysRead16(newBase + 0x48 + 4 * s);
        }
        int newLdt = c.sysRead16(newBase + 0x60);
        int trap = c.sysRead16(newBase + 0x64) & 1;

        // save the outgoing task (its EIP is already the return point)
        int oldBase = c.trBase;
        int oldFlags = c.eflags();
        if (reason == IRET) {
            oldFlags &= ~Flags.NT;
        }
        c.sysWrite32(oldBase + 0x20, c.eip);
        c.sysWrite32(oldBase + 0x24, oldFlags);
        for (int k = 0; k < 8; k++) {
            c.sysWrite32(oldBase + 0x28 + 4 * k, c.r[k]);
        }
        for (int s = 0; s < 6; s++) {
            c.sysWrite16(oldBase + 0x48 + 4 * s, c.segSel[s]);
        }
        if (reason == JMP || reason == IRET) {
            clearBusy(c.trSel);
        }
        if (reason == CALL || reason == INT) {
            c.sysWrite16(newBase, c.trSel);
            newFlags |= Flags.NT;
        }
        if (reason != IRET) {
            descHi |= BUSY_BIT;
            c.sysWrite8(descAddr + 5, descHi >>> 8);
        }

        // commit: from here on a fault belongs to the new task
        c.trSel = sel & 0xFFFF;
        c.trBase = newBase;
        c.trLimit = newLimit;
        c.trAr = SegmentUnit.ar(descHi);
        c.cr0 |= Cpu.CR0_TS;
        c.eip = newEip;
        c.faultEip = newEip;
        c.flags.setAll(newFlags & ~Flags.VM); // virtual-8086 tasks are not supported
        c.r[0] = eax;
        c.r[1] = ecx;
        c.r[2] = edx;
        c.r[3] = ebx;
        c.r[4] = esp;
        c.r[5] = ebp;
        c.r[6] = esi;
        c.r[7] = edi;
        c.shadowAt = -1;
        if ((c.cr0 & Cpu.CR0_PG) != 0) {
            c.cr3 = newCr3 & 0xFFFFF018;
            c.flushTlb(false);
        }
        // selectors first, with unusable hidden parts, so a fault below shows the new task's
        for (int s = 0; s < 6; s++) {
            seg.lo = 0;
            seg.hi = 0;
            seg.install(s, newSegs[s]);
        }
        c.setCpl(newSegs[CS] & 3);
        loadLdt(newLdt);
        loadCode(newSegs[CS]);
        loadStack(newSegs[SS]);
        loadData(ES, newSegs[ES]);
        loadData(DS, newSegs[DS]);
        loadData(FS, newSegs[FS]);
        loadData(GS, newSegs[GS]);
        if (Integer.compareUnsigned(newEip, c.segLimit[CS]) > 0) {
            throw c.fault(GP, ext);
        }
        pendingTrap = trap != 0;
        if (reason != INT) {
            afterSwitch();
        }
    }

    /** The new TSS's T bit: a #DB trap before the new task's first instruction. */
    private void afterSwitch() {
        if (pendingTrap) {
            pendingTrap = false;
            c.dr[6] |= DR6_BT;
            c.faultEip = c.eip;
            throw c.fault(Cpu.DB, 0);
        }
    }

    private void clearBusy(int sel) {
        if (!seg.read(sel)) {
            throw c.fault(TS, (sel & 0xFFFC) + ext);
        }
        int hi = seg.hi & ~BUSY_BIT;
        c.sysWrite8(seg.addr + 5, hi >>> 8);
    }

    private void loadLdt(int sel) {
        c.ldtrSel = sel;
        c.ldtrBase = 0;
        c.ldtrLimit = 0;
        if ((sel & 0xFFFC) == 0) {
            return;
        }
        if ((sel & 4) != 0 || !seg.read(sel)) {
            throw c.fault(TS, (sel & 0xFFFC) + ext);
        }
        if (((seg.hi >>> 8) & 0x1F) != 0x02 || (seg.hi & 0x8000) == 0) {
            throw c.fault(TS, (sel & 0xFFFC) + ext);
        }
        c.ldtrBase = SegmentUnit.base(seg.lo, seg.hi);
        c.ldtrLimit = SegmentUnit.limit(seg.lo, seg.hi);
    }

    private void readOrTs(int sel) {
        if ((sel & 0xFFFC) == 0 || !seg.read(sel)) {
            throw c.fault(TS, (sel & 0xFFFC) + ext);
        }
    }

    private void loadCode(int sel) {
        readOrTs(sel);
        int ar = SegmentUnit.ar(seg.hi);
        int dpl = SegmentUnit.dpl(ar);
        int rpl = sel & 3;
        if ((ar & (AR_S | AR_CODE)) != (AR_S | AR_CODE) || ((ar & AR_CE) != 0 ? dpl > rpl : dpl != rpl)) {
            throw c.fault(TS, (sel & 0xFFFC) + ext);
        }
        if ((ar & AR_P) == 0) {
            throw c.fault(NP, (sel & 0xFFFC) + ext);
        }
        seg.markAccessed();
        seg.install(CS, sel);
    }

    private void loadStack(int sel) {
        readOrTs(sel);
        int ar = SegmentUnit.ar(seg.hi);
        if ((ar & (AR_S | AR_CODE | AR_RW)) != (AR_S | AR_RW) || SegmentUnit.dpl(ar) != c.cpl
                || (sel & 3) != c.cpl) {
            throw c.fault(TS, (sel & 0xFFFC) + ext);
        }
        if ((ar & AR_P) == 0) {
            throw c.fault(SS_FAULT, (sel & 0xFFFC) + ext);
        }
        seg.markAccessed();
        seg.install(SS, sel);
    }

    private void loadData(int s, int sel) {
        if ((sel & 0xFFFC) == 0) {
            seg.installNull(s, sel);
            return;
        }
        readOrTs(sel);
        int ar = SegmentUnit.ar(seg.hi);
        int dpl = SegmentUnit.dpl(ar);
        boolean conformingCode = (ar & (AR_CODE | AR_CE)) == (AR_CODE | AR_CE);
        if ((ar & AR_S) == 0 || (ar & (AR_CODE | AR_RW)) == AR_CODE
                || (!conformingCode && (dpl < c.cpl || dpl < (sel & 3)))) {
            throw c.fault(TS, (sel & 0xFFFC) + ext);
        }
        if ((ar & AR_P) == 0) {
            throw c.fault(NP, (sel & 0xFFFC) + ext);
        }
        seg.markAccessed();
        seg.install(s, sel);
    }
}
