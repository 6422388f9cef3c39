package io.trapgate.vm.cpu;

/**
 * Which processor the CPU claims to be: the CPUID signature and feature bits, and the optional
 * instructions that exist only with those bits (sysenter/sysexit with SEP, cmov with CMOV, global
 * pages with PGE). Like QEMU's {@code -cpu}, so a guest can be tested on a CPU without SEP.
 */
public enum CpuModel {
    /** A P6-class i686 (the default): FPU PSE TSC MSR CX8 SEP PGE CMOV. */
    I686(0x633, 1 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 8 | 1 << 11 | 1 << 13 | 1 << 15),
    /** A Pentium (family 5): FPU PSE TSC MSR CX8, no SEP, no CMOV, no PGE. */
    PENTIUM(0x52C, 1 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 8);

    static final int FEATURE_PSE = 1 << 3;
    static final int FEATURE_SEP = 1 << 11;
    static final int FEATURE_PGE = 1 << 13;
    static final int FEATURE_CMOV = 1 << 15;

    /** CPUID.1:EAX (stepping, model, family). */
    public final int signature;
    /** CPUID.1:EDX. */
    public final int features;

    CpuModel(int signature, int features) {
        this.signature = signature;
        this.features = features;
    }

    boolean has(int feature) {
        return (features & feature) != 0;
    }

    /** The model named like QEMU's -cpu option ("pentium", "i686"...), or null if unknown. */
    public static CpuModel byName(String name) {
        switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "i686": case "pentium2": case "pentium3": case "pentiumpro": case "max": case "host":
                return I686;
            case "pentium": case "i586":
                return PENTIUM;
            default:
                return null;
        }
    }
}
