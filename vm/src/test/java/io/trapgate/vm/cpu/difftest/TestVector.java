package io.trapgate.vm.cpu.difftest;

import java.util.Locale;

/**
 * One generated instruction test: the assembly under test, the register and flag inputs, the
 * memory pattern, and what the manuals leave undefined about its result.
 */
final class TestVector {
    static final String[] REG32 = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
    static final int ESP = 4;

    final String group;
    final int index;
    final String asm;
    final int[] regs = new int[8];
    int flags;
    /** The 64-byte dt_mem image, or null for the shared pattern {@code index % 4}. */
    byte[] memory;
    boolean dumpMemory;
    /** Flag bits whose value after the instruction the manuals call undefined. */
    int undefinedFlags;
    /** Registers (bit n = REG32[n]) whose value after the instruction is undefined. */
    int undefinedRegs;

    TestVector(String group, int index, String asm) {
        this.group = group;
        this.index = index;
        this.asm = asm;
    }

    String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append(group).append('#').append(index).append("  ").append(asm.replace("\n", "; ")).append("\n    in: ");
        for (int r = 0; r < 8; r++) {
            if (r != ESP) {
                sb.append(REG32[r]).append('=').append(hex(regs[r])).append(' ');
            }
        }
        sb.append("flags=").append(Flags.describe(flags));
        if (undefinedFlags != 0) {
            sb.append(" (undefined after: ").append(Flags.describe(undefinedFlags)).append(')');
        }
        return sb.toString();
    }

    static String hex(int v) {
        return String.format(Locale.ROOT, "%08x", v);
    }
}
