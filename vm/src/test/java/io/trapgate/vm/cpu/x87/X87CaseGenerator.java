package io.trapgate.vm.cpu.x87;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Generates the x87 differential cases: operands at the edges of the extended, double and
 * single formats (zeros, denormals, smallest and largest normals, infinities, quiet and
 * signalling NaNs, unsupported encodings, values that need rounding), random operands with a
 * fixed seed, every rounding mode and precision control. Instructions are emitted as raw bytes
 * so AT&amp;T's fsub/fsubr mnemonic swap cannot blur what is tested.
 */
final class X87CaseGenerator {
    /** One case: its description (for failure messages) and its assembly body. */
    record Case(int index, String describe, String asm, boolean transcendental, int undefinedSw) {
    }

    /** 80-bit values: sign/exponent and significand. */
    record Ext(int se, long sig) {
        String label(Map<Ext, String> table) {
            return table.computeIfAbsent(this, k -> "xv" + table.size());
        }
    }

    static final int DEFAULT_CW = 0x037F;
    static final long INT_BIT_LONG = 0x8000000000000000L;
    private static final String[] ARITH = {"fadd", "fmul", "fcom", "fcomp", "fsub", "fsubr", "fdiv", "fdivr"};
    private static final int[] ARITH_OPS = {0, 1, 4, 5, 6, 7};

    private X87CaseGenerator() {
    }

    static int cw(int rc, int pc) {
        return 0x7F | (pc << 8) | (rc << 10);
    }

    static final int[] ALL_CW;

    static {
        List<Integer> l = new ArrayList<>();
        for (int rc = 0; rc < 4; rc++) {
            for (int pc : new int[] {0, 2, 3}) {
                l.add(cw(rc, pc));
            }
        }
        ALL_CW = l.stream().mapToInt(Integer::intValue).toArray();
    }

    static Ext ext(int se, long sig) {
        return new Ext(se, sig);
    }

    static Ext pow2(int e) {
        return ext(0x3FFF + e, 0x8000000000000000L);
    }

    static Ext neg(Ext v) {
        return ext(v.se ^ 0x8000, v.sig);
    }

    /** The core edge values used for all pairs. */
    static List<Ext> core() {
        List<Ext> v = new ArrayList<>();
        v.add(ext(0, 0));
        v.add(ext(0x8000, 0));
        v.add(pow2(0));
        v.add(neg(pow2(0)));
        v.add(ext(0x4000, 0xC000000000000000L)); // 3
        v.add(ext(0x3FFD, 0xAAAAAAAAAAAAAAABL)); // 1/3
        v.add(ext(0x3FFF, 0x8000000000000001L)); // 1 + ulp
        v.add(ext(0xBFFF, 0xFFFFFFFFFFFFFFFFL)); // -(2 - ulp)
        v.add(ext(0x3FFF, 0x8000008000000000L)); // a tie at 24 bits
        v.add(ext(0x3FFF, 0x8000000000000400L)); // a tie at 53 bits
        v.add(ext(0, 1)); // smallest denormal
        v.add(ext(0x8000, 0x7FFFFFFFFFFFFFFFL)); // -largest denormal
        v.add(ext(1, 0x8000000000000000L)); // smallest normal
        v.add(ext(0x7FFE, 0xFFFFFFFFFFFFFFFFL)); // largest normal
        v.add(ext(0xFFFE, 0x8000000000000000L));
        v.add(ext(0x7FFF, 0x8000000000000000L)); // +inf
        v.add(ext(0xFFFF, 0x8000000000000000L)); // -inf
        v.add(ext(0x7FFF, 0xC000000000000001L)); // QNaN
        v.add(ext(0xFFFF, 0xC0000000ABCDEF00L)); // -QNaN, larger payload
        v.add(ext(0x7FFF, 0x8000000000000001L)); // SNaN
        v.add(ext(0xFFFF, 0xA000000000000000L)); // -SNaN
        v.add(ext(0x4000, 0x4000000000000000L)); // unnormal: unsupported
        v.add(ext(0x3FFF + 40, 0xD8A3B1C2E4F50607L));
        v.add(ext(0x3FFF - 40, 0x9ABCDEF012345679L));
        return v;
    }

    /** Edge values for conversions: the core plus the single, double and integer limits. */
    static List<Ext> conversionValues() {
        List<Ext> v = new ArrayList<>(core());
        v.add(pow2(-126));
        v.add(pow2(-149));
        v.add(ext(0x3FFF - 150, 0xC000000000000000L));
        v.add(ext(0x3FFF - 127, 0xFFFFFFFFFFFFFFFFL));
        v.add(pow2(-1022));
        v.add(pow2(-1074));
        v.add(ext(0x3FFF - 1075, 0xC000000000000000L));
        v.add(ext(0x3FFF - 1023, 0xFFFFFFFFFFFFFFFFL));
        v.add(ext(0x3FFF + 127, 0xFFFFFF0000000000L)); // FLT_MAX
        v.add(ext(0x3FFF + 127, 0xFFFFFF8000000000L)); // rounds past FLT_MAX
        v.add(ext(0x3FFF + 1023, 0xFFFFFFFFFFFFF800L)); // DBL_MAX
        v.add(ext(0x3FFF + 1023, 0xFFFFFFFFFFFFFC00L));
        v.add(pow2(1024));
        v.add(pow2(15));
        v.add(ext(0x3FFF + 14, 0xFFFF000000000000L)); // 32767.5
        v.add(ext(0xBFFF + 15, 0x8000800000000000L)); // -32768.5
        v.add(pow2(31));
        v.add(neg(pow2(31)));
        v.add(ext(0x3FFF + 30, 0xFFFFFFFF00000000L)); // 2^31 - 0.5
        v.add(pow2(63));
        v.add(neg(pow2(63)));
        v.add(ext(0x3FFF + 63, 0xFFFFFFFFFFFFFFFFL));
        v.add(pow2(64));
        v.add(ext(0x3FFF + 59, 0xDE0B6B3A76400000L)); // 1e18
        v.add(ext(0x3FFF + 59, 0xDE0B6B3A763FFFF0L)); // just under 1e18
        v.add(ext(0x3FFE, 0x8000000000000000L)); // 0.5
        v.add(ext(0x3FFF, 0xC000000000000000L)); // 1.5
        v.add(ext(0x4000, 0xA000000000000000L)); // 2.5
        v.add(ext(0xC000, 0xA000000000000000L)); // -2.5
        v.add(ext(0x3FFE, 0x8000000000000001L)); // just over 0.5
        v.add(ext(0xBFFD, 0xFFFFFFFFFFFFFFFFL)); // just under -0.5
        v.add(ext(0, 0x8000000000000000L)); // pseudo-denormal
        v.add(ext(0x7FFF, 0)); // pseudo-infinity
        return v;
    }

