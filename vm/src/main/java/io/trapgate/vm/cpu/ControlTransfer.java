package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.Cpu.AR_CE;
import static io.trapgate.vm.cpu.Cpu.AR_CODE;
import static io.trapgate.vm.cpu.Cpu.AR_DB;
import static io.trapgate.vm.cpu.Cpu.AR_G;
import static io.trapgate.vm.cpu.Cpu.AR_P;
import static io.trapgate.vm.cpu.Cpu.AR_RW;
import static io.trapgate.vm.cpu.Cpu.AR_S;
import static io.trapgate.vm.cpu.Cpu.CS;
import static io.trapgate.vm.cpu.Cpu.EBP;
import static io.trapgate.vm.cpu.Cpu.ECX;
import static io.trapgate.vm.cpu.Cpu.EDX;
import static io.trapgate.vm.cpu.Cpu.ESP;
import static io.trapgate.vm.cpu.Cpu.GP;
import static io.trapgate.vm.cpu.Cpu.NP;
import static io.trapgate.vm.cpu.Cpu.SS;
import static io.trapgate.vm.cpu.Cpu.SS_FAULT;
import static io.trapgate.vm.cpu.Cpu.TS;

/**
 * Control transfers that involve segments or privilege: far jmp/call/ret (with call gates),
 * iret, int n, sysenter/sysexit, and enter/leave. Every check and stack access happens before
 * the new CS/SS/ESP are committed, so a fault leaves the old state intact.
 */
final class ControlTransfer {
    private final Cpu c;
    private final SegmentUnit seg;
    private final int[] r;

    ControlTransfer(Cpu c) {
        this.c = c;
        this.seg = c.segments;
        this.r = c.r;
    }

    void retNear(Insn i, int release) {
        int target = c.pop(i.o16);
        if (release != 0) {
            c.setSp(c.sp() + release);
        }
        c.eip = i.o16 ? target & 0xFFFF : target;
    }

    void softwareInterrupt(int vector) {
        c.interrupts.deliverSoftware(vector);
    }

    /** Checks a code segment that a far jmp/call targets directly; returns its access rights. */
    private int checkDirectCode(int sel) {
        int ar = SegmentUnit.ar(seg.hi);
        if ((ar & (AR_S | AR_CODE)) != (AR_S | AR_CODE)) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        int dpl = SegmentUnit.dpl(ar);
        if ((ar & AR_CE) != 0) {
            if (dpl > c.cpl) {
                throw c.fault(GP, sel & 0xFFFC);
            }
        } else if ((sel & 3) > c.cpl || dpl != c.cpl) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        if ((ar & AR_P) == 0) {
            throw c.fault(NP, sel & 0xFFFC);
        }
        return ar;
    }

    private void checkOffset(int offset) {
        if (Integer.compareUnsigned(offset, SegmentUnit.limit(seg.lo, seg.hi)) > 0) {
            throw c.fault(GP, 0);
        }
    }

    void jumpFar(Insn i, int sel, int offset) {
        sel &= 0xFFFF;
        if (i.o16) {
            offset &= 0xFFFF;
        }
        if (!c.protectedMode()) {
            seg.installReal(CS, sel);
            c.eip = offset;
            return;
        }
        if ((sel & 0xFFFC) == 0) {
            throw c.fault(GP, 0);
        }
        seg.readOrFault(sel, GP);
        if ((seg.hi & 0x1000) == 0) {
            jumpThroughGate(sel);
            return;
        }
        checkDirectCode(sel);
        checkOffset(offset);
        seg.markAccessed();
        seg.install(CS, (sel & 0xFFFC) | c.cpl);
        c.eip = offset;
    }

