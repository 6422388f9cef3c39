package io.trapgate.vm.cpu;

/**
 * The x87 floating-point unit, enough for what C libraries do with it: loads and stores of
 * single, double, extended and integer operands, the arithmetic and compare instructions, the
 * control/status/tag words with fnstenv/fldenv/fnsave/frstor, and the constants and common
 * transcendental functions. Registers hold Java doubles, so extended-precision (64-bit mantissa)
 * values are rounded to 53 bits; exceptions behave as masked (default control word) and never
 * raise #MF.
 */
final class Fpu {
    private static final int C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000;
    private static final int IE = 1, ZE = 4, SF = 0x40;

    private final Cpu c;
    /** The eight physical registers; ST(i) is st[(top + i) & 7]. */
    private final double[] st = new double[8];
    private final boolean[] empty = new boolean[8];
    private int top;
    int control = 0x37F;
    private int status;
    /** Last instruction and operand pointers, as fnstenv reports them. */
    private int lastEip;
    private int lastCs;
    private int lastOpcode;
    private int lastData;
    private int lastDs;

    Fpu(Cpu c) {
        this.c = c;
        init();
    }

    void init() {
        control = 0x37F;
        status = 0;
        top = 0;
        java.util.Arrays.fill(empty, true);
        java.util.Arrays.fill(st, 0.0);
        lastEip = lastCs = lastOpcode = lastData = lastDs = 0;
    }

    // ---- register stack ----

    private double get(int i) {
        int p = (top + i) & 7;
        if (empty[p]) {
            status |= IE | SF; // stack underflow: the masked response is the indefinite NaN
            status &= ~C1;
            return Double.NaN;
        }
        return st[p];
    }

    private void set(int i, double v) {
        int p = (top + i) & 7;
        st[p] = v;
        empty[p] = false;
    }

    private void push(double v) {
        top = (top - 1) & 7;
        if (!empty[top]) {
            status |= IE | SF | C1; // stack overflow
            v = Double.NaN;
        }
        st[top] = v;
        empty[top] = false;
    }

    private void pop() {
        empty[top] = true;
        top = (top + 1) & 7;
    }

    // ---- memory operands ----

    private float readF32(int seg, int off) {
        return Float.intBitsToFloat(c.read32(seg, off));
    }

    private double readF64(int seg, int off) {
        int lo = c.read32(seg, off);
        int hi = c.read32(seg, off + 4);
        return Double.longBitsToDouble(((long) hi << 32) | (lo & 0xFFFFFFFFL));
    }

    private long readI64(int seg, int off) {
        int lo = c.read32(seg, off);
        int hi = c.read32(seg, off + 4);
        return ((long) hi << 32) | (lo & 0xFFFFFFFFL);
    }

    private void writeI64(int seg, int off, long v) {
        int la = c.linear(seg, off, 8, true);
        c.probeWrite(la, 8);
        c.write32(seg, off, (int) v);
        c.write32(seg, off + 4, (int) (v >>> 32));
    }

    private double readF80(int seg, int off) {
        long mant = readI64(seg, off);
        int se = c.read16(seg, off + 8);
        return fromExtended(mant, se);
    }

    private void writeF80(int seg, int off, double v) {
        int la = c.linear(seg, off, 10, true);
        c.probeWrite(la, 10);
        long[] parts = toExtended(v);
        c.write32(seg, off, (int) parts[0]);
        c.write32(seg, off + 4, (int) (parts[0] >>> 32));
        c.write16(seg, off + 8, (int) parts[1]);
    }

