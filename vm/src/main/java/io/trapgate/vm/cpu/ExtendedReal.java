package io.trapgate.vm.cpu;

/**
 * Soft-float arithmetic on the x87's 80-bit extended format (sign, 15-bit biased exponent,
 * 64-bit significand with an explicit integer bit), rounded like the host FPU: by the control
 * word's rounding mode and precision control, with denormals, infinities, NaNs and the masked
 * responses. Values travel as two primitives: {@code se} (sign &lt;&lt; 15 | exponent) and
 * {@code sig}. An operation leaves its result in {@link #se}/{@link #sig} and ORs the exceptions
 * it raised (and {@link #C1} when it rounded up) into {@link #exc}; nothing here allocates.
 */
final class ExtendedReal {
    // status-word exception bits (and C1, which reports "rounded up")
    static final int IE = 1, DE = 2, ZE = 4, OE = 8, UE = 0x10, PE = 0x20, SF = 0x40, C1 = 0x200;
    static final int RC_NEAREST = 0, RC_DOWN = 1, RC_UP = 2, RC_ZERO = 3;

    /** The QNaN "real indefinite": the masked response to an invalid operation. */
    static final int INDEFINITE_SE = 0xFFFF;
    static final long INDEFINITE_SIG = 0xC000000000000000L;
    static final long INT_BIT = 0x8000000000000000L;

    // operand classes
    static final int ZERO = 0, DENORMAL = 1, NORMAL = 2, INF = 3, QNAN = 4, SNAN = 5, UNSUPPORTED = 6;

    static final int BIAS = 16383;
    /** Exponent adjustment of the unmasked overflow/underflow response for register results. */
    static final int WRAP = 24576;

    /** Rounding control (RC_*) and precision in significand bits (24, 53 or 64). */
    int rc;
    int precision = 64;
    /** Exception masks from the control word (bits 0-5). */
    int masks = 0x3F;

    int se;
    long sig;
    int exc;
    /**
     * The second operand came from a denormal single or double in memory (it is normal once
     * widened): it raises DE where a denormal register operand would, i.e. only if no NaN, invalid
     * operation or division by zero decides the result first. Cleared for each instruction.
     */
    boolean sourceDenormal;
    /** The quadrant of the last argument reduction of FSIN/FCOS/FPTAN/FSINCOS. */
    int quadrant;

    /** Sets rounding and precision from a control word. */
    void control(int cw) {
        rc = (cw >> 10) & 3;
        int pc = (cw >> 8) & 3;
        precision = pc == 0 ? 24 : pc == 2 ? 53 : 64;
        masks = cw & 0x3F;
    }

    static int classify(int se, long sig) {
        int e = se & 0x7FFF;
        if (e == 0) {
            return sig == 0 ? ZERO : DENORMAL;
        }
        if (sig >= 0) {
            return UNSUPPORTED; // unnormal, pseudo-infinity, pseudo-NaN
        }
        if (e == 0x7FFF) {
            if ((sig << 1) == 0) {
                return INF;
            }
            return (sig & 0x4000000000000000L) != 0 ? QNAN : SNAN;
        }
        return NORMAL;
    }

    static boolean isNaN(int cls) {
        return cls == QNAN || cls == SNAN;
    }

    private void result(int se, long sig) {
        this.se = se;
        this.sig = sig;
    }

    void indefinite() {
        exc |= IE;
        result(INDEFINITE_SE, INDEFINITE_SIG);
    }

