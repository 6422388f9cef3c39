package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.target.WatchKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watchpoint list the CPU's data hook consults: pages, kinds, and the reported data address. */
@Timeout(10)
class WatchListTest {

    private int stops;
    private final WatchList watches = new WatchList(() -> stops++);

    @Test
    void aWatchSpanningAPageBoundaryWatchesBothPages() {
        assertTrue(watches.add(WatchKind.WRITE, 0x1FF8, 16));
        assertTrue(watches.watchesPage(0x1000));
        assertTrue(watches.watchesPage(0x2ABC));
        assertFalse(watches.watchesPage(0x3000));
        assertFalse(watches.watchesPage(0x0000));
    }

    @Test
    void aWriteWatchIgnoresReadsAndReportsTheFirstWrite() {
        watches.add(WatchKind.WRITE, 0x5000, 4);
        watches.accessed(0x5000, false);
        assertNull(watches.takeHit());
        watches.accessed(0x5002, true);
        watches.accessed(0x5000, true); // a second hit in the same instruction does not replace the first
        WatchList.Watch hit = watches.takeHit();
        assertEquals(WatchKind.WRITE, hit.kind());
        assertEquals(0x5002, watches.hitAddress());
        assertEquals(1, stops);
        assertNull(watches.takeHit());
    }

    @Test
    void anAccessStartingJustBelowTheRangeIsReportedInsideIt() {
        watches.add(WatchKind.ACCESS, 0x6004, 4);
        watches.accessed(0x6002, false); // a dword read at 6002 reaches 6004-6005
        assertEquals(0x6004, watches.hitAddress());
        assertEquals(WatchKind.ACCESS, watches.takeHit().kind());
        watches.accessed(0x6008, true); // just past the range
        assertNull(watches.takeHit());
    }

    @Test
    void readWatchesSeeReadsOnlyAndRemoveForgetsThem() {
        watches.add(WatchKind.READ, 0x7000, 64);
        watches.accessed(0x7030, true);
        assertNull(watches.takeHit());
        watches.accessed(0x7030, false);
        assertEquals(WatchKind.READ, watches.takeHit().kind());
        watches.remove(WatchKind.READ, 0x7000, 64);
        assertTrue(watches.isEmpty());
        assertFalse(watches.watchesPage(0x7000));
    }

    @Test
    void rangesBeyondTheAddressSpaceAreRefused() {
        assertFalse(watches.add(WatchKind.WRITE, 0xFFFFFFFEL, 4));
        assertFalse(watches.add(WatchKind.WRITE, 0x1000, 0));
        assertTrue(watches.isEmpty());
    }
}
