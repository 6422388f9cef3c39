package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.target.WatchKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The client's watchpoints: which one a CPU hit belongs to decides the stop reply's kind. */
@Timeout(10)
class WatchListTest {

    private final WatchList watches = new WatchList();

    @Test
    void aWriteHitBelongsToAWriteOrAccessWatchCoveringTheAddress() {
        watches.add(WatchKind.READ, 0x5000, 4);
        watches.add(WatchKind.ACCESS, 0x5000, 8);
        assertEquals(WatchKind.ACCESS, watches.find(0x5002, true).kind());
        assertEquals(WatchKind.READ, watches.find(0x5002, false).kind());
        assertEquals(WatchKind.ACCESS, watches.find(0x5006, false).kind());
        assertNull(watches.find(0x5008, true));
    }

    @Test
    void removeForgetsExactlyTheOneAsked() {
        watches.add(WatchKind.WRITE, 0x7000, 64);
        watches.add(WatchKind.WRITE, 0x7000, 4);
        assertTrue(watches.remove(WatchKind.WRITE, 0x7000, 64));
        assertEquals(WatchKind.WRITE, watches.find(0x7002, true).kind());
        assertNull(watches.find(0x7010, true));
        assertFalse(watches.remove(WatchKind.READ, 0x7000, 4));
    }

    @Test
    void rangesBeyondTheAddressSpaceAreRefused() {
        assertFalse(watches.add(WatchKind.WRITE, 0xFFFFFFFEL, 4));
        assertFalse(watches.add(WatchKind.WRITE, 0x1000, 0));
        assertTrue(watches.isEmpty());
    }
}
