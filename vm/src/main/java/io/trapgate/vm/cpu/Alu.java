package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.Flags.AF;
import static io.trapgate.vm.cpu.Flags.CF;
import static io.trapgate.vm.cpu.Flags.OF;
import static io.trapgate.vm.cpu.Flags.PF;
import static io.trapgate.vm.cpu.Flags.SF;
import static io.trapgate.vm.cpu.Flags.ZF;

/**
 * Integer arithmetic with i386 flag semantics: the eight ALU operations (lazy flags), shifts and
 * rotates, multiply and divide, BCD adjusts and bit scans. Sizes are 0 = byte, 1 = word,
 * 2 = dword; results come back masked to the size.
 */
final class Alu {
    private final Cpu c;
    private final Flags f;

    Alu(Cpu c) {
        this.c = c;
        this.f = c.flags;
    }

    static final int ADD = 0, OR = 1, ADC = 2, SBB = 3, AND = 4, SUB = 5, XOR = 6, CMP = 7;

    /** One of add/or/adc/sbb/and/sub/xor/cmp; returns the result (for cmp, the difference). */
    int alu(int op, int size, int a, int b) {
        int res;
        switch (op) {
            case ADD:
                res = a + b;
                f.set(Flags.ADD, size, a, b, res);
                break;
            case OR:
                res = a | b;
                f.logic(size, res);
                break;
            case ADC: {
                int cin = f.cf() ? 1 : 0;
                res = a + b + cin;
                f.setWithCarry(Flags.ADC, size, a, b, res, cin);
                break;
            }
            case SBB: {
                int cin = f.cf() ? 1 : 0;
                res = a - b - cin;
                f.setWithCarry(Flags.SBB, size, a, b, res, cin);
                break;
            }
            case AND:
                res = a & b;
                f.logic(size, res);
                break;
            case XOR:
                res = a ^ b;
                f.logic(size, res);
                break;
            default: // SUB, CMP
                res = a - b;
                f.set(Flags.SUB, size, a, b, res);
                break;
        }
        return res & Flags.mask(size);
    }

    int inc(int size, int a) {
        int cin = f.cf() ? 1 : 0;
        int res = a + 1;
        f.setWithCarry(Flags.INC, size, a, 1, res, cin);
        return res & Flags.mask(size);
    }

    int dec(int size, int a) {
        int cin = f.cf() ? 1 : 0;
        int res = a - 1;
        f.setWithCarry(Flags.DEC, size, a, 1, res, cin);
        return res & Flags.mask(size);
    }

    int neg(int size, int a) {
        int res = -a;
        f.set(Flags.SUB, size, 0, a, res);
        return res & Flags.mask(size);
    }

    private static int bits(int size) {
        return 8 << size;
    }

    /** SF, ZF, PF of a result; the caller supplies CF, OF, AF. */
    private static int szp(int size, int res) {
        int m = Flags.mask(size);
        int v = Flags.parity(res);
        if ((res & m) == 0) {
            v |= ZF;
        }
        if ((res & Flags.signBit(size)) != 0) {
            v |= SF;
        }
        return v;
    }

    /** Group-2 shift or rotate {@code kind} (the ModRM reg field) of {@code v} by {@code count}. */
    int shift(int kind, int size, int v, int count) {
        int n = count & 0x1F;
        if (n == 0) {
            return v & Flags.mask(size);
        }
        int bits = bits(size);
        int m = Flags.mask(size);
        int sb = Flags.signBit(size);
        v &= m;
        int res;
        int cf;
        int of;
        switch (kind) {
            case 0: { // rol
                int r = n % bits;
                res = r == 0 ? v : ((v << r) | (v >>> (bits - r))) & m;
                cf = res & 1;
                of = ((res & sb) != 0 ? 1 : 0) ^ cf;
                f.setArith(CF | OF, (cf != 0 ? CF : 0) | (of != 0 ? OF : 0));
                return res;
            }
            case 1: { // ror
                int r = n % bits;
                res = r == 0 ? v : ((v >>> r) | (v << (bits - r))) & m;
                cf = (res & sb) != 0 ? 1 : 0;
                of = cf ^ ((res & (sb >>> 1)) != 0 ? 1 : 0);
                f.setArith(CF | OF, (cf != 0 ? CF : 0) | (of != 0 ? OF : 0));
                return res;
            }
            case 2: { // rcl
                int r = n % (bits + 1);
                cf = f.cf() ? 1 : 0;
                res = v;
                for (int k = 0; k < r; k++) {
                    int out = (res & sb) != 0 ? 1 : 0;
                    res = ((res << 1) | cf) & m;
                    cf = out;
                }
                of = ((res & sb) != 0 ? 1 : 0) ^ cf;
                f.setArith(CF | OF, (cf != 0 ? CF : 0) | (of != 0 ? OF : 0));
                return res;
            }
            case 3: { // rcr
                int r = n % (bits + 1);
                cf = f.cf() ? 1 : 0;
                of = ((v & sb) != 0 ? 1 : 0) ^ cf;
                res = v;
                for (int k = 0; k < r; k++) {
                    int out = res & 1;
                    res = (res >>> 1) | (cf != 0 ? sb : 0);
                    cf = out;
                }
                f.setArith(CF | OF, (cf != 0 ? CF : 0) | (of != 0 ? OF : 0));
                return res;
            }
            case 4: case 6: // shl/sal: flags stay lazy (Flags.SHL computes CF/OF on demand)
                res = (int) ((v & 0xFFFFFFFFL) << n) & m;
                f.set(Flags.SHL, size, v, n, res);
                return res;
            case 5: // shr
                res = n >= bits ? 0 : v >>> n;
                f.set(Flags.SHR, size, v, n, res);
                return res;
            default: { // sar
                int sv = size == 0 ? (byte) v : size == 1 ? (short) v : v;
                res = (sv >> Math.min(n, 31)) & m;
                f.set(Flags.SAR, size, v, n, res);
                return res;
            }
        }
    }

