package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.Cpu.AR_CE;
import static io.trapgate.vm.cpu.Cpu.AR_CODE;
import static io.trapgate.vm.cpu.Cpu.AR_RW;
import static io.trapgate.vm.cpu.Cpu.AR_S;
import static io.trapgate.vm.cpu.Cpu.EAX;
import static io.trapgate.vm.cpu.Cpu.EBX;
import static io.trapgate.vm.cpu.Cpu.ECX;
import static io.trapgate.vm.cpu.Cpu.EDX;
import static io.trapgate.vm.cpu.Cpu.GP;
import static io.trapgate.vm.cpu.Cpu.NP;
import static io.trapgate.vm.cpu.Cpu.UD;

/**
 * System instructions: control and debug registers, descriptor-table registers, LDT/TR loads,
 * lar/lsl/verr/verw/arpl, MSRs, cpuid, rdtsc, port I/O with IOPL and the TSS I/O bitmap,
 * hlt/cli/sti and pushf/popf.
 */
final class SystemOps {
    static final int MSR_TSC = 0x10;
    static final int MSR_SYSENTER_CS = 0x174;
    static final int MSR_SYSENTER_ESP = 0x175;
    static final int MSR_SYSENTER_EIP = 0x176;


    private final Cpu c;
    private final int[] r;
    /** TSC = retired instructions + this (wrmsr to the TSC sets it). */
    long tscOffset;

    SystemOps(Cpu c) {
        this.c = c;
        this.r = c.r;
    }

    void requireCpl0() {
        if (c.cpl != 0 && c.protectedMode()) {
            throw c.fault(GP, 0);
        }
    }

    private int iopl() {
        return (c.flags.bits >>> 12) & 3;
    }

    // ---- flags, interrupts enable, halt ----

    void pushf(Insn i) {
        int v = c.eflags() & ~(Flags.RF | Flags.VM);
        c.push(i.o16, v);
    }

    void popf(Insn i) {
        int v = i.o16 ? c.peek16(0) : c.peek32(0);
        c.setSp(c.sp() + (i.o16 ? 2 : 4));
        c.interpreter.control.loadFlags(v, c.interpreter.control.changeableFlags(false), i.o16);
    }

    void cli() {
        if (c.protectedMode() && c.cpl > iopl()) {
            throw c.fault(GP, 0);
        }
        c.flags.bits &= ~Flags.IF;
    }

    void sti() {
        if (c.protectedMode() && c.cpl > iopl()) {
            throw c.fault(GP, 0);
        }
        if ((c.flags.bits & Flags.IF) == 0) {
            c.flags.bits |= Flags.IF;
            c.shadowAt = c.retired + 1; // interrupts are recognised only after the next instruction
        }
    }

    void hlt() {
        requireCpl0();
        c.halted = true;
    }


    // ---- port I/O ----

    /** IOPL, then the TSS I/O permission bitmap, decide whether CPL may touch the ports. */
    void checkIo(int port, int size) {
        if (!c.protectedMode() || c.cpl <= iopl()) {
            return;
        }
        int trType = c.trAr & 0xF;
        if ((trType != 0x9 && trType != 0xB) || c.trLimit < 0x67) {
            throw c.fault(GP, 0);
        }
        int bitmap = c.sysRead16(c.trBase + 0x66);
        int byteOff = bitmap + (port >>> 3);
        if (Integer.compareUnsigned(byteOff + 1, c.trLimit) > 0) {
            throw c.fault(GP, 0);
        }
        int bits = c.sysRead16(c.trBase + byteOff);
        int mask = ((1 << size) - 1) << (port & 7);
        if ((bits & mask) != 0) {
            throw c.fault(GP, 0);
        }
    }

    void in(Insn i, int size, int port) {
        int bytes = 1 << size;
        checkIo(port, bytes);
        int v = c.io.in(port, bytes);
        c.sampleInterruptLine();
        c.interpreter.setReg(size, EAX, v);
    }

    void out(Insn i, int size, int port) {
        int bytes = 1 << size;
        checkIo(port, bytes);
        c.io.out(port, bytes, c.interpreter.reg(size, EAX));
        c.sampleInterruptLine();
    }

    // ---- control and debug registers ----

    void clts() {
        requireCpl0();
        c.cr0 &= ~Cpu.CR0_TS;
    }