    /** The masked response when an operand is a NaN or unsupported; false if neither. */
    private boolean nanOperands(int aSe, long aSig, int ca, int bSe, long bSig, int cb) {
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) {
            indefinite();
            return true;
        }
        boolean an = isNaN(ca);
        boolean bn = isNaN(cb);
        if (!an && !bn) {
            return false;
        }
        if (ca == SNAN || cb == SNAN) {
            exc |= IE;
        }
        if (an && bn) {
            if (ca == QNAN && cb == SNAN) {
                result(aSe, aSig);
            } else if (ca == SNAN && cb == QNAN) {
                result(bSe, bSig);
            } else {
                long fa = aSig & 0x3FFFFFFFFFFFFFFFL;
                long fb = bSig & 0x3FFFFFFFFFFFFFFFL;
                if (fa > fb) {
                    result(aSe, aSig);
                } else if (fb > fa) {
                    result(bSe, bSig);
                } else {
                    result(aSe < bSe ? aSe : bSe, aSig);
                }
            }
        } else if (an) {
            result(aSe, aSig);
        } else {
            result(bSe, bSig);
        }
        sig |= 0x4000000000000000L; // quiet it
        return true;
    }

    /** One NaN or unsupported operand: the masked response; false otherwise. */
    boolean nanOperand(int aSe, long aSig, int ca) {
        if (ca == UNSUPPORTED) {
            indefinite();
            return true;
        }
        if (!isNaN(ca)) {
            return false;
        }
        if (ca == SNAN) {
            exc |= IE;
        }
        result(aSe, aSig | 0x4000000000000000L);
        return true;
    }

    // ---- normalisation of finite nonzero operands into (exponent, normalised significand) ----

    /** Unbiased-by-format exponent of a finite operand after normalising its significand. */
    static int normExp(int se, long sig) {
        int e = se & 0x7FFF;
        if (e == 0) {
            e = 1; // denormals and pseudo-denormals have the exponent of the smallest normal
        }
        return e - Long.numberOfLeadingZeros(sig);
    }

    static long normSig(long sig) {
        return sig << Long.numberOfLeadingZeros(sig);
    }

    // ---- rounding ----

    private boolean increments(boolean negative, long sig, long extra, int drop, int mode) {
        boolean inexact;
        boolean above;
        boolean half;
        if (drop == 0) {
            inexact = extra != 0;
            above = Long.compareUnsigned(extra, INT_BIT) > 0;
            half = extra == INT_BIT;
        } else {
            long lsb = 1L << drop;
            long rem = sig & (lsb - 1);
            long h = lsb >>> 1;
            inexact = rem != 0 || extra != 0;
            above = Long.compareUnsigned(rem, h) > 0 || (rem == h && extra != 0);
            half = rem == h && extra == 0;
        }
        switch (mode) {
            case RC_NEAREST: {
                long lsb = drop == 0 ? 1 : 1L << drop;
                return above || (half && (sig & lsb) != 0);
            }
            case RC_DOWN: return negative && inexact;
            case RC_UP: return !negative && inexact;
            default: return false;
        }
    }

    /**
     * Rounds {@code sig.extra * 2^(e - bias - 63)} ({@code sig} normalised, {@code e} the
     * format-biased exponent, possibly out of range) to {@code p} significand bits in a format
     * whose largest biased exponent is {@code maxExp} (all ones), setting PE, UE (tiny and
     * inexact, tininess detected after rounding), OE and C1. The result lands in {@link #se}
     * (sign and biased exponent in the format) and {@link #sig} (64 bits, integer bit at 63 as
     * in the extended format; a denormal has exponent 0). With {@code wrapUnmasked}, an unmasked
     * overflow or underflow rebiases the exponent by {@link #WRAP} instead (register results).
     */
    void round(boolean negative, int e, long sig, long extra, int p, int maxExp, boolean wrapUnmasked) {
        int drop = 64 - p;
        int s = negative ? 0x8000 : 0;
        if (sig == 0 && extra == 0) {
            result(s, 0);
            return;
        }
        if (wrapUnmasked) {
            if (e >= maxExp && (masks & OE) == 0) {
                exc |= OE;
                e -= WRAP;
            } else if (e < 1 && (masks & UE) == 0) {
                exc |= UE;
                e += WRAP;
            }
        }
        int before = exc;
        boolean tiny = false;
        if (e < 1) {
            // tiny after rounding unless rounding to p bits with an unbounded exponent reaches 2^emin
            tiny = true;
            if (e == 0 && increments(negative, sig, extra, drop, rc) && (sig | ((1L << drop) - 1)) == -1L) {
                tiny = false;
            }
            if (tiny && !wrapUnmasked && (masks & UE) == 0) {
                // unmasked underflow of a store: tininess alone raises it and nothing is stored
                exc = before | UE;
                result(s, 0);
                return;
            }
            int shift = 1 - e;
            if (shift >= 128) {
                extra = 1;
                sig = 0;
            } else if (shift >= 64) {
                long lostExtra = extra;
                extra = shift == 64 ? sig : (sig >>> (shift - 64)) | ((sig << (128 - shift)) != 0 ? 1 : 0);
                if (lostExtra != 0) {
                    extra |= 1;
                }
                sig = 0;
            } else {
                long newExtra = (sig << (64 - shift)) | (extra != 0 ? 1 : 0);
                sig = sig >>> shift;
                extra = newExtra;
            }
            e = 0;
        }
        boolean inc = increments(negative, sig, extra, drop, rc);
        long lsb = 1L << drop;
        long truncated = sig & -lsb;
        boolean inexact = (sig & (lsb - 1)) != 0 || extra != 0;
        if (inexact) {
            exc |= PE;
            if (tiny) {
                exc |= UE;
            }
        }
        long r = truncated;
        if (inc) {
            r = truncated + lsb;
            exc |= C1;
            if (r == 0) { // carried out of bit 63
                r = INT_BIT;
                e++;
            } else if (e == 0 && r < 0) {
                e = 1; // a denormal rounded up to the smallest normal
            }
        }
        if (e >= maxExp) {
            if (wrapUnmasked && (masks & OE) == 0) {
                exc |= OE; // rounding carried into overflow: the register gets the wrapped exponent
                result(s | (e - WRAP), r);
                return;
            }
            if (!wrapUnmasked && (masks & OE) == 0) {
                exc = before | OE; // unmasked overflow of a store: nothing is stored
                result(s | maxExp, INT_BIT);
                return;
            }
            exc |= OE | PE;
            boolean toInf = rc == RC_NEAREST || (rc == RC_UP && !negative) || (rc == RC_DOWN && negative);
            if (toInf) {
                exc |= C1;
                result(s | maxExp, INT_BIT);
            } else {
                exc &= ~C1;
                result(s | (maxExp - 1), -lsb);
            }
            return;
        }
        if (r == 0) {
            e = 0;
        }
        result(s | e, r);
    }

    /** Rounds to the destination register's precision and exponent range. */
    private void roundToRegister(boolean negative, int e, long sig, long extra) {
        round(negative, e, sig, extra, precision, 0x7FFF, true);
    }

    // ---- add and subtract ----

    void add(int aSe, long aSig, int bSe, long bSig, boolean subtract) {
        int ca = classify(aSe, aSig);
        int cb = classify(bSe, bSig);
        if (nanOperands(aSe, aSig, ca, bSe, bSig, cb)) {
            return; // a NaN keeps its sign: the subtraction does not negate it
        }
        if (subtract) {
            bSe ^= 0x8000;
        }
        if (ca == INF && cb == INF && ((aSe ^ bSe) & 0x8000) != 0) {
            indefinite();
            return;
        }
        if (ca == DENORMAL || cb == DENORMAL || sourceDenormal) {
            exc |= DE;
        }
        if (ca == INF) {
            result(aSe, aSig);
            return;
        }
        if (cb == INF) {
            result(bSe, bSig);
            return;
        }
        boolean aNeg = (aSe & 0x8000) != 0;
        boolean bNeg = (bSe & 0x8000) != 0;
        if (ca == ZERO && cb == ZERO) {
            if (aNeg == bNeg) {
                result(aSe & 0x8000, 0);
            } else {
                result(rc == RC_DOWN ? 0x8000 : 0, 0);
            }
            return;
        }
        if (ca == ZERO) {
            roundToRegister(bNeg, normExp(bSe, bSig), normSig(bSig), 0);
            return;
        }
        if (cb == ZERO) {
            roundToRegister(aNeg, normExp(aSe, aSig), normSig(aSig), 0);
            return;
        }
        int ae = normExp(aSe, aSig);
        long as = normSig(aSig);
        int be = normExp(bSe, bSig);
        long bs = normSig(bSig);
        if (ae < be || (ae == be && Long.compareUnsigned(as, bs) < 0)) {
            int te = ae; ae = be; be = te;
            long ts = as; as = bs; bs = ts;
            boolean tn = aNeg; aNeg = bNeg; bNeg = tn;
        }
        int d = ae - be;
        long bExtra;
        if (d == 0) {
            bExtra = 0;
        } else if (d < 64) {
            bExtra = bs << (64 - d);
            bs = bs >>> d;
        } else if (d == 64) {
            bExtra = bs;
            bs = 0;
        } else if (d < 128) {
            bExtra = (bs >>> (d - 64)) | ((bs << (128 - d)) != 0 ? 1 : 0);
            bs = 0;
        } else {
            bExtra = 1;
            bs = 0;
        }
        if (aNeg == bNeg) {
            long z = as + bs;
            long extra = bExtra;
            if (Long.compareUnsigned(z, as) < 0) { // carry
                extra = (z << 63) | (extra >>> 1) | (extra & 1);
                z = (z >>> 1) | INT_BIT;
                ae++;
            }
            roundToRegister(aNeg, ae, z, extra);
            return;
        }
        // |a| >= |b|: a - b
        long lo = -bExtra;
        long hi = as - bs - (bExtra != 0 ? 1 : 0);
        if (hi == 0 && lo == 0) {
            result(rc == RC_DOWN ? 0x8000 : 0, 0);
            return;
        }
        if (hi == 0) {
            hi = lo;
            lo = 0;
            ae -= 64;
        }
        int n = Long.numberOfLeadingZeros(hi);
        if (n > 0) {
            hi = (hi << n) | (lo >>> (64 - n));
            lo <<= n;
            ae -= n;
        }
        roundToRegister(aNeg, ae, hi, lo);
    }

    // ---- multiply ----

    static long unsignedMultiplyHigh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    void multiply(int aSe, long aSig, int bSe, long bSig) {
        int ca = classify(aSe, aSig);
        int cb = classify(bSe, bSig);
        if (nanOperands(aSe, aSig, ca, bSe, bSig, cb)) {
            return;
        }
        if ((ca == INF && cb == ZERO) || (ca == ZERO && cb == INF)) {
            indefinite();
            return;
        }
        if (ca == DENORMAL || cb == DENORMAL || sourceDenormal) {
            exc |= DE;
        }
        int s = (aSe ^ bSe) & 0x8000;
        if (ca == INF || cb == INF) {
            result(s | 0x7FFF, INT_BIT);
            return;
        }
        if (ca == ZERO || cb == ZERO) {
            result(s, 0);
            return;
        }
        int ae = normExp(aSe, aSig);
        long as = normSig(aSig);
        int be = normExp(bSe, bSig);
        long bs = normSig(bSig);
        long hi = unsignedMultiplyHigh(as, bs);
        long lo = as * bs;
        int e = ae + be - 0x3FFE;
        if (hi >= 0) {
            hi = (hi << 1) | (lo >>> 63);
            lo <<= 1;
            e--;
        }
        roundToRegister(s != 0, e, hi, lo);
    }

    // ---- divide ----

    void divide(int aSe, long aSig, int bSe, long bSig) {
        int ca = classify(aSe, aSig);
        int cb = classify(bSe, bSig);
        if (nanOperands(aSe, aSig, ca, bSe, bSig, cb)) {
            return;
        }
        if ((ca == INF && cb == INF) || (ca == ZERO && cb == ZERO)) {
            indefinite();
            return;
        }
        int s = (aSe ^ bSe) & 0x8000;
        if (cb == ZERO && ca != INF) {
            exc |= ZE; // division by zero outranks a denormal dividend
            result(s | 0x7FFF, INT_BIT);
            return;
        }
        if (ca == DENORMAL || cb == DENORMAL || sourceDenormal) {
            exc |= DE;
        }
        if (ca == INF) {
            result(s | 0x7FFF, INT_BIT);
            return;
        }
        if (cb == INF || ca == ZERO) {
            result(s, 0);
            return;
        }
        if (cb == ZERO) {
            exc |= ZE;
            result(s | 0x7FFF, INT_BIT);
            return;
        }
        int ae = normExp(aSe, aSig);
        long as = normSig(aSig);
        int be = normExp(bSe, bSig);
        long bs = normSig(bSig);
        // 66 quotient bits by restoring division: 2^0 down to 2^-65, then the sticky remainder
        long rem = as;
        boolean remHigh = false;
        long qHi = 0;
        long qLo = 0;
        for (int k = 0; k < 66; k++) {
            int bit = 0;
            if (remHigh || Long.compareUnsigned(rem, bs) >= 0) {
                rem -= bs;
                bit = 1;
            }
            qHi = (qHi << 1) | (qLo >>> 63);
            qLo = (qLo << 1) | bit;
            remHigh = rem < 0;
            rem <<= 1;
        }
        boolean sticky = rem != 0 || remHigh;
        // qHi holds 2 bits (2^0, 2^-1), qLo the remaining 64 (2^-2 .. 2^-65)
        int e = ae - be + BIAS;
        long z;
        long extra;
        if ((qHi & 2) != 0) {
            z = (qHi << 62) | (qLo >>> 2);
            extra = (qLo << 62) | (sticky ? 1 : 0);
        } else {
            z = (qHi << 63) | (qLo >>> 1);
            extra = (qLo << 63) | (sticky ? 1 : 0);
            e--;
        }
        roundToRegister(s != 0, e, z, extra);
    }

    // ---- square root ----

    void sqrt(int aSe, long aSig) {
        int ca = classify(aSe, aSig);
        if (nanOperand(aSe, aSig, ca)) {
            return;
        }
        if (ca == ZERO) {
            result(aSe, 0);
            return;
        }
        if ((aSe & 0x8000) != 0) {
            indefinite();
            return;
        }
        if (ca == DENORMAL) {
            exc |= DE;
        }
        if (ca == INF) {
            result(aSe, aSig);
            return;
        }
        int unbiased = normExp(aSe, aSig) - BIAS;
        long m = normSig(aSig);
        int shift = 65;
        if ((unbiased & 1) != 0) {
            shift = 66;
            unbiased--;
        }
        // N = m << shift (up to 130 bits); digit-by-digit root, one bit per pair of N's bits
        long resHi = 0, resLo = 0, remHi = 0, remLo = 0;
        for (int pair = 64; pair >= 0; pair--) {
            int bitPos = 2 * pair - shift;
            long two = 0;
            if (bitPos + 1 >= 0 && bitPos + 1 < 64) {
                two |= ((m >>> (bitPos + 1)) & 1) << 1;
            }
            if (bitPos >= 0 && bitPos < 64) {
                two |= (m >>> bitPos) & 1;
            }
            // rem = rem << 2 | two
            remHi = (remHi << 2) | (remLo >>> 62);
            remLo = (remLo << 2) | two;
            // trial = res << 2 | 1
            long tHi = (resHi << 2) | (resLo >>> 62);
            long tLo = (resLo << 2) | 1;
            boolean ge = remHi != tHi ? Long.compareUnsigned(remHi, tHi) > 0 : Long.compareUnsigned(remLo, tLo) >= 0;
            resHi = (resHi << 1) | (resLo >>> 63);
            resLo <<= 1;
            if (ge) {
                long nLo = remLo - tLo;
                remHi = remHi - tHi - (Long.compareUnsigned(remLo, tLo) < 0 ? 1 : 0);
                remLo = nLo;
                resLo |= 1;
            }
        }
        boolean sticky = remHi != 0 || remLo != 0;
        // res has 65 bits: bit 64 the integer bit
        long z = (resHi << 63) | (resLo >>> 1);
        long extra = (resLo << 63) | (sticky ? 1 : 0);
        roundToRegister(false, unbiased / 2 + BIAS, z, extra);
    }

    // ---- compare ----

    /** Compare result codes: C3 C2 C0 in status-word positions. */
    static final int CMP_GT = 0, CMP_LT = 0x100, CMP_EQ = 0x4000, CMP_UNORDERED = 0x4500;

    /**
     * Compares a with b; {@code quiet} (FUCOM) raises IE only for signalling NaNs. Returns a
     * CMP_ code.
     */
    int compare(int aSe, long aSig, int bSe, long bSig, boolean quiet) {
        int ca = classify(aSe, aSig);
        int cb = classify(bSe, bSig);
        if (ca == UNSUPPORTED || cb == UNSUPPORTED) {
            exc |= IE;
            return CMP_UNORDERED;
        }
        if (isNaN(ca) || isNaN(cb)) {
            if (!quiet || ca == SNAN || cb == SNAN) {
                exc |= IE;
            }
            return CMP_UNORDERED;
        }
        if (ca == DENORMAL || cb == DENORMAL || sourceDenormal) {
            exc |= DE;
        }
        if (ca == ZERO && cb == ZERO) {
            return CMP_EQ;
        }
        boolean aNeg = (aSe & 0x8000) != 0;
        boolean bNeg = (bSe & 0x8000) != 0;
        int c = compareMagnitude(aSe, aSig, ca, bSe, bSig, cb);
        if (ca == ZERO) {
            return bNeg ? CMP_GT : CMP_LT;
        }
        if (cb == ZERO) {
            return aNeg ? CMP_LT : CMP_GT;
        }
        if (aNeg != bNeg) {
            return aNeg ? CMP_LT : CMP_GT;
        }
        if (c == 0) {
            return CMP_EQ;
        }
        return (c > 0) != aNeg ? CMP_GT : CMP_LT;
    }

    private static int compareMagnitude(int aSe, long aSig, int ca, int bSe, long bSig, int cb) {
        if (ca == INF || cb == INF) {
            return ca == cb ? 0 : ca == INF ? 1 : -1;
        }
        if (ca == ZERO || cb == ZERO) {
            return ca == cb ? 0 : ca == ZERO ? -1 : 1;
        }
        int ae = normExp(aSe, aSig);
        int be = normExp(bSe, bSig);
        if (ae != be) {
            return ae > be ? 1 : -1;
        }
        return Long.compareUnsigned(normSig(aSig), normSig(bSig));
    }

    // ---- conversions ----

    /**
     * Widens a 32-bit float exactly. For a load ({@code load}) an SNaN is quietened with IE and
     * a denormal raises DE; as an arithmetic operand the SNaN stays signalling and the denormal
     * is remembered in {@link #sourceDenormal}, so the operation applies the NaN rules.
     */
    void fromFloat32(int bits, boolean load) {
        int s = (bits >>> 16) & 0x8000;
        int e = (bits >>> 23) & 0xFF;
        long f = bits & 0x7FFFFFL;
        if (e == 0xFF) {
            if (f == 0) {
                result(s | 0x7FFF, INT_BIT);
            } else {
                long quiet = load ? 0x4000000000000000L : 0;
                if ((f & 0x400000) == 0 && load) {
                    exc |= IE;
                }
                result(s | 0x7FFF, INT_BIT | quiet | (f << 40));
            }
        } else if (e == 0) {
            if (f == 0) {
                result(s, 0);
            } else {
                denormalSource(load);
                int n = Long.numberOfLeadingZeros(f) - 40; // shift to put the top bit at bit 23
                result(s | (BIAS - 126 - n), f << (40 + n));
            }
        } else {
            result(s | (e - 127 + BIAS), INT_BIT | (f << 40));
        }
    }

    /** Widens a 64-bit double, as {@link #fromFloat32}. */
    void fromFloat64(long bits, boolean load) {
        int s = (int) (bits >>> 48) & 0x8000;
        int e = (int) (bits >>> 52) & 0x7FF;
        long f = bits & 0xFFFFFFFFFFFFFL;
        if (e == 0x7FF) {
            if (f == 0) {
                result(s | 0x7FFF, INT_BIT);
            } else {
                long quiet = load ? 0x4000000000000000L : 0;
                if ((f & 0x8000000000000L) == 0 && load) {
                    exc |= IE;
                }
                result(s | 0x7FFF, INT_BIT | quiet | (f << 11));
            }
        } else if (e == 0) {
            if (f == 0) {
                result(s, 0);
            } else {
                denormalSource(load);
                int n = Long.numberOfLeadingZeros(f) - 11; // to put the top bit at bit 52
                result(s | (BIAS - 1022 - n), f << (11 + n));
            }
        } else {
            result(s | (e - 1023 + BIAS), INT_BIT | (f << 11));
        }
    }

    private void denormalSource(boolean load) {
        if (load) {
            exc |= DE;
        } else {
            sourceDenormal = true;
        }
    }

    /** Loads a signed 64-bit integer (exact). */
    void fromInt64(long v) {
        if (v == 0) {
            result(0, 0);
            return;
        }
        int s = v < 0 ? 0x8000 : 0;
        long mag = v < 0 ? -v : v; // Long.MIN_VALUE stays 2^63 as an unsigned magnitude
        int n = Long.numberOfLeadingZeros(mag);
        result(s | (BIAS + 63 - n), mag << n);
    }

    /**
     * Rounds the value to a float of {@code p} bits with exponent bias {@code bias} and all-ones
     * exponent {@code maxExp}; returns the packed bits (float32 in the low 32 bits or float64).
     * The caller handles NaN and unsupported operands.
     */
    private long toFloat(int aSe, long aSig, int ca, int p, int bias, int maxExp) {
        boolean neg = (aSe & 0x8000) != 0;
        int fracBits = p - 1;
        int expShift = fracBits;
        long signBit = neg ? (p == 24 ? 0x80000000L : INT_BIT) : 0;
        if (ca == ZERO) {
            return signBit;
        }
        if (ca == INF) {
            return signBit | ((long) maxExp << expShift);
        }
        // no DE here: the host does not report a denormal source of a store
        int e = normExp(aSe, aSig) - BIAS + bias;
        round(neg, e, normSig(aSig), 0, p, maxExp, false);
        int re = se & 0x7FFF;
        long frac = (sig >>> (64 - p)) & ((1L << fracBits) - 1);
        if (re == maxExp) {
            frac = 0;
        }
        return signBit | ((long) re << expShift) | frac;
    }

    /** Converts to float32 bits (FST m32): NaNs keep their top payload, SNaNs are quietened with IE. */
    int toFloat32(int aSe, long aSig) {
        int ca = classify(aSe, aSig);
        int s = (aSe & 0x8000) << 16;
        if (ca == UNSUPPORTED) {
            exc |= IE;
            return 0xFFC00000;
        }
        if (isNaN(ca)) {
            if (ca == SNAN) {
                exc |= IE;
            }
            return s | 0x7FC00000 | (int) ((aSig >>> 40) & 0x3FFFFF);
        }
        return (int) toFloat(aSe, aSig, ca, 24, 127, 0xFF);
    }

    long toFloat64(int aSe, long aSig) {
        int ca = classify(aSe, aSig);
        long s = (long) (aSe & 0x8000) << 48;
        if (ca == UNSUPPORTED) {
            exc |= IE;
            return 0xFFF8000000000000L;
        }
        if (isNaN(ca)) {
            if (ca == SNAN) {
                exc |= IE;
            }
            return s | 0x7FF8000000000000L | ((aSig >>> 11) & 0x7FFFFFFFFFFFFL);
        }
        return toFloat(aSe, aSig, ca, 53, 1023, 0x7FF);
    }

    /**
     * Rounds to an integer by the rounding mode, as an extended value (FRNDINT) in
     * {@link #se}/{@link #sig}; PE and C1 (rounded up in magnitude) when inexact.
     */
    void roundToInteger(int aSe, long aSig) {
        int ca = classify(aSe, aSig);
        if (nanOperand(aSe, aSig, ca)) {
            return;
        }
        if (ca == ZERO || ca == INF) {
            result(aSe, aSig);
            return;
        }
        if (ca == DENORMAL) {
            exc |= DE;
        }
        boolean neg = (aSe & 0x8000) != 0;
        int e = normExp(aSe, aSig);
        long m = normSig(aSig);
        if (e >= BIAS + 63) {
            result(aSe, aSig); // already an integer
            return;
        }
        // integer part = m >>> (BIAS + 63 - e); fraction below it
        int shift = BIAS + 63 - e;
        long ip;
        long fracHi; // the fraction left-aligned in 64 bits, with sticky in bit 0 if lost
        if (shift >= 64) {
            ip = 0;
            if (shift == 64) {
                fracHi = m;
            } else if (shift < 128) {
                fracHi = (m >>> (shift - 64)) | ((m << (128 - shift)) != 0 ? 1 : 0);
            } else {
                fracHi = 1; // far below one half: only the sticky bit is left
            }
        } else {
            ip = m >>> shift;
            fracHi = m << (64 - shift);
        }
        boolean inc = increments(neg, ip, fracHi, 0, rc);
        if (fracHi != 0) {
            exc |= PE;
            if (inc) {
                exc |= C1;
            }
        }
        if (inc) {
            ip++;
        }
        if (ip == 0) {
            result(aSe & 0x8000, 0);
            return;
        }
        int n = Long.numberOfLeadingZeros(ip);
        result((aSe & 0x8000) | (BIAS + 63 - n), ip << n);
    }

    /**
     * Converts to a signed integer of {@code bits} (16, 32, 64) by the rounding mode; an
     * out-of-range, NaN or infinite value raises IE and gives the integer indefinite (the caller
     * stores it when IE is masked).
     */
    long toInt(int aSe, long aSig, int bits) {
        long indefinite = 1L << (bits - 1);
        indefinite = -indefinite; // 0x8000..., sign-extended
        int ca = classify(aSe, aSig);
        if (ca == UNSUPPORTED || isNaN(ca) || ca == INF) {
            exc |= IE;
            return indefinite;
        }
        if (ca == ZERO) {
            return 0;
        }
        int saved = exc;
        roundToInteger(aSe, aSig);
        exc &= ~DE; // the host does not report a denormal source of an integer store
        int e = se & 0x7FFF;
        boolean neg = (se & 0x8000) != 0;
        if (sig == 0) {
            return 0;
        }
        int shift = BIAS + 63 - e;
        if (shift <= 0) {
            if (neg && shift == 0 && sig == INT_BIT && bits == 64) {
                return Long.MIN_VALUE;
            }
            exc = saved | IE;
            return indefinite;
        }
        long mag = sig >>> shift;
        long max = (1L << (bits - 1)) - 1;
        if (bits == 64 ? false : (neg ? mag > max + 1 : mag > max)) {
            exc = saved | IE;
            return indefinite;
        }
        return neg ? -mag : mag;
    }

    // ---- FSCALE and the partial remainders ----

    /** ST0 * 2^trunc(ST1). */
    void scale(int aSe, long aSig, int bSe, long bSig) {
        int ca = classify(aSe, aSig);
        int cb = classify(bSe, bSig);
        if (nanOperands(aSe, aSig, ca, bSe, bSig, cb)) {
            return;
        }
        if (cb == INF) {
            if ((bSe & 0x8000) != 0) {
                if (ca == INF) {
                    indefinite();
                    return;
                }
                if (ca == DENORMAL) {
                    exc |= DE;
                }
                result(aSe & 0x8000, 0);
            } else {
                if (ca == ZERO) {
                    indefinite();
                    return;
                }
                if (ca == DENORMAL) {
                    exc |= DE;
                }
                result((aSe & 0x8000) | 0x7FFF, INT_BIT);
            }
            return;
        }
        if (ca == DENORMAL || cb == DENORMAL || sourceDenormal) {
            exc |= DE;
        }
        if (ca == ZERO || ca == INF) {
            result(aSe, aSig);
            return;
        }
        int n = 0;
        if (cb != ZERO) {
            int be = normExp(bSe, bSig);
            if (be >= BIAS + 20) {
                n = 1 << 20;
            } else if (be >= BIAS) {
                n = (int) (normSig(bSig) >>> (BIAS + 63 - be));
            }
            if ((bSe & 0x8000) != 0) {
                n = -n;
            }
        }
        round((aSe & 0x8000) != 0, normExp(aSe, aSig) + n, normSig(aSig), 0, precision, 0x7FFF, true);
    }

    /** {@link #remainder} result when the reduction is incomplete (C2 = 1). */
    static final int PARTIAL = -1;
    /** {@link #remainder} result for NaN or invalid operands (condition codes cleared). */
    static final int SPECIAL = -2;

    /**
     * FPREM (truncating quotient) or FPREM1 (IEEE, nearest quotient): the remainder in
     * se/sig; returns the quotient's low three bits, {@link #PARTIAL} or {@link #SPECIAL}.
     */
    int remainder(int aSe, long aSig, int bSe, long bSig, boolean ieee) {
        int ca = classify(aSe, aSig);
        int cb = classify(bSe, bSig);
        if (nanOperands(aSe, aSig, ca, bSe, bSig, cb)) {
            return SPECIAL;
        }
        if (ca == INF || cb == ZERO) {
            indefinite();
            return SPECIAL;
        }
        if (ca == DENORMAL || cb == DENORMAL || sourceDenormal) {
            exc |= DE;
        }
        if (ca == ZERO || cb == INF) {
            result(aSe, aSig);
            return 0;
        }
        boolean neg = (aSe & 0x8000) != 0;
        int ae = normExp(aSe, aSig);
        long as = normSig(aSig);
        int be = normExp(bSe, bSig);
        long bs = normSig(bSig);
        int d = ae - be;
        if (d < 0) {
            if (ieee && d == -1 && Long.compareUnsigned(as, bs) > 0) {
                // |a| > |b|/2: the nearest quotient is 1 and the remainder a - b = -(2bs - as) in
                // units of a's last place (2bs - as < bs fits in 64 bits)
                long r = (bs << 1) - as;
                int n = Long.numberOfLeadingZeros(r);
                round(!neg, ae - n, r << n, 0, 64, 0x7FFF, false);
                return 1;
            }
            result(aSe, aSig);
            return 0;
        }
        boolean partial = d >= 64;
        int steps = partial ? 32 + (d & 31) : d;
        int remExp = partial ? ae - steps : be;
        long rem = as;
        boolean remHigh = false;
        long q = 0;
        for (int k = 0; k <= steps; k++) {
            int bit = 0;
            if (remHigh || Long.compareUnsigned(rem, bs) >= 0) {
                rem -= bs;
                bit = 1;
            }
            q = (q << 1) | bit;
            if (k < steps) {
                remHigh = rem < 0;
                rem <<= 1;
            }
        }
        if (ieee && !partial) {
            boolean twiceHigh = rem < 0;
            long twice = rem << 1;
            int cmp = twiceHigh ? 1 : Long.compareUnsigned(twice, bs);
            if (cmp > 0 || (cmp == 0 && (q & 1) != 0)) {
                rem = bs - rem;
                q++;
                neg = !neg;
            }
        }
        if (rem == 0) {
            result(aSe & 0x8000, 0);
        } else {
            int n = Long.numberOfLeadingZeros(rem);
            round(neg, remExp - n, rem << n, 0, 64, 0x7FFF, false);
        }
        return partial ? PARTIAL : (int) (q & 7);
    }

    // ---- bridges to double for the transcendental instructions ----

    static double toDouble(int aSe, long aSig) {
        int e = aSe & 0x7FFF;
        if (e == 0) {
            e = 1;
        }
        double m = (double) (aSig >>> 11) * 2048.0 + (double) (aSig & 0x7FF);
        double d = Math.scalb(m, e - BIAS - 63);
        return (aSe & 0x8000) != 0 ? -d : d;
    }

    /** Loads a double exactly into se/sig without touching {@link #exc}. */
    void fromDouble(double d) {
        int saved = exc;
        fromFloat64(Double.doubleToRawLongBits(d), true);
        exc = saved;
    }
}
