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
    private final CodeWriteObserver onInvalidate;

    DecodeCache(PhysicalMemory memory, CodeWriteObserver onInvalidate) {
        this.memory = memory;
        this.pages = new Insn[memory.size() >>> PhysicalMemory.PAGE_SHIFT][];
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
            memory.markCodePage(physPage, true);
        }
        return p;
    }

    @Override
    public void codeWritten(int physPage) {
        pages[physPage] = null;
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
