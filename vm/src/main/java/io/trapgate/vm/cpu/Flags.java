package io.trapgate.vm.cpu;

/**
 * EFLAGS with lazily computed arithmetic flags. An ALU instruction records its operands and
 * result ({@link #op} says which formula applies); CF/PF/AF/ZF/SF/OF are only computed when
 * something reads them. While {@link #op} is {@link #NONE} the arithmetic bits live in
 * {@link #bits} like every other flag.
 */
final class Flags {
    static final int CF = 0x1, PF = 0x4, AF = 0x10, ZF = 0x40, SF = 0x80, TF = 0x100, IF = 0x200,
            DF = 0x400, OF = 0x800, IOPL = 0x3000, NT = 0x4000, RF = 0x10000, VM = 0x20000, AC = 0x40000,
            ID = 0x200000;
    static final int ARITH = CF | PF | AF | ZF | SF | OF;

    static final int NONE = 0, ADD = 1, ADC = 2, SUB = 3, SBB = 4, LOGIC = 5, INC = 6, DEC = 7;
    /** Shifts: dst = the operand (masked to size), src = the count (1-31), res = the result. */
    static final int SHL = 8, SHR = 9, SAR = 10;

    /** Which formula computes the arithmetic flags, or NONE. */
    int op;
    /** Operand size of the recorded operation: 0 = byte, 1 = word, 2 = dword. */
    int size;
    int dst;
    int src;
    int res;
    /** Carry in (ADC/SBB) or the preserved CF (INC/DEC). */
    int cin;
    /** All flags; the arithmetic ones are stale while op != NONE. */
    int bits = 2;