    /** shld (left = true) / shrd of {@code dst} with bits from {@code src}; count already masked by the caller. */
    int doubleShift(boolean left, int size, int dst, int src, int count) {
        int n = count & 0x1F;
        if (n == 0) {
            return dst;
        }
        int bits = bits(size);
        int m = Flags.mask(size);
        int sb = Flags.signBit(size);
        dst &= m;
        src &= m;
        int res;
        int cf;
        // results for counts above the operand size are undefined on hardware
        if (left) {
            long p = ((dst & 0xFFFFFFFFL) << bits) | (src & 0xFFFFFFFFL);
            res = (int) ((p << n) >>> bits) & m;
            cf = (int) (p >>> (2 * bits - n)) & 1;
        } else {
            long p = ((src & 0xFFFFFFFFL) << bits) | (dst & 0xFFFFFFFFL);
            res = (int) (p >>> n) & m;
            cf = (int) (p >>> (n - 1)) & 1;
        }
        int of = ((res ^ dst) & sb) != 0 ? 1 : 0;
        f.setAll((f.bits & ~Flags.ARITH) | szp(size, res) | (cf != 0 ? CF : 0) | (of != 0 ? OF : 0));
        return res;
    }

    /** Flags after a multiply: CF = OF = the high half is significant; SF/ZF/PF from the low half. */
    private void mulFlags(int size, int low, boolean overflow) {
        f.setAll((f.bits & ~Flags.ARITH) | szp(size, low) | (overflow ? CF | OF : 0));
    }

    /** F6/F7 /4 mul and /5 imul: the accumulator times {@code src}. */
    void mulAcc(int size, int src, boolean signed) {
        int[] r = c.r;
        if (size == 0) {
            int a = r[Cpu.EAX] & 0xFF;
            int p = signed ? (byte) a * (byte) src : a * (src & 0xFF);
            c.setReg16(Cpu.EAX, p);
            mulFlags(0, p, signed ? p != (byte) p : (p & 0xFF00) != 0);
        } else if (size == 1) {
            int a = r[Cpu.EAX] & 0xFFFF;
            int p = signed ? (short) a * (short) src : a * (src & 0xFFFF);
            c.setReg16(Cpu.EAX, p);
            c.setReg16(Cpu.EDX, p >>> 16);
            mulFlags(1, p, signed ? p != (short) p : (p & 0xFFFF0000) != 0);
        } else {
            long p = signed ? (long) r[Cpu.EAX] * (long) src
                    : (r[Cpu.EAX] & 0xFFFFFFFFL) * (src & 0xFFFFFFFFL);
            r[Cpu.EAX] = (int) p;
            r[Cpu.EDX] = (int) (p >>> 32);
            mulFlags(2, (int) p, signed ? p != (int) p : (p >>> 32) != 0);
        }
    }

    /** Two- and three-operand imul: a truncated signed product. */
    int imul(int size, int a, int b) {
        if (size == 1) {
            int p = (short) a * (short) b;
            mulFlags(1, p, p != (short) p);
            return p & 0xFFFF;
        }
        long p = (long) a * (long) b;
        mulFlags(2, (int) p, p != (int) p);
        return (int) p;
    }