    private void jumpThroughGate(int sel) {
        int type = (seg.hi >>> 8) & 0xF;
        if (TaskSwitch.isTaskTarget(type)) {
            c.tasks.farTransfer(sel, false);
            return;
        }
        if (type != 0x4 && type != 0xC) {
            throw c.fault(GP, sel & 0xFFFC); // task switches are not supported
        }
        int gateDpl = (seg.hi >>> 13) & 3;
        if (gateDpl < c.cpl || gateDpl < (sel & 3)) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        if ((seg.hi & 0x8000) == 0) {
            throw c.fault(NP, sel & 0xFFFC);
        }
        int target = seg.lo >>> 16;
        int offset = type == 0xC ? (seg.lo & 0xFFFF) | (seg.hi & 0xFFFF0000) : seg.lo & 0xFFFF;
        if ((target & 0xFFFC) == 0) {
            throw c.fault(GP, 0);
        }
        seg.readOrFault(target, GP);
        int ar = SegmentUnit.ar(seg.hi);
        int dpl = SegmentUnit.dpl(ar);
        if ((ar & (AR_S | AR_CODE)) != (AR_S | AR_CODE)
                || ((ar & AR_CE) != 0 ? dpl > c.cpl : dpl != c.cpl)) {
            throw c.fault(GP, target & 0xFFFC);
        }
        if ((ar & AR_P) == 0) {
            throw c.fault(NP, target & 0xFFFC);
        }
        checkOffset(offset);
        seg.markAccessed();
        seg.install(CS, (target & 0xFFFC) | c.cpl);
        c.eip = offset;
    }

    void callFar(Insn i, int sel, int offset) {
        sel &= 0xFFFF;
        if (i.o16) {
            offset &= 0xFFFF;
        }
        int oldEsp = r[ESP];
        int oldTr = c.trSel;
        try {
            if (!c.protectedMode()) {
                c.push(i.o16, c.segSel[CS]);
                c.push(i.o16, c.eip);
                seg.installReal(CS, sel);
                c.eip = offset;
                return;
            }
            if ((sel & 0xFFFC) == 0) {
                throw c.fault(GP, 0);
            }
            seg.readOrFault(sel, GP);
            if ((seg.hi & 0x1000) == 0) {
                callThroughGate(i, sel);
                return;
            }
            checkDirectCode(sel);
            checkOffset(offset);
            int lo = seg.lo;
            int hi = seg.hi;
            int addr = seg.addr;
            c.push(i.o16, c.segSel[CS]);
            c.push(i.o16, c.eip);
            seg.lo = lo;
            seg.hi = hi;
            seg.addr = addr;
            seg.markAccessed();
            seg.install(CS, (sel & 0xFFFC) | c.cpl);
            c.eip = offset;
        } catch (GuestFault g) {
            if (c.trSel == oldTr) { // a fault after a task switch's commit keeps the new task's ESP
                r[ESP] = oldEsp;
            }
            throw g;
        }
    }

