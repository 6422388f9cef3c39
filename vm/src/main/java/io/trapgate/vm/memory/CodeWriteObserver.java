package io.trapgate.vm.memory;

/** Told when a write lands on a physical page that holds decoded instructions. */
@FunctionalInterface
public interface CodeWriteObserver {
    void codeWritten(int physPage);

    /**
     * Told which bytes were written (all within one page), so an observer that knows where its
     * instructions are can ignore writes to data that merely shares the page. By default the
     * whole page counts as written.
     */
    default void codeBytesWritten(int pa, int len) {
        codeWritten(pa >>> PhysicalMemory.PAGE_SHIFT);
    }
}
