package io.trapgate.vm.cpu;

/**
 * Turns instruction bytes into an {@link Insn}: prefixes, opcode, ModRM/SIB, displacement and
 * immediates, for 16- and 32-bit operand and address sizes. Undefined encodings decode to
 * {@link Insn#OP_UD} so the executor raises #UD; nothing here throws except a fetch fault from
 * the byte source (a #PF on the second page of an instruction that crosses pages).
 */
public final class Decoder {
    /** Supplies more instruction bytes when the window runs out (the next page). */
    interface Refill {
        /** Appends bytes to {@code buf} after {@code have}; returns the new count (at most 16). */
        int refill(byte[] buf, int have);
    }

    // attribute bits per opcode (index: op 0x000-0x1FF)
    private static final int V = 1;        // defined
    private static final int M = 2;        // has ModRM
    private static final int IB = 4;       // 8-bit immediate
    private static final int IZ = 8;       // 16/32-bit immediate by operand size
    private static final int IW = 16;      // 16-bit immediate
    private static final int PTR = 32;     // far pointer: offset (operand size) then selector
    private static final int MOFFS = 64;   // offset by address size
    private static final int MEMONLY = 128; // mod == 3 is #UD

    static final int[] ATTR = new int[0x200];

    private static void def(int attr, int... ops) {
        for (int op : ops) {
            ATTR[op] = attr | V;
        }
    }

    private static void range(int attr, int from, int to) {
        for (int op = from; op <= to; op++) {
            ATTR[op] = attr | V;
        }
    }

    static {
        for (int alu = 0; alu < 8; alu++) {
            int b = alu << 3;
            def(M, b, b + 1, b + 2, b + 3);
            def(IB, b + 4);
            def(IZ, b + 5);
        }
        def(0, 0x06, 0x07, 0x0E, 0x16, 0x17, 0x1E, 0x1F, 0x27, 0x2F, 0x37, 0x3F);
        range(0, 0x40, 0x5F);
        def(0, 0x60, 0x61);
        def(M | MEMONLY, 0x62);
        def(M, 0x63);
        def(IZ, 0x68);
        def(M | IZ, 0x69);
        def(IB, 0x6A);
        def(M | IB, 0x6B);
        range(0, 0x6C, 0x6F);
        range(IB, 0x70, 0x7F);
        def(M | IB, 0x80, 0x82, 0x83);
        def(M | IZ, 0x81);
        range(M, 0x84, 0x8C);
        def(M | MEMONLY, 0x8D);
        def(M, 0x8E, 0x8F);
        range(0, 0x90, 0x99);
        def(PTR, 0x9A);
        range(0, 0x9B, 0x9F);
        range(MOFFS, 0xA0, 0xA3);
        range(0, 0xA4, 0xA7);
        def(IB, 0xA8);
        def(IZ, 0xA9);
        range(0, 0xAA, 0xAF);
        range(IB, 0xB0, 0xB7);
        range(IZ, 0xB8, 0xBF);
        def(M | IB, 0xC0, 0xC1);
        def(IW, 0xC2, 0xCA);
        def(0, 0xC3, 0xC9, 0xCB, 0xCC, 0xCE, 0xCF);
        def(M | MEMONLY, 0xC4, 0xC5);
        def(M | IB, 0xC6);
        def(M | IZ, 0xC7);
        def(IW | IB, 0xC8);
        def(IB, 0xCD);
        range(M, 0xD0, 0xD3);
        def(IB, 0xD4, 0xD5);
        def(0, 0xD6, 0xD7);
        range(M, 0xD8, 0xDF);
        range(IB, 0xE0, 0xE7);
        def(IZ, 0xE8, 0xE9);
        def(PTR, 0xEA);
        def(IB, 0xEB);
        range(0, 0xEC, 0xEF);
        def(0, 0xF1, 0xF4, 0xF5);
        def(M, 0xF6, 0xF7); // test's immediate is added by the decoder for /0 and /1
        range(0, 0xF8, 0xFD);
        def(M, 0xFE, 0xFF);

        // two-byte opcodes 0F xx
        def(M, 0x100, 0x101, 0x102, 0x103);
        def(0, 0x106, 0x108, 0x109, 0x10B);
        range(M, 0x118, 0x11F); // hint nops (0F 1F /0 is the multi-byte nop), prefetch
        range(M, 0x120, 0x123);
        range(0, 0x130, 0x133);
        def(0, 0x134, 0x135);
        range(M, 0x140, 0x14F);
        range(IZ, 0x180, 0x18F);
        range(M, 0x190, 0x19F);
        def(0, 0x1A0, 0x1A1, 0x1A2, 0x1A8, 0x1A9);
        def(M, 0x1A3, 0x1A5, 0x1AB, 0x1AD, 0x1AF);
        def(M | IB, 0x1A4, 0x1AC);
        def(M, 0x1B0, 0x1B1, 0x1B3, 0x1B6, 0x1B7, 0x1BB, 0x1BC, 0x1BD, 0x1BE, 0x1BF);
        def(M | MEMONLY, 0x1B2, 0x1B4, 0x1B5);
        def(M | IB, 0x1BA);
        def(M, 0x1C0, 0x1C1);
        def(M | MEMONLY, 0x1C7);
        range(0, 0x1C8, 0x1CF);
    }