    private void callThroughGate(Insn i, int sel) {
        int type = (seg.hi >>> 8) & 0xF;
        if (TaskSwitch.isTaskTarget(type)) {
            c.tasks.farTransfer(sel, true);
            return;
        }
        if (type != 0x4 && type != 0xC) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        int gateDpl = (seg.hi >>> 13) & 3;
        if (gateDpl < c.cpl || gateDpl < (sel & 3)) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        if ((seg.hi & 0x8000) == 0) {
            throw c.fault(NP, sel & 0xFFFC);
        }
        boolean gate32 = type == 0xC;
        int paramCount = seg.hi & 0x1F;
        int target = seg.lo >>> 16;
        int offset = gate32 ? (seg.lo & 0xFFFF) | (seg.hi & 0xFFFF0000) : seg.lo & 0xFFFF;
        if ((target & 0xFFFC) == 0) {
            throw c.fault(GP, 0);
        }
        seg.readOrFault(target, GP);
        int csLo = seg.lo;
        int csHi = seg.hi;
        int csAddr = seg.addr;
        int ar = SegmentUnit.ar(csHi);
        int dpl = SegmentUnit.dpl(ar);
        if ((ar & (AR_S | AR_CODE)) != (AR_S | AR_CODE) || dpl > c.cpl) {
            throw c.fault(GP, target & 0xFFFC);
        }
        if ((ar & AR_P) == 0) {
            throw c.fault(NP, target & 0xFFFC);
        }
        if (Integer.compareUnsigned(offset, SegmentUnit.limit(csLo, csHi)) > 0) {
            throw c.fault(GP, 0);
        }
        int size = gate32 ? 4 : 2;
        if ((ar & AR_CE) == 0 && dpl < c.cpl) {
            // more privileged: switch to the TSS stack for dpl and copy the parameters
            int newEsp = c.sysRead32(c.trBase + 4 + dpl * 8);
            int newSs = c.sysRead16(c.trBase + 8 + dpl * 8);
            if ((newSs & 0xFFFC) == 0) {
                throw c.fault(TS, 0);
            }
            if (!seg.read(newSs)) {
                throw c.fault(TS, newSs & 0xFFFC);
            }
            int ssAr = SegmentUnit.ar(seg.hi);
            if ((newSs & 3) != dpl || SegmentUnit.dpl(ssAr) != dpl
                    || (ssAr & (AR_S | AR_CODE | AR_RW)) != (AR_S | AR_RW)) {
                throw c.fault(TS, newSs & 0xFFFC);
            }
            if ((ssAr & AR_P) == 0) {
                throw c.fault(SS_FAULT, newSs & 0xFFFC);
            }
            int ssLo = seg.lo;
            int ssHi = seg.hi;
            int ssAddr = seg.addr;
            int newBase = SegmentUnit.base(ssLo, ssHi);
            int oldSs = c.segSel[SS];
            int oldEsp = r[ESP];
            int frame = (4 + paramCount) * size;
            int sp = newEsp - frame;
            // the new stack is written with the target's privilege (supervisor)
            int la = newBase + sp;
            int k = frame - size;
            writeStack(la + k, size, oldSs);
            k -= size;
            writeStack(la + k, size, oldEsp);
            for (int p = 0; p < paramCount; p++) {
                k -= size;
                int v = size == 4 ? c.peek32(4 * (paramCount - 1 - p)) : c.peek16(2 * (paramCount - 1 - p));
                writeStack(la + k, size, v);
            }
            writeStack(la + size, size, c.segSel[CS]);
            writeStack(la, size, c.eip);
            c.setCpl(dpl);
            seg.lo = ssLo;
            seg.hi = ssHi;
            seg.addr = ssAddr;
            seg.markAccessed();
            seg.install(SS, (newSs & 0xFFFC) | dpl);
            c.setSp(sp);
        } else {
            c.push(!gate32, c.segSel[CS]);
            c.push(!gate32, c.eip);
            dpl = c.cpl;
        }
        seg.lo = csLo;
        seg.hi = csHi;
        seg.addr = csAddr;
        seg.markAccessed();
        seg.install(CS, (target & 0xFFFC) | dpl);
        c.eip = offset;
    }

    private void writeStack(int la, int size, int v) {
        if (size == 4) {
            c.sysWrite32(la, v);
        } else {
            c.sysWrite16(la, v);
        }
    }

    /** Checks the CS of a far return/iret (RPL >= CPL, code, DPL rules, present); leaves it in seg. */
    private void checkReturnCode(int sel) {
        int rpl = sel & 3;
        if ((sel & 0xFFFC) == 0) {
            throw c.fault(GP, 0);
        }
        if (rpl < c.cpl) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        seg.readOrFault(sel, GP);
        int ar = SegmentUnit.ar(seg.hi);
        int dpl = SegmentUnit.dpl(ar);
        if ((ar & (AR_S | AR_CODE)) != (AR_S | AR_CODE)
                || ((ar & AR_CE) != 0 ? dpl > rpl : dpl != rpl)) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        if ((ar & AR_P) == 0) {
            throw c.fault(NP, sel & 0xFFFC);
        }
    }

    /** Checks the SS a return to an outer level pops; leaves its descriptor in seg. */
    private void checkReturnStack(int ssSel, int rpl) {
        if ((ssSel & 0xFFFC) == 0) {
            throw c.fault(GP, 0);
        }
        seg.readOrFault(ssSel, GP);
        int ar = SegmentUnit.ar(seg.hi);
        if ((ssSel & 3) != rpl || SegmentUnit.dpl(ar) != rpl
                || (ar & (AR_S | AR_CODE | AR_RW)) != (AR_S | AR_RW)) {
            throw c.fault(GP, ssSel & 0xFFFC);
        }
        if ((ar & AR_P) == 0) {
            throw c.fault(SS_FAULT, ssSel & 0xFFFC);
        }
    }

