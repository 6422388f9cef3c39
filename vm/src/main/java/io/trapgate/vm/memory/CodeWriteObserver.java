package io.trapgate.vm.memory;

/** Told when a write lands on a physical page that holds decoded instructions. */
@FunctionalInterface
public interface CodeWriteObserver {
    void codeWritten(int physPage);
}
