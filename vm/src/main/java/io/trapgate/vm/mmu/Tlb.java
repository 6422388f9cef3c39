package io.trapgate.vm.mmu;

/**
 * The soft TLB: a direct-mapped cache of linear page → physical frame, kept separately for the
 * four kinds of access (supervisor/user × read/write) so a hit needs no permission check. A
 * write entry exists only once the page's Dirty bit is set, so the first write after reads
 * misses and re-walks to set it, as hardware does.
 */
public final class Tlb {
    public static final int BITS = 10;
    public static final int SIZE = 1 << BITS;
    public static final int MASK = SIZE - 1;
    public static final int SUPERVISOR_READ = 0;
    public static final int SUPERVISOR_WRITE = 1;
    public static final int USER_READ = 2;
    public static final int USER_WRITE = 3;
    /** A tag no page-aligned address equals. */
    private static final int INVALID = 1;

    /** Linear page address (low 12 bits clear) per slot, or INVALID. Index: kind << BITS | slot. */
    public final int[] tag = new int[4 * SIZE];
    /** Physical frame address per slot. */
    public final int[] frame = new int[4 * SIZE];
    private final boolean[] global = new boolean[4 * SIZE];

    public Tlb() {
        flushAll();
    }

    public static int index(int kind, int linear) {
        return kind << BITS | ((linear >>> 12) & MASK);
    }

    public void fill(int kind, int linear, int physFrame, boolean isGlobal) {
        int i = index(kind, linear);
        tag[i] = linear & 0xFFFFF000;
        frame[i] = physFrame & 0xFFFFF000;
        global[i] = isGlobal;
    }

    /**
     * Fills an entry for a 4 KiB piece of a 4 MiB page, remembering the 4 MiB region so INVLPG
     * of any address in it drops every piece, as it drops the one large-page entry on hardware.
     */
    public void fillLarge(int kind, int linear, int physFrame, boolean isGlobal) {
        fill(kind, linear, physFrame, isGlobal);
        int region = linear >>> 22;
        for (int k = 0; k < largeCount; k++) {
            if (largeRegions[k] == region) {
                return;
            }
        }
        if (largeCount == largeRegions.length) {
            largeRegions = java.util.Arrays.copyOf(largeRegions, largeCount * 2);
        }
        largeRegions[largeCount++] = region;
    }

    /** 4 MiB regions that may have entries in the TLB (a superset; cleared by a full flush). */
    private int[] largeRegions = new int[16];
    private int largeCount;

    public void flushAll() {
        java.util.Arrays.fill(tag, INVALID);
        java.util.Arrays.fill(global, false);
        largeCount = 0;
    }

    /** Flushes everything but global pages (a CR3 load with CR4.PGE set). */
    public void flushNonGlobal() {
        for (int i = 0; i < tag.length; i++) {
            if (!global[i]) {
                tag[i] = INVALID;
            }
        }
    }

    /** INVLPG: drops every entry for the page, global or not. */
    public void flushPage(int linear) {
        int region = linear >>> 22;
        for (int k = 0; k < largeCount; k++) {
            if (largeRegions[k] == region) {
                for (int i = 0; i < tag.length; i++) {
                    if (tag[i] != INVALID && (tag[i] >>> 22) == region) {
                        tag[i] = INVALID;
                        global[i] = false;
                    }
                }
                largeRegions[k] = largeRegions[--largeCount];
                return;
            }
        }
        int page = linear & 0xFFFFF000;
        for (int kind = 0; kind < 4; kind++) {
            int i = index(kind, linear);
            if (tag[i] == page) {
                tag[i] = INVALID;
                global[i] = false;
            }
        }
    }
}
