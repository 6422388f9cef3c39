package io.trapgate.vm.mmu;

import io.trapgate.vm.memory.PhysicalMemory;

/**
 * The i386 two-level page walk with CR4.PSE 4 MiB pages and CR4.PGE global pages. It checks
 * U/S and R/W combined over the directory and table entries (R/W binds the supervisor only with
 * CR0.WP) and sets Accessed and Dirty bits like hardware. A failed walk reports the #PF error
 * code instead of throwing, so the debugger can translate without faulting the guest.
 */
public final class PageWalker {
    public static final int CR0_WP = 1 << 16;
    public static final int CR4_PSE = 1 << 4;
    public static final int CR4_PGE = 1 << 7;

    /** Returned by {@link #walk} when the access faults. */
    public static final long FAULT = -1L;

    private static final int P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80, G = 0x100;

    private final PhysicalMemory memory;
    /** #PF error code of the last failed walk: P (protection), W/R, U/S bits. */
    public int faultCode;
    /** Whether the last successful walk found a global page. */
    public boolean lastGlobal;
    /** Whether the last successful walk found a 4 MiB page. */
    public boolean lastLarge;

    public PageWalker(PhysicalMemory memory) {
        this.memory = memory;
    }

    /**
     * Translates {@code linear}; returns the physical address (as an unsigned int in a long) or
     * {@link #FAULT}. With {@code updateBits} false nothing in memory changes (debugger peeks).
     */
    public long walk(int cr0, int cr3, int cr4, int linear, boolean write, boolean user, boolean updateBits) {
        int code = (write ? 2 : 0) | (user ? 4 : 0);
        int pdeAddr = (cr3 & 0xFFFFF000) | ((linear >>> 22) << 2);
        int pde = memory.read32(pdeAddr);
        if ((pde & P) == 0) {
            faultCode = code;
            return FAULT;
        }
        boolean wp = (cr0 & CR0_WP) != 0;
        if ((pde & PS) != 0 && (cr4 & CR4_PSE) != 0) {
            if (!allowed(pde, write, user, wp)) {
                faultCode = code | P;
                return FAULT;
            }
            if (updateBits) {
                int want = pde | A | (write ? D : 0);
                if (want != pde) {
                    memory.write32(pdeAddr, want);
                }
            }
            lastGlobal = (pde & G) != 0 && (cr4 & CR4_PGE) != 0;
            lastLarge = true;
            return ((pde & 0xFFC00000) | (linear & 0x3FFFFF)) & 0xFFFFFFFFL;
        }
        int pteAddr = (pde & 0xFFFFF000) | (((linear >>> 12) & 0x3FF) << 2);
        int pte = memory.read32(pteAddr);
        if ((pte & P) == 0) {
            faultCode = code;
            return FAULT;
        }
        if (!allowed(pde & pte, write, user, wp)) {
            faultCode = code | P;
            return FAULT;
        }
        if (updateBits) {
            if ((pde & A) == 0) {
                memory.write32(pdeAddr, pde | A);
            }
            int want = pte | A | (write ? D : 0);
            if (want != pte) {
                memory.write32(pteAddr, want);
            }
        }
        lastGlobal = (pte & G) != 0 && (cr4 & CR4_PGE) != 0;
        lastLarge = false;
        return ((pte & 0xFFFFF000) | (linear & 0xFFF)) & 0xFFFFFFFFL;
    }

    /** The U/S and R/W rules over the combined entry bits. */
    private static boolean allowed(int bits, boolean write, boolean user, boolean wp) {
        if (user && (bits & US) == 0) {
            return false;
        }
        if (write && (bits & RW) == 0 && (user || wp)) {
            return false;
        }
        return true;
    }
}