    void movFromCr(Insn i) {
        requireCpl0();
        int v;
        switch (i.reg) {
            case 0: v = c.cr0; break;
            case 2: v = c.cr2; break;
            case 3: v = c.cr3; break;
            case 4: v = c.cr4; break;
            default: throw c.fault(UD, 0);
        }
        r[i.rm] = v;
    }

    void movToCr(Insn i) {
        requireCpl0();
        int v = r[i.rm];
        switch (i.reg) {
            case 0: writeCr0(v); break;
            case 2: c.cr2 = v; break;
            case 3:
                c.cr3 = v & 0xFFFFF018;
                c.flushTlb(false);
                break;
            case 4: {
                // VME PVI TSD DE PSE (no PAE) MCE PGE PCE; PGE only where CPUID has it
                int allowed = c.model.has(CpuModel.FEATURE_PGE) ? 0x1DF : 0x15F;
                if ((v & ~allowed) != 0) {
                    throw c.fault(GP, 0);
                }
                c.cr4 = v;
                c.flushTlb(true);
                break;
            }
            default: throw c.fault(UD, 0);
        }
    }

    void writeCr0(int v) {
        if ((v & Cpu.CR0_PG) != 0 && (v & Cpu.CR0_PE) == 0) {
            throw c.fault(GP, 0);
        }
        if ((v & Cpu.CR0_NW) != 0 && (v & Cpu.CR0_CD) == 0) {
            throw c.fault(GP, 0);
        }
        int old = c.cr0;
        c.cr0 = v | Cpu.CR0_ET;
        if (((old ^ v) & (Cpu.CR0_PG | Cpu.CR0_WP | Cpu.CR0_PE)) != 0) {
            c.flushTlb(true);
        }
    }

    void movFromDr(Insn i) {
        requireCpl0();
        int n = i.reg;
        if (n == 4 || n == 5) {
            if ((c.cr4 & 8) != 0) {
                throw c.fault(UD, 0);
            }
            n += 2;
        }
        r[i.rm] = c.dr[n];
    }

    void movToDr(Insn i) {
        requireCpl0();
        int n = i.reg;
        if (n == 4 || n == 5) {
            if ((c.cr4 & 8) != 0) {
                throw c.fault(UD, 0);
            }
            n += 2;
        }
        int v = r[i.rm];
        if (n == 6) {
            v = (v & 0xE00F) | 0xFFFF0FF0;
        } else if (n == 7) {
            v = (v & ~0xD800) | 0x400;
        }
        c.dr[n] = v;
        if (n != 6) {
            c.hardwareBreakpoints.recompute();
        }
    }

    // ---- MSRs, cpuid, rdtsc ----

    void rdmsr() {
        requireCpl0();
        long v;
        switch (r[ECX]) {
            case MSR_TSC: v = c.retired + tscOffset; break;
            case MSR_SYSENTER_CS: v = c.sysenterCs & 0xFFFFFFFFL; break;
            case MSR_SYSENTER_ESP: v = c.sysenterEsp & 0xFFFFFFFFL; break;
            case MSR_SYSENTER_EIP: v = c.sysenterEip & 0xFFFFFFFFL; break;
            default: throw c.fault(GP, 0);
        }
        r[EAX] = (int) v;
        r[EDX] = (int) (v >>> 32);
    }

    void wrmsr() {
        requireCpl0();
        long v = ((long) r[EDX] << 32) | (r[EAX] & 0xFFFFFFFFL);
        switch (r[ECX]) {
            case MSR_TSC: tscOffset = v - c.retired; break;
            case MSR_SYSENTER_CS: c.sysenterCs = r[EAX] & 0xFFFF; break;
            case MSR_SYSENTER_ESP: c.sysenterEsp = r[EAX]; break;
            case MSR_SYSENTER_EIP: c.sysenterEip = r[EAX]; break;
            default: throw c.fault(GP, 0);
        }
    }

    void rdtsc() {
        if ((c.cr4 & 4) != 0 && c.cpl != 0 && c.protectedMode()) {
            throw c.fault(GP, 0);
        }
        long v = c.retired + tscOffset;
        r[EAX] = (int) v;
        r[EDX] = (int) (v >>> 32);
    }

    /** rdpmc: the P6's two performance counters, which count nothing here; CR4.PCE opens it to CPL > 0. */
    void rdpmc() {
        if (c.cpl != 0 && c.protectedMode() && (c.cr4 & 0x100) == 0) {
            throw c.fault(GP, 0);
        }
        if (r[ECX] != 0 && r[ECX] != 1) {
            throw c.fault(GP, 0);
        }
        r[EAX] = 0;
        r[EDX] = 0;
    }

