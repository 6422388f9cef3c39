package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.Cpu.AR_CE;
import static io.trapgate.vm.cpu.Cpu.AR_CODE;
import static io.trapgate.vm.cpu.Cpu.AR_P;
import static io.trapgate.vm.cpu.Cpu.AR_RW;
import static io.trapgate.vm.cpu.Cpu.AR_S;
import static io.trapgate.vm.cpu.Cpu.CS;
import static io.trapgate.vm.cpu.Cpu.DF;
import static io.trapgate.vm.cpu.Cpu.ESP;
import static io.trapgate.vm.cpu.Cpu.GP;
import static io.trapgate.vm.cpu.Cpu.NP;
import static io.trapgate.vm.cpu.Cpu.SS;
import static io.trapgate.vm.cpu.Cpu.SS_FAULT;
import static io.trapgate.vm.cpu.Cpu.TS;

import io.trapgate.vm.mmu.Tlb;

/**
 * Exceptions and interrupts through the IDT (or the real-mode IVT): gate checks, the stack switch
 * to the TSS's ring-0 stack on a privilege change, error codes, and the double/triple fault rules.
 * Nothing is committed until every read and push has succeeded, so a fault while delivering
 * leaves the state as it was and can be promoted to #DF.
 */
final class InterruptDelivery {
    private final Cpu c;
    private final SegmentUnit seg;
    /** Set while delivering a fault: the pushed EFLAGS image gets RF. */
    private boolean resumeFlag;

    InterruptDelivery(Cpu c) {
        this.c = c;
        this.seg = c.segments;
    }

    static boolean hasErrorCode(int vector) {
        return vector == DF || (vector >= 10 && vector <= 14) || vector == 17;
    }

    private static boolean contributory(int vector) {
        return vector == 0 || (vector >= 10 && vector <= 13);
    }

    /** An external interrupt (from the PIC) at an instruction boundary. */
    void deliverExternal(int vector) {
        log("interrupt", vector, -1);
        deliver(vector, false, true, false, 0, c.eip);
    }

    /** int n, int3, into: the return address is the next instruction; the gate DPL is checked. */
    void deliverSoftware(int vector) {
        log("software", vector, -1);
        deliver(vector, true, false, false, 0, c.eip);
    }

    /** icebp (F1): a #DB trap that ignores the gate DPL, as hardware does. */
    void deliverIcebp() {
        log("exception", Cpu.DB, -1);
        deliver(Cpu.DB, false, false, false, 0, c.eip);
    }

    /** The #DB trap after an instruction: TF single-step (BS) and/or data breakpoints hit (B0-B3). */
    void debugTrap(boolean singleStep) {
        int hits = c.hardwareBreakpoints.dataHit;
        c.hardwareBreakpoints.dataHit = 0;
        c.hardwareBreakpoints.heldHit = 0;
        c.dr[6] = (c.dr[6] & ~0xF) | hits | (singleStep ? 0x4000 : 0);
        log("exception", Cpu.DB, -1);
        c.faultEip = c.eip;
        deliver(Cpu.DB, false, false, false, 0, c.eip);
    }