    void retFar(Insn i, int release) {
        int size = i.o16 ? 2 : 4;
        int offset = i.o16 ? c.peek16(0) : c.peek32(0);
        int sel = (i.o16 ? c.peek16(2) : c.peek32(4)) & 0xFFFF;
        if (!c.protectedMode()) {
            c.setSp(c.sp() + 2 * size + release);
            seg.installReal(CS, sel);
            c.eip = offset;
            return;
        }
        checkReturnCode(sel);
        int rpl = sel & 3;
        if (Integer.compareUnsigned(offset, SegmentUnit.limit(seg.lo, seg.hi)) > 0) {
            throw c.fault(GP, 0);
        }
        if (rpl == c.cpl) {
            c.setSp(c.sp() + 2 * size + release);
            seg.markAccessed();
            seg.install(CS, sel);
            c.eip = offset;
            return;
        }
        int csLo = seg.lo;
        int csHi = seg.hi;
        int newEsp = i.o16 ? c.peek16(2 * size + release) : c.peek32(2 * size + release);
        int newSs = (i.o16 ? c.peek16(3 * size + release) : c.peek32(3 * size + release)) & 0xFFFF;
        checkReturnStack(newSs, rpl);
        c.setCpl(rpl);
        seg.markAccessed();
        seg.install(SS, newSs);
        c.setSp(newEsp + release);
        seg.lo = csLo;
        seg.hi = csHi;
        seg.install(CS, sel);
        c.eip = offset;
        seg.nullInaccessibleDataSegments();
    }

    /** EFLAGS bits an instruction at privilege {@code cpl} may change (popf and iret rules). */
    int changeableFlags(boolean iret) {
        int m = Flags.ARITH | Flags.TF | Flags.DF | Flags.NT | Flags.AC | Flags.ID;
        if (iret) {
            m |= Flags.RF;
        }
        int iopl = (c.flags.bits >>> 12) & 3;
        if (c.cpl == 0 || !c.protectedMode()) {
            m |= Flags.IOPL | Flags.IF;
        } else if (c.cpl <= iopl) {
            m |= Flags.IF;
        }
        return m;
    }

    void loadFlags(int value, int changeable, boolean o16) {
        if (o16) {
            changeable &= 0xFFFF;
        }
        int old = c.eflags();
        c.flags.setAll((old & ~changeable) | (value & changeable));
    }

    void iret(Insn i) {
        int size = i.o16 ? 2 : 4;
        int offset = i.o16 ? c.peek16(0) : c.peek32(0);
        int sel = (i.o16 ? c.peek16(2) : c.peek32(4)) & 0xFFFF;
        int fl = i.o16 ? c.peek16(4) : c.peek32(8);
        if (!c.protectedMode()) {
            c.setSp(c.sp() + 3 * size);
            seg.installReal(CS, sel);
            c.eip = offset;
            loadFlags(fl, changeableFlags(true), i.o16);
            return;
        }
        if ((c.flags.bits & Flags.NT) != 0) {
            c.tasks.returnToPreviousTask();
            return;
        }
        if (!i.o16 && (fl & Flags.VM) != 0 && c.cpl == 0) {
            throw c.fault(GP, 0); // return to virtual-8086 mode is not supported
        }
        checkReturnCode(sel);
        int rpl = sel & 3;
        if (Integer.compareUnsigned(offset, SegmentUnit.limit(seg.lo, seg.hi)) > 0) {
            throw c.fault(GP, 0);
        }
        int changeable = changeableFlags(true);
        if (rpl == c.cpl) {
            c.setSp(c.sp() + 3 * size);
            seg.markAccessed();
            seg.install(CS, sel);
            c.eip = offset;
            loadFlags(fl, changeable, i.o16);
            c.shadowAt = -1;
            return;
        }
        int csLo = seg.lo;
        int csHi = seg.hi;
        int newEsp = i.o16 ? c.peek16(3 * size) : c.peek32(3 * size);
        int newSs = (i.o16 ? c.peek16(4 * size) : c.peek32(4 * size)) & 0xFFFF;
        checkReturnStack(newSs, rpl);
        loadFlags(fl, changeable, i.o16);
        c.setCpl(rpl);
        seg.markAccessed();
        seg.install(SS, newSs);
        if (c.ss32) {
            r[ESP] = newEsp;
        } else {
            r[ESP] = (r[ESP] & 0xFFFF0000) | (newEsp & 0xFFFF);
        }
        seg.lo = csLo;
        seg.hi = csHi;
        seg.install(CS, sel);
        c.eip = offset;
        seg.nullInaccessibleDataSegments();
    }