    void cpuid() {
        switch (r[EAX]) {
            case 0:
                r[EAX] = 1;
                r[EBX] = 0x756E6547; // "Genu"
                r[EDX] = 0x49656E69; // "ineI"
                r[ECX] = 0x6C65746E; // "ntel"
                break;
            case 1:
                r[EAX] = c.model.signature;
                r[EBX] = 0;
                r[ECX] = 0;
                r[EDX] = c.model.features;
                break;
            default:
                r[EAX] = r[EBX] = r[ECX] = r[EDX] = 0;
                break;
        }
    }

    // ---- descriptor tables, LDT, TR ----

    void group6(Insn i) {
        if (!c.protectedMode()) {
            throw c.fault(UD, 0);
        }
        switch (i.reg) {
            case 0: storeSelector(i, c.ldtrSel); return;
            case 1: storeSelector(i, c.trSel); return;
            case 2: lldt(c.interpreter.readRm(i, 1)); return;
            case 3: ltr(c.interpreter.readRm(i, 1)); return;
            case 4: verify(c.interpreter.readRm(i, 1), false); return;
            case 5: verify(c.interpreter.readRm(i, 1), true); return;
            default: throw c.fault(UD, 0);
        }
    }

    /** sldt/str/smsw to a register write the full operand size; to memory always 16 bits. */
    private void storeSelector(Insn i, int v) {
        if (i.mod == 3) {
            c.interpreter.setReg(i.o16 ? 1 : 2, i.rm, v & 0xFFFF);
        } else {
            c.write16(i.seg, c.ea(i), v);
        }
    }

    private void lldt(int sel) {
        requireCpl0();
        if ((sel & 0xFFFC) == 0) {
            c.ldtrSel = sel;
            c.ldtrBase = 0;
            c.ldtrLimit = 0;
            return;
        }
        if ((sel & 4) != 0) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        SegmentUnit s = c.segments;
        s.readOrFault(sel, GP);
        int type = (s.hi >>> 8) & 0x1F;
        if (type != 0x02) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        if ((s.hi & 0x8000) == 0) {
            throw c.fault(NP, sel & 0xFFFC);
        }
        c.ldtrSel = sel;
        c.ldtrBase = SegmentUnit.base(s.lo, s.hi);
        c.ldtrLimit = SegmentUnit.limit(s.lo, s.hi);
    }

    private void ltr(int sel) {
        requireCpl0();
        if ((sel & 0xFFFC) == 0 || (sel & 4) != 0) {
            throw c.fault(GP, sel & 0xFFFC);
        }
        SegmentUnit s = c.segments;
        s.readOrFault(sel, GP);
        int type = (s.hi >>> 8) & 0x1F;
        if (type != 0x09 && type != 0x01) {
            throw c.fault(GP, sel & 0xFFFC); // must be an available TSS
        }
        if ((s.hi & 0x8000) == 0) {
            throw c.fault(NP, sel & 0xFFFC);
        }
        s.hi |= 0x200; // busy
        c.sysWrite8(s.addr + 5, s.hi >>> 8);
        c.trSel = sel;
        c.trBase = SegmentUnit.base(s.lo, s.hi);
        c.trLimit = SegmentUnit.limit(s.lo, s.hi);
        c.trAr = SegmentUnit.ar(s.hi);
    }

    /** verr/verw: ZF = the segment is readable/writable at the current CPL and the selector's RPL. */
    private void verify(int sel, boolean write) {
        boolean ok = false;
        SegmentUnit s = c.segments;
        if ((sel & 0xFFFC) != 0 && s.read(sel)) {
            int ar = SegmentUnit.ar(s.hi);
            int dpl = SegmentUnit.dpl(ar);
            boolean conformingCode = (ar & (AR_CODE | AR_CE)) == (AR_CODE | AR_CE);
            if ((ar & AR_S) != 0 && (conformingCode || (dpl >= c.cpl && dpl >= (sel & 3)))) {
                if (write) {
                    ok = (ar & (AR_CODE | AR_RW)) == AR_RW;
                } else {
                    ok = (ar & AR_CODE) == 0 || (ar & AR_RW) != 0;
                }
            }
        }
        c.flags.setArith(Flags.ZF, ok ? Flags.ZF : 0);
    }

