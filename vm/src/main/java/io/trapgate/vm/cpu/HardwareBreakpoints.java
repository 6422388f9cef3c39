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

    HardwareBreakpoints(Cpu c) {
        this.c = c;
    }

    private boolean enabled(int n) {
        return (c.dr[7] & (3 << (2 * n))) != 0;
    }

    private int rw(int n) {
        return (c.dr[7] >>> (16 + 4 * n)) & 3;
    }

    private int length(int n) {
        int len = (c.dr[7] >>> (18 + 4 * n)) & 3;
        return len == 0 ? 1 : len == 1 ? 2 : 4;
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

    /** Records a hit if an access starting at {@code linear} touches a watched range (dword granularity). */
    void checkData(int linear, boolean write) {
        for (int n = 0; n < 4; n++) {
            int rw = rw(n);
            if (!enabled(n) || (rw != 1 && rw != 3) || (rw == 1 && !write)) {
                continue;
            }
            int len = length(n);
            int start = c.dr[n] & ~(len - 1);
            if (Integer.compareUnsigned(linear - start, len) < 0 || ((linear ^ start) & ~3) == 0) {
                dataHit |= 1 << n;
                c.debugEvent = true;
            }
        }
    }
}