    /**
     * Delivers the fault recorded by Cpu.fault(), promoting to #DF per the exception classes.
     * Returns false on a triple fault.
     */
    boolean deliverFault() {
        int first = c.faultVector;
        int error = c.faultError;
        c.eip = c.faultEip;
        c.halted = false;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                log("exception", first, hasErrorCode(first) ? error : -1);
                // faults other than an instruction breakpoint push RF=1 so the handler's iret
                // does not re-trigger a DR7 breakpoint on the restarted instruction
                resumeFlag = first != Cpu.DB;
                deliver(first, false, false, hasErrorCode(first), error, c.eip);
                return true;
            } catch (GuestFault again) {
                int second = c.faultVector;
                if (first == DF) {
                    return false;
                }
                boolean promote = (contributory(first) && contributory(second))
                        || (first == Cpu.PF && (second == Cpu.PF || contributory(second)));
                if (promote) {
                    first = DF;
                    error = 0;
                } else {
                    first = second;
                    error = c.faultError;
                }
            }
        }
        return false;
    }

    private void log(String kind, int vector, int error) {
        DebugHooks.InterruptLog l = c.debug.log;
        if (l != null) {
            l.delivered(kind, vector, error, c.eip, c.cpl, c.retired);
        }
    }

    private void deliver(int vector, boolean software, boolean external, boolean hasError, int error,
            int returnEip) {
        boolean rf = resumeFlag;
        resumeFlag = false;
        if (!c.protectedMode()) {
            deliverReal(vector, returnEip);
            return;
        }
        int ext = external ? 1 : 0;
        int gateError = vector * 8 + 2 + ext;
        if (vector * 8 + 7 > c.idtrLimit) {
            throw c.fault(GP, gateError);
        }
        int gateLo = c.sysRead32(c.idtrBase + vector * 8);
        int gateHi = c.sysRead32(c.idtrBase + vector * 8 + 4);
        int type = (gateHi >>> 8) & 0x1F;
        boolean gate32;
        boolean trapGate;
        switch (type) {
            case 0x0E: gate32 = true; trapGate = false; break;
            case 0x0F: gate32 = true; trapGate = true; break;
            case 0x06: gate32 = false; trapGate = false; break;
            case 0x07: gate32 = false; trapGate = true; break;
            case 0x05: gate32 = true; trapGate = false; break; // task gate: see TaskSwitch
            default: throw c.fault(GP, gateError);
        }
        int gateDpl = (gateHi >>> 13) & 3;
        if (software && gateDpl < c.cpl) {
            throw c.fault(GP, vector * 8 + 2);
        }
        if ((gateHi & 0x8000) == 0) {
            throw c.fault(NP, gateError);
        }
        if (type == 0x05) {
            c.tasks.throughInterruptGate(gateLo >>> 16, ext, hasError, error);
            return;
        }
        int sel = gateLo >>> 16;
        int offset = gate32 ? (gateLo & 0xFFFF) | (gateHi & 0xFFFF0000) : gateLo & 0xFFFF;
        if ((sel & 0xFFFC) == 0) {
            throw c.fault(GP, ext);
        }
        if (!seg.read(sel)) {
            throw c.fault(GP, (sel & 0xFFFC) + ext);
        }
        int csLo = seg.lo;
        int csHi = seg.hi;
        int csAr = SegmentUnit.ar(csHi);
        int dpl = SegmentUnit.dpl(csAr);
        if ((csAr & (AR_S | AR_CODE)) != (AR_S | AR_CODE) || dpl > c.cpl) {
            throw c.fault(GP, (sel & 0xFFFC) + ext);
        }
        if ((csAr & AR_P) == 0) {
            throw c.fault(NP, (sel & 0xFFFC) + ext);
        }
        int oldFlags = c.eflags() & ~Flags.RF;
        if (rf) {
            oldFlags |= Flags.RF;
        }
        boolean conforming = (csAr & AR_CE) != 0;
        int size = gate32 ? 4 : 2;
        if (!conforming && dpl < c.cpl) {
            // inter-privilege: the new stack comes from the TSS
            if ((oldFlags & Flags.VM) != 0) {
                throw c.fault(GP, (sel & 0xFFFC) + ext);
            }
            int tssOff = 4 + dpl * 8;
            boolean tss32 = (c.trAr & 0xF) != 0x1 && (c.trAr & 0xF) != 0x3;
            int newSs;
            int newEsp;
            if (tss32) {
                if (tssOff + 5 > c.trLimit) {
                    throw c.fault(TS, (c.trSel & 0xFFFC) + ext);
                }
                newEsp = c.sysRead32(c.trBase + tssOff);
                newSs = c.sysRead16(c.trBase + tssOff + 4);
            } else {
                int off16 = 2 + dpl * 4;
                if (off16 + 3 > c.trLimit) {
                    throw c.fault(TS, (c.trSel & 0xFFFC) + ext);
                }
                newEsp = c.sysRead16(c.trBase + off16);
                newSs = c.sysRead16(c.trBase + off16 + 2);
            }
            if ((newSs & 0xFFFC) == 0) {
                throw c.fault(TS, ext);
            }
            if (!seg.read(newSs)) {
                throw c.fault(TS, (newSs & 0xFFFC) + ext);
            }
            int ssLo = seg.lo;
            int ssHi = seg.hi;
            int ssAddr = seg.addr;
            int ssAr = SegmentUnit.ar(ssHi);
            if ((newSs & 3) != dpl || SegmentUnit.dpl(ssAr) != dpl
                    || (ssAr & (AR_S | AR_CODE | AR_RW)) != (AR_S | AR_RW)) {
                throw c.fault(TS, (newSs & 0xFFFC) + ext);
            }
            if ((ssAr & AR_P) == 0) {
                throw c.fault(SS_FAULT, (newSs & 0xFFFC) + ext);
            }
            boolean ss32 = (ssAr & Cpu.AR_DB) != 0;
            int ssBase = SegmentUnit.base(ssLo, ssHi);
            int frame = (hasError ? 6 : 5) * size;
            int sp = newEsp - frame;
            if (!ss32) {
                sp &= 0xFFFF;
            }
            checkStackLimit(ssLo, ssHi, sp, frame, newSs, ext);
            int la = ssBase + sp;
            boolean user = dpl == 3;
            // written in push order (highest address first) so a #PF reports the slot hardware would
            int k = hasError ? size : 0;
            stackWrite(la + k + 4 * size, size, c.segSel[SS], user);
            stackWrite(la + k + 3 * size, size, c.r[ESP], user);
            stackWrite(la + k + 2 * size, size, oldFlags, user);
            stackWrite(la + k + size, size, c.segSel[CS], user);
            stackWrite(la + k, size, returnEip, user);
            if (hasError) {
                stackWrite(la, size, error, user);
            }
            // commit
            seg.lo = ssLo;
            seg.hi = ssHi;
            seg.addr = ssAddr;
            c.setCpl(dpl);
            seg.install(SS, (newSs & 0xFFFC) | dpl);
            if (ss32) {
                c.r[ESP] = sp;
            } else {
                c.r[ESP] = (c.r[ESP] & 0xFFFF0000) | sp;
            }
        } else if (conforming || dpl == c.cpl) {
            if ((oldFlags & Flags.VM) != 0) {
                throw c.fault(GP, (sel & 0xFFFC) + ext);
            }
            int frame = (hasError ? 4 : 3) * size;
            int sp = c.r[ESP] - frame;
            if (!c.ss32) {
                sp &= 0xFFFF;
            }
            int la = c.linear(SS, sp, frame, true);
            boolean user = c.cpl == 3;
            int k = hasError ? size : 0; // push order, as above
            stackWrite(la + k + 2 * size, size, oldFlags, user);
            stackWrite(la + k + size, size, c.segSel[CS], user);
            stackWrite(la + k, size, returnEip, user);
            if (hasError) {
                stackWrite(la, size, error, user);
            }
            c.setSp(sp);
            dpl = c.cpl;
        } else {
            throw c.fault(GP, (sel & 0xFFFC) + ext);
        }
        seg.lo = csLo;
        seg.hi = csHi;
        seg.install(CS, (sel & 0xFFFC) | dpl);
        c.eip = offset;
        c.flags.bits &= ~(Flags.TF | Flags.NT | Flags.RF | Flags.VM | (trapGate ? 0 : Flags.IF));
        c.shadowAt = -1;
    }

    private void checkStackLimit(int lo, int hi, int sp, int frame, int ssSel, int ext) {
        int limit = SegmentUnit.limit(lo, hi);
        int ar = SegmentUnit.ar(hi);
        long first = sp & 0xFFFFFFFFL;
        long last = first + frame - 1;
        boolean ok;
        if ((ar & AR_CE) != 0) {
            ok = first > (limit & 0xFFFFFFFFL);
        } else {
            ok = last <= (limit & 0xFFFFFFFFL);
        }
        if (!ok) {
            throw c.fault(SS_FAULT, (ssSel & 0xFFFC) + ext);
        }
    }

    /** Writes one stack slot with the privilege of the level that owns the stack. */
    private void stackWrite(int la, int size, int v, boolean user) {
        int kind = user ? Tlb.USER_WRITE : Tlb.SUPERVISOR_WRITE;
        if (size == 4) {
            if ((la & 0xFFF) <= 0xFFC) {
                c.memory.write32(c.translate(la, kind, 4), v);
            } else {
                for (int k = 0; k < 4; k++) {
                    c.memory.write8(c.translate(la + k, kind), v >>> (8 * k));
                }
            }
        } else {
            c.memory.write8(c.translate(la, kind), v);
            c.memory.write8(c.translate(la + 1, kind), v >>> 8);
        }
    }

    private void deliverReal(int vector, int returnEip) {
        if (vector * 4 + 3 > c.idtrLimit) {
            throw c.fault(GP, 0);
        }
        int ip = c.readLin16(c.idtrBase + vector * 4);
        int cs = c.readLin16(c.idtrBase + vector * 4 + 2);
        c.push16(c.eflags());
        c.push16(c.segSel[CS]);
        c.push16(returnEip);
        seg.installReal(CS, cs);
        c.eip = ip;
        c.flags.bits &= ~(Flags.TF | Flags.IF | Flags.AC | Flags.RF);
    }
}
