package io.trapgate.vm.cpu.difftest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The comparison the differential suite relies on reports what differs and masks only what it should. */
class CaseRecordTest {
    private static final String REGS = "11111111222222223333333344444444008000305555555566666666777777770000";

    private static TestVector vector(int undefinedFlags, boolean memory) {
        TestVector v = new TestVector("unit", 0, "mulb %cl");
        v.undefinedFlags = undefinedFlags;
        v.dumpMemory = memory;
        return v;
    }

    @Test
    void identicalRecordsHaveNoDifferences() {
        CaseRecord r = CaseRecord.parse(REGS + "0893");
        assertEquals("", r.differencesFrom(CaseRecord.parse(REGS + "0893"), vector(0, false)));
    }

    @Test
    void aDifferentRegisterIsReportedByName() {
        CaseRecord expected = CaseRecord.parse(REGS + "0893");
        CaseRecord actual = CaseRecord.parse(REGS.replace("33333333", "33333330") + "0893");
        assertTrue(actual.differencesFrom(expected, vector(0, false)).contains("edx: expected 33333333, got 33333330"));
    }

    @Test
    void onlyUndefinedFlagsAreMasked() {
        CaseRecord expected = CaseRecord.parse(REGS + "0893");
        CaseRecord sfDiffers = CaseRecord.parse(REGS + "0813");
        assertEquals("", sfDiffers.differencesFrom(expected, vector(Flags.SF, false)));
        assertTrue(sfDiffers.differencesFrom(expected, vector(Flags.ZF, false)).contains("differ in [SF]"));
    }

    @Test
    void memoryIsComparedByteByByteWhenTheCaseDumpsIt() {
        String mem = " " + "00".repeat(64);
        CaseRecord expected = CaseRecord.parse(REGS + "0893" + mem);
        CaseRecord actual = CaseRecord.parse(REGS + "0893" + " " + "00".repeat(10) + "ff" + "00".repeat(53));
        assertTrue(actual.differencesFrom(expected, vector(0, true)).contains("dt_mem+10: expected 00, got ff"));
    }
}