    /** 80-bit extended (64-bit mantissa with explicit integer bit, 15-bit exponent) to double. */
    static double fromExtended(long mant, int se) {
        boolean neg = (se & 0x8000) != 0;
        int exp = se & 0x7FFF;
        double v;
        if (exp == 0x7FFF) {
            v = (mant << 1) == 0 ? Double.POSITIVE_INFINITY : Double.NaN;
        } else if (mant == 0) {
            v = 0.0;
        } else {
            // mant * 2^(exp - 16383 - 63), rounding the 64-bit mantissa to 53 bits first
            int shift = Long.numberOfLeadingZeros(mant);
            long m = mant << shift;
            int e = exp - 16383 - 63 - shift;
            long top53 = m >>> 11;
            long rest = m & 0x7FF;
            if (rest > 0x400 || (rest == 0x400 && (top53 & 1) != 0)) {
                top53++;
            }
            v = Math.scalb((double) top53, e + 11);
        }
        return neg ? -v : v;
    }

    /** Double to 80-bit extended: {mantissa, sign|exponent}. Exact. */
    static long[] toExtended(double v) {
        long bits = Double.doubleToRawLongBits(v);
        int sign = (int) (bits >>> 48) & 0x8000;
        int exp = (int) (bits >>> 52) & 0x7FF;
        long frac = bits & 0xFFFFFFFFFFFFFL;
        if (exp == 0x7FF) {
            long mant = frac == 0 ? 0x8000000000000000L : 0xC000000000000000L | (frac << 11);
            return new long[] {mant, sign | 0x7FFF};
        }
        if (exp == 0) {
            if (frac == 0) {
                return new long[] {0, sign};
            }
            // a double denormal is frac * 2^-1074 = mant * 2^(-1074 - shift), normal in extended
            int shift = Long.numberOfLeadingZeros(frac);
            long mant = frac << shift;
            int e = -1074 - shift + 63 + 16383;
            return new long[] {mant, sign | e};
        }
        long mant = 0x8000000000000000L | (frac << 11);
        return new long[] {mant, sign | (exp - 1023 + 16383)};
    }

    // ---- rounding ----

    private double roundToInteger(double v) {
        switch ((control >>> 10) & 3) {
            case 0: return Math.rint(v);
            case 1: return Math.floor(v);
            case 2: return Math.ceil(v);
            default: return v < 0 ? Math.ceil(v) : Math.floor(v);
        }
    }

    /** Integer conversion with the x87 "integer indefinite" for NaN and out-of-range values. */
    private long toInteger(double v, int bits) {
        double r = roundToInteger(v);
        long min = -(1L << (bits - 1));
        long max = (1L << (bits - 1)) - 1;
        if (Double.isNaN(r) || r < min || r > max) {
            status |= IE;
            return min;
        }
        return (long) r;
    }

    // ---- compare ----

