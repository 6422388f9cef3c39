package io.trapgate.vm.boot;

/** Where a loaded kernel starts, and where its multiboot information structure is. */
public record BootInfo(int entry, int infoAddress, int kernelEnd) {
    /** What the boot loader leaves in EAX for a multiboot kernel. */
    public static final int BOOTLOADER_MAGIC = 0x2BADB002;
}
