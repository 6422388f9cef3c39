package io.trapgate.gdbstub.target;

/** Capability: what memory looks like around an address (lldb's {@code qMemoryRegionInfo}). */
public interface MemoryRegions {

    /**
     * The region containing {@code address}: mapped with some permissions, or an unmapped gap (empty
     * permissions) reaching to the next mapped region. Null if the address is beyond the address space.
     */
    MemoryRegion regionAt(long address);

    /** {@code size} bytes from {@code start}; {@code permissions} is a subset of "rwx", empty when unmapped. */
    record MemoryRegion(long start, long size, String permissions) {

        public MemoryRegion {
            if (!permissions.matches("r?w?x?")) {
                throw new IllegalArgumentException("permissions must be a subset of rwx in that order: " + permissions);
            }
        }

        public boolean isMapped() {
            return !permissions.isEmpty();
        }
    }
}
