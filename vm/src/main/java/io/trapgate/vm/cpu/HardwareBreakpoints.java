package io.trapgate.vm.cpu;

/**
 * The i386 debug registers DR0-DR3 with DR7: instruction breakpoints (checked before an
 * instruction, as a fault) and data write / read-write breakpoints (a trap after the access).
 * Pages holding a data breakpoint are kept out of the soft TLB so the fast path pays nothing.
 */
final class HardwareBreakpoints {
    private final Cpu c;
    boolean execActive;
    boolean dataActive;
    /** B0-B3 bits of data breakpoints hit by the current instruction. */
    int dataHit;
    /**
     * The part of {@link #dataHit} an earlier instruction left owed: a mov/pop ss holds its trap until after
     * the next instruction. A fault in that next instruction discards only the hits it made itself.
     */
    int heldHit;

    HardwareBreakpoints(Cpu c) {
        this.c = c;
    }

    private boolean enabled(int n) {
        return (c.dr[7] & (3 << (2 * n))) != 0;
    }

    private int rw(int n) {
        return (c.dr[7] >>> (16 + 4 * n)) & 3;
    }

    /** LENn: 00 = 1, 01 = 2, 11 = 4 bytes; 10 = 8 bytes, as on Core-era and later CPUs (and QEMU). */
    private int length(int n) {
        int len = (c.dr[7] >>> (18 + 4 * n)) & 3;
        return len == 2 ? 8 : len + 1;
    }

    /** Called after DR0-DR3 or DR7 change. */
    void recompute() {
        boolean exec = false;
        boolean data = false;
        for (int n = 0; n < 4; n++) {
            if (enabled(n)) {
                int rw = rw(n);
                if (rw == 0) {
                    exec = true;
                } else if (rw == 1 || rw == 3) {
                    data = true;
                }
            }
        }
        execActive = exec;
        dataActive = data;
        c.flushTlb(true);
        c.breakpointsChanged();
    }

    /** B0-B3 bits of the enabled instruction breakpoints at {@code linear}. */
    int execHits(int linear) {
        int hits = 0;
        for (int n = 0; n < 4; n++) {
            if (enabled(n) && rw(n) == 0 && c.dr[n] == linear) {
                hits |= 1 << n;
            }
        }
        return hits;
    }

    boolean watchesPage(int linear) {
        for (int n = 0; n < 4; n++) {
            if (enabled(n) && (rw(n) & 1) != 0 && ((c.dr[n] ^ linear) & 0xFFFFF000) == 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records a hit for each enabled data breakpoint whose range overlaps the {@code size} bytes accessed at
     * {@code linear} (SDM vol. 3 17.2.5): LENn bytes from DRn with its low bits ignored, so an access that
     * straddles into the range hits and one beside it, even in the same dword, does not. R/W = 01 matches
     * writes only, 11 reads and writes. Callers pass the access's bytes on this page; a page-crossing access
     * is checked per byte, and B0-B3 being a mask, it still traps once.
     */
    void checkData(int linear, int size, boolean write) {
        for (int n = 0; n < 4; n++) {
            int rw = rw(n);
            if (!enabled(n) || (rw != 1 && rw != 3) || (rw == 1 && !write)) {
                continue;
            }
            int len = length(n);
            int start = c.dr[n] & -len;
            // [linear, linear + size) and [start, start + len) overlap iff either begins inside the other
            if (Integer.compareUnsigned(linear - start, len) < 0 || Integer.compareUnsigned(start - linear, size) < 0) {
                dataHit |= 1 << n;
                c.debugEvent = true;
            }
        }
    }
}