    private static Ext random(Random r, int spread) {
        long sig = r.nextLong() | 0x8000000000000000L;
        if (r.nextInt(4) == 0) {
            sig &= ~((1L << r.nextInt(64)) - 1); // trailing zeros: exact cases and ties
            sig |= 0x8000000000000000L;
        }
        int e;
        switch (r.nextInt(8)) {
            case 0: e = 1 + r.nextInt(70); break; // near the denormal range
            case 1: e = 0x7FFE - r.nextInt(70); break; // near overflow
            case 2: e = 0; sig >>>= 1 + r.nextInt(63); break; // denormal
            default: e = 0x3FFF - spread + r.nextInt(2 * spread + 1); break;
        }
        return ext((r.nextBoolean() ? 0x8000 : 0) | e, sig);
    }

    /** A pair of operands with close exponents and significands (cancellation). */
    private static Ext near(Random r, Ext a) {
        long sig = a.sig ^ (r.nextLong() >>> (1 + r.nextInt(63)));
        sig |= 0x8000000000000000L;
        int e = (a.se & 0x7FFF) == 0 ? 1 : a.se & 0x7FFF;
        e = Math.max(1, Math.min(0x7FFE, e + r.nextInt(3) - 1));
        return ext((r.nextBoolean() ? 0x8000 : 0) | e, sig);
    }

    static final class Builder {
        final List<Case> cases = new ArrayList<>();
        final Map<Ext, String> values;

        Builder(Map<Ext, String> values) {
            this.values = values;
        }

        /** A case with the given control word and EFLAGS, loading operands (last = ST0) first. */
        void add(String what, int cw, int eflags, List<Ext> loads, String body, boolean transcendental) {
            add(what, cw, eflags, loads, body, transcendental, 0);
        }

