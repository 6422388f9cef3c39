package io.trapgate.vm.cpu.x87;

/**
 * Which condition codes the manual (Intel SDM vol. 2, "FPU Flags Affected" of each
 * instruction) leaves undefined, followed through a sequence: an undefined bit stays masked until
 * an instruction defines it again. Only these bits of the status word are not compared.
 */
final class X87UndefinedFlags {
    static final int C0 = 0x100, C1 = 0x200, C2 = 0x400, C3 = 0x4000;
    private static final int ALL = C0 | C1 | C2 | C3;

    private X87UndefinedFlags() {
    }

    /** The undefined set after {@code insn} (two opcode bytes, or one int for a store). */
    static int after(int undefined, int[] insn) {
        if (insn.length == 1) {
            return (undefined & ~C1) | C0 | C2 | C3; // FST/FIST/FBSTP to memory: C1 defined
        }
        int op = insn[0];
        int m = insn[1];
        int reg = (m >> 3) & 7;
        switch (op) {
            case 0xD8:
                return reg == 2 || reg == 3 ? 0 : (undefined & ~C1) | C0 | C2 | C3; // fcom defines all
            case 0xDC:
            case 0xDE:
                if (reg == 2 || reg == 3) {
                    return 0; // the compare aliases and fcompp
                }
                return (undefined & ~C1) | C0 | C2 | C3;
            case 0xD9:
                if (m == 0xE4 || m == 0xE5 || m == 0xF5 || m == 0xF8) {
                    return 0; // ftst, fxam, fprem1, fprem define all four
                }
                if (m == 0xD0) {
                    return ALL; // fnop
                }
                return (undefined & ~C1) | C0 | C2 | C3; // loads, fxch, fchs, fsqrt, fincstp, ...
            case 0xDA:
            case 0xDB:
                if (m == 0xE9) {
                    return 0; // fucompp
                }
                if ((op == 0xDB && m >= 0xE8) || m < 0xE0) {
                    // fcomi/fucomi leave C0 C2 C3 alone; fcmov leaves them undefined
                    return m < 0xE0 ? undefined | C0 | C2 | C3 : undefined;
                }
                return undefined;
            case 0xDD:
                if (reg == 0) {
                    return ALL; // ffree
                }
                if (reg == 4 || reg == 5) {
                    return 0; // fucom, fucomp
                }
                return (undefined & ~C1) | C0 | C2 | C3; // fst, fstp
            case 0xDF:
                return undefined; // fucomip, fcomip
            default:
                return ALL;
        }
    }
}