    /** The descriptor types lar (all = true) or lsl accept at the current privilege; -1 if not. */
    private boolean loadableByLarLsl(int sel, boolean lar) {
        SegmentUnit s = c.segments;
        if ((sel & 0xFFFC) == 0 || !s.read(sel)) {
            return false;
        }
        int ar = SegmentUnit.ar(s.hi);
        int dpl = SegmentUnit.dpl(ar);
        if ((ar & AR_S) == 0) {
            int type = ar & 0xF;
            boolean valid;
            switch (type) {
                case 1: case 2: case 3: case 9: case 0xB: valid = true; break;
                case 4: case 5: case 0xC: valid = lar; break; // gates have an access byte but no limit
                default: valid = false; break;
            }
            if (!valid) {
                return false;
            }
        } else if ((ar & (AR_CODE | AR_CE)) == (AR_CODE | AR_CE)) {
            return true;
        }
        return dpl >= c.cpl && dpl >= (sel & 3);
    }

    void lar(Insn i) {
        if (!c.protectedMode()) {
            throw c.fault(UD, 0);
        }
        int sel = c.interpreter.readRm(i, 1);
        if (loadableByLarLsl(sel, true)) {
            int v = c.segments.hi & 0x00F0FF00; // bits 16-19 are undefined: zero, as QEMU gives (AMD hosts return the limit bits)
            c.interpreter.setReg(i.o16 ? 1 : 2, i.reg, v);
            c.flags.setArith(Flags.ZF, Flags.ZF);
        } else {
            c.flags.setArith(Flags.ZF, 0);
        }
    }

    void lsl(Insn i) {
        if (!c.protectedMode()) {
            throw c.fault(UD, 0);
        }
        int sel = c.interpreter.readRm(i, 1);
        if (loadableByLarLsl(sel, false)) {
            int v = SegmentUnit.limit(c.segments.lo, c.segments.hi);
            c.interpreter.setReg(i.o16 ? 1 : 2, i.reg, v);
            c.flags.setArith(Flags.ZF, Flags.ZF);
        } else {
            c.flags.setArith(Flags.ZF, 0);
        }
    }

    void arpl(Insn i) {
        if (!c.protectedMode()) {
            throw c.fault(UD, 0);
        }
        int dst = c.interpreter.readRmw(i, 1);
        int src = c.interpreter.reg(1, i.reg);
        if ((dst & 3) < (src & 3)) {
            c.interpreter.writeRmw(i, 1, (dst & ~3) | (src & 3));
            c.flags.setArith(Flags.ZF, Flags.ZF);
        } else {
            c.flags.setArith(Flags.ZF, 0);
        }
    }

    void group7(Insn i) {
        switch (i.reg) {
            case 0: case 1: { // sgdt, sidt
                if (i.mod == 3) {
                    throw c.fault(UD, 0);
                }
                int off = c.ea(i);
                int limit = i.reg == 0 ? c.gdtrLimit : c.idtrLimit;
                int base = i.reg == 0 ? c.gdtrBase : c.idtrBase;
                c.write16(i.seg, off, limit);
                c.write32(i.seg, i.a16 ? (off + 2) & 0xFFFF : off + 2, i.o16 ? base & 0x00FFFFFF : base);
                return;
            }
            case 2: case 3: { // lgdt, lidt
                if (i.mod == 3) {
                    throw c.fault(UD, 0);
                }
                requireCpl0();
                int off = c.ea(i);
                int limit = c.read16(i.seg, off);
                int base = c.read32(i.seg, i.a16 ? (off + 2) & 0xFFFF : off + 2);
                if (i.o16) {
                    base &= 0x00FFFFFF;
                }
                if (i.reg == 2) {
                    c.gdtrLimit = limit;
                    c.gdtrBase = base;
                } else {
                    c.idtrLimit = limit;
                    c.idtrBase = base;
                }
                return;
            }
            case 4: // smsw
                storeSelector(i, c.cr0);
                if (i.mod == 3 && !i.o16) {
                    r[i.rm] = c.cr0;
                }
                return;
            case 6: { // lmsw: PE can be set but not cleared
                requireCpl0();
                int v = c.interpreter.readRm(i, 1);
                int newCr0 = (c.cr0 & ~0xE) | (v & 0xF) | (c.cr0 & Cpu.CR0_PE);
                writeCr0(newCr0);
                return;
            }
            case 7: // invlpg
                if (i.mod == 3) {
                    throw c.fault(UD, 0);
                }
                requireCpl0();
                c.flushTlbPage(c.segBase[i.seg] + c.ea(i));
                return;
            default:
                throw c.fault(UD, 0);
        }
    }
}
