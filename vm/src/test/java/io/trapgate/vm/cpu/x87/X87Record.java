package io.trapgate.vm.cpu.x87;

import java.util.Locale;

/**
 * One printed case result: "R sw cw tw eflags st0 .. st7 out" (see x87_harness.s), and the
 * comparison rules: the contents of empty registers are not compared, and for the
 * transcendental instructions (computed in double precision by trapgate) values must agree to
 * 52 bits and C1/PE are not compared.
 */
record X87Record(int sw, int cw, int tw, int eflags, X87CaseGenerator.Ext[] st, String out) {
    static X87Record parse(String line) {
        String[] f = line.split(" ");
        X87CaseGenerator.Ext[] st = new X87CaseGenerator.Ext[8];
        for (int i = 0; i < 8; i++) {
            String h = f[5 + i];
            long sig = 0;
            for (int b = 7; b >= 0; b--) {
                sig = (sig << 8) | Integer.parseInt(h.substring(2 * b, 2 * b + 2), 16);
            }
            int se = Integer.parseInt(h.substring(18, 20) + h.substring(16, 18), 16);
            st[i] = new X87CaseGenerator.Ext(se, sig);
        }
        return new X87Record(Integer.parseInt(f[1], 16), Integer.parseInt(f[2], 16), Integer.parseInt(f[3], 16),
                Integer.parseInt(f[4], 16), st, f[13]);
    }

    X87CaseGenerator.Ext st(int i) {
        return st[i];
    }

    boolean empty(int i) {
        int top = (sw >> 11) & 7;
        return ((tw >> (2 * ((top + i) & 7))) & 3) == 3;
    }

    /** A description of how this (trapgate's) record differs from the host's, or "". */
    String differencesFrom(X87Record host, X87CaseGenerator.Case c) {
        StringBuilder d = new StringBuilder();
        int swMask = 0xFFFF & ~c.undefinedSw();
        if (c.transcendental()) {
            swMask &= ~(0x200 | 0x20); // C1 (rounded up) and PE depend on the 64-bit result
        }
        if ((sw & swMask) != (host.sw & swMask)) {
            d.append(String.format(Locale.ROOT, "sw %04x (host %04x) ", sw, host.sw));
        }
        if (cw != host.cw) {
            d.append(String.format(Locale.ROOT, "cw %04x (host %04x) ", cw, host.cw));
        }
        if (tw != host.tw) {
            d.append(String.format(Locale.ROOT, "tw %04x (host %04x) ", tw, host.tw));
        }
        if (eflags != host.eflags) {
            d.append(String.format(Locale.ROOT, "eflags %04x (host %04x) ", eflags, host.eflags));
        }
        for (int i = 0; i < 8; i++) {
            if (host.empty(i)) {
                continue;
            }
            X87CaseGenerator.Ext a = st[i];
            X87CaseGenerator.Ext b = host.st[i];
            boolean same = a.equals(b) || (c.transcendental() && close(a, b));
            if (!same) {
                d.append(String.format(Locale.ROOT, "st%d %04x:%016x (host %04x:%016x) ", i, a.se(), a.sig(), b.se(),
                        b.sig()));
            }
        }
        if (!out.equals(host.out)) {
            d.append("memory ").append(out).append(" (host ").append(host.out).append(") ");
        }
        return d.toString().trim();
    }

    /** Same sign and exponent and significands within 2^12 units of the last place (52 bits agree). */
    private static boolean close(X87CaseGenerator.Ext a, X87CaseGenerator.Ext b) {
        if (a.se() == b.se()) {
            return Math.abs(a.sig() - b.sig()) < (1L << 12);
        }
        if (Math.abs(a.se() - b.se()) == 1) {
            // across a power of two: compare as doubles
            return Math.abs(toDouble(a) - toDouble(b)) <= Math.abs(toDouble(b)) * 0x1p-51;
        }
        return false;
    }

    private static double toDouble(X87CaseGenerator.Ext v) {
        double m = (double) (v.sig() >>> 11);
        double d = Math.scalb(m, (v.se() & 0x7FFF) - 16383 - 52);
        return (v.se() & 0x8000) != 0 ? -d : d;
    }
}
