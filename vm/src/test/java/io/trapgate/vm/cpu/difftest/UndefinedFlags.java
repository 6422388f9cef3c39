package io.trapgate.vm.cpu.difftest;

import static io.trapgate.vm.cpu.difftest.Flags.AF;
import static io.trapgate.vm.cpu.difftest.Flags.ARITH;
import static io.trapgate.vm.cpu.difftest.Flags.CF;
import static io.trapgate.vm.cpu.difftest.Flags.OF;
import static io.trapgate.vm.cpu.difftest.Flags.PF;
import static io.trapgate.vm.cpu.difftest.Flags.SF;
import static io.trapgate.vm.cpu.difftest.Flags.ZF;

import java.util.Map;

/**
 * The one table of flags the Intel SDM (vol. 2, "Flags Affected") and AMD APM vol. 3 call
 * undefined after each instruction. Only these bits are masked when comparing with the host; a
 * flag an instruction leaves unaffected is defined (it must keep its input value).
 */
final class UndefinedFlags {
    private static final Map<String, Integer> FIXED = Map.ofEntries(
            // results fully defined
            Map.entry("add", 0), Map.entry("adc", 0), Map.entry("sub", 0), Map.entry("sbb", 0),
            Map.entry("cmp", 0), Map.entry("neg", 0), Map.entry("inc", 0), Map.entry("dec", 0),
            Map.entry("xadd", 0), Map.entry("cmpxchg", 0), Map.entry("cmps", 0), Map.entry("scas", 0),
            // logic: OF = CF = 0, AF undefined
            Map.entry("and", AF), Map.entry("or", AF), Map.entry("xor", AF), Map.entry("test", AF),
            // multiply: only CF and OF are defined
            Map.entry("mul", SF | ZF | AF | PF), Map.entry("imul", SF | ZF | AF | PF),
            // divide: all six undefined
            Map.entry("div", ARITH), Map.entry("idiv", ARITH),
            // decimal adjust
            Map.entry("daa", OF), Map.entry("das", OF),
            Map.entry("aaa", OF | SF | ZF | PF), Map.entry("aas", OF | SF | ZF | PF),
            Map.entry("aam", OF | AF | CF), Map.entry("aad", OF | AF | CF),
            // bit tests: CF defined, ZF unaffected
            Map.entry("bt", OF | SF | AF | PF), Map.entry("bts", OF | SF | AF | PF),
            Map.entry("btr", OF | SF | AF | PF), Map.entry("btc", OF | SF | AF | PF),
            // bit scans: ZF defined
            Map.entry("bsf", CF | OF | SF | AF | PF), Map.entry("bsr", CF | OF | SF | AF | PF));

    private UndefinedFlags() {
    }

    /** Undefined flags of an instruction whose flags do not depend on its operands. */
    static int of(String mnemonic) {
        Integer m = FIXED.get(mnemonic);
        if (m == null) {
            throw new IllegalArgumentException("no flag rule for " + mnemonic);
        }
        return m;
    }

    /**
     * Shifts and rotates by {@code count} (as encoded; the CPU masks it to 5 bits) on a
     * {@code size}-bit operand. A masked count of 0 changes no flag; OF is defined only for 1.
     */
    static int shift(String op, int size, int count) {
        int n = count & 31;
        if (n == 0) {
            return 0;
        }
        int undefined = n == 1 ? 0 : OF;
        switch (op) {
            case "shl", "sal", "shr" -> {
                undefined |= AF;
                if (n >= size) {
                    undefined |= CF; // "CF is undefined for SHL and SHR where count >= operand size"
                }
            }
            case "sar" -> undefined |= AF;
            case "rol", "ror", "rcl", "rcr" -> {
                // only CF and OF are affected; the others keep their values
            }
            default -> throw new IllegalArgumentException(op);
        }
        return undefined;
    }

    /** shld/shrd with a masked count no larger than the operand size (larger is undefined). */
    static int doubleShift(int size, int count) {
        int n = count & 31;
        if (n > size) {
            throw new IllegalArgumentException("shld/shrd count " + n + " > " + size + " is undefined");
        }
        if (n == 0) {
            return 0;
        }
        return AF | (n == 1 ? 0 : OF);
    }
}
