package io.trapgate.vm.cpu.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.trapgate.vm.testing.RunResult;
import io.trapgate.vm.testing.TrapgateRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every one-byte and 0F two-byte opcode, and every one-byte opcode behind 66, 67, F0 and F3,
 * run from ring 3 (the "opcodes" kernel): trapgate must survive all of them and end each with
 * the vector QEMU ends it with, for the opcodes of the i686 integer ISA. Not compared: x87 (not
 * part of this CPU yet) and the MMX/SSE/FXSR opcodes, which QEMU's TCG executes on every CPU
 * model while an i686 without them raises #UD. Where QEMU is known to differ from the SDM the
 * expectation comes from the SDM (FROM_THE_MANUAL, and the LOCK rules).
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OpcodeSweepTest {
    /** Six sweeps of 256 opcodes: plain, 0F, and behind 66, 67, F0 and F3. */
    private static final int ROWS = 6 * 16;

    /**
     * One-byte opcodes where QEMU's TCG is known to differ from the manuals (it checks neither
     * null selectors nor writes through CS, and treats ICEBP as undefined): the expected vector
     * comes from the Intel SDM instead. Registers at entry: ring 3, DS/ES/SS = user data, FS/GS
     * null (iret nulls them), the byte after the opcode a ModRM of 0 ([eax], scratch memory).
     */
    static final Map<Integer, String> FROM_THE_MANUAL = Map.of(
            0x2e, "0d",  // add %al, %cs:(%eax): a code segment is not writable -> #GP(0)
            0x64, "0d",  // add %al, %fs:(%eax): FS is null -> #GP(0)
            0x65, "0d",  // add %al, %gs:(%eax): GS is null -> #GP(0)
            0xc5, "0d",  // lds (%eax), %eax loads a null DS; the next access through it -> #GP(0)
            0xf1, "01"); // ICEBP (INT1) -> #DB

    /** Opcodes LOCK may prefix (with a memory destination, which ModRM 0 gives): SDM, "LOCK". */
    static final Set<Integer> LOCKABLE = Set.of(0x00, 0x01, 0x08, 0x09, 0x10, 0x11, 0x18, 0x19, 0x20, 0x21, 0x28, 0x29,
            0x30, 0x31, 0x80, 0x81, 0x82, 0x83, 0x86, 0x87, 0xfe, 0xff);

    /**
     * What "f0 op 00 00 ..." must end with. QEMU's TCG accepts LOCK on many instructions that
     * raise #UD on hardware, so this row follows the SDM: a lockable instruction behaves as
     * without the prefix; a further prefix passes LOCK on to "00 00" (a lockable add); anything
     * else is #UD.
     */
    static String expectedWithLock(int op, List<String[]> rows) {
        if (LOCKABLE.contains(op)) {
            return expected(0, op, rows);
        }
        return switch (op) {
            case 0x26, 0x36, 0x3e, 0xf0, 0xf2, 0xf3 -> expected(0, 0x00, rows);
            case 0x2e, 0x64, 0x65 -> "0d"; // the add goes through CS or a null FS/GS
            case 0x66 -> expected(2, 0x00, rows);
            case 0x67 -> expected(3, 0x00, rows);
            default -> "06";
        };
    }

    /** The expected ending of opcode op in sweep (0: plain, 2: 66, 3: 67, 5: f3): QEMU's, or the manual's. */
    static String expected(int sweep, int op, List<String[]> rows) {
        boolean manual = FROM_THE_MANUAL.containsKey(op) && !(sweep == 3 && op == 0xc5); // 67 c5: its own read faults first
        return manual ? FROM_THE_MANUAL.get(op) : rows.get(sweep * 16 + op / 16)[op % 16];
    }

    static boolean isString(int op) {
        return (op >= 0x6c && op <= 0x6f) || (op >= 0xa4 && op <= 0xa7) || (op >= 0xaa && op <= 0xaf);
    }

    /** One-byte opcodes compared: all but the x87 escapes D8-DF and fwait (9B). */
    static boolean comparedOneByte(int op) {
        return !(op >= 0xd8 && op <= 0xdf) && op != 0x9b;
    }

    /** 0F opcodes compared: the integer and system ones of an i686. */
    static boolean comparedTwoByte(int op) {
        return op <= 0x0b || (op >= 0x20 && op <= 0x23) || (op >= 0x30 && op <= 0x35) || (op >= 0x40 && op <= 0x4f)
                || (op >= 0x80 && op <= 0xbf && op != 0xae) || op == 0xc0 || op == 0xc1 || op == 0xc7
                || (op >= 0xc8 && op <= 0xcf) || op == 0xff;
    }

    @Test
    void qemuRunsEveryOpcode() throws IOException, InterruptedException {
        RunResult qemu = SystemKernel.qemu("opcodes");
        assertEquals(33, qemu.exitCode(), qemu::toString);
        List<String[]> rows = results(qemu.serial());
        assertEquals(ROWS, rows.size(), qemu::toString);
        assertEquals("06", rows.get(16 + 0)[0x0b], "0f 0b (ud2) must raise #UD"); // the sweep sees faults at all
        assertEquals("--", rows.get(0)[0x00], "00 (add) must complete");
    }

    @Test
    void trapgateSurvivesEveryOpcodeAndEndsEachLikeQemu() throws IOException, InterruptedException {
        RunResult qemu = SystemKernel.qemu("opcodes");
        RunResult trapgate = TrapgateRun.boot(SystemKernel.build("opcodes"), List.of(), 60);
        List<String[]> want = results(qemu.serial());
        List<String[]> got = results(trapgate.serial());
        List<String> differences = new ArrayList<>();
        String[] sweeps = {"", "0f ", "66 ", "67 ", "f0 ", "f3 "};
        for (int row = 0; row < want.size(); row++) {
            int sweep = row / 16;
            for (int col = 0; col < 16; col++) {
                int op = (row % 16) * 16 + col;
                boolean compared = switch (sweep) {
                    case 1 -> comparedTwoByte(op);
                    case 5 -> isString(op); // REP on anything else is reserved (SDM): no fact to compare
                    default -> comparedOneByte(op);
                };
                String w = switch (sweep) {
                    case 1 -> want.get(row)[col];
                    case 4 -> expectedWithLock(op, want);
                    default -> expected(sweep, op, want);
                };
                String g = row < got.size() ? got.get(row)[col] : "(missing)";
                if (compared && !w.equals(g)) {
                    differences.add(String.format("%s%02x: expected %s, trapgate %s", sweeps[sweep], op, w, g));
                }
            }
        }
        if (!differences.isEmpty() || trapgate.exitCode() != 33 || got.size() != want.size()) {
            fail("opcodes ending differently (vector, or -- for completed): " + differences + "\ntrapgate exit "
                    + trapgate.exitCode() + ", " + got.size() + " of " + ROWS + " rows\n" + trapgate.diagnostics());
        }
        assertTrue(want.size() == ROWS);
    }

    /** The result rows ("1 xx: ...", "2 0f xx: ...", "3 66 xx: ..."), 16 vectors each. */
    private static List<String[]> results(String serial) {
        List<String[]> rows = new ArrayList<>();
        for (String line : serial.split("\n")) {
            if (line.matches("[1-6] ([0-9a-f]{2} )?[0-9a-f]{2}:( (--|[0-9a-f]{2})){16}")) {
                String[] parts = line.substring(line.indexOf(':') + 2).split(" ");
                rows.add(parts);
            }
        }
        return rows;
    }
}
