package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.ExtendedReal.DE;
import static io.trapgate.vm.cpu.ExtendedReal.IE;
import static io.trapgate.vm.cpu.ExtendedReal.INDEFINITE_SE;
import static io.trapgate.vm.cpu.ExtendedReal.INDEFINITE_SIG;
import static io.trapgate.vm.cpu.ExtendedReal.PE;
import static io.trapgate.vm.cpu.ExtendedReal.ZE;

/**
 * F2XM1, FYL2X, FYL2XP1, FPTAN, FPATAN, FSIN, FCOS, FSINCOS. The special cases (NaNs, stack
 * faults, invalid operands, the C2 "out of range" answer for |x| >= 2^63) follow the manual
 * exactly; the function values themselves are computed in double precision with
 * java.lang.Math (StrictMath for reproducibility), so they carry 53 correct bits, not the
 * hardware's 64: these eight instructions are the only ones not bit-exact with the host.
 */
final class X87Transcendental {
    static final int F2XM1 = 0, FYL2X = 1, FPTAN = 2, FPATAN = 3, FYL2XP1 = 4, FSINCOS = 5, FSIN = 6, FCOS = 7;

    private X87Transcendental() {
    }

    static void execute(X87 x, int which) {
        ExtendedReal fp = x.fp;
        boolean binary = which == FYL2X || which == FYL2XP1 || which == FPATAN;
        if (x.stackEmpty(0) || (binary && x.stackEmpty(1))) {
            if (x.stackUnderflow()) {
                if (binary) {
                    x.writeSt(1, INDEFINITE_SE, INDEFINITE_SIG);
                    x.popValue();
                } else {
                    x.writeSt(0, INDEFINITE_SE, INDEFINITE_SIG);
                    if (which == FPTAN || which == FSINCOS) {
                        x.pushValue(INDEFINITE_SE, INDEFINITE_SIG); // both results, as FXTRACT
                    }
                }
            }
            return;
        }
        if ((which == FPTAN || which == FSINCOS) && x.pushWouldOverflow()) {
            x.stackOverflow();
            return;
        }
        int aSe = x.readSe(0);
        long aSig = x.readSig(0);
        int ca = ExtendedReal.classify(aSe, aSig);
        if (binary) {
            int bSe = x.readSe(1);
            long bSig = x.readSig(1);
            int cb = ExtendedReal.classify(bSe, bSig);
            if (ca == ExtendedReal.UNSUPPORTED || cb == ExtendedReal.UNSUPPORTED || ExtendedReal.isNaN(ca)
                    || ExtendedReal.isNaN(cb)) {
                fp.add(bSe, bSig, aSe, aSig, false); // the add's NaN rules pick the result
                finishBinary(x, fp.exc);
                return;
            }
            if (ca == ExtendedReal.DENORMAL || cb == ExtendedReal.DENORMAL) {
                fp.exc |= DE;
            }
            double a = ExtendedReal.toDouble(aSe, aSig);
            double b = ExtendedReal.toDouble(bSe, bSig);
            double r;
            switch (which) {
                case FYL2X:
                    boolean aZero = ca == ExtendedReal.ZERO;
                    boolean bZero = cb == ExtendedReal.ZERO;
                    if ((!aZero && (aSe & 0x8000) != 0) || (aZero && bZero) || (a == 1 && Double.isInfinite(b))
                            || (Double.isInfinite(a) && bZero)) {
                        fp.indefinite();
                        finishBinary(x, fp.exc);
                        return;
                    }
                    if (aZero) {
                        fp.exc |= ZE;
                    }
                    r = b * log2(aSe, aSig, ca);
                    break;
                case FYL2XP1:
                    if ((Double.isInfinite(b) && a == 0) || a < -1) {
                        fp.indefinite();
                        finishBinary(x, fp.exc);
                        return;
                    }
                    if (ca != ExtendedReal.ZERO && (aSe & 0x7FFF) < ExtendedReal.BIAS - 60 && cb != ExtendedReal.INF
                            && cb != ExtendedReal.ZERO) {
                        // log2(1 + x) = x * log2(e) to far beyond 64 bits: in extended, so that
                        // denormal operands and results come out as the hardware's
                        fp.multiply(aSe, aSig, bSe, bSig);
                        fp.multiply(fp.se, fp.sig, 0x3FFF, LOG2E_SIG);
                        fp.exc |= PE;
                        finishBinary(x, fp.exc);
                        return;
                    }
                    r = b * (StrictMath.log1p(a) / StrictMath.log(2));
                    break;
                default:
                    r = StrictMath.atan2(b, a);
                    break;
            }
            if (r != 0 && !Double.isInfinite(r)) {
                fp.exc |= PE;
            }
            fp.fromDouble(r);
            finishBinary(x, fp.exc);
            return;
        }
        if (fp.nanOperand(aSe, aSig, ca)) {
            finishUnary(x, which, fp.exc, fp.se, fp.sig, fp.se, fp.sig);
            return;
        }
        if (which != F2XM1 && ca == ExtendedReal.INF) {
            fp.indefinite();
            finishUnary(x, which, fp.exc, fp.se, fp.sig, fp.se, fp.sig);
            return;
        }
        if (which != F2XM1 && (aSe & 0x7FFF) >= ExtendedReal.BIAS + 63) {
            x.setC2(true); // out of range: the operand stays, the caller reduces it
            return;
        }
        x.setC2(false);
        if (ca == ExtendedReal.DENORMAL) {
            fp.exc |= DE;
        }
        if (ca == ExtendedReal.DENORMAL || (ca == ExtendedReal.NORMAL && (aSe & 0x7FFF) < ExtendedReal.BIAS - 40)) {
            tiny(x, which, aSe, aSig);
            return;
        }
        double a = ExtendedReal.toDouble(aSe, aSig);
        double r1;
        double r2 = 0;
        if (which == F2XM1) {
            r1 = ca == ExtendedReal.INF ? ((aSe & 0x8000) != 0 ? -1 : a) : StrictMath.expm1(a * StrictMath.log(2));
        } else {
            double r = reduce(fp, aSe, aSig, a);
            int q = fp.quadrant;
            double sr = StrictMath.sin(r);
            double cr = StrictMath.cos(r);
            double sin = q == 0 ? sr : q == 1 ? cr : q == 2 ? -sr : -cr;
            double cos = q == 0 ? cr : q == 1 ? -sr : q == 2 ? -cr : sr;
            switch (which) {
                case FPTAN: r1 = sin / cos; r2 = 1.0; break;
                case FSINCOS: r1 = sin; r2 = cos; break;
                case FSIN: r1 = sin; break;
                default: r1 = cos; break;
            }
        }
        if (ca != ExtendedReal.ZERO && ca != ExtendedReal.INF) {
            fp.exc |= PE;
        }
        if (ca == ExtendedReal.ZERO && which != FCOS && which != FSINCOS) {
            fp.se = aSe;
            fp.sig = 0;
        } else {
            fp.fromDouble(r1);
        }
        int s1 = fp.se;
        long m1 = fp.sig;
        fp.fromDouble(r2);
        finishUnary(x, which, fp.exc, s1, m1, fp.se, fp.sig);
    }