    private static final byte[] PARITY = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            PARITY[i] = (byte) ((Integer.bitCount(i) & 1) == 0 ? PF : 0);
        }
    }

    static int mask(int size) {
        return size == 0 ? 0xFF : size == 1 ? 0xFFFF : 0xFFFFFFFF;
    }

    static int signBit(int size) {
        return size == 0 ? 0x80 : size == 1 ? 0x8000 : 0x80000000;
    }

    void set(int op, int size, int dst, int src, int res) {
        this.op = op;
        this.size = size;
        this.dst = dst;
        this.src = src;
        this.res = res;
    }

    void setWithCarry(int op, int size, int dst, int src, int res, int cin) {
        this.op = op;
        this.size = size;
        this.dst = dst;
        this.src = src;
        this.res = res;
        this.cin = cin;
    }

    void logic(int size, int res) {
        this.op = LOGIC;
        this.size = size;
        this.res = res;
    }

    boolean cf() {
        switch (op) {
            case NONE: return (bits & CF) != 0;
            case ADD: {
                int m = mask(size);
                return Integer.compareUnsigned(res & m, dst & m) < 0;
            }
            case ADC: {
                int m = mask(size);
                int c = Integer.compareUnsigned(res & m, dst & m);
                return cin != 0 ? c <= 0 : c < 0;
            }
            case SUB: {
                int m = mask(size);
                return Integer.compareUnsigned(dst & m, src & m) < 0;
            }
            case SBB: {
                int m = mask(size);
                int c = Integer.compareUnsigned(dst & m, src & m);
                return cin != 0 ? c <= 0 : c < 0;
            }
            case LOGIC: return false;
            case SHL: return shiftCarry();
            case SHR: return shiftCarry();
            case SAR: return shiftCarry();
            default: return cin != 0; // INC, DEC keep CF
        }
    }

    private static int bits(int size) {
        return 8 << size;
    }

    private boolean shiftCarry() {
        int n = src;
        switch (op) {
            case SHL: return ((((long) dst & 0xFFFFFFFFL) << n) >>> bits(size) & 1) != 0;
            case SHR: return n <= bits(size) && ((dst >>> (n - 1)) & 1) != 0;
            default: {
                int sv = size == 0 ? (byte) dst : size == 1 ? (short) dst : dst;
                return ((sv >> Math.min(n - 1, 31)) & 1) != 0;
            }
        }
    }

    private boolean shiftOverflow() {
        switch (op) {
            case SHL: return ((res & signBit(size)) != 0) != shiftCarry();
            case SHR: return (dst & signBit(size)) != 0;
            default: return false;
        }
    }

    boolean zf() {
        return op == NONE ? (bits & ZF) != 0 : (res & mask(size)) == 0;
    }

    boolean sf() {
        return op == NONE ? (bits & SF) != 0 : (res & signBit(size)) != 0;
    }

    boolean pf() {
        return op == NONE ? (bits & PF) != 0 : PARITY[res & 0xFF] != 0;
    }

    boolean af() {
        switch (op) {
            case NONE: return (bits & AF) != 0;
            case LOGIC: case SHL: case SHR: case SAR: return false;
            default: return ((dst ^ src ^ res) & 0x10) != 0;
        }
    }

    boolean of() {
        int sb = signBit(size);
        switch (op) {
            case NONE: return (bits & OF) != 0;
            case ADD: case ADC: case INC: return ((dst ^ res) & (src ^ res) & sb) != 0;
            case SUB: case SBB: case DEC: return ((dst ^ src) & (dst ^ res) & sb) != 0;
            case SHL: case SHR: case SAR: return shiftOverflow();
            default: return false;
        }
    }

    static int parity(int v) {
        return PARITY[v & 0xFF];
    }

    /** The arithmetic flags as EFLAGS bits, computed in one pass over the recorded operation. */
    int arith() {
        if (op == NONE) {
            return bits & ARITH;
        }
        int m = mask(size);
        int sb = signBit(size);
        int r = res;
        int v = PARITY[r & 0xFF] | ((r & m) == 0 ? ZF : 0) | ((r & sb) != 0 ? SF : 0);
        if (op == LOGIC) {
            return v;
        }
        if (op >= SHL) {
            return v | (shiftCarry() ? CF : 0) | (shiftOverflow() ? OF : 0);
        }
        v |= ((dst ^ src ^ r) & AF);
        switch (op) {
            case ADD:
                if (Integer.compareUnsigned(r & m, dst & m) < 0) v |= CF;
                if (((dst ^ r) & (src ^ r) & sb) != 0) v |= OF;
                return v;
            case ADC: {
                int c = Integer.compareUnsigned(r & m, dst & m);
                if (cin != 0 ? c <= 0 : c < 0) v |= CF;
                if (((dst ^ r) & (src ^ r) & sb) != 0) v |= OF;
                return v;
            }
            case SUB:
                if (Integer.compareUnsigned(dst & m, src & m) < 0) v |= CF;
                if (((dst ^ src) & (dst ^ r) & sb) != 0) v |= OF;
                return v;
            case SBB: {
                int c = Integer.compareUnsigned(dst & m, src & m);
                if (cin != 0 ? c <= 0 : c < 0) v |= CF;
                if (((dst ^ src) & (dst ^ r) & sb) != 0) v |= OF;
                return v;
            }
            case INC:
                if (cin != 0) v |= CF;
                if (((dst ^ r) & (src ^ r) & sb) != 0) v |= OF;
                return v;
            default: // DEC
                if (cin != 0) v |= CF;
                if (((dst ^ src) & (dst ^ r) & sb) != 0) v |= OF;
                return v;
        }
    }

    /** Folds the lazy state into {@link #bits}. */
    void materialize() {
        if (op != NONE) {
            bits = (bits & ~ARITH) | arith();
            op = NONE;
        }
    }

    int get() {
        return (bits & ~ARITH) | arith() | 2;
    }

    /** Replaces all flags (bit 1 always reads 1; bits 3, 5, 15 always 0). */
    void setAll(int v) {
        bits = (v | 2) & ~0x8028;
        op = NONE;
    }

    /** Sets or clears some arithmetic flags eagerly, keeping the others. */
    void setArith(int clearMask, int setBits) {
        materialize();
        bits = (bits & ~clearMask) | setBits;
    }

    /** Conditions a 32-bit cmp/sub decides from its operands: all but O, NO, S, NS, P, NP. */
    private static final int SUB32_DIRECT = 0xF0FC;

    /**
     * Evaluates condition code {@code cc} (the low nibble of jcc/setcc/cmovcc). Kept tiny so
     * HotSpot inlines it into every jcc: the whole evaluation in one method was over the 325-byte
     * hot-inlining limit and cost a call per conditional branch.
     */
    boolean cond(int cc) {
        if (op == SUB && size == 2 && ((SUB32_DIRECT >>> cc) & 1) != 0) {
            return condSub32(cc);
        }
        return condFlags(cc);
    }

    /** cmp/sub in 32-bit: decides from the operands directly. */
    private boolean condSub32(int cc) {
        switch (cc) {
            case 2: return Integer.compareUnsigned(dst, src) < 0;
            case 3: return Integer.compareUnsigned(dst, src) >= 0;
            case 4: return dst == src;
            case 5: return dst != src;
            case 6: return Integer.compareUnsigned(dst, src) <= 0;
            case 7: return Integer.compareUnsigned(dst, src) > 0;
            case 0xC: return dst < src;
            case 0xD: return dst >= src;
            case 0xE: return dst <= src;
            default: return dst > src;
        }
    }

    private boolean condFlags(int cc) {
        boolean r;
        switch (cc >> 1) {
            case 0: r = of(); break;
            case 1: r = cf(); break;
            case 2: r = zf(); break;
            case 3: r = cf() || zf(); break;
            case 4: r = sf(); break;
            case 5: r = pf(); break;
            case 6: r = sf() != of(); break;
            default: r = zf() || sf() != of(); break;
        }
        return (cc & 1) != 0 ? !r : r;
    }
}