    /** Sets C3/C2/C0 for fcom/fucom/ftst (C1 cleared). */
    private void compareFlags(double a, double b) {
        status &= ~(C0 | C1 | C2 | C3);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            status |= C0 | C2 | C3;
        } else if (a < b) {
            status |= C0;
        } else if (a == b) {
            status |= C3;
        }
    }

    /** fcomi/fucomi: ZF, PF, CF from the comparison; OF, SF, AF cleared. */
    private void compareEflags(double a, double b) {
        int v;
        if (Double.isNaN(a) || Double.isNaN(b)) {
            v = Flags.ZF | Flags.PF | Flags.CF;
        } else if (a < b) {
            v = Flags.CF;
        } else if (a == b) {
            v = Flags.ZF;
        } else {
            v = 0;
        }
        c.flags.setArith(Flags.ARITH, v);
        status &= ~C1;
    }

    private static double arith(int op, double a, double b) {
        switch (op) {
            case 0: return a + b;
            case 1: return a * b;
            case 4: return a - b;
            case 5: return b - a;
            case 6: return a / b;
            default: return b / a; // 7: divr
        }
    }

    // ---- dispatch ----

    /** Executes the escape opcode D8-DF of {@code i}. */
    void execute(Insn i) {
        int esc = i.op & 7;
        if (i.op != 0xD9 || i.mod != 3 || i.reg != 2) { // every instruction but fnop records its address
            lastEip = c.faultEip;
            lastCs = c.segSel[Cpu.CS];
            lastOpcode = (esc << 8) | (i.mod << 6) | (i.reg << 3) | i.rm;
        }
        if (i.mod != 3) {
            int off = c.ea(i);
            lastData = off;
            lastDs = c.segSel[i.seg];
            memory(i, esc, off);
        } else {
            register(i, esc);
        }
    }

    private void memory(Insn i, int esc, int off) {
        int seg = i.seg;
        int r = i.reg;
        switch (esc) {
            case 0: arithMemory(r, readF32(seg, off)); return;
            case 2: arithMemory(r, c.read32(seg, off)); return;
            case 4: arithMemory(r, readF64(seg, off)); return;
            case 6: arithMemory(r, (short) c.read16(seg, off)); return;
            case 1:
                switch (r) {
                    case 0: push(readF32(seg, off)); return;
                    case 2: c.write32(seg, off, Float.floatToRawIntBits((float) get(0))); return;
                    case 3: c.write32(seg, off, Float.floatToRawIntBits((float) get(0))); pop(); return;
                    case 4: loadEnvironment(seg, off); return;
                    case 5: control = c.read16(seg, off) | 0x40; return;
                    case 6: storeEnvironment(seg, off); return;
                    case 7: c.write16(seg, off, control); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
            case 3:
                switch (r) {
                    case 0: push(c.read32(seg, off)); return;
                    case 2: c.write32(seg, off, (int) toInteger(get(0), 32)); return;
                    case 3: c.write32(seg, off, (int) toInteger(get(0), 32)); pop(); return;
                    case 5: push(readF80(seg, off)); return;
                    case 7: writeF80(seg, off, get(0)); pop(); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
            case 5:
                switch (r) {
                    case 0: push(readF64(seg, off)); return;
                    case 2: writeI64(seg, off, Double.doubleToRawLongBits(get(0))); return;
                    case 3: writeI64(seg, off, Double.doubleToRawLongBits(get(0))); pop(); return;
                    case 4: restoreState(seg, off); return;
                    case 6: saveState(seg, off); return;
                    case 7: c.write16(seg, off, statusWord()); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
            default: // 7
                switch (r) {
                    case 0: push((short) c.read16(seg, off)); return;
                    case 2: c.write16(seg, off, (int) toInteger(get(0), 16)); return;
                    case 3: c.write16(seg, off, (int) toInteger(get(0), 16)); pop(); return;
                    case 5: push((double) readI64(seg, off)); return;
                    case 7: writeI64(seg, off, toInteger(get(0), 64)); pop(); return;
                    default: throw c.fault(Cpu.UD, 0); // fbld/fbstp are not implemented
                }
        }
    }

    /** D8/DA/DC/DE with a memory operand: ST0 op= operand, or compare. */
    private void arithMemory(int op, double operand) {
        double a = get(0);
        if (op == 2 || op == 3) {
            compareFlags(a, operand);
            if (op == 3) {
                pop();
            }
            return;
        }
        set(0, arith(op, a, operand));
    }

    private void register(Insn i, int esc) {
        int r = i.reg;
        int n = i.rm;
        switch (esc) {
            case 0: { // D8: st0 = st0 op st(i)
                double a = get(0);
                double b = get(n);
                if (r == 2 || r == 3) {
                    compareFlags(a, b);
                    if (r == 3) {
                        pop();
                    }
                    return;
                }
                set(0, arith(r, a, b));
                return;
            }
            case 1: registerD9(r, n); return;
            case 2: // DA: fcmovb/e/be/u, fucompp
                if (r < 4) {
                    if (fcmovCondition(r)) {
                        set(0, get(n));
                    }
                    return;
                }
                if (r == 5 && n == 1) {
                    compareFlags(get(0), get(1));
                    pop();
                    pop();
                    return;
                }
                throw c.fault(Cpu.UD, 0);
            case 3: // DB: fcmovn*, fnclex, fninit, fucomi, fcomi
                if (r < 4) {
                    if (!fcmovCondition(r)) {
                        set(0, get(n));
                    }
                    return;
                }
                if (r == 4 && n == 2) {
                    status &= 0x7F00; // fnclex
                    return;
                }
                if (r == 4 && n == 3) {
                    init();
                    return;
                }
                if (r == 4 && (n == 0 || n == 1 || n == 4)) {
                    return; // 8087 feni/fdisi, 287 fsetpm: no-ops
                }
                if (r == 5 || r == 6) {
                    compareEflags(get(0), get(n));
                    return;
                }
                throw c.fault(Cpu.UD, 0);
            case 4: { // DC: st(i) = st(i) op st0 (sub/subr and div/divr swap roles)
                double a = get(n);
                double b = get(0);
                if (r == 2 || r == 3) { // aliases of fcom/fcomp
                    compareFlags(b, a);
                    if (r == 3) {
                        pop();
                    }
                    return;
                }
                set(n, arithReversed(r, a, b));
                return;
            }
            case 5: // DD: ffree, fxch alias, fst, fstp, fucom, fucomp
                switch (r) {
                    case 0: empty[(top + n) & 7] = true; return;
                    case 1: fxch(n); return;
                    case 2: set(n, get(0)); return;
                    case 3: set(n, get(0)); pop(); return;
                    case 4: compareFlags(get(0), get(n)); return;
                    case 5: compareFlags(get(0), get(n)); pop(); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
            case 6: { // DE: the popping forms
                if (r == 3) {
                    if (n != 1) {
                        throw c.fault(Cpu.UD, 0);
                    }
                    compareFlags(get(0), get(1)); // fcompp
                    pop();
                    pop();
                    return;
                }
                double a = get(n);
                double b = get(0);
                if (r == 2) {
                    compareFlags(b, a);
                    pop();
                    return;
                }
                set(n, arithReversed(r, a, b));
                pop();
                return;
            }
            default: // DF: fnstsw ax, fucomip, fcomip, ffreep
                if (r == 4 && n == 0) {
                    c.setReg16(Cpu.EAX, statusWord());
                    return;
                }
                if (r == 5 || r == 6) {
                    compareEflags(get(0), get(n));
                    pop();
                    return;
                }
                if (r == 0) {
                    empty[(top + n) & 7] = true;
                    pop();
                    return;
                }
                if (r == 1) {
                    fxch(n);
                    return;
                }
                if (r == 2 || r == 3) {
                    set(n, get(0));
                    pop();
                    return;
                }
                throw c.fault(Cpu.UD, 0);
        }
    }

    /** DC/DE register forms: st(i) = st(i) op st0, where /4 is st0 - st(i)... in Intel's naming. */
    private static double arithReversed(int op, double sti, double st0) {
        switch (op) {
            case 0: return sti + st0;
            case 1: return sti * st0;
            case 4: return st0 - sti; // fsubr st(i): st(i) = st0 - st(i)
            case 5: return sti - st0; // fsub st(i): st(i) = st(i) - st0
            case 6: return st0 / sti; // fdivr
            default: return sti / st0; // fdiv
        }
    }

    private boolean fcmovCondition(int r) {
        Flags f = c.flags;
        switch (r) {
            case 0: return f.cf();
            case 1: return f.zf();
            case 2: return f.cf() || f.zf();
            default: return f.pf();
        }
    }

    private void fxch(int n) {
        double a = get(0);
        double b = get(n);
        set(0, b);
        set(n, a);
    }

    private void registerD9(int r, int n) {
        switch (r) {
            case 0: push(get(n)); return;
            case 1: fxch(n); return;
            case 2:
                if (n == 0) {
                    return; // fnop
                }
                throw c.fault(Cpu.UD, 0);
            case 3: set(n, get(0)); pop(); return; // fstp1 alias
            case 4:
                switch (n) {
                    case 0: set(0, -get(0)); return;
                    case 1: set(0, Math.abs(get(0))); return;
                    case 4: compareFlags(get(0), 0.0); return;
                    case 5: examine(); return;
                    default: throw c.fault(Cpu.UD, 0);
                }
            case 5: {
                double k;
                switch (n) {
                    case 0: k = 1.0; break;
                    case 1: k = Math.log(10) / Math.log(2); break;
                    case 2: k = 1 / Math.log(2); break;
                    case 3: k = Math.PI; break;
                    case 4: k = Math.log10(2); break;
                    case 5: k = Math.log(2); break;
                    case 6: k = 0.0; break;
                    default: throw c.fault(Cpu.UD, 0);
                }
                push(k);
                return;
            }
            case 6:
                switch (n) {
                    case 0: set(0, Math.pow(2, get(0)) - 1); return; // f2xm1
                    case 1: { // fyl2x
                        double v = get(1) * (Math.log(get(0)) / Math.log(2));
                        pop();
                        set(0, v);
                        return;
                    }
                    case 2: set(0, Math.tan(get(0))); push(1.0); status &= ~C2; return;
                    case 3: { // fpatan
                        double v = Math.atan2(get(1), get(0));
                        pop();
                        set(0, v);
                        return;
                    }
                    case 4: { // fxtract
                        double v = get(0);
                        int e = Math.getExponent(v);
                        set(0, (double) e);
                        push(Math.scalb(v, -e));
                        return;
                    }
                    case 5: remainder(true); return;
                    case 6: top = (top - 1) & 7; return;
                    default: top = (top + 1) & 7; return;
                }
            default:
                switch (n) {
                    case 0: remainder(false); return;
                    case 1: { // fyl2xp1
                        double v = get(1) * (Math.log1p(get(0)) / Math.log(2));
                        pop();
                        set(0, v);
                        return;
                    }
                    case 2: set(0, Math.sqrt(get(0))); return;
                    case 3: { // fsincos
                        double v = get(0);
                        set(0, Math.sin(v));
                        push(Math.cos(v));
                        status &= ~C2;
                        return;
                    }
                    case 4: set(0, roundToInteger(get(0))); return;
                    case 5: set(0, Math.scalb(get(0), (int) Math.max(-100000, Math.min(100000, roundTowardZero(get(1)))))); return;
                    case 6: set(0, Math.sin(get(0))); status &= ~C2; return;
                    default: set(0, Math.cos(get(0))); status &= ~C2; return;
                }
        }
    }

    private static double roundTowardZero(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }

    /** fprem (truncating) and fprem1 (round to nearest): C2 = 0 (complete), C0/C3/C1 = quotient bits. */
    private void remainder(boolean ieee) {
        double a = get(0);
        double b = get(1);
        double rem = ieee ? Math.IEEEremainder(a, b) : a % b;
        double q = (a - rem) / b;
        long qi = Double.isNaN(q) || Double.isInfinite(q) ? 0 : (long) Math.abs(q);
        status &= ~(C0 | C1 | C2 | C3);
        if ((qi & 1) != 0) {
            status |= C1;
        }
        if ((qi & 2) != 0) {
            status |= C3;
        }
        if ((qi & 4) != 0) {
            status |= C0;
        }
        set(0, rem);
    }

    /** fxam: C1 = sign; C3/C2/C0 = class. */
    private void examine() {
        int p = top;
        double v = st[p];
        status &= ~(C0 | C1 | C2 | C3);
        if ((Double.doubleToRawLongBits(v) < 0)) {
            status |= C1;
        }
        if (empty[p]) {
            status |= C3 | C0;
        } else if (Double.isNaN(v)) {
            status |= C0;
        } else if (Double.isInfinite(v)) {
            status |= C2 | C0;
        } else if (v == 0) {
            status |= C3;
        } else {
            status |= C2; // normal (a double denormal is a normal extended value)
        }
    }

    // ---- debugger access (physical/stack views as gdb's i387 registers expect) ----

    int tagWordFull() {
        return tagWord();
    }

    int lastEip() {
        return lastEip;
    }

    int lastCs() {
        return lastCs;
    }

    int lastOpcode() {
        return lastOpcode;
    }

    int lastData() {
        return lastData;
    }

    int lastDs() {
        return lastDs;
    }

    /** ST(i) as the 10-byte extended value gdb shows. */
    void readStackRegister(int i, byte[] dst, int off) {
        long[] parts = toExtended(st[(top + i) & 7]);
        for (int k = 0; k < 8; k++) {
            dst[off + k] = (byte) (parts[0] >>> (8 * k));
        }
        dst[off + 8] = (byte) parts[1];
        dst[off + 9] = (byte) (parts[1] >>> 8);
    }

    void writeStackRegister(int i, byte[] src, int off) {
        long mant = 0;
        for (int k = 0; k < 8; k++) {
            mant |= (src[off + k] & 0xFFL) << (8 * k);
        }
        int se = (src[off + 8] & 0xFF) | (src[off + 9] & 0xFF) << 8;
        int p = (top + i) & 7;
        st[p] = fromExtended(mant, se);
        empty[p] = false;
    }

    void setStatusWord(int v) {
        status = v & ~0x3800;
        top = (v >>> 11) & 7;
    }

    void setTagWord(int tw) {
        for (int p = 0; p < 8; p++) {
            empty[p] = ((tw >>> (2 * p)) & 3) == 3;
        }
    }

    int statusWord() {
        return (status & ~0x3800) | (top << 11);
    }

    private int tagWord() {
        int tags = 0;
        for (int p = 0; p < 8; p++) {
            int t;
            if (empty[p]) {
                t = 3;
            } else if (st[p] == 0) {
                t = 1;
            } else if (Double.isNaN(st[p]) || Double.isInfinite(st[p])) {
                t = 2;
            } else {
                t = 0;
            }
            tags |= t << (2 * p);
        }
        return tags;
    }

    /** fnstenv, 32-bit protected-mode layout (28 bytes); masks all exceptions afterwards. */
    private void storeEnvironment(int seg, int off) {
        int la = c.linear(seg, off, 28, true);
        c.probeWrite(la, 28);
        c.write32(seg, off, control | 0xFFFF0000);
        c.write32(seg, off + 4, statusWord() | 0xFFFF0000);
        c.write32(seg, off + 8, tagWord() | 0xFFFF0000);
        c.write32(seg, off + 12, lastEip);
        c.write32(seg, off + 16, lastCs | (lastOpcode << 16));
        c.write32(seg, off + 20, lastData);
        c.write32(seg, off + 24, lastDs | 0xFFFF0000);
        control |= 0x3F;
    }

    private void loadEnvironment(int seg, int off) {
        int cw = c.read16(seg, off);
        int sw = c.read16(seg, off + 4);
        int tw = c.read16(seg, off + 8);
        lastEip = c.read32(seg, off + 12);
        int csop = c.read32(seg, off + 16);
        lastData = c.read32(seg, off + 20);
        lastDs = c.read16(seg, off + 24);
        control = cw | 0x40;
        status = sw & ~0x3800;
        top = (sw >>> 11) & 7;
        lastCs = csop & 0xFFFF;
        lastOpcode = (csop >>> 16) & 0x7FF;
        for (int p = 0; p < 8; p++) {
            empty[p] = ((tw >>> (2 * p)) & 3) == 3;
        }
    }

    /** fnsave: the environment then ST0..ST7 as 10-byte extended values (108 bytes); then fninit. */
    private void saveState(int seg, int off) {
        int la = c.linear(seg, off, 108, true);
        c.probeWrite(la, 108);
        storeEnvironment(seg, off);
        for (int i = 0; i < 8; i++) {
            writeF80(seg, off + 28 + 10 * i, st[(top + i) & 7]);
        }
        init();
    }

    private void restoreState(int seg, int off) {
        double[] vals = new double[8];
        for (int i = 0; i < 8; i++) {
            vals[i] = readF80(seg, off + 28 + 10 * i);
        }
        loadEnvironment(seg, off);
        for (int i = 0; i < 8; i++) {
            st[(top + i) & 7] = vals[i];
        }
    }
}