    private static void finishBinary(X87 x, int exc) {
        if (!x.isBlocked(exc)) {
            x.writeSt(1, x.fp.se, x.fp.sig);
            x.popValue();
        }
        x.finish(exc & ~ExtendedReal.C1);
    }

    private static void finishUnary(X87 x, int which, int exc, int s1, long m1, int s2, long m2) {
        if (!x.isBlocked(exc)) {
            if (which == FSINCOS) {
                // ST0 := sin, then push cos (a NaN or invalid operand gives the same value twice)
                x.writeSt(0, s1, m1);
                x.pushValue(s2, m2);
            } else if (which == FPTAN) {
                x.writeSt(0, s1, m1);
                if ((exc & IE) != 0 || ExtendedReal.isNaN(ExtendedReal.classify(s1, m1))) {
                    x.pushValue(s1, m1);
                } else {
                    x.pushValue(0x3FFF, ExtendedReal.INT_BIT);
                }
            } else {
                x.writeSt(0, s1, m1);
            }
        }
        x.finish(exc & ~ExtendedReal.C1);
    }
    // pi/2 as the x87 holds it: a 66-bit significand (0xC90FDAA22168C234 and two more bits, 11),
    // split into a 53-bit head and the 13-bit rest, both exact doubles
    private static final long PI_SIG = 0xC90FDAA22168C234L;
    private static final double PIO2_HI = Math.scalb((double) (PI_SIG >>> 11), -52);
    private static final double PIO2_LO = Math.scalb((double) (((PI_SIG & 0x7FF) << 2) | 3), -65);