    final byte[] buf = new byte[16];
    private final Insn probe = new Insn();

    public Decoder() {
    }

    /**
     * Decodes the instruction at {@code code[offset]} and returns its length in bytes (for the
     * debugger's step-over and for benchmarks). Bytes past the array end read as zero.
     */
    public int decodeLength(byte[] code, int offset, boolean cs32) {
        int n = Math.min(16, code.length - offset);
        System.arraycopy(code, offset, buf, 0, n);
        for (int k = n; k < 16; k++) {
            buf[k] = 0;
        }
        begin(16, NO_REFILL);
        decode(probe, cs32);
        return probe.len;
    }

    private static final Refill NO_REFILL = (b, have) -> 16;
    private int avail;
    private int pos;
    private Refill refill;

    /** Starts decoding from bytes already in {@link #buf}. */
    void begin(int available, Refill more) {
        this.avail = available;
        this.pos = 0;
        this.refill = more;
    }

    private int next() {
        if (pos >= avail) {
            if (pos >= 15) {
                pos++;
                return 0x90; // keeps going; the length check below turns this into #GP
            }
            avail = refill.refill(buf, avail);
        }
        return buf[pos++] & 0xFF;
    }

    private int next16() {
        int lo = next();
        return lo | next() << 8;
    }

    private int next32() {
        int lo = next16();
        return lo | next16() << 16;
    }

    /** Decodes one instruction with the given default size into {@code d}. */
    void decode(Insn d, boolean cs32) {
        boolean opsize = false;
        boolean addrsize = false;
        int segOverride = -1;
        int rep = 0;
        boolean lock = false;
        int b;
        prefixes:
        while (true) {
            b = next();
            switch (b) {
                case 0x26: segOverride = Cpu.ES; break;
                case 0x2E: segOverride = Cpu.CS; break;
                case 0x36: segOverride = Cpu.SS; break;
                case 0x3E: segOverride = Cpu.DS; break;
                case 0x64: segOverride = Cpu.FS; break;
                case 0x65: segOverride = Cpu.GS; break;
                case 0x66: opsize = true; break;
                case 0x67: addrsize = true; break;
                case 0xF0: lock = true; break;
                case 0xF2: rep = 2; break;
                case 0xF3: rep = 3; break;
                default: break prefixes;
            }
            if (pos > 15) {
                break;
            }
        }
        int op = b;
        if (b == 0x0F) {
            op = 0x100 | next();
        }
        d.cs32 = cs32;
        d.handler = FastPath.GENERIC;
        d.o16 = cs32 == opsize;
        d.a16 = cs32 == addrsize;
        d.rep = rep;
        d.lock = lock;
        d.seg = segOverride >= 0 ? segOverride : Cpu.DS;
        d.mod = 3;
        d.reg = 0;
        d.rm = 0;
        d.base = -1;
        d.index = -1;
        d.scale = 0;
        d.disp = 0;
        d.imm = 0;
        d.imm2 = 0;
        int attr = ATTR[op];
        if (attr == 0) {
            d.op = Insn.OP_UD;
            d.len = pos;
            return;
        }
        d.op = op;
        if (op >= 0x120 && op <= 0x123) {
            // mov to/from CRn/DRn: the mod field is ignored, the operand is always a register
            int m = next();
            d.mod = 3;
            d.reg = (m >> 3) & 7;
            d.rm = m & 7;
        } else if ((attr & M) != 0) {
            modrm(d, segOverride);
            if ((attr & MEMONLY) != 0 && d.mod == 3) {
                d.op = Insn.OP_UD;
            }
        }
        if ((attr & (IW)) != 0) {
            d.imm = next16();
        }
        if ((attr & IB) != 0) {
            int v = (byte) next();
            if ((attr & IW) != 0) {
                d.imm2 = v & 0xFF; // enter: level byte
            } else {
                d.imm = v; // sign-extended; users mask as needed
            }
        }
        if ((attr & IZ) != 0 || ((op == 0xF6 || op == 0xF7) && d.reg < 2)) {
            if (op == 0xF6) {
                d.imm = (byte) next();
            } else {
                d.imm = d.o16 ? (short) next16() : next32();
            }
        }
        if ((attr & PTR) != 0) {
            d.imm = d.o16 ? next16() : next32();
            d.imm2 = next16();
        }
        if ((attr & MOFFS) != 0) {
            d.disp = d.a16 ? next16() : next32();
        }
        if (lock && !lockable(d)) {
            d.op = Insn.OP_UD;
        }
        d.len = pos;
        if (pos > 15) {
            d.op = Insn.OP_TOO_LONG;
            d.len = 15;
        }
        FastPath.specialize(d);
    }

