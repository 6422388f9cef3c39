package io.trapgate.vm.cpu.difftest;

/** The EFLAGS bits the differential suite compares. */
final class Flags {
    static final int CF = 0x001;
    static final int PF = 0x004;
    static final int AF = 0x010;
    static final int ZF = 0x040;
    static final int SF = 0x080;
    static final int DF = 0x400;
    static final int OF = 0x800;
    static final int ARITH = CF | PF | AF | ZF | SF | OF;

    private Flags() {
    }

    static String describe(int f) {
        StringBuilder sb = new StringBuilder("[");
        String[] names = {"CF", "PF", "AF", "ZF", "SF", "DF", "OF"};
        int[] bits = {CF, PF, AF, ZF, SF, DF, OF};
        for (int i = 0; i < bits.length; i++) {
            if ((f & bits[i]) != 0) {
                sb.append(sb.length() > 1 ? " " : "").append(names[i]);
            }
        }
        return sb.append(']').toString();
    }
}
