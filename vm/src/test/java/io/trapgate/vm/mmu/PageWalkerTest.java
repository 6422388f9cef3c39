package io.trapgate.vm.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapgate.vm.memory.PhysicalMemory;
import org.junit.jupiter.api.Test;

class PageWalkerTest {
    private static final int CR0_PG_WP = 0x80010001;
    private final PhysicalMemory mem = new PhysicalMemory(1 << 22);
    private final PageWalker walker = new PageWalker(mem);

    /** Directory at 0x1000, one table at 0x2000 for linear 0-4 MiB. */
    private void map(int linear, int frame, int pteBits, int pdeBits) {
        mem.write32(0x1000 + (linear >>> 22) * 4, 0x2000 | pdeBits);
        mem.write32(0x2000 + ((linear >>> 12) & 0x3FF) * 4, frame | pteBits);
    }

    @Test
    void translatesThroughDirectoryAndTable() {
        map(0x5000, 0x300000, 7, 7);
        assertEquals(0x300123L, walker.walk(CR0_PG_WP, 0x1000, 0, 0x5123, false, true, true));
    }

    @Test
    void notPresentFaultsWithPClearAndTheAccessBits() {
        map(0x5000, 0x300000, 6, 7);
        assertEquals(PageWalker.FAULT, walker.walk(CR0_PG_WP, 0x1000, 0, 0x5000, true, true, true));
        assertEquals(6, walker.faultCode);
    }

    @Test
    void userAccessNeedsTheUserBitInBothLevels() {
        map(0x5000, 0x300000, 7, 3);
        assertEquals(PageWalker.FAULT, walker.walk(CR0_PG_WP, 0x1000, 0, 0x5000, false, true, true));
        assertEquals(5, walker.faultCode);
    }

    @Test
    void supervisorWritesToReadOnlyPagesFaultOnlyWithWp() {
        map(0x5000, 0x300000, 1, 7);
        assertEquals(PageWalker.FAULT, walker.walk(CR0_PG_WP, 0x1000, 0, 0x5000, true, false, true));
        assertEquals(3, walker.faultCode);
        assertEquals(0x300000L, walker.walk(0x80000001, 0x1000, 0, 0x5000, true, false, true));
    }

    @Test
    void accessedAndDirtyAreSetOnlyByARealWalk() {
        map(0x5000, 0x300000, 7, 7);
        walker.walk(CR0_PG_WP, 0x1000, 0, 0x5000, true, false, false);
        assertEquals(0x300007, mem.read32(0x2000 + 5 * 4));
        walker.walk(CR0_PG_WP, 0x1000, 0, 0x5000, false, false, true);
        assertEquals(0x300027, mem.read32(0x2000 + 5 * 4));
        assertEquals(0x2027, mem.read32(0x1000));
        walker.walk(CR0_PG_WP, 0x1000, 0, 0x5000, true, false, true);
        assertEquals(0x300067, mem.read32(0x2000 + 5 * 4));
    }

    @Test
    void largePageBitCountsOnlyWithCr4Pse() {
        mem.write32(0x1000 + 4, 0x00800087 | 0x100); // PDE 1: 4 MiB page at 8 MiB, or a table at 8 MiB
        assertEquals(0x00923456L, walker.walk(CR0_PG_WP, 0x1000, PageWalker.CR4_PSE, 0x00523456, false, true, true));
        // without PSE the same entry points at a page table at 8 MiB (outside this RAM: all ones)
        assertEquals(0xFFFFF456L, walker.walk(CR0_PG_WP, 0x1000, 0, 0x00523456, false, true, false));
    }

    @Test
    void globalBitCountsOnlyWithCr4Pge() {
        map(0x5000, 0x300000, 7 | 0x100, 7);
        walker.walk(CR0_PG_WP, 0x1000, 0, 0x5000, false, false, true);
        assertEquals(false, walker.lastGlobal);
        walker.walk(CR0_PG_WP, 0x1000, PageWalker.CR4_PGE, 0x5000, false, false, true);
        assertEquals(true, walker.lastGlobal);
    }
}