    /** F6/F7 /6 div and /7 idiv; #DE on a zero divisor or a quotient that does not fit. */
    void divAcc(int size, int src, boolean signed) {
        int[] r = c.r;
        if (size == 0) {
            int d = signed ? (byte) src : src & 0xFF;
            if (d == 0) {
                throw c.fault(Cpu.DE, 0);
            }
            int a = signed ? (short) r[Cpu.EAX] : r[Cpu.EAX] & 0xFFFF;
            int q = a / d;
            int rem = a % d;
            if (signed ? q != (byte) q : (q & ~0xFF) != 0) {
                throw c.fault(Cpu.DE, 0);
            }
            c.setReg16(Cpu.EAX, (q & 0xFF) | (rem & 0xFF) << 8);
        } else if (size == 1) {
            int d = signed ? (short) src : src & 0xFFFF;
            if (d == 0) {
                throw c.fault(Cpu.DE, 0);
            }
            int a = (r[Cpu.EDX] & 0xFFFF) << 16 | (r[Cpu.EAX] & 0xFFFF);
            long q;
            long rem;
            if (signed) {
                q = a / d;
                rem = a % d;
                if (q != (short) q) {
                    throw c.fault(Cpu.DE, 0);
                }
            } else {
                long ua = a & 0xFFFFFFFFL;
                q = ua / d;
                rem = ua % d;
                if ((q & ~0xFFFFL) != 0) {
                    throw c.fault(Cpu.DE, 0);
                }
            }
            c.setReg16(Cpu.EAX, (int) q);
            c.setReg16(Cpu.EDX, (int) rem);
        } else {
            if (src == 0) {
                throw c.fault(Cpu.DE, 0);
            }
            long a = ((long) r[Cpu.EDX] << 32) | (r[Cpu.EAX] & 0xFFFFFFFFL);
            long q;
            long rem;
            if (signed) {
                if (a == Long.MIN_VALUE && src == -1) {
                    throw c.fault(Cpu.DE, 0);
                }
                q = a / src;
                rem = a % src;
                if (q != (int) q) {
                    throw c.fault(Cpu.DE, 0);
                }
            } else {
                long d = src & 0xFFFFFFFFL;
                q = Long.divideUnsigned(a, d);
                rem = Long.remainderUnsigned(a, d);
                if ((q >>> 32) != 0) {
                    throw c.fault(Cpu.DE, 0);
                }
            }
            r[Cpu.EAX] = (int) q;
            r[Cpu.EDX] = (int) rem;
        }
    }

    // ---- BCD ----

    void daa() {
        int al = c.r[Cpu.EAX] & 0xFF;
        boolean cf = f.cf();
        boolean af = f.af();
        int oldAl = al;
        boolean newCf = false;
        if ((al & 0xF) > 9 || af) {
            al += 6;
            newCf = cf || al > 0xFF;
            af = true;
        } else {
            af = false;
        }
        if (oldAl > 0x99 || cf) {
            al += 0x60;
            newCf = true;
        }
        al &= 0xFF;
        c.setReg8(0, al);
        f.setAll((f.bits & ~Flags.ARITH) | szp(0, al) | (newCf ? CF : 0) | (af ? AF : 0));
    }

    void das() {
        int al = c.r[Cpu.EAX] & 0xFF;
        boolean cf = f.cf();
        boolean af = f.af();
        int oldAl = al;
        boolean newCf = false;
        if ((al & 0xF) > 9 || af) {
            newCf = cf || al < 6;
            al -= 6;
            af = true;
        } else {
            af = false;
        }
        if (oldAl > 0x99 || cf) {
            al -= 0x60;
            newCf = true;
        }
        al &= 0xFF;
        c.setReg8(0, al);
        f.setAll((f.bits & ~Flags.ARITH) | szp(0, al) | (newCf ? CF : 0) | (af ? AF : 0));
    }

    /** aaa (add = true) or aas. */
    void asciiAdjust(boolean add) {
        int ax = c.r[Cpu.EAX] & 0xFFFF;
        int al = ax & 0xFF;
        boolean adjust = (al & 0xF) > 9 || f.af();
        if (adjust) {
            ax = add ? ax + 0x106 : ax - 0x106;
        }
        ax = (ax & 0xFF00) | (ax & 0x0F);
        c.setReg16(Cpu.EAX, ax);
        // SF, ZF, PF are undefined; report them from AL like the Pentium does
        f.setAll((f.bits & ~Flags.ARITH) | szp(0, ax & 0xFF) | (adjust ? CF | AF : 0));
    }

    void aam(int base) {
        if ((base & 0xFF) == 0) {
            throw c.fault(Cpu.DE, 0);
        }
        int al = c.r[Cpu.EAX] & 0xFF;
        int b = base & 0xFF;
        int res = ((al / b) << 8) | (al % b);
        c.setReg16(Cpu.EAX, res);
        f.setAll((f.bits & ~Flags.ARITH) | szp(0, res & 0xFF));
    }

    void aad(int base) {
        int ax = c.r[Cpu.EAX];
        int al = ((ax & 0xFF) + ((ax >>> 8) & 0xFF) * (base & 0xFF)) & 0xFF;
        c.setReg16(Cpu.EAX, al);
        f.setAll((f.bits & ~Flags.ARITH) | szp(0, al));
    }

    // ---- bit scans ----

    /** bsf/bsr: ZF set and destination unchanged (returns -1) when the source is zero. */
    int bitScan(boolean reverse, int size, int src) {
        src &= Flags.mask(size);
        f.materialize();
        if (src == 0) {
            f.bits |= ZF;
            return -1;
        }
        f.bits &= ~ZF;
        return reverse ? 31 - Integer.numberOfLeadingZeros(src) : Integer.numberOfTrailingZeros(src);
    }

    void setCarry(boolean on) {
        f.setArith(CF, on ? CF : 0);
    }

    static final int ALL_BUT_CF = PF | AF | ZF | SF | OF;
}