    /**
     * x - k * pi/2 with the x87's 66-bit pi, so arguments near multiples of pi give the host's
     * answers (sin of the extended pi is -2^-64, not the double sine of it). The quadrant
     * (k mod 4) is left in {@link ExtendedReal#quadrant}.
     */
    private static double reduce(ExtendedReal fp, int se, long sig, double x) {
        fp.quadrant = 0;
        if (Math.abs(x) <= Math.PI / 4 || Math.abs(x) >= 0x1p30) {
            return x;
        }
        double k = Math.rint(x / (PIO2_HI + PIO2_LO));
        int e = (se & 0x7FFF) - ExtendedReal.BIAS - 63;
        double xh = Math.scalb((double) (sig >>> 11), e + 11);
        double xl = Math.scalb((double) (sig & 0x7FF), e);
        if ((se & 0x8000) != 0) {
            xh = -xh;
            xl = -xl;
        }
        double t = Math.fma(-k, PIO2_HI, xh); // exact: both are multiples of 2^-52 and t is small
        double r = t + (xl - k * PIO2_LO);
        fp.quadrant = (int) (((long) k) & 3);
        return r;
    }
    /** log2(e) and ln(2) as the x87 holds them (rounded to 64 bits). */
    private static final long LOG2E_SIG = 0xB8AA3B295C17F0BCL;
    private static final long LN2_SIG = 0xB17217F7D1CF79ACL;

    /** log2 of a positive finite extended value, denormals included (double precision). */
    private static double log2(int se, long sig, int cls) {
        if (cls == ExtendedReal.ZERO) {
            return Double.NEGATIVE_INFINITY;
        }
        if (cls == ExtendedReal.INF) {
            return Double.POSITIVE_INFINITY;
        }
        int e = ExtendedReal.normExp(se, sig) - ExtendedReal.BIAS;
        double m = ExtendedReal.toDouble(ExtendedReal.BIAS, ExtendedReal.normSig(sig)); // in [1, 2)
        return e + StrictMath.log(m) / StrictMath.log(2);
    }

    /**
     * |x| below 2^-40 (denormals included): sin x = tan x = x, cos x = 1, 2^x - 1 = x ln 2 to
     * beyond 64 bits; done in extended so tiny and denormal results round (and raise UE) as the
     * hardware's do.
     */
    private static void tiny(X87 x, int which, int aSe, long aSig) {
        ExtendedReal fp = x.fp;
        int s1;
        long m1;
        if (which == F2XM1) {
            fp.multiply(aSe, aSig, 0x3FFE, LN2_SIG);
            s1 = fp.se;
            m1 = fp.sig;
        } else if (which == FCOS) {
            if (ExtendedReal.classify(aSe, aSig) == ExtendedReal.DENORMAL) {
                fp.exc |= DE;
            }
            s1 = 0x3FFF;
            m1 = ExtendedReal.INT_BIT;
        } else {
            // x itself, rounded as a result: a denormal operand raises DE, a denormal result UE
            fp.multiply(aSe, aSig, 0x3FFF, ExtendedReal.INT_BIT);
            s1 = fp.se;
            m1 = fp.sig;
            if ((s1 & 0x7FFF) == 0) {
                fp.exc |= ExtendedReal.UE;
            }
        }
        fp.exc |= PE;
        int s2 = 0x3FFF;
        long m2 = ExtendedReal.INT_BIT; // cos x of FSINCOS
        finishUnary(x, which, fp.exc, s1, m1, s2, m2);
    }
}
