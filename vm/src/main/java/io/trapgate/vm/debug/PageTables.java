package io.trapgate.vm.debug;

import io.trapgate.vm.memory.PhysicalMemory;
import java.util.function.Consumer;

/**
 * Reads the guest's two-level i386 page tables (4 KiB pages, and 4 MiB pages with CR4.PSE) straight from
 * physical memory, without touching Accessed/Dirty bits: for {@code info tlb}, {@code info mem} and lldb's
 * memory-region queries.
 */
final class PageTables {

    static final int P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80, G = 0x100;
    private static final int CR0_PG = 1 << 31;
    private static final int CR4_PSE = 1 << 4;

    /** One mapping: {@code size} bytes of linear space at {@code linear} to {@code physical}, with the combined flags. */
    record Mapping(long linear, long physical, long size, int flags) {
        boolean writable() {
            return (flags & RW) != 0;
        }

        boolean user() {
            return (flags & US) != 0;
        }

        String flagString() {
            return ((flags & G) != 0 ? "G" : "-") + ((flags & PS) != 0 ? "P" : "-") + ((flags & D) != 0 ? "D" : "-")
                    + ((flags & A) != 0 ? "A" : "-") + ((flags & US) != 0 ? "U" : "S") + ((flags & RW) != 0 ? "W" : "R");
        }
    }

    private final PhysicalMemory memory;
    private final int cr0;
    private final int cr3;
    private final int cr4;

    PageTables(PhysicalMemory memory, int cr0, int cr3, int cr4) {
        this.memory = memory;
        this.cr0 = cr0;
        this.cr3 = cr3;
        this.cr4 = cr4;
    }

    boolean pagingEnabled() {
        return (cr0 & CR0_PG) != 0;
    }

    /** Every present mapping in linear order; with paging off, one identity mapping of the whole space. */
    void forEach(Consumer<Mapping> out) {
        if (!pagingEnabled()) {
            out.accept(new Mapping(0, 0, 0x1_0000_0000L, P | RW | US));
            return;
        }
        int dir = cr3 & 0xFFFFF000;
        for (int i = 0; i < 1024; i++) {
            int pde = memory.read32(dir + 4 * i);
            if ((pde & P) == 0) {
                continue;
            }
            long base = (long) i << 22;
            if ((pde & PS) != 0 && (cr4 & CR4_PSE) != 0) {
                out.accept(new Mapping(base, pde & 0xFFC00000L, 0x400000, pde & 0x1FF));
                continue;
            }
            int table = pde & 0xFFFFF000;
            for (int j = 0; j < 1024; j++) {
                int pte = memory.read32(table + 4 * j);
                if ((pte & P) == 0) {
                    continue;
                }
                // U/S and R/W bind only when both levels allow them
                int flags = (pte & 0x1FF & ~(US | RW)) | (pte & pde & (US | RW));
                out.accept(new Mapping(base | ((long) j << 12), pte & 0xFFFFF000L, 0x1000, flags));
            }
        }
    }

    /** The mapping holding {@code linear}, or null. */
    Mapping lookup(long linear) {
        if (!pagingEnabled()) {
            return new Mapping(0, 0, 0x1_0000_0000L, P | RW | US);
        }
        int la = (int) linear;
        int pde = memory.read32((cr3 & 0xFFFFF000) + 4 * (la >>> 22));
        if ((pde & P) == 0) {
            return null;
        }
        if ((pde & PS) != 0 && (cr4 & CR4_PSE) != 0) {
            return new Mapping(linear & 0xFFC00000L, pde & 0xFFC00000L, 0x400000, pde & 0x1FF);
        }
        int pte = memory.read32((pde & 0xFFFFF000) + 4 * ((la >>> 12) & 0x3FF));
        if ((pte & P) == 0) {
            return null;
        }
        int flags = (pte & 0x1FF & ~(US | RW)) | (pte & pde & (US | RW));
        return new Mapping(linear & 0xFFFFF000L, pte & 0xFFFFF000L, 0x1000, flags);
    }

    /** The first mapped linear address at or above {@code linear}, or 2^32 if none. */
    long nextMapped(long linear) {
        long a = linear & ~0xFFFL;
        while (a < 0x1_0000_0000L) {
            int pde = memory.read32((cr3 & 0xFFFFF000) + 4 * (int) (a >>> 22));
            if ((pde & P) == 0) {
                a = (a | 0x3FFFFF) + 1;
                continue;
            }
            if (lookup(a) != null) {
                return Math.max(a, linear);
            }
            a += 0x1000;
        }
        return 0x1_0000_0000L;
    }
}
