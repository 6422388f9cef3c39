package io.trapgate.vm.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class TlbTest {
    private static boolean hit(Tlb tlb, int kind, int linear) {
        return tlb.tag[Tlb.index(kind, linear)] == (linear & 0xFFFFF000);
    }

    @Test
    void invlpgOfOneAddressDropsEveryPieceOfItsLargePage() {
        Tlb tlb = new Tlb();
        tlb.fillLarge(Tlb.SUPERVISOR_READ, 0xC0001000, 0x00001000, false);
        tlb.fillLarge(Tlb.SUPERVISOR_READ, 0xC0200000, 0x00200000, false);
        tlb.fill(Tlb.SUPERVISOR_READ, 0xC0400000, 0x00500000, false);
        tlb.flushPage(0xC0123000);
        assertEquals(false, hit(tlb, Tlb.SUPERVISOR_READ, 0xC0001000));
        assertEquals(false, hit(tlb, Tlb.SUPERVISOR_READ, 0xC0200000));
        assertEquals(true, hit(tlb, Tlb.SUPERVISOR_READ, 0xC0400000));
    }

    @Test
    void invlpgOfASmallPageKeepsItsNeighbours() {
        Tlb tlb = new Tlb();
        tlb.fill(Tlb.USER_WRITE, 0x08048000, 0x00300000, false);
        tlb.fill(Tlb.USER_WRITE, 0x08049000, 0x00301000, false);
        tlb.flushPage(0x08048FFF);
        assertEquals(false, hit(tlb, Tlb.USER_WRITE, 0x08048000));
        assertEquals(true, hit(tlb, Tlb.USER_WRITE, 0x08049000));
    }

    @Test
    void cr3FlushKeepsOnlyGlobalEntries() {
        Tlb tlb = new Tlb();
        tlb.fill(Tlb.SUPERVISOR_READ, 0xC0000000, 0x0, true);
        tlb.fill(Tlb.USER_READ, 0x08048000, 0x300000, false);
        tlb.flushNonGlobal();
        assertEquals(true, hit(tlb, Tlb.SUPERVISOR_READ, 0xC0000000));
        assertEquals(false, hit(tlb, Tlb.USER_READ, 0x08048000));
        assertNotEquals(0, tlb.tag[Tlb.index(Tlb.USER_READ, 0x08048000)] & 1);
    }
}