    private static boolean lockable(Insn d) {
        if (d.mod == 3) {
            return false;
        }
        int op = d.op;
        if (op < 0x38 && (op & 7) < 2) {
            return (op >> 3) != 7; // ALU m,r except cmp
        }
        switch (op) {
            case 0x80: case 0x81: case 0x82: case 0x83: return d.reg != 7;
            case 0x86: case 0x87: return true;
            case 0xF6: case 0xF7: return d.reg == 2 || d.reg == 3;
            case 0xFE: case 0xFF: return d.reg < 2;
            case 0x1AB: case 0x1B3: case 0x1BB: case 0x1B0: case 0x1B1: case 0x1C0: case 0x1C1: case 0x1C7:
                return true;
            case 0x1BA: return d.reg >= 5;
            default: return false;
        }
    }

    private void modrm(Insn d, int segOverride) {
        int m = next();
        int mod = m >> 6;
        int reg = (m >> 3) & 7;
        int rm = m & 7;
        d.mod = mod;
        d.reg = reg;
        d.rm = rm;
        if (mod == 3) {
            return;
        }
        boolean stackDefault = false;
        if (d.a16) {
            switch (rm) {
                case 0: d.base = Cpu.EBX; d.index = Cpu.ESI; break;
                case 1: d.base = Cpu.EBX; d.index = Cpu.EDI; break;
                case 2: d.base = Cpu.EBP; d.index = Cpu.ESI; stackDefault = true; break;
                case 3: d.base = Cpu.EBP; d.index = Cpu.EDI; stackDefault = true; break;
                case 4: d.base = Cpu.ESI; break;
                case 5: d.base = Cpu.EDI; break;
                case 6:
                    if (mod == 0) {
                        d.disp = next16();
                    } else {
                        d.base = Cpu.EBP;
                        stackDefault = true;
                    }
                    break;
                default: d.base = Cpu.EBX; break;
            }
            if (mod == 1) {
                d.disp = (byte) next();
            } else if (mod == 2) {
                d.disp = (short) next16();
            }
        } else {
            if (rm == 4) {
                int sib = next();
                int ss = sib >> 6;
                int idx = (sib >> 3) & 7;
                int base = sib & 7;
                if (idx != 4) {
                    d.index = idx;
                    d.scale = ss;
                }
                if (base == 5 && mod == 0) {
                    d.disp = next32();
                } else {
                    d.base = base;
                    stackDefault = base == Cpu.ESP || base == Cpu.EBP;
                }
            } else if (rm == 5 && mod == 0) {
                d.disp = next32();
            } else {
                d.base = rm;
                stackDefault = rm == Cpu.EBP;
            }
            if (mod == 1) {
                d.disp = (byte) next();
            } else if (mod == 2) {
                d.disp = next32();
            }
        }
        d.seg = segOverride >= 0 ? segOverride : stackDefault ? Cpu.SS : Cpu.DS;
    }
}