        void add(String what, int cw, int eflags, List<Ext> loads, String body, boolean transcendental,
                int undefinedSw) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "X87_BEGIN 0x%x, 0x%x\n", cw, eflags | 2));
            StringBuilder d = new StringBuilder(what).append(String.format(Locale.ROOT, " cw=%04x", cw));
            for (Ext v : loads) {
                sb.append("fldt ").append(v.label(values)).append('\n');
                d.append(String.format(Locale.ROOT, " [%04x:%016x]", v.se, v.sig));
            }
            sb.append(body).append('\n');
            sb.append("X87_END");
            cases.add(new Case(cases.size(), d.toString(), sb.toString(), transcendental, undefinedSw));
        }

        void add(String what, int cw, List<Ext> loads, String body) {
            add(what, cw, 0, loads, body, false);
        }
    }

    static String bytes(int... b) {
        StringBuilder sb = new StringBuilder(".byte ");
        for (int i = 0; i < b.length; i++) {
            sb.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "0x%02x", b[i]));
        }
        return sb.toString();
    }

    /** A memory-operand form: opcode, /reg, absolute address (mod 00 rm 101). */
    static String mem(int op, int reg, String label) {
        return bytes(op, (reg << 3) | 5) + "\n.long " + label;
    }

    /** Memory source operands placed in the data table: returns the label. */
    static String data(Map<String, String> memData, String directive) {
        return memData.computeIfAbsent(directive, k -> "xm" + memData.size());
    }

    /** Generates all groups; the value and memory-operand tables are shared per group. */
    static Map<String, Group> generate() {
        Map<String, Group> groups = new LinkedHashMap<>();
        Random rnd = new Random(0x87);

        Group g = new Group();
        // arithmetic on all pairs of edge values, default control word, ST0 := ST0 op ST1
        for (Ext a : core()) {
            for (Ext b : core()) {
                for (int op : ARITH_OPS) {
                    g.b.add(ARITH[op] + " st1", DEFAULT_CW, List.of(b, a), bytes(0xD8, 0xC0 | op << 3 | 1));
                }
            }
        }
        groups.put("arith-edges", g);

        g = new Group();
        // random operands in every rounding mode and precision, in the D8, DC and DE forms
        for (int k = 0; k < 60; k++) {
            Ext a = random(rnd, 70);
            Ext b = k % 3 == 0 ? near(rnd, a) : random(rnd, 70);
            for (int cw : ALL_CW) {
                for (int op : ARITH_OPS) {
                    int form = (k + op) % 3;
                    int opcode = form == 0 ? 0xD8 : form == 1 ? 0xDC : 0xDE;
                    g.b.add(ARITH[op] + " form " + Integer.toHexString(opcode), cw, List.of(b, a),
                            bytes(opcode, 0xC0 | op << 3 | 1));
                }
            }
        }
        groups.put("arith-modes", g);

        g = new Group();
        // one-operand instructions
        List<Ext> unaryValues = new ArrayList<>(conversionValues());
        for (int k = 0; k < 30; k++) {
            unaryValues.add(random(rnd, 70));
        }
        String[][] unary = {{"fsqrt", "0xd9,0xfa"}, {"frndint", "0xd9,0xfc"}, {"fchs", "0xd9,0xe0"},
            {"fabs", "0xd9,0xe1"}, {"ftst", "0xd9,0xe4"}, {"fxam", "0xd9,0xe5"}, {"fxtract", "0xd9,0xf4"}};
        for (Ext a : unaryValues) {
            for (String[] u : unary) {
                boolean rounds = u[0].equals("fsqrt") || u[0].equals("frndint");
                for (int cw : rounds ? ALL_CW : new int[] {DEFAULT_CW}) {
                    g.b.add(u[0], cw, List.of(a), ".byte " + u[1]);
                }
            }
        }
        // fxam of an empty register
        g.b.add("fxam empty", DEFAULT_CW, List.of(), ".byte 0xd9,0xe5");
        groups.put("unary", g);

        g = new Group();
        // fscale, fprem, fprem1
        List<Ext> scales = List.of(ext(0, 0), pow2(0), ext(0xC000, 0xC000000000000000L), pow2(4),
                ext(0x3FFF + 14, 0xC000000000000000L), ext(0xBFFF + 14, 0xC000000000000000L), pow2(-1),
                ext(0x7FFF, 0x8000000000000000L), ext(0xFFFF, 0x8000000000000000L), ext(0x7FFF, 0xC000000000000001L));
        for (Ext a : core()) {
            for (Ext s : scales) {
                g.b.add("fscale", DEFAULT_CW, List.of(s, a), ".byte 0xd9,0xfd");
            }
        }
        for (Ext a : core()) {
            for (Ext b : core()) {
                g.b.add("fprem", DEFAULT_CW, List.of(b, a), ".byte 0xd9,0xf8");
                g.b.add("fprem1", DEFAULT_CW, List.of(b, a), ".byte 0xd9,0xf5");
            }
        }
        for (int k = 0; k < 200; k++) {
            Ext b = random(rnd, 20);
            int d = k % 70 - 3;
            Ext a = ext((rnd.nextBoolean() ? 0x8000 : 0) | Math.max(1, Math.min(0x7FFE, (b.se & 0x7FFF) + d)),
                    rnd.nextLong() | 0x8000000000000000L);
            g.b.add("fprem", DEFAULT_CW, List.of(b, a), ".byte 0xd9,0xf8");
            g.b.add("fprem1", DEFAULT_CW, List.of(b, a), ".byte 0xd9,0xf5");
        }
        for (int k = 0; k < 100; k++) {
            // |a| just below |b| and just above |b|/2: FPREM1's quotient of one
            Ext b = random(rnd, 20);
            int be = Math.max(2, b.se() & 0x7FFF);
            Ext a = ext((rnd.nextBoolean() ? 0x8000 : 0) | (be - 1), rnd.nextLong() | INT_BIT_LONG);
            g.b.add("fprem1 half", cw(k % 4, 3), List.of(b, a), ".byte 0xd9,0xf5");
            g.b.add("fprem half", cw(k % 4, 3), List.of(b, a), ".byte 0xd9,0xf8");
        }
        groups.put("scale-remainder", g);

        g = new Group();
        // comparisons
        for (Ext a : core()) {
            for (Ext b : core()) {
                g.b.add("fcom st1", DEFAULT_CW, List.of(b, a), ".byte 0xd8,0xd1");
                g.b.add("fucom st1", DEFAULT_CW, List.of(b, a), ".byte 0xdd,0xe1");
                g.b.add("fcomi st1", DEFAULT_CW, 0x8D5, List.of(b, a), ".byte 0xdb,0xf1", false);
                g.b.add("fucomip st1", DEFAULT_CW, 0, List.of(b, a), ".byte 0xdf,0xe9", false);
            }
        }
        for (int k = 0; k < 40; k++) {
            Ext a = random(rnd, 3);
            Ext b = k % 2 == 0 ? near(rnd, a) : a;
            g.b.add("fcompp", DEFAULT_CW, List.of(b, a), ".byte 0xde,0xd9");
            g.b.add("fucompp", DEFAULT_CW, List.of(b, a), ".byte 0xda,0xe9");
            g.b.add("fcomip", DEFAULT_CW, 0x8D5, List.of(b, a), ".byte 0xdf,0xf1", false);
            g.b.add("fcomp st1", DEFAULT_CW, List.of(b, a), ".byte 0xd8,0xd9");
        }
        // fcmovcc under each relevant flag combination
        int[] flagSets = {0, 0x1, 0x40, 0x41, 0x4, 0x45};
        for (int f : flagSets) {
            for (int op = 0; op < 2; op++) {
                for (int reg = 0; reg < 4; reg++) {
                    g.b.add("fcmov flags=" + f, DEFAULT_CW, f, List.of(pow2(5), pow2(1)),
                            bytes(op == 0 ? 0xDA : 0xDB, 0xC0 | reg << 3 | 1), false);
                }
            }
        }
        groups.put("compare", g);

        g = new Group();
        Map<String, String> md = g.memData;
        // stores to memory in every rounding mode
        for (Ext a : conversionValues()) {
            for (int rc = 0; rc < 4; rc++) {
                int cw = cw(rc, 3);
                g.b.add("fsts", cw, List.of(a), mem(0xD9, 2, "x87_out"));
                g.b.add("fstpl", cw, List.of(a), mem(0xDD, 3, "x87_out"));
                g.b.add("fists", cw, List.of(a), mem(0xDF, 2, "x87_out"));
                g.b.add("fistpl", cw, List.of(a), mem(0xDB, 3, "x87_out"));
                g.b.add("fistpll", cw, List.of(a), mem(0xDF, 7, "x87_out"));
                g.b.add("fbstp", cw, List.of(a), mem(0xDF, 6, "x87_out"));
            }
            g.b.add("fstpt", DEFAULT_CW, List.of(a), mem(0xDB, 7, "x87_out"));
        }
        // loads from memory
        int[] floats = {0, 0x80000000, 0x3F800000, 1, 0x807FFFFF, 0x00800000, 0x7F7FFFFF, 0x7F800000, 0xFF800000,
            0x7FC00001, 0x7F800001, 0xFFA00000, 0x40490FDB};
        for (int f : floats) {
            g.b.add("flds", DEFAULT_CW, List.of(), mem(0xD9, 0, data(md, ".long " + f)));
            g.b.add("fadds", DEFAULT_CW, List.of(pow2(0)), mem(0xD8, 0, data(md, ".long " + f)));
            g.b.add("fcoms", DEFAULT_CW, List.of(pow2(0)), mem(0xD8, 2, data(md, ".long " + f)));
            g.b.add("fdivrs", DEFAULT_CW, List.of(ext(0x7FFF, 0xC000000000000001L)), mem(0xD8, 7, data(md, ".long " + f)));
        }
        long[] doubles = {0, 0x8000000000000000L, 0x3FF0000000000000L, 1, 0x800FFFFFFFFFFFFFL, 0x0010000000000000L,
            0x7FEFFFFFFFFFFFFFL, 0x7FF0000000000000L, 0x7FF8000000000001L, 0x7FF0000000000001L,
            0x400921FB54442D18L};
        for (long d : doubles) {
            g.b.add("fldl", DEFAULT_CW, List.of(), mem(0xDD, 0, data(md, ".quad " + d)));
            g.b.add("fmull", DEFAULT_CW, List.of(ext(0x3FFD, 0xAAAAAAAAAAAAAAABL)), mem(0xDC, 1, data(md, ".quad " + d)));
            g.b.add("fsubrl", cw(1, 2), List.of(pow2(0)), mem(0xDC, 5, data(md, ".quad " + d)));
            g.b.add("fcompl", DEFAULT_CW, List.of(pow2(0)), mem(0xDC, 3, data(md, ".quad " + d)));
        }
        long[] ints = {0, 1, -1, 32767, -32768, 0x7FFFFFFF, 0x80000000L, 0x7FFFFFFFFFFFFFFFL, 0x8000000000000000L,
            123456789012345L, 0x0FFFFFFFFFFFFFFFL};
        for (long v : ints) {
            g.b.add("filds", DEFAULT_CW, List.of(), mem(0xDF, 0, data(md, ".word " + (short) v)));
            g.b.add("fildl", DEFAULT_CW, List.of(), mem(0xDB, 0, data(md, ".long " + (int) v)));
            g.b.add("fildll", DEFAULT_CW, List.of(), mem(0xDF, 5, data(md, ".quad " + v)));
            g.b.add("fiaddl", cw(2, 0), List.of(ext(0x3FFD, 0xAAAAAAAAAAAAAAABL)), mem(0xDA, 0, data(md, ".long " + (int) v)));
            g.b.add("fidivs", DEFAULT_CW, List.of(pow2(0)), mem(0xDE, 6, data(md, ".word " + (short) v)));
            g.b.add("ficoml", DEFAULT_CW, List.of(pow2(0)), mem(0xDA, 2, data(md, ".long " + (int) v)));
            g.b.add("fisubrs", cw(3, 3), List.of(pow2(0)), mem(0xDE, 5, data(md, ".word " + (short) v)));
        }
        String[] bcd = {".quad 0x0000000000000000\n.word 0x0000", ".quad 0x0000000000000001\n.word 0x8000",
            ".quad 0x3456789012345678\n.word 0x0012", ".quad 0x9999999999999999\n.word 0x8099"};
        for (String b : bcd) {
            g.b.add("fbld", DEFAULT_CW, List.of(), mem(0xDF, 4, data(md, b)));
        }
        groups.put("convert", g);

        g = new Group();
        // constants in each rounding mode
        for (int cw : ALL_CW) {
            for (int k = 0; k < 7; k++) {
                g.b.add("fld const " + k, cw, List.of(), bytes(0xD9, 0xE8 + k));
            }
        }
        // the stack: overflow, underflow, exchange, free, rotate
        List<Ext> eight = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            eight.add(pow2(k));
        }
        g.b.add("push 9: overflow", DEFAULT_CW, eight, bytes(0xD9, 0xE8));
        g.b.add("fld st7 when full", DEFAULT_CW, eight, bytes(0xD9, 0xC7));
        g.b.add("fadd on empty", DEFAULT_CW, List.of(), bytes(0xD8, 0xC1));
        g.b.add("faddp with empty st1", DEFAULT_CW, List.of(pow2(0)), bytes(0xDE, 0xC1));
        g.b.add("fsqrt on empty", DEFAULT_CW, List.of(), bytes(0xD9, 0xFA));
        g.b.add("fcom with empty", DEFAULT_CW, List.of(pow2(0)), bytes(0xD8, 0xD1));
        g.b.add("fcomi with empty", DEFAULT_CW, 0x8D5, List.of(pow2(0)), bytes(0xDB, 0xF1), false);
        g.b.add("fst empty to memory", DEFAULT_CW, List.of(), mem(0xDD, 2, "x87_out"));
        g.b.add("fistp empty", DEFAULT_CW, List.of(), mem(0xDB, 3, "x87_out"));
        g.b.add("fxch", DEFAULT_CW, List.of(pow2(1), pow2(2)), bytes(0xD9, 0xC9));
        g.b.add("fxch with empty", DEFAULT_CW, List.of(pow2(2)), bytes(0xD9, 0xC9));
        g.b.add("ffree st1", DEFAULT_CW, List.of(pow2(1), pow2(2)), bytes(0xDD, 0xC1));
        g.b.add("fdecstp", DEFAULT_CW, List.of(pow2(1), pow2(2)), bytes(0xD9, 0xF6));
        g.b.add("fincstp", DEFAULT_CW, List.of(pow2(1), pow2(2)), bytes(0xD9, 0xF7));
        g.b.add("fst st2", DEFAULT_CW, List.of(pow2(1), pow2(2), pow2(3)), bytes(0xDD, 0xD2));
        g.b.add("fstp st1", DEFAULT_CW, List.of(pow2(1), pow2(2), pow2(3)), bytes(0xDD, 0xD9));
        g.b.add("fld st1", DEFAULT_CW, List.of(pow2(1), pow2(2)), bytes(0xD9, 0xC1));
        g.b.add("fnop", DEFAULT_CW, List.of(pow2(1)), bytes(0xD9, 0xD0));
        g.b.add("fnclex after invalid", DEFAULT_CW, List.of(ext(0x7FFF, 0x8000000000000001L)),
                bytes(0xD8, 0xC0) + "\n" + bytes(0xDB, 0xE2));
        g.b.add("fnstsw ax", DEFAULT_CW, List.of(ext(0x7FFF, 0x8000000000000001L)),
                bytes(0xD8, 0xC0) + "\nmovl $0x12345678, %eax\n" + bytes(0xDF, 0xE0) + "\nmovl %eax, x87_out");
        g.b.add("fnstsw m16", DEFAULT_CW, List.of(pow2(1), pow2(2)), mem(0xDD, 7, "x87_out"));
        g.b.add("fnstcw", cw(2, 2), List.of(), mem(0xD9, 7, "x87_out"));
        // environment round trips (the pointer fields differ between user mode and ring 0: zeroed)
        String clearPointers = "movl $0, x87_out+12\nmovl $0, x87_out+16\nmovl $0, x87_out+20\nmovl $0, x87_out+24";
        g.b.add("fnstenv", cw(1, 2), List.of(pow2(1), ext(0, 0), ext(0x7FFF, 0xC000000000000000L)),
                mem(0xD9, 6, "x87_out") + "\n" + clearPointers);
        g.b.add("fnstenv then fldenv", DEFAULT_CW, List.of(pow2(1), ext(0, 1)),
                mem(0xD9, 6, "x87_out") + "\n" + bytes(0xD9, 0xE8) + "\n" + mem(0xD9, 4, "x87_out") + "\n"
                        + clearPointers);
        g.b.add("fnsave then frstor", cw(3, 0), List.of(pow2(1), ext(0, 1), pow2(5)),
                "fnsave x87_area\nfld1\nfrstor x87_area");
        groups.put("stack-control", g);

        g = new Group();
        // unmasked exceptions: the op sets ES and B; the no-wait fnsave that ends each case does not
        // trap, so the hardware's unmasked responses (destination kept, exponent wrapped by 24576
        // on overflow and underflow) can be recorded in user mode too
        int[] unmaskedCws = {0x0340, 0x037E, 0x037B, 0x0377, 0x036F, 0x035F, 0x037D, 0x0F40, 0x0040};
        for (int cw : unmaskedCws) {
            for (Ext a : core()) {
                for (Ext b : core()) {
                    if ((a.se() + b.se() + cw) % 3 != 0) {
                        continue; // a third of the pairs per control word keeps the group small
                    }
                    for (int op : ARITH_OPS) {
                        g.b.add(ARITH[op] + " unmasked", cw, List.of(b, a), bytes(0xD8, 0xC0 | op << 3 | 1));
                    }
                }
            }
            for (int k = 0; k < 20; k++) {
                Ext a = random(rnd, 70);
                Ext b = random(rnd, 70);
                g.b.add("fmul unmasked", cw, List.of(b, a), bytes(0xD8, 0xC9));
                g.b.add("fdiv unmasked", cw, List.of(b, a), bytes(0xD8, 0xF1));
                g.b.add("fsqrt unmasked", cw, List.of(a), bytes(0xD9, 0xFA));
            }
            for (Ext a : conversionValues()) {
                g.b.add("fsts unmasked", cw, List.of(a), mem(0xD9, 2, "x87_out"));
                g.b.add("fstpl unmasked", cw, List.of(a), mem(0xDD, 3, "x87_out"));
                g.b.add("fistpl unmasked", cw, List.of(a), mem(0xDB, 3, "x87_out"));
                g.b.add("frndint unmasked", cw, List.of(a), bytes(0xD9, 0xFC));
                g.b.add("fcom unmasked", cw, List.of(pow2(0), a), bytes(0xD8, 0xD1));
            }
            g.b.add("fld overflow unmasked", cw, List.of(pow2(0), pow2(1), pow2(2), pow2(3), pow2(4), pow2(5), pow2(6),
                    pow2(7)), bytes(0xD9, 0xE8));
            g.b.add("fadd underflow unmasked", cw, List.of(pow2(0)), bytes(0xD8, 0xC1));
        }
        // fnstenv: the last instruction and operand pointers (the same addresses in both images)
        // and FOP; FCS and FDS differ between user mode and ring 0 and are cleared
        g.b.add("fnstenv pointers", DEFAULT_CW, List.of(pow2(3)),
                mem(0xDC, 1, data(g.memData, ".quad 0x4000000000000000")) + "\n" + mem(0xD9, 6, "x87_out")
                        + "\nmovw $0, x87_out+16\nmovl $0, x87_out+24");
        // the pointers of an instruction with prefixes (a segment override and an address-size one)
        g.b.add("fnstenv pointers with prefixes", DEFAULT_CW, List.of(pow2(3)),
                ".byte 0x3e\n" + mem(0xDC, 1, data(g.memData, ".quad 0x4000000000000000")) + "\n"
                        + mem(0xD9, 6, "x87_out") + "\nmovw $0, x87_out+16\nmovl $0, x87_out+24");
        // fnstenv masks all exceptions after storing the unmasked control word
        g.b.add("fnstenv masks", 0x0340, List.of(pow2(3)), mem(0xD9, 6, "x87_out")
                + "\nmovl $0, x87_out+12\nmovl $0, x87_out+16\nmovl $0, x87_out+20\nmovl $0, x87_out+24");
        groups.put("unmasked", g);

        g = new Group();
        // transcendental instructions: compared with a tolerance (computed in double precision)
        String[][] trans = {{"fsin", "0xd9,0xfe"}, {"fcos", "0xd9,0xff"}, {"fptan", "0xd9,0xf2"},
            {"fsincos", "0xd9,0xfb"}, {"f2xm1", "0xd9,0xf0"}, {"fpatan", "0xd9,0xf3"}, {"fyl2x", "0xd9,0xf1"},
            {"fyl2xp1", "0xd9,0xf9"}};
        List<Ext> tv = List.of(ext(0x3FFE, 0x8000000000000000L), ext(0x3FFD, 0xAAAAAAAAAAAAAAABL), pow2(0),
                ext(0xBFFE, 0xC000000000000000L), ext(0x4000, 0xC90FDAA22168C235L), ext(0x3FFF + 10, 0xC000000000000000L),
                ext(0x3FFF - 30, 0x9ABCDEF012345679L), ext(0x3FFC, 0x9999999999999999L));
        List<Ext> tvAll = new ArrayList<>(tv);
        tvAll.addAll(List.of(ext(0, 0), ext(0x8000, 0), ext(0, 5), pow2(63), neg(pow2(70)), ext(0x7FFF, INT_BIT_LONG),
                ext(0xFFFF, INT_BIT_LONG), ext(0x7FFF, 0xC000000000000001L), ext(0x7FFF, 0x8000000000000001L),
                ext(0x4000, 0x4000000000000000L), neg(pow2(0))));
        for (String[] t : trans) {
            for (Ext a : tvAll) {
                if (t[0].equals("f2xm1") && (a.se() & 0x7FFF) > 0x3FFE && (a.se() & 0x7FFF) != 0x7FFF) {
                    continue; // outside -1..+1 the manual leaves the result undefined
                }
                if (t[0].equals("fyl2xp1") && (a.se() & 0x7FFF) > 0x3FFC && (a.se() & 0x7FFF) != 0x7FFF) {
                    continue; // outside +-(1 - sqrt(2)/2) likewise
                }
                g.b.add(t[0], DEFAULT_CW, 0, List.of(pow2(1), a), ".byte " + t[1], true);
            }
        }
        Random r3 = new Random(0x2387);
        for (int k = 0; k < 60; k++) {
            // arguments in each instruction's domain: |x| < 2^10 for the trigonometric ones
            Ext a = ext((r3.nextBoolean() ? 0x8000 : 0) | (0x3FFF - 20 + r3.nextInt(30)), r3.nextLong() | INT_BIT_LONG);
            Ext small = ext((r3.nextBoolean() ? 0x8000 : 0) | (0x3FFF - 30 + r3.nextInt(29)), r3.nextLong() | INT_BIT_LONG);
            Ext y = ext((r3.nextBoolean() ? 0x8000 : 0) | (0x3FFF - 5 + r3.nextInt(10)), r3.nextLong() | INT_BIT_LONG);
            Ext positive = ext(0x3FFF - 40 + r3.nextInt(80), r3.nextLong() | INT_BIT_LONG);
            Ext inRange = ext((r3.nextBoolean() ? 0x8000 : 0) | (0x3FFD - r3.nextInt(20)), r3.nextLong() | INT_BIT_LONG);
            g.b.add("fsin random", DEFAULT_CW, 0, List.of(pow2(1), a), ".byte 0xd9,0xfe", true);
            g.b.add("fcos random", DEFAULT_CW, 0, List.of(pow2(1), a), ".byte 0xd9,0xff", true);
            g.b.add("fptan random", DEFAULT_CW, 0, List.of(pow2(1), a), ".byte 0xd9,0xf2", true);
            g.b.add("fsincos random", DEFAULT_CW, 0, List.of(pow2(1), a), ".byte 0xd9,0xfb", true);
            g.b.add("f2xm1 random", DEFAULT_CW, 0, List.of(pow2(1), small), ".byte 0xd9,0xf0", true);
            g.b.add("fpatan random", DEFAULT_CW, 0, List.of(y, a), ".byte 0xd9,0xf3", true);
            g.b.add("fyl2x random", DEFAULT_CW, 0, List.of(y, positive), ".byte 0xd9,0xf1", true);
            g.b.add("fyl2xp1 random", DEFAULT_CW, 0, List.of(y, inRange), ".byte 0xd9,0xf9", true);
        }
        groups.put("transcendental", g);

        g = new Group();
        Random r2 = new Random(0x387);
        Map<String, String> md2 = g.memData;
        // random operands in random control words, all forms
        for (int k = 0; k < 1500; k++) {
            Ext a = random(r2, 70);
            Ext b = k % 4 == 0 ? near(r2, a) : random(r2, 70);
            int cw = ALL_CW[r2.nextInt(ALL_CW.length)];
            int op = ARITH_OPS[r2.nextInt(ARITH_OPS.length)];
            g.b.add(ARITH[op] + " random", cw, List.of(b, a), bytes(0xD8, 0xC0 | op << 3 | 1));
            int fbits = r2.nextInt();
            long dbits = r2.nextLong();
            if (k % 3 == 0) {
                fbits &= 0x807FFFFF; // denormal floats
                dbits &= 0x800FFFFFFFFFFFFFL;
            }
            g.b.add(ARITH[op] + " m32 random", cw, List.of(a), mem(0xD8, op, data(md2, ".long " + fbits)));
            g.b.add(ARITH[op] + " m64 random", cw, List.of(a), mem(0xDC, op, data(md2, ".quad " + dbits)));
            g.b.add(ARITH[op] + " m32int random", cw, List.of(a), mem(0xDA, op, data(md2, ".long " + (int) dbits)));
            g.b.add("fsqrt random", cw, List.of(a), bytes(0xD9, 0xFA));
            g.b.add("fscale random", cw, List.of(ext(0x3FFF + r2.nextInt(16), r2.nextLong() | INT_BIT_LONG), a),
                    bytes(0xD9, 0xFD));
            g.b.add("fxtract random", cw, List.of(a), bytes(0xD9, 0xF4));
            g.b.add("frndint random", cw, List.of(a), bytes(0xD9, 0xFC));
            Ext big = ext((r2.nextBoolean() ? 0x8000 : 0) | (0x3FFF + r2.nextInt(66)), r2.nextLong() | INT_BIT_LONG);
            g.b.add("fistpll random", cw, List.of(big), mem(0xDF, 7, "x87_out"));
            g.b.add("fistl random", cw, List.of(big), mem(0xDB, 2, "x87_out"));
            g.b.add("fbstp random", cw, List.of(big), mem(0xDF, 6, "x87_out"));
            g.b.add("fsts random", cw, List.of(a), mem(0xD9, 2, "x87_out"));
            g.b.add("fstl random", cw, List.of(a), mem(0xDD, 2, "x87_out"));
            g.b.add("fcomi random", cw, 0x8D5, List.of(b, a), bytes(0xDB, 0xF1), false);
            if (k % 5 == 0) {
                g.b.add("fprem random", cw, List.of(b, a), bytes(0xD9, 0xF8));
                g.b.add("fprem1 random", cw, List.of(b, a), bytes(0xD9, 0xF5));
            }
        }
        // the aliases and no-ops the hardware accepts
        List<Ext> two = List.of(pow2(1), ext(0xC000, 0xC000000000000000L));
        g.b.add("fcom2 alias", DEFAULT_CW, two, bytes(0xDC, 0xD1));
        g.b.add("fcomp3 alias", DEFAULT_CW, two, bytes(0xDC, 0xD9));
        g.b.add("fxch4 alias", DEFAULT_CW, two, bytes(0xDD, 0xC9));
        g.b.add("fcomp5 alias", DEFAULT_CW, two, bytes(0xDE, 0xD1));
        g.b.add("ffreep alias", DEFAULT_CW, two, bytes(0xDF, 0xC1));
        g.b.add("fxch7 alias", DEFAULT_CW, two, bytes(0xDF, 0xC9));
        g.b.add("fstp8 alias", DEFAULT_CW, two, bytes(0xDF, 0xD1));
        g.b.add("fstp9 alias", DEFAULT_CW, two, bytes(0xDF, 0xD9));
        g.b.add("fstp1 alias", DEFAULT_CW, two, bytes(0xD9, 0xD9));
        g.b.add("feni fdisi fsetpm", DEFAULT_CW, two, bytes(0xDB, 0xE0, 0xDB, 0xE1, 0xDB, 0xE4));
        g.b.add("fnstenv 16-bit", cw(2, 2), two, ".byte 0x66\n" + mem(0xD9, 6, "x87_out")
                + "\nmovw $0, x87_out+8\nmovw $0, x87_out+12");
        g.b.add("fnsave/frstor 16-bit", cw(1, 0), two, ".byte 0x66\nfnsave x87_area\nfld1\n.byte 0x66\nfrstor x87_area");
        groups.put("random", g);

        g = new Group();
        // sequences of random instructions on a random stack: the stack pointer, tags, stack
        // faults and condition codes must evolve exactly as on the host
        Random r4 = new Random(0x8087);
        List<Ext> pool = new ArrayList<>(conversionValues());
        for (int k = 0; k < 10000; k++) {
            int depth = r4.nextInt(9);
            List<Ext> loads = new ArrayList<>();
            for (int d = 0; d < depth; d++) {
                loads.add(r4.nextInt(3) == 0 ? random(r4, 70) : pool.get(r4.nextInt(pool.size())));
            }
            StringBuilder body = new StringBuilder();
            StringBuilder what = new StringBuilder("sequence");
            int n = 2 + r4.nextInt(6);
            int undefined = 0;
            for (int j = 0; j < n; j++) {
                int[] insn = randomInstruction(r4);
                undefined = X87UndefinedFlags.after(undefined, insn);
                body.append(j > 0 ? "\n" : "");
                if (insn.length == 1) {
                    // a store to memory: /reg in the low byte, the opcode in the high one
                    body.append(mem(insn[0] >> 8, insn[0] & 7, "x87_out"));
                    what.append(String.format(Locale.ROOT, " %02x/%d", insn[0] >> 8, insn[0] & 7));
                } else {
                    body.append(bytes(insn));
                    what.append(String.format(Locale.ROOT, " %02x%02x", insn[0], insn[1]));
                }
            }
            int cw = ALL_CW[r4.nextInt(ALL_CW.length)];
            g.b.add(what.toString(), cw, FLAG_SETS[r4.nextInt(FLAG_SETS.length)], loads, body.toString(), false,
                    undefined);
        }
        groups.put("sequences", g);
        return groups;
    }

    private static final int[] FLAG_SETS = {0, 0x1, 0x40, 0x41, 0x4, 0x45, 0x8D5};

    /**
     * A random x87 instruction whose result the manual defines for every operand (no
     * transcendentals, whose values trapgate computes in double precision): two bytes, or one
     * int (opcode << 8 | reg) for a store to x87_out.
     */
    static int[] randomInstruction(Random r) {
        int i = r.nextInt(8);
        switch (r.nextInt(16)) {
            case 0: return new int[] {0xD8, 0xC0 | r.nextInt(64)};
            case 1: return new int[] {0xDC, 0xC0 | new int[] {0, 1, 4, 5, 6, 7}[r.nextInt(6)] << 3 | i};
            case 2: return new int[] {0xDE, 0xC0 | new int[] {0, 1, 4, 5, 6, 7}[r.nextInt(6)] << 3 | i};
            case 3: return new int[] {0xD9, 0xC0 | r.nextInt(16)}; // fld st(i), fxch
            case 4: return new int[] {0xD9, new int[] {0xE0, 0xE1, 0xE4, 0xE5, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xFA, 0xFC,
                0xFD, 0xD0}[r.nextInt(13)]};
            case 5: return new int[] {0xD9, 0xE8 + r.nextInt(7)};
            case 6: return new int[] {0xDD, 0xC0 | new int[] {0, 2, 3, 4, 5}[r.nextInt(5)] << 3 | i};
            case 7: return new int[] {0xDA, 0xC0 | r.nextInt(32)};
            case 8: return new int[] {0xDB, 0xC0 | r.nextInt(32)};
            case 9: return new int[] {0xDB, 0xE8 | r.nextInt(16)};
            case 10: return new int[] {0xDF, 0xE8 | r.nextInt(16)};
            case 11: return new int[] {0xDE, 0xD9};
            case 12: return new int[] {0xDA, 0xE9};
            case 13: return new int[] {0xD8, 0xD0 | r.nextInt(16)};
            case 14: return new int[] {new int[] {0xD9 << 8 | 2, 0xD9 << 8 | 3, 0xDD << 8 | 2, 0xDD << 8 | 3, 0xDB << 8 | 7,
                0xDF << 8 | 2, 0xDB << 8 | 3, 0xDF << 8 | 7, 0xDF << 8 | 6}[r.nextInt(9)]};
            default: return new int[] {0xDD, 0xC0 | i}; // ffree
        }
    }

    /** One group: its cases and its tables. */
    static final class Group {
        final Map<Ext, String> values = new LinkedHashMap<>();
        final Map<String, String> memData = new LinkedHashMap<>();
        final Builder b = new Builder(values);

        List<Case> cases() {
            return b.cases;
        }

        String assembly(String name, String macros) {
            StringBuilder sb = new StringBuilder();
            sb.append("# Generated by io.trapgate.vm.cpu.x87.X87CaseGenerator (group ").append(name)
                    .append("); do not edit.\n");
            sb.append("        .include \"").append(macros).append("\"\n");
            sb.append("        .text\n        .globl dt_main\ndt_main:\n");
            for (Case c : b.cases) {
                sb.append("# case ").append(c.index()).append(": ").append(c.describe()).append('\n');
                for (String line : c.asm().split("\n")) {
                    sb.append("        ").append(line).append('\n');
                }
            }
            sb.append("        ret\n        .section .rodata\n");
            for (Map.Entry<Ext, String> v : values.entrySet()) {
                sb.append(v.getValue()).append(String.format(Locale.ROOT, ": .quad 0x%x\n        .word 0x%x\n",
                        v.getKey().sig(), v.getKey().se()));
            }
            for (Map.Entry<String, String> m : memData.entrySet()) {
                sb.append(m.getValue()).append(":\n");
                for (String line : m.getKey().split("\n")) {
                    sb.append("        ").append(line).append('\n');
                }
            }
            return sb.toString();
        }
    }
}
