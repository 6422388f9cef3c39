package io.trapgate.vm.cpu.difftest;

import static io.trapgate.vm.cpu.difftest.Flags.AF;
import static io.trapgate.vm.cpu.difftest.Flags.CF;
import static io.trapgate.vm.cpu.difftest.Flags.DF;
import static io.trapgate.vm.cpu.difftest.Flags.OF;
import static io.trapgate.vm.cpu.difftest.Flags.PF;
import static io.trapgate.vm.cpu.difftest.Flags.SF;
import static io.trapgate.vm.cpu.difftest.Flags.ZF;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the differential test vectors for the i686 integer ISA, grouped so that one image
 * runs one group. Operands come from the edges of each operand size (0, 1, 0x7f.., 0x80..,
 * 0xff..) and from a random generator with a fixed seed, so every run generates the same cases.
 *
 * <p>Memory operands live in {@code dt_mem} (64 bytes at {@link #MEM}); the private stack top is
 * {@code dt_mem+48}. Both addresses are the same natively and in the VM (see difftest.ld).
 */
final class VectorGenerator {
    static final int MEM = 0x800000;
    static final int STACK_TOP = MEM + 48;

    static final String[] REG16 = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di"};
    static final String[] REG8 = {"al", "cl", "dl", "bl", "ah", "ch", "dh", "bh"};
    static final String[] CONDITIONS = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge",
        "le", "g"};
    private static final int EAX = 0;
    private static final int ECX = 1;
    private static final int EDX = 2;
    private static final int EBX = 3;
    private static final int EBP = 5;
    private static final int ESI = 6;
    private static final int EDI = 7;

    private final SplittableRandom rnd = new SplittableRandom(0x1386_2026L);
    private final Map<String, List<TestVector>> groups = new LinkedHashMap<>();
    private List<TestVector> current;
    private String currentName;

    /** All groups, in a fixed order. */
    static Map<String, List<TestVector>> generate() {
        VectorGenerator g = new VectorGenerator();
        g.group("alu");
        g.alu();
        g.group("unary");
        g.unary();
        g.group("shift");
        g.shifts();
        g.doubleShifts();
        g.group("muldiv");
        g.multiply();
        g.divide();
        g.group("bcd");
        g.decimal();
        g.group("bits");
        g.bitTests();
        g.bitScans();
        g.group("cond");
        g.conditions();
        g.group("exchange");
        g.exchanges();
        g.extensions();
        g.group("address");
        g.addressing();
        g.group("string");
        g.strings();
        g.overriddenStrings();
        g.group("stack");
        g.stack();
        g.group("flagpairs");
        g.flagPairs();
        return g.groups;
    }

    /** The shared 64-byte memory pattern {@code n} (cases that do not set memory use n = index % 4). */
    static byte[] sharedPattern(int n) {
        SplittableRandom r = new SplittableRandom(0x5eed + n);
        byte[] b = new byte[64];
        for (int i = 0; i < 64; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    // ---- plumbing -------------------------------------------------------------------------

    private void group(String name) {
        currentName = name;
        current = new ArrayList<>();
        groups.put(name, current);
    }

    /** A new case with random registers and random arithmetic flags (DF clear). */
    private TestVector vec(String asm) {
        TestVector v = new TestVector(currentName, current.size(), asm);
        for (int r = 0; r < 8; r++) {
            v.regs[r] = rnd.nextInt();
        }
        v.regs[TestVector.ESP] = STACK_TOP;
        v.flags = randomFlags();
        current.add(v);
        return v;
    }

    private int randomFlags() {
        return rnd.nextInt() & Flags.ARITH;
    }

    private static String sfx(int size) {
        return size == 8 ? "b" : size == 16 ? "w" : "l";
    }

    private static int mask(int size) {
        return size == 32 ? -1 : (1 << size) - 1;
    }

    static String reg(int size, int code) {
        return "%" + (size == 8 ? REG8[code] : size == 16 ? REG16[code] : TestVector.REG32[code]);
    }

    /** Puts {@code value} into register {@code code} of operand size {@code size}, keeping the other bits. */
    private static void put(TestVector v, int size, int code, int value) {
        if (size == 8) {
            if (code < 4) {
                v.regs[code] = (v.regs[code] & ~0xff) | (value & 0xff);
            } else {
                v.regs[code - 4] = (v.regs[code - 4] & ~0xff00) | ((value & 0xff) << 8);
            }
        } else if (size == 16) {
            v.regs[code] = (v.regs[code] & ~0xffff) | (value & 0xffff);
        } else {
            v.regs[code] = value;
        }
    }

    /** The full register a sized register code lives in (ah → eax). */
    private static int full(int size, int code) {
        return size == 8 && code >= 4 ? code - 4 : code;
    }

    private static void putMem(TestVector v, int offset, int size, int value) {
        if (v.memory == null) {
            v.memory = sharedPattern(v.index % 4);
        }
        for (int i = 0; i < size / 8; i++) {
            v.memory[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    private int[] edges(int size) {
        return switch (size) {
            case 8 -> new int[] {0, 1, 2, 0x7e, 0x7f, 0x80, 0x81, 0xfe, 0xff};
            case 16 -> new int[] {0, 1, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xfffe, 0xffff};
            default -> new int[] {0, 1, 0x7f, 0x80, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe,
                0xffffffff, 0x12345678};
        };
    }

    /** An edge value half of the time, a random one otherwise. */
    private int pick(int size) {
        if (rnd.nextBoolean()) {
            int[] e = edges(size);
            return e[rnd.nextInt(e.length)];
        }
        return rnd.nextInt() & mask(size);
    }

    /** A random register code usable at this size, not in {@code avoid} (bit n = full register n). */
    private int pickReg(int size, int avoid) {
        while (true) {
            int c = rnd.nextInt(8);
            if (size != 8 && c == TestVector.ESP) {
                continue;
            }
            if ((avoid & (1 << full(size, c))) == 0) {
                return c;
            }
        }
    }

    // ---- ALU -------------------------------------------------------------------------------

    private static final String[] ALU_OPS = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};

    private void alu() {
        for (int size : new int[] {8, 16, 32}) {
            String s = sfx(size);
            for (int op = 0; op < ALU_OPS.length + 1; op++) {
                String name = op < ALU_OPS.length ? ALU_OPS[op] : "test";
                int undefined = UndefinedFlags.of(name);
                // register, register over the full cross product of the edges
                for (int a : edges(size)) {
                    for (int b : edges(size)) {
                        int dst = pickReg(size, 0);
                        int src = pickReg(size, 1 << full(size, dst));
                        TestVector v = vec(name + s + " " + reg(size, src) + ", " + reg(size, dst));
                        put(v, size, dst, a);
                        put(v, size, src, b);
                        v.undefinedFlags = undefined;
                    }
                }
                for (int i = 0; i < 8; i++) {
                    int dst = pickReg(size, 0);
                    int src = pickReg(size, 1 << full(size, dst));
                    int a = pick(size);
                    int b = pick(size);
                    List<TestVector> forms = new ArrayList<>();
                    if (!name.equals("test")) {
                        TestVector load = vec("{load} " + name + s + " " + reg(size, src) + ", " + reg(size, dst));
                        put(load, size, dst, a);
                        put(load, size, src, b);
                        forms.add(load);
                        TestVector fromMem = vec(name + s + " dt_mem+8, " + reg(size, dst));
                        put(fromMem, size, dst, a);
                        putMem(fromMem, 8, size, b);
                        forms.add(fromMem);
                    }
                    TestVector toMem = vec(name + s + " " + reg(size, src) + ", dt_mem+8");
                    putMem(toMem, 8, size, a);
                    put(toMem, size, src, b);
                    toMem.dumpMemory = true;
                    forms.add(toMem);
                    TestVector imm = vec(name + s + " $" + b + ", " + reg(size, dst));
                    put(imm, size, dst, a);
                    forms.add(imm);
                    TestVector acc = vec(name + s + " $" + b + ", " + reg(size, EAX));
                    put(acc, size, EAX, a);
                    forms.add(acc);
                    TestVector memImm = vec(name + s + " $" + b + ", dt_mem+12");
                    putMem(memImm, 12, size, a);
                    memImm.dumpMemory = true;
                    forms.add(memImm);
                    if (size != 8 && !name.equals("test")) {
                        int small = (byte) rnd.nextInt(256); // sign-extended imm8 (opcode 0x83)
                        TestVector se = vec(name + s + " $" + small + ", " + reg(size, dst));
                        put(se, size, dst, a);
                        forms.add(se);
                    }
                    if (size == 8 && !name.equals("test")) {
                        int r = pickReg(8, 0); // opcode 0x82: the 32-bit-mode alias of 0x80
                        int im = b & 0xff;
                        TestVector alias = vec(String.format(".byte 0x82, 0x%02x, 0x%02x  # %sb $%d, %s",
                                0xc0 | op << 3 | r, im, name, im, reg(8, r)));
                        put(alias, 8, r, a);
                        forms.add(alias);
                    }
                    for (TestVector f : forms) {
                        f.undefinedFlags = undefined;
                    }
                }
            }
        }
    }

    private void unary() {
        for (int size : new int[] {8, 16, 32}) {
            String s = sfx(size);
            for (String name : new String[] {"inc", "dec", "neg", "not"}) {
                int undefined = name.equals("not") ? 0 : UndefinedFlags.of(name);
                for (int a : edges(size)) {
                    int r = pickReg(size, 0);
                    TestVector v = vec(name + s + " " + reg(size, r));
                    put(v, size, r, a);
                    v.undefinedFlags = undefined;
                }
                for (int i = 0; i < 4; i++) {
                    TestVector v = vec(name + s + " dt_mem+20");
                    putMem(v, 20, size, pick(size));
                    v.dumpMemory = true;
                    v.undefinedFlags = undefined;
                }
                if (size != 8 && (name.equals("inc") || name.equals("dec"))) {
                    for (int i = 0; i < 4; i++) { // the ModRM form (FF /0, FF /1) next to the 0x40+r one
                        int r = pickReg(size, 0);
                        String bytes = (size == 16 ? "0x66, " : "") + "0xff, 0x"
                                + Integer.toHexString((name.equals("inc") ? 0xc0 : 0xc8) | r);
                        TestVector v = vec(".byte " + bytes + "  # " + name + s + " " + reg(size, r));
                        put(v, size, r, pick(size));
                        v.undefinedFlags = undefined;
                    }
                }
            }
        }
    }

    // ---- shifts ----------------------------------------------------------------------------

    private static final int[] SHIFT_COUNTS = {0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 63, 255};

    private void shifts() {
        for (int size : new int[] {8, 16, 32}) {
            String s = sfx(size);
            for (String op : new String[] {"rol", "ror", "rcl", "rcr", "shl", "shr", "sar"}) {
                for (int count : SHIFT_COUNTS) {
                    int r = pickReg(size, 0);
                    TestVector byImm = vec(op + s + " $" + count + ", " + reg(size, r));
                    put(byImm, size, r, pick(size));
                    byImm.undefinedFlags = UndefinedFlags.shift(op, size, count);
                    int r2 = pickReg(size, 1 << ECX);
                    TestVector byCl = vec(op + s + " %cl, " + reg(size, r2));
                    put(byCl, size, r2, pick(size));
                    byCl.regs[ECX] = (byCl.regs[ECX] & ~0xff) | count;
                    byCl.undefinedFlags = UndefinedFlags.shift(op, size, count);
                }
                for (int i = 0; i < 6; i++) {
                    int r = pickReg(size, 0);
                    TestVector one = vec(op + s + " " + reg(size, r)); // D0/D1: by one
                    put(one, size, r, i < 3 ? edges(size)[i * 3 + 2] : pick(size));
                    one.undefinedFlags = UndefinedFlags.shift(op, size, 1);
                }
                int opcode = size == 8 ? 0xc0 : 0xc1; // C0/C1 with an immediate 1, which gas never emits
                int digit = java.util.Arrays.asList("rol", "ror", "rcl", "rcr", "shl", "shr", "sal", "sar").indexOf(op);
                int r = pickReg(size, 0);
                TestVector immOne = vec(String.format(".byte %s0x%02x, 0x%02x, 1  # %s%s $1, %s",
                        size == 16 ? "0x66, " : "", opcode, 0xc0 | digit << 3 | r, op, s, reg(size, r)));
                put(immOne, size, r, pick(size));
                immOne.undefinedFlags = UndefinedFlags.shift(op, size, 1);
                for (int i = 0; i < 3; i++) {
                    int count = SHIFT_COUNTS[rnd.nextInt(SHIFT_COUNTS.length)];
                    TestVector m = vec(op + s + " $" + count + ", dt_mem+4");
                    putMem(m, 4, size, pick(size));
                    m.dumpMemory = true;
                    m.undefinedFlags = UndefinedFlags.shift(op, size, count);
                }
                TestVector m1 = vec(op + s + " dt_mem+4");
                putMem(m1, 4, size, pick(size));
                m1.dumpMemory = true;
                m1.undefinedFlags = UndefinedFlags.shift(op, size, 1);
            }
        }
    }

    private void doubleShifts() {
        for (int size : new int[] {16, 32}) {
            String s = sfx(size);
            int[] counts = size == 16 ? new int[] {0, 1, 2, 5, 8, 15, 16, 32, 33, 48}
                    : new int[] {0, 1, 2, 7, 8, 16, 31, 32, 33, 63};
            for (String op : new String[] {"shld", "shrd"}) {
                for (int count : counts) {
                    for (int i = 0; i < 3; i++) {
                        int dst = pickReg(size, 1 << ECX);
                        int src = pickReg(size, 1 << ECX | 1 << dst);
                        TestVector imm = vec(op + s + " $" + count + ", " + reg(size, src) + ", " + reg(size, dst));
                        put(imm, size, dst, pick(size));
                        put(imm, size, src, pick(size));
                        imm.undefinedFlags = UndefinedFlags.doubleShift(size, count);
                        TestVector cl = vec(op + s + " %cl, " + reg(size, src) + ", " + reg(size, dst));
                        put(cl, size, dst, pick(size));
                        put(cl, size, src, pick(size));
                        cl.regs[ECX] = (cl.regs[ECX] & ~0xff) | count;
                        cl.undefinedFlags = UndefinedFlags.doubleShift(size, count);
                    }
                    int src = pickReg(size, 1 << ECX);
                    TestVector m = vec(op + s + " %cl, " + reg(size, src) + ", dt_mem+8");
                    putMem(m, 8, size, pick(size));
                    put(m, size, src, pick(size));
                    m.regs[ECX] = (m.regs[ECX] & ~0xff) | count;
                    m.dumpMemory = true;
                    m.undefinedFlags = UndefinedFlags.doubleShift(size, count);
                }
            }
        }
    }

    // ---- multiply and divide ---------------------------------------------------------------

    private void multiply() {
        for (int size : new int[] {8, 16, 32}) {
            String s = sfx(size);
            for (String op : new String[] {"mul", "imul"}) {
                int[] e = edges(size);
                for (int a : e) {
                    for (int k = 0; k < 5; k++) {
                        int src = pickReg(size, 0);
                        TestVector v = vec(op + s + " " + reg(size, src));
                        put(v, size, src, e[rnd.nextInt(e.length)]);
                        put(v, size, EAX, a); // the implicit operand wins if src is the accumulator
                        v.undefinedFlags = UndefinedFlags.of(op);
                    }
                }
                for (int i = 0; i < 5; i++) {
                    TestVector v = vec(op + s + " dt_mem+16");
                    put(v, size, EAX, pick(size));
                    putMem(v, 16, size, pick(size));
                    v.undefinedFlags = UndefinedFlags.of(op);
                }
            }
            if (size == 8) {
                continue;
            }
            int undefined = UndefinedFlags.of("imul");
            for (int i = 0; i < 24; i++) {
                int dst = pickReg(size, 0);
                int src = pickReg(size, 1 << dst);
                TestVector two = vec("imul" + s + " " + reg(size, src) + ", " + reg(size, dst));
                put(two, size, dst, pick(size));
                put(two, size, src, pick(size));
                two.undefinedFlags = undefined;
                int imm8 = (byte) rnd.nextInt(256);
                TestVector three8 = vec("imul" + s + " $" + imm8 + ", " + reg(size, src) + ", " + reg(size, dst));
                put(three8, size, src, pick(size));
                three8.undefinedFlags = undefined;
                int imm = pick(size);
                TestVector three = vec("imul" + s + " $" + imm + ", " + reg(size, src) + ", " + reg(size, dst));
                put(three, size, src, pick(size));
                three.undefinedFlags = undefined;
                if (i % 4 == 0) {
                    TestVector mem2 = vec("imul" + s + " dt_mem+8, " + reg(size, dst));
                    put(mem2, size, dst, pick(size));
                    putMem(mem2, 8, size, pick(size));
                    mem2.undefinedFlags = undefined;
                    TestVector mem3 = vec("imul" + s + " $" + imm + ", dt_mem+8, " + reg(size, dst));
                    putMem(mem3, 8, size, pick(size));
                    mem3.undefinedFlags = undefined;
                }
            }
        }
    }

    /** div/idiv with operands chosen so the quotient fits: no #DE here (the system tests do that). */
    private void divide() {
        for (int size : new int[] {8, 16, 32}) {
            String s = sfx(size);
            for (String op : new String[] {"div", "idiv"}) {
                boolean signed = op.equals("idiv");
                int made = 0;
                while (made < 44) {
                    int divisor = pick(size);
                    long dividend = rnd.nextLong();
                    switch (rnd.nextInt(4)) {
                        case 0 -> dividend &= mask(size) & 0xffffffffL; // small dividends
                        case 1 -> dividend = (long) edges(size)[rnd.nextInt(edges(size).length)] * (rnd.nextInt(7) - 3);
                        default -> { }
                    }
                    dividend = signed ? signExtend(dividend, 2 * size) : dividend & doubleMask(size);
                    BigInteger n = BigInteger.valueOf(dividend);
                    if (!signed) {
                        n = n.and(BigInteger.ONE.shiftLeft(2 * size).subtract(BigInteger.ONE));
                    }
                    long d = signed ? signExtend(divisor, size) : divisor & 0xffffffffL & mask(size);
                    if (d == 0) {
                        continue;
                    }
                    BigInteger q = n.divide(BigInteger.valueOf(d)); // truncates toward zero, like idiv
                    long lo = signed ? -(1L << (size - 1)) : 0;
                    long hi = signed ? (1L << (size - 1)) - 1 : (1L << size) - 1;
                    if (q.compareTo(BigInteger.valueOf(lo)) < 0 || q.compareTo(BigInteger.valueOf(hi)) > 0) {
                        continue;
                    }
                    boolean mem = made % 8 == 7;
                    int avoid = 1 << EAX | 1 << EDX;
                    int src = pickReg(size, avoid);
                    TestVector v = vec(op + s + " " + (mem ? "dt_mem+24" : reg(size, src)));
                    if (mem) {
                        putMem(v, 24, size, divisor);
                    } else {
                        put(v, size, src, divisor);
                    }
                    if (size == 8) {
                        put(v, 16, EAX, (int) dividend);
                    } else {
                        put(v, size, EAX, (int) dividend);
                        put(v, size, EDX, (int) (dividend >> size));
                    }
                    v.undefinedFlags = UndefinedFlags.of(op);
                    made++;
                }
            }
        }
    }

    private static long doubleMask(int size) {
        return size == 32 ? -1L : (1L << (2 * size)) - 1;
    }

    private static long signExtend(long v, int bits) {
        return bits == 64 ? v : (v << (64 - bits)) >> (64 - bits);
    }

    // ---- decimal ---------------------------------------------------------------------------

    private void decimal() {
        for (String op : new String[] {"daa", "das", "aaa", "aas"}) {
            for (int al = 0; al < 256; al++) {
                for (int cfaf = 0; cfaf < 4; cfaf++) { // every AL with every AF, CF input
                    TestVector v = vec(op);
                    put(v, 8, EAX, al);
                    v.flags = (v.flags & ~(CF | AF)) | ((cfaf & 1) != 0 ? CF : 0) | ((cfaf & 2) != 0 ? AF : 0);
                    v.undefinedFlags = UndefinedFlags.of(op);
                }
            }
        }
        for (int base : new int[] {10, 16, 1, 7, 255}) {
            for (int i = 0; i < 16; i++) {
                TestVector aam = vec(String.format(".byte 0xd4, 0x%02x  # aam $%d", base, base));
                put(aam, 16, EAX, i < 4 ? edges(16)[i * 2] : rnd.nextInt(0x10000));
                aam.undefinedFlags = UndefinedFlags.of("aam");
            }
        }
        for (int base : new int[] {10, 16, 0, 7, 255}) {
            for (int i = 0; i < 16; i++) {
                TestVector aad = vec(String.format(".byte 0xd5, 0x%02x  # aad $%d", base, base));
                put(aad, 16, EAX, i < 4 ? edges(16)[i * 2] : rnd.nextInt(0x10000));
                aad.undefinedFlags = UndefinedFlags.of("aad");
            }
        }
    }

    // ---- bits ------------------------------------------------------------------------------

    private void bitTests() {
        int[] offsets = {0, 1, 7, 15, 16, 31, 32, 33, 63, 100, -1, -33};
        int[] imms = {0, 1, 15, 16, 31, 32, 40, 255};
        for (int size : new int[] {16, 32}) {
            String s = sfx(size);
            for (String op : new String[] {"bt", "bts", "btr", "btc"}) {
                int undefined = UndefinedFlags.of(op);
                for (int off : offsets) {
                    int dst = pickReg(size, 0);
                    int src = pickReg(size, 1 << dst);
                    TestVector v = vec(op + s + " " + reg(size, src) + ", " + reg(size, dst));
                    put(v, size, dst, pick(size));
                    put(v, size, src, off);
                    v.undefinedFlags = undefined;
                }
                for (int imm : imms) {
                    int dst = pickReg(size, 0);
                    TestVector v = vec(op + s + " $" + imm + ", " + reg(size, dst));
                    put(v, size, dst, pick(size));
                    v.undefinedFlags = undefined;
                    TestVector m = vec(op + s + " $" + imm + ", dt_mem+16");
                    m.dumpMemory = true;
                    m.undefinedFlags = undefined;
                }
                for (int i = 0; i < 10; i++) {
                    int src = pickReg(size, 0);
                    int off = rnd.nextInt(256) - 128; // the bit string reaches dt_mem+0 .. dt_mem+31
                    TestVector m = vec(op + s + " " + reg(size, src) + ", dt_mem+16");
                    put(m, size, src, off);
                    m.dumpMemory = true;
                    m.undefinedFlags = undefined;
                }
            }
        }
    }

    private void bitScans() {
        for (int size : new int[] {16, 32}) {
            String s = sfx(size);
            for (String op : new String[] {"bsf", "bsr"}) {
                List<Integer> values = new ArrayList<>();
                for (int e : edges(size)) {
                    values.add(e);
                }
                for (int b = 0; b < size; b += 3) {
                    values.add(1 << b);
                    values.add(rnd.nextInt() << b);
                }
                for (int value : values) {
                    int dst = pickReg(size, 0);
                    int src = pickReg(size, 1 << dst);
                    boolean mem = rnd.nextInt(5) == 0;
                    TestVector v = vec(op + s + " " + (mem ? "dt_mem+8" : reg(size, src)) + ", " + reg(size, dst));
                    if (mem) {
                        putMem(v, 8, size, value);
                    } else {
                        put(v, size, src, value);
                    }
                    v.undefinedFlags = UndefinedFlags.of(op);
                    if ((value & mask(size)) == 0) {
                        v.undefinedRegs = 1 << dst; // "the destination is undefined" for a zero source
                    }
                }
            }
        }
    }

    // ---- conditions ------------------------------------------------------------------------

    private void conditions() {
        for (String cc : CONDITIONS) { // every condition against every combination of CF PF ZF SF OF
            for (int combo = 0; combo < 32; combo++) {
                int f = ((combo & 1) != 0 ? CF : 0) | ((combo & 2) != 0 ? PF : 0) | ((combo & 4) != 0 ? ZF : 0)
                        | ((combo & 8) != 0 ? SF : 0) | ((combo & 16) != 0 ? OF : 0);
                TestVector set = vec("set" + cc + " " + reg(8, pickReg(8, 0)));
                set.flags = f | (rnd.nextBoolean() ? AF : 0);
                TestVector jump = vec((combo % 2 == 0 ? "" : "{disp32} ") + "j" + cc + " 1f\nmovl $0x7a7a7a7a, %edi\n1:");
                jump.flags = f;
            }
        }
        for (String cc : CONDITIONS) {
            for (int i = 0; i < 6; i++) {
                int r = pickReg(8, 0);
                vec("set" + cc + " " + reg(8, r));
            }
            TestVector m = vec("set" + cc + " dt_mem+3");
            m.dumpMemory = true;
            for (int size : new int[] {16, 32}) {
                for (int i = 0; i < 3; i++) {
                    int dst = pickReg(size, 0);
                    int src = pickReg(size, 1 << dst);
                    vec("cmov" + cc + sfx(size) + " " + reg(size, src) + ", " + reg(size, dst));
                }
                vec("cmov" + cc + sfx(size) + " dt_mem+8, " + reg(size, pickReg(size, 0)));
            }
            for (int i = 0; i < 4; i++) {
                String prefix = i < 2 ? "" : "{disp32} "; // short (7x) and near (0F 8x) forms
                vec(prefix + "j" + cc + " 1f\nmovl $0x7a7a7a7a, %edi\n1:");
            }
        }
        int[] counts = {0, 1, 2, 0x10000, 0x10001};
        for (String op : new String[] {"loop", "loope", "loopne", "jecxz", "jcxz", "addr16 loop", "addr16 loope"}) {
            for (int c : counts) {
                for (int z = 0; z < 2; z++) {
                    TestVector v = vec(op + " 1f\nmovl $0x7a7a7a7a, %edi\n1:");
                    v.regs[ECX] = c;
                    v.flags = (v.flags & ~ZF) | (z == 1 ? ZF : 0);
                }
            }
        }
        for (String op : new String[] {"clc", "stc", "cmc", "cld", "std"}) {
            for (int i = 0; i < 4; i++) {
                TestVector v = vec(op);
                if (i == 3) {
                    v.flags |= DF;
                }
            }
        }
        for (int i = 0; i < 12; i++) {
            vec("lahf");
            TestVector sahf = vec("sahf");
            sahf.regs[EAX] = i < 2 ? (i == 0 ? 0 : 0xff00) : rnd.nextInt();
        }
    }

    // ---- exchange, compare-exchange, extensions --------------------------------------------

    private void exchanges() {
        for (int size : new int[] {8, 16, 32}) {
            String s = sfx(size);
            for (int i = 0; i < 8; i++) {
                int a = pickReg(size, 0);
                int b = pickReg(size, 1 << full(size, a));
                vec("xchg" + s + " " + reg(size, a) + ", " + reg(size, b));
                if (size != 8) {
                    vec("xchg" + s + " " + reg(size, EAX) + ", " + reg(size, pickReg(size, 1))); // 0x90+r
                }
                TestVector m = vec((i % 2 == 0 ? "lock " : "") + "xchg" + s + " " + reg(size, a) + ", dt_mem+8");
                m.dumpMemory = true;
                for (int k = 0; k < 2; k++) {
                    TestVector x = vec("xadd" + s + " " + reg(size, a) + ", " + reg(size, b));
                    put(x, size, a, pick(size));
                    put(x, size, b, pick(size));
                    x.undefinedFlags = UndefinedFlags.of("xadd");
                }
                TestVector xm = vec((i % 2 == 0 ? "lock " : "") + "xadd" + s + " " + reg(size, a) + ", dt_mem+8");
                put(xm, size, a, pick(size));
                putMem(xm, 8, size, pick(size));
                xm.dumpMemory = true;
                xm.undefinedFlags = UndefinedFlags.of("xadd");
                // cmpxchg: accumulator equal and not equal to the destination
                int src = pickReg(size, 1 << EAX);
                int dst = pickReg(size, 1 << EAX | 1 << full(size, src));
                for (boolean equal : new boolean[] {true, false}) {
                    TestVector c = vec("cmpxchg" + s + " " + reg(size, src) + ", " + reg(size, dst));
                    int val = pick(size);
                    put(c, size, dst, val);
                    put(c, size, EAX, equal ? val : pick(size));
                    c.undefinedFlags = UndefinedFlags.of("cmpxchg");
                    TestVector cm = vec((equal ? "lock " : "") + "cmpxchg" + s + " " + reg(size, src) + ", dt_mem+12");
                    putMem(cm, 12, size, val);
                    put(cm, size, EAX, equal ? val : pick(size));
                    cm.dumpMemory = true;
                    cm.undefinedFlags = UndefinedFlags.of("cmpxchg");
                }
            }
        }
        for (int i = 0; i < 12; i++) {
            boolean equal = i % 2 == 0;
            TestVector c = vec((i % 4 == 0 ? "lock " : "") + "cmpxchg8b dt_mem+16");
            int lo = rnd.nextInt();
            int hi = rnd.nextInt();
            putMem(c, 16, 32, lo);
            putMem(c, 20, 32, hi);
            c.regs[EAX] = equal ? lo : (i % 3 == 0 ? lo : rnd.nextInt());
            c.regs[EDX] = equal ? hi : rnd.nextInt();
            c.dumpMemory = true;
        }
        for (int r = 0; r < 8; r++) {
            if (r != TestVector.ESP) {
                vec("bswap " + reg(32, r));
            }
        }
        // one register as both operands
        for (int size : new int[] {8, 16, 32}) {
            String s = sfx(size);
            for (int i = 0; i < 4; i++) {
                int r = pickReg(size, 0);
                String rr = reg(size, r) + ", " + reg(size, r);
                vec("xadd" + s + " " + rr).undefinedFlags = UndefinedFlags.of("xadd");
                vec("xchg" + s + " " + rr);
                vec("cmpxchg" + s + " " + rr).undefinedFlags = UndefinedFlags.of("cmpxchg");
                vec("cmpxchg" + s + " " + reg(size, EAX) + ", " + reg(size, EAX)).undefinedFlags = UndefinedFlags.of("cmpxchg");
                if (size != 8) {
                    vec("imul" + s + " " + rr).undefinedFlags = UndefinedFlags.of("imul");
                    vec("bsf" + s + " " + rr).undefinedFlags = UndefinedFlags.of("bsf");
                    vec("bt" + s + " " + rr).undefinedFlags = UndefinedFlags.of("bt");
                    vec("btc" + s + " " + rr).undefinedFlags = UndefinedFlags.of("btc");
                    int count = 1 + rnd.nextInt(size - 1);
                    TestVector shld = vec("shld" + s + " %cl, " + rr);
                    shld.regs[ECX] = (shld.regs[ECX] & ~0xff) | count;
                    shld.undefinedFlags = UndefinedFlags.doubleShift(size, count);
                }
            }
        }
        vec("movzbl %al, %eax");
        vec("movsbl %ah, %eax");
        vec("movsbw %ah, %ax");
        vec("movzwl %ax, %eax");
        vec("movswl %sp, %esp");
        // locked read-modify-writes of memory
        for (String op : new String[] {"addl %eax,", "adcl %ecx,", "sbbl %edx,", "andl $0x0f0f0f0f,", "orw %si,",
            "xorb %bl,", "subl $-1,", "incl", "decw", "negl", "notl", "btsl $9,", "btrl %eax,", "btcw $3,"}) {
            String mnemonic = op.replaceAll("[ ,].*", "").replaceAll("[bwl]$", "");
            TestVector v = vec("lock " + op + " dt_mem+12");
            v.regs[EAX] &= 31;
            v.dumpMemory = true;
            v.undefinedFlags = mnemonic.equals("not") ? 0 : UndefinedFlags.of(mnemonic);
        }
    }

    private void extensions() {
        String[][] forms = {{"movzbw", "8", "16"}, {"movzbl", "8", "32"}, {"movzwl", "16", "32"}, {"movsbw", "8", "16"},
            {"movsbl", "8", "32"}, {"movswl", "16", "32"}};
        for (String[] f : forms) {
            int from = Integer.parseInt(f[1]);
            int to = Integer.parseInt(f[2]);
            for (int e : edges(from)) {
                int src = pickReg(from, 0);
                int dst = pickReg(to, 0);
                TestVector v = vec(f[0] + " " + reg(from, src) + ", " + reg(to, dst));
                put(v, from, src, e);
            }
            for (int i = 0; i < 3; i++) {
                TestVector m = vec(f[0] + " dt_mem+" + (5 + i) + ", " + reg(to, pickReg(to, 0)));
                putMem(m, 5 + i, from, pick(from));
            }
        }
        for (String op : new String[] {"cbtw", "cwtl", "cwtd", "cltd"}) {
            int size = op.equals("cbtw") ? 8 : op.equals("cltd") ? 32 : 16;
            for (int e : edges(size)) {
                TestVector v = vec(op);
                put(v, size, EAX, e);
            }
        }
        for (int i = 0; i < 16; i++) {
            TestVector x = vec("xlatb");
            x.regs[EBX] = MEM;
            put(x, 8, EAX, rnd.nextInt(64));
        }
        // moves in every encoding: 88/89/8A/8B, C6/C7, B0+r/B8+r, A0-A3 (moffs), segment overrides
        for (int size : new int[] {8, 16, 32}) {
            String s = sfx(size);
            for (int i = 0; i < 4; i++) {
                int a = pickReg(size, 0);
                int b = pickReg(size, 1 << full(size, a));
                vec("mov" + s + " " + reg(size, a) + ", " + reg(size, b));
                vec("{load} mov" + s + " " + reg(size, a) + ", " + reg(size, b));
                vec("mov" + s + " $" + pick(size) + ", " + reg(size, a));
                vec("mov" + s + " dt_mem+" + (i * 4 + 1) + ", " + reg(size, a));
                vec("mov" + s + " dt_mem+" + (i * 4 + 2) + ", " + reg(size, EAX));
                TestVector st = vec("mov" + s + " " + reg(size, a) + ", dt_mem+" + (i * 4 + 3));
                st.dumpMemory = true;
                TestVector stAcc = vec("mov" + s + " " + reg(size, EAX) + ", dt_mem+" + (i * 4 + 6));
                stAcc.dumpMemory = true;
                TestVector imm = vec("mov" + s + " $" + pick(size) + ", dt_mem+" + (i * 4 + 7));
                imm.dumpMemory = true;
                String seg = new String[] {"%ds", "%es", "%ss", "%cs"}[i];
                vec("mov" + s + " " + seg + ":dt_mem+" + (i * 4 + 9) + ", " + reg(size, a));
            }
        }
        for (String nop : new String[] {"nop", ".byte 0x0f, 0x1f, 0x00  # nopl (%eax)",
            ".byte 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00  # nopw 0(%eax,%eax,1)", ".byte 0x66, 0x90  # xchg %ax, %ax",
            ".byte 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00  # nopl 0(%eax,%eax,1)"}) {
            vec(nop);
        }
        for (int i = 0; i < 6; i++) { // bound within the bounds does nothing
            TestVector b = vec("boundl %eax, dt_mem+32");
            int lo = rnd.nextInt(1000) - 500;
            int hi = lo + rnd.nextInt(1000);
            putMem(b, 32, 32, lo);
            putMem(b, 36, 32, hi);
            b.regs[EAX] = i == 0 ? lo : i == 1 ? hi : lo + rnd.nextInt(hi - lo + 1);
        }
    }

    // ---- addressing ------------------------------------------------------------------------

    private void addressing() {
        String[] disps = {"", "0x12", "-0x70", "0x12345678", "-0x1000"};
        for (int base = -1; base < 8; base++) {
            for (int index = -1; index < 8; index++) {
                if (index == TestVector.ESP || base == -1 && index == -1) {
                    continue;
                }
                int scale = 1 << rnd.nextInt(4);
                String disp = disps[rnd.nextInt(disps.length)];
                StringBuilder ea = new StringBuilder(disp.isEmpty() && base == -1 ? "0" : disp).append('(');
                if (base >= 0) {
                    ea.append(reg(32, base));
                }
                if (index >= 0) {
                    ea.append(',').append(reg(32, index)).append(',').append(scale);
                }
                ea.append(')');
                vec("leal " + ea + ", " + reg(32, pickReg(32, 0)));
                vec("leaw " + ea + ", " + reg(16, pickReg(16, 0)));
                // the same form as a real load, with registers pointing into dt_mem
                if (base != TestVector.ESP) {
                    StringBuilder load = new StringBuilder("dt_mem+16(");
                    if (base >= 0) {
                        load.append(reg(32, base));
                    }
                    if (index >= 0) {
                        load.append(',').append(reg(32, index)).append(',').append(scale);
                    }
                    TestVector v = vec("movl " + load + "), " + reg(32, pickReg(32, 0)));
                    int target = rnd.nextInt(41) - 16; // base + index*scale: dt_mem+0 .. dt_mem+40
                    if (base == index) {
                        v.regs[base] = Math.max(0, target) / (1 + scale);
                    } else if (index < 0) {
                        v.regs[base] = target;
                    } else {
                        int iv = rnd.nextInt(5);
                        v.regs[index] = base < 0 ? Math.max(0, target) / scale : iv;
                        if (base >= 0) {
                            v.regs[base] = target - iv * scale;
                        }
                    }
                }
            }
        }
        String[] modes16 = {"(%bx,%si)", "(%bx,%di)", "(%bp,%si)", "(%bp,%di)", "(%si)", "(%di)", "(%bp)", "(%bx)"};
        for (String m : modes16) {
            for (String d : new String[] {"", "0x7f", "-0x80", "0x1234", "0xfff0"}) {
                String ea = (d.isEmpty() && m.equals("(%bp)") ? "0" : d) + m;
                vec("addr16 leal " + ea + ", " + reg(32, pickReg(32, 0)));
                vec("addr16 leaw " + ea + ", " + reg(16, pickReg(16, 0)));
            }
        }
        vec("addr16 leal 0x1234, %eax");
        vec("addr16 leaw 0xfedc, %si");
        exhaustiveLea();
    }

    /**
     * lea through every memory ModRM byte, every SIB byte, with 32- and 16-bit addressing, as raw
     * bytes (so no assembler choice hides a form): the effective-address arithmetic, exhaustively.
     */
    private void exhaustiveLea() {
        for (int modrm = 0; modrm < 0xc0; modrm++) {
            int mod = modrm >> 6;
            int rm = modrm & 7;
            if (rm == 4) {
                for (int sib = 0; sib < 256; sib++) {
                    boolean disp32 = mod == 2 || (mod == 0 && (sib & 7) == 5);
                    leaBytes(String.format("0x8d, 0x%02x, 0x%02x", modrm, sib), mod == 1 ? 1 : disp32 ? 4 : 0);
                }
            } else {
                leaBytes(String.format("0x8d, 0x%02x", modrm), mod == 1 ? 1 : mod == 2 || (mod == 0 && rm == 5) ? 4 : 0);
            }
            // 16-bit addressing: disp16 for mod 2 and for mod 0 rm 6
            int d16 = mod == 1 ? 1 : mod == 2 || (mod == 0 && rm == 6) ? 2 : 0;
            leaBytes(String.format("0x67, 0x8d, 0x%02x", modrm), d16);
            if (modrm % 3 == 0) {
                leaBytes(String.format("0x66, 0x67, 0x8d, 0x%02x", modrm), d16); // 16-bit destination too
            }
        }
    }

    private void leaBytes(String bytes, int dispBytes) {
        StringBuilder sb = new StringBuilder(".byte ").append(bytes);
        int disp = rnd.nextInt();
        for (int i = 0; i < dispBytes; i++) {
            sb.append(String.format(", 0x%02x", (disp >>> (8 * i)) & 0xff));
        }
        vec(sb + "  # lea");
    }

    // ---- strings ---------------------------------------------------------------------------

    private void strings() {
        String[][] ops = {{"movs", "", "rep"}, {"stos", "", "rep"}, {"lods", "", "rep"}, {"cmps", "", "repe", "repne"},
            {"scas", "", "repe", "repne"}};
        int[] counts = {0, 1, 2, 3, 5};
        for (String[] op : ops) {
            for (int size : new int[] {8, 16, 32}) {
                for (int p = 1; p < op.length; p++) {
                    String prefix = op[p];
                    for (int count : prefix.isEmpty() ? new int[] {rnd.nextInt()} : counts) {
                        for (int df = 0; df < 2; df++) {
                            TestVector v = vec((prefix.isEmpty() ? "" : prefix + " ") + op[0] + sfx(size));
                            stringSetup(v, size, count, df == 1);
                            if (op[0].equals("cmps") || op[0].equals("scas")) {
                                v.undefinedFlags = UndefinedFlags.of(op[0]);
                            }
                        }
                    }
                }
            }
        }
    }

    private void overriddenStrings() {
        for (String text : new String[] {"movsl %ss:(%esi), %es:(%edi)", "movsb %cs:(%esi), %es:(%edi)",
            "rep movsw %ss:(%esi), %es:(%edi)", "lodsl %es:(%esi)", "repe cmpsb %es:(%edi), %ss:(%esi)",
            "xlat %ss:(%ebx)", "rep stosl %es:(%edi)"}) {
            for (int df = 0; df < 2; df++) {
                TestVector v = vec(text);
                stringSetup(v, 32, 3, df == 1);
                if (text.startsWith("xlat")) {
                    v.regs[EBX] = MEM;
                    put(v, 8, EAX, rnd.nextInt(64));
                }
                if (text.contains("cmps")) {
                    v.undefinedFlags = UndefinedFlags.of("cmps");
                }
            }
        }
    }

    /** Source in dt_mem+0..31, destination in dt_mem+32..63, the halves mostly equal for cmps. */
    private void stringSetup(TestVector v, int size, int count, boolean down) {
        v.regs[ECX] = count;
        v.regs[ESI] = MEM + (down ? 20 : 0) + rnd.nextInt(9);
        v.regs[EDI] = MEM + 32 + (down ? 20 : 0) + rnd.nextInt(9);
        v.flags = (v.flags & ~DF) | (down ? DF : 0);
        v.memory = sharedPattern(v.index % 4);
        int shift = (v.regs[EDI] - v.regs[ESI]) - 32;
        for (int i = 0; i < 32; i++) {
            int j = i + shift;
            if (j >= 0 && j < 32) {
                v.memory[32 + j] = v.memory[i]; // so that source and destination compare equal ...
            }
        }
        int diff = rnd.nextInt(40); // ... up to one differing byte, somewhere or nowhere
        if (diff < 32) {
            v.memory[32 + diff] ^= 0x5a;
        }
        int at = v.regs[EDI] - MEM; // scas: the accumulator equals the first element or not
        int value = 0;
        for (int i = 0; i < size / 8 && at + i < 64; i++) {
            value |= (v.memory[at + i] & 0xff) << (8 * i);
        }
        put(v, size, EAX, rnd.nextBoolean() ? value : pick(size));
        v.dumpMemory = true;
    }

    // ---- flag producers and consumers --------------------------------------------------------

    /** An instruction that leaves flags behind: which it leaves undefined. */
    private record Producer(String asm, int undefined) {
    }

    /**
     * An instruction that reads flags ({@code reads}), and which flags it sets (and which of those
     * it leaves undefined); the flags it does not set keep the producer's values.
     */
    private record Consumer(String asm, int reads, int sets, int undefined) {
    }

    private static int conditionFlags(String cc) {
        return switch (cc) {
            case "o", "no" -> OF;
            case "b", "ae" -> CF;
            case "e", "ne" -> ZF;
            case "be", "a" -> CF | ZF;
            case "s", "ns" -> SF;
            case "p", "np" -> PF;
            case "l", "ge" -> SF | OF;
            default -> ZF | SF | OF; // le, g
        };
    }

    /**
     * Pairs: a flag-producing instruction, then one that reads some flags or keeps some. A CPU
     * that computes flags lazily must carry the producer's flags into the consumer exactly; the
     * single-instruction groups always start from flags loaded with popf and cannot see that.
     */
    private void flagPairs() {
        int all = Flags.ARITH;
        List<Producer> producers = new ArrayList<>(List.of(
                new Producer("addl %ebx, %eax", 0), new Producer("subl %ebx, %eax", 0),
                new Producer("adcl %ebx, %eax", 0), new Producer("sbbl %ebx, %eax", 0),
                new Producer("andl %ebx, %eax", AF), new Producer("orl %ebx, %eax", AF),
                new Producer("xorl %ebx, %eax", AF), new Producer("cmpl %ebx, %eax", 0),
                new Producer("testl %ebx, %eax", AF), new Producer("incl %eax", 0), new Producer("decl %eax", 0),
                new Producer("negl %eax", 0), new Producer("notl %eax", 0),
                new Producer("shll $1, %eax", UndefinedFlags.shift("shl", 32, 1)),
                new Producer("shll $3, %eax", UndefinedFlags.shift("shl", 32, 3)),
                new Producer("shrl $1, %eax", UndefinedFlags.shift("shr", 32, 1)),
                new Producer("sarl $7, %eax", UndefinedFlags.shift("sar", 32, 7)),
                new Producer("roll $1, %eax", UndefinedFlags.shift("rol", 32, 1)),
                new Producer("rorl $3, %eax", UndefinedFlags.shift("ror", 32, 3)),
                new Producer("rcll $1, %eax", UndefinedFlags.shift("rcl", 32, 1)),
                new Producer("shll %cl, %eax", 0), // cl = 0: changes nothing
                new Producer("imull %ebx, %eax", UndefinedFlags.of("imul")),
                new Producer("mull %ebx", UndefinedFlags.of("mul")),
                new Producer("bsfl %ebx, %eax", UndefinedFlags.of("bsf")),
                new Producer("btl $5, %eax", UndefinedFlags.of("bt")),
                new Producer("shldl $4, %ebx, %eax", UndefinedFlags.doubleShift(32, 4)),
                new Producer("addb %bl, %al", 0), new Producer("subb %bl, %al", 0), new Producer("subw %bx, %ax", 0),
                new Producer("incb %al", 0), new Producer("negb %al", 0), new Producer("daa", UndefinedFlags.of("daa")),
                new Producer("sahf", 0), new Producer("cmpxchgl %ebx, %edi", 0), new Producer("xaddl %ebx, %eax", 0),
                new Producer("popfl", 0)));
        List<Consumer> consumers = new ArrayList<>(List.of(
                new Consumer("incl %edx", 0, all & ~CF, 0), new Consumer("decw %dx", 0, all & ~CF, 0),
                new Consumer("shll %cl, %edx", 0, 0, 0),
                new Consumer("roll $1, %edx", 0, CF | OF, 0), new Consumer("rorl $5, %edx", 0, CF | OF, OF),
                new Consumer("btl $3, %edx", 0, all & ~ZF, UndefinedFlags.of("bt")),
                new Consumer("bsfl %esi, %edx", 0, all, UndefinedFlags.of("bsf")),
                new Consumer("adcl %esi, %edx", CF, all, 0), new Consumer("sbbb %dh, %dl", CF, all, 0),
                new Consumer("rcll $1, %edx", CF, CF | OF, 0), new Consumer("rcrl $3, %edx", CF, CF | OF, OF),
                new Consumer("cmc", CF, CF, 0), new Consumer("daa", AF | CF, all, OF), new Consumer("das", AF | CF, all, OF),
                new Consumer("aaa", AF, all, OF | SF | ZF | PF), new Consumer("aas", AF, all, OF | SF | ZF | PF),
                new Consumer("lahf", SF | ZF | AF | PF | CF, 0, 0),
                new Consumer("pushfl\npopl %edx\nandl $0xcd5, %edx", all, all, AF),
                new Consumer("loope 1f\nmovl $0x7a7a7a7a, %edi\n1:", ZF, 0, 0),
                new Consumer("leal 4(%edx), %edx\nmovl %esi, %edx\nsetbe %dl", CF | ZF, 0, 0)));
        for (String cc : CONDITIONS) {
            consumers.add(new Consumer("set" + cc + " %dl", conditionFlags(cc), 0, 0));
            consumers.add(new Consumer("cmov" + cc + "l %esi, %edx", conditionFlags(cc), 0, 0));
            consumers.add(new Consumer("j" + cc + " 1f\nmovl $0x7a7a7a7a, %edi\n1:", conditionFlags(cc), 0, 0));
        }
        for (Producer p : producers) {
            for (Consumer c : consumers) {
                if ((c.reads() & p.undefined()) != 0) {
                    continue; // the consumer would read a flag the producer left undefined
                }
                for (int i = 0; i < 2; i++) {
                    TestVector v = vec(p.asm() + "\n" + c.asm());
                    v.regs[EAX] = i == 0 ? pick(32) : pick(8) | (rnd.nextInt() & ~0xff);
                    v.regs[EBX] = pick(32) | (p.asm().startsWith("bsf") ? 1 << rnd.nextInt(32) : 0);
                    v.regs[ECX] &= ~0xff; // cl = 0: "shll %cl" changes nothing, whoever runs it
                    v.regs[ESI] = rnd.nextInt() | 1 << rnd.nextInt(32);
                    if (p.asm().equals("popfl")) {
                        v.memory = sharedPattern(v.index % 4);
                        int f = rnd.nextInt() & Flags.ARITH | 2;
                        for (int b = 0; b < 4; b++) {
                            v.memory[48 + b] = (byte) (f >>> (8 * b)); // what popfl pops from the private stack
                        }
                    }
                    v.undefinedFlags = c.undefined() | (p.undefined() & ~c.sets());
                }
            }
        }
    }

    // ---- stack -----------------------------------------------------------------------------

    private void stack() {
        for (int r = 0; r < 8; r++) {
            TestVector push = vec("pushl " + reg(32, r));
            push.dumpMemory = true;
            TestVector pushw = vec("pushw " + reg(16, r));
            pushw.dumpMemory = true;
            vec("popl " + reg(32, r));
            vec("popw " + reg(16, r));
        }
        for (int i = 0; i < 4; i++) {
            int imm = i < 2 ? (byte) rnd.nextInt(256) : rnd.nextInt();
            vec("pushl $" + imm).dumpMemory = true;
            vec("pushw $" + (imm & 0xffff)).dumpMemory = true;
            vec("pushl dt_mem+" + (4 * i)).dumpMemory = true;
            vec("popl dt_mem+" + (4 * i)).dumpMemory = true;
            vec("pushw dt_mem+" + (4 * i + 2)).dumpMemory = true;
            vec("popw dt_mem+" + (4 * i + 2)).dumpMemory = true;
            vec("pushal").dumpMemory = true;
            vec("popal");
            vec("pushaw").dumpMemory = true;
            vec("popaw");
            vec("pushfl\nandl $0xcd5, (%esp)").dumpMemory = true; // only the flags both worlds share
            vec("pushfw\nandw $0xcd5, (%esp)").dumpMemory = true;
            vec("pushl $" + (rnd.nextInt() & (Flags.ARITH | DF)) + "\npopfl");
            vec("pushw $" + (rnd.nextInt() & (Flags.ARITH | DF)) + "\npopfw");
        }
        for (int level = 0; level < 4; level++) {
            for (int frame : new int[] {0, 4, 12}) {
                TestVector e = vec("enter $" + frame + ", $" + level);
                e.regs[EBP] = MEM + 60 - 4 * rnd.nextInt(3);
                e.dumpMemory = true;
                TestVector ew = vec("enterw $" + frame + ", $" + level);
                ew.regs[EBP] = MEM + 60 - 2 * rnd.nextInt(3);
                ew.dumpMemory = true;
            }
        }
        for (int i = 0; i < 6; i++) {
            TestVector l = vec("leave");
            l.regs[EBP] = MEM + 20 + 4 * i;
            TestVector lw = vec("leavew");
            lw.regs[EBP] = MEM + 20 + 2 * i;
        }
        // esp as an address inside push/pop: pop computes the address after incrementing esp
        vec("popl (%esp)").dumpMemory = true;
        vec("popl 4(%esp)").dumpMemory = true;
        vec("popl -4(%esp)").dumpMemory = true;
        vec("pushl (%esp)").dumpMemory = true;
        vec("pushl 4(%esp)").dumpMemory = true;
        vec("popw 2(%esp)").dumpMemory = true;
        vec("pushw (%esp)").dumpMemory = true;
        vec("call 1f\n1: popl %edi");
        vec("pushl $1f\nret\nmovl $0x7a7a7a7a, %edi\n1:").dumpMemory = true;
        vec("pushl $1f\nret $8\nmovl $0x7a7a7a7a, %edi\n1:").dumpMemory = true;
    }
}
