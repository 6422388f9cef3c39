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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Every one-byte and 0F two-byte opcode run from ring 3 (the "opcodes" kernel): trapgate must
 * survive all of them and end each with the vector QEMU ends it with, for the opcodes of the
 * i686 integer ISA. Not compared: x87 (not part of this CPU yet) and the MMX/SSE/FXSR opcodes,
 * which QEMU's TCG executes on every CPU model while an i686 without them raises #UD.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class OpcodeSweepTest {
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
        assertEquals(32, rows.size(), qemu::toString);
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
        for (int row = 0; row < want.size(); row++) {
            for (int col = 0; col < 16; col++) {
                int op = (row % 16) * 16 + col;
                boolean compared = row < 16 ? comparedOneByte(op) : comparedTwoByte(op);
                String w = row < 16 && FROM_THE_MANUAL.containsKey(op) ? FROM_THE_MANUAL.get(op) : want.get(row)[col];
                String g = row < got.size() ? got.get(row)[col] : "(missing)";
                if (compared && !w.equals(g)) {
                    differences.add(String.format("%s%02x: expected %s, trapgate %s", row < 16 ? "" : "0f ", op, w, g));
                }
            }
        }
        if (!differences.isEmpty() || trapgate.exitCode() != 33 || got.size() != want.size()) {
            fail("opcodes ending differently (vector, or -- for completed): " + differences + "\ntrapgate exit "
                    + trapgate.exitCode() + ", " + got.size() + " of 32 rows\n" + trapgate.diagnostics());
        }
        assertTrue(want.size() == 32);
    }

    /** The 32 result rows ("1 xx: ..." then "2 0f xx: ..."), 16 vectors each. */
    private static List<String[]> results(String serial) {
        List<String[]> rows = new ArrayList<>();
        for (String line : serial.split("\n")) {
            if (line.matches("[12] (0f )?[0-9a-f]{2}:( (--|[0-9a-f]{2})){16}")) {
                String[] parts = line.substring(line.indexOf(':') + 2).split(" ");
                rows.add(parts);
            }
        }
        return rows;
    }
}
