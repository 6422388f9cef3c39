package io.trapgate.vm.cpu.difftest;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** What one case left behind, parsed from a line of the image's output. */
record CaseRecord(int[] regs, int flags, byte[] memory) {
    private static final Pattern LINE = Pattern.compile("[0-9a-f]{72}( [0-9a-f]{128})?");

    /** The record lines of an output, in order; other lines (an exception report) are skipped. */
    static List<CaseRecord> parseAll(String output) {
        List<CaseRecord> records = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (LINE.matcher(line).matches()) {
                records.add(parse(line));
            }
        }
        return records;
    }

    static CaseRecord parse(String line) {
        int[] regs = new int[8];
        for (int r = 0; r < 8; r++) {
            regs[r] = Integer.parseUnsignedInt(line.substring(8 * r, 8 * r + 8), 16);
        }
        int flags = Integer.parseUnsignedInt(line.substring(64, 72), 16);
        byte[] mem = line.length() > 72 ? HexFormat.of().parseHex(line.substring(73)) : null;
        return new CaseRecord(regs, flags, mem);
    }

    /** The differences from {@code expected} in what {@code v} defines, or "" if none. */
    String differencesFrom(CaseRecord expected, TestVector v) {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < 8; r++) {
            if ((v.undefinedRegs & (1 << r)) == 0 && regs[r] != expected.regs[r]) {
                sb.append(String.format("    %s: expected %08x, got %08x%n", TestVector.REG32[r], expected.regs[r], regs[r]));
            }
        }
        int defined = ~v.undefinedFlags;
        if ((flags & defined) != (expected.flags & defined)) {
            sb.append(String.format("    flags: expected %s, got %s (differ in %s)%n", Flags.describe(expected.flags & defined),
                    Flags.describe(flags & defined), Flags.describe((flags ^ expected.flags) & defined)));
        }
        if (v.dumpMemory) {
            if (memory == null || expected.memory == null) {
                sb.append("    memory: missing from the record\n");
            } else {
                for (int i = 0; i < 64; i++) {
                    if (memory[i] != expected.memory[i]) {
                        sb.append(String.format("    dt_mem+%d: expected %02x, got %02x%n", i, expected.memory[i] & 0xff,
                                memory[i] & 0xff));
                    }
                }
            }
        }
        return sb.toString();
    }
}
