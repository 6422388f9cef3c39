package io.trapgate.vm.cpu;

import io.trapgate.vm.memory.CodeWriteObserver;
import io.trapgate.vm.memory.PhysicalMemory;

/**
 * Decoded instructions per physical page, indexed by the byte offset where each starts. A page
 * that holds decoded instructions is marked in {@link PhysicalMemory}; any write to it (guest
 * store, DMA, debugger) drops the whole page, so stale bytes never execute.
 */
final class DecodeCache implements CodeWriteObserver {
    private final PhysicalMemory memory;
    private final Insn[][] pages;
    /** Per page, one bit per byte covered by a cached instruction: writes elsewhere keep the page. */
    private final long[][] codeBytes;
    private final CodeWriteObserver onInvalidate;

    DecodeCache(PhysicalMemory memory, CodeWriteObserver onInvalidate) {
        this.memory = memory;
        this.pages = new Insn[memory.size() >>> PhysicalMemory.PAGE_SHIFT][];
        this.codeBytes = new long[pages.length][];
        this.onInvalidate = onInvalidate;
        memory.setCodeWriteObserver(this);
    }

    /** The decoded-instruction slots of a physical page, or null if the page is not RAM. */
    Insn[] page(int physPage) {
        if (physPage < 0 || physPage >= pages.length) {
            return null;
        }
        Insn[] p = pages[physPage];
        if (p == null) {
            p = new Insn[1 << PhysicalMemory.PAGE_SHIFT];
            pages[physPage] = p;
            codeBytes[physPage] = new long[64];
            memory.markCodePage(physPage, true);
        }
        return p;
    }

    /** Records that an instruction of {@code len} bytes at page offset {@code off} is cached. */
    void noteInstruction(int physPage, int off, int len) {
        long[] bits = codeBytes[physPage];
        for (int k = off; k < off + len; k++) {
            bits[k >>> 6] |= 1L << k;
        }
    }

    @Override
    public void codeBytesWritten(int pa, int len) {
        int physPage = pa >>> PhysicalMemory.PAGE_SHIFT;
        long[] bits = codeBytes[physPage];
        if (bits != null) {
            int off = pa & 0xFFF;
            for (int k = off; k < off + len; k++) {
                if ((bits[k >>> 6] & (1L << k)) != 0) {
                    codeWritten(physPage);
                    return;
                }
            }
            return;
        }
        codeWritten(physPage);
    }

    @Override
    public void codeWritten(int physPage) {
        pages[physPage] = null;
        codeBytes[physPage] = null;
        memory.markCodePage(physPage, false);
        onInvalidate.codeWritten(physPage);
    }

    /** Drops everything (e.g. after a reset). */
    void clear() {
        for (int i = 0; i < pages.length; i++) {
            if (pages[i] != null) {
                codeWritten(i);
            }
        }
    }
}