    void sysenter() {
        if (!c.model.has(CpuModel.FEATURE_SEP)) {
            throw c.fault(Cpu.UD, 0);
        }
        if (!c.protectedMode() || (c.sysenterCs & 0xFFFC) == 0) {
            throw c.fault(GP, 0);
        }
        c.flags.bits &= ~(Flags.VM | Flags.IF | Flags.RF);
        int cs = c.sysenterCs & 0xFFFC;
        c.setCpl(0);
        setFlat(CS, cs, 0x9B);
        setFlat(SS, cs + 8, 0x93);
        r[ESP] = c.sysenterEsp;
        c.eip = c.sysenterEip;
    }

    void sysexit() {
        if (!c.model.has(CpuModel.FEATURE_SEP)) {
            throw c.fault(Cpu.UD, 0);
        }
        if (!c.protectedMode() || c.cpl != 0 || (c.sysenterCs & 0xFFFC) == 0) {
            throw c.fault(GP, 0);
        }
        int cs = c.sysenterCs & 0xFFFC;
        c.setCpl(3);
        setFlat(CS, (cs + 16) | 3, 0xFB);
        setFlat(SS, (cs + 24) | 3, 0xF3);
        r[ESP] = r[ECX];
        c.eip = r[EDX];
    }

    /** The fixed flat 4 GiB segments sysenter/sysexit load without reading descriptors. */
    private void setFlat(int s, int sel, int ar) {
        c.segSel[s] = sel;
        c.segBase[s] = 0;
        c.segLimit[s] = 0xFFFFFFFF;
        c.segAr[s] = ar | AR_G | AR_DB;
        c.segmentChanged(s);
    }

    void enter(Insn i) {
        int size = i.o16 ? 2 : 4;
        int alloc = i.imm & 0xFFFF;
        int level = i.imm2 & 0x1F;
        int oldEsp = r[ESP];
        int oldEbp = r[EBP];
        try {
            c.push(i.o16, r[EBP]);
            int frameTemp = c.sp();
            if (level > 0) {
                int bp = c.ss32 ? r[EBP] : r[EBP] & 0xFFFF;
                for (int k = 1; k < level; k++) {
                    bp -= size;
                    int v = i.o16 ? c.read16(SS, c.ss32 ? bp : bp & 0xFFFF) : c.read32(SS, c.ss32 ? bp : bp & 0xFFFF);
                    c.push(i.o16, v);
                }
                c.push(i.o16, frameTemp);
            }
            int newSp = c.sp() - alloc;
            // the final stack pointer must be writable (segment and page), like hardware's probe
            c.probeWrite(c.linear(SS, c.ss32 ? newSp : newSp & 0xFFFF, size, true), size);
            if (i.o16) {
                c.setReg16(EBP, frameTemp);
            } else {
                r[EBP] = frameTemp;
            }
            c.setSp(newSp);
        } catch (GuestFault g) {
            r[ESP] = oldEsp;
            r[EBP] = oldEbp;
            throw g;
        }
    }

    void leave(Insn i) {
        int oldEsp = r[ESP];
        c.setSp(c.ss32 ? r[EBP] : r[EBP] & 0xFFFF);
        try {
            int v = c.pop(i.o16);
            if (i.o16) {
                c.setReg16(EBP, v);
            } else {
                r[EBP] = v;
            }
        } catch (GuestFault g) {
            r[ESP] = oldEsp;
            throw g;
        }
    }
}
