package io.trapgate.vm.debug;

import java.util.List;

/**
 * struct pt_regs of the guest kernel (Linux i386's layout), as the monitor decodes it. The one definition is
 * guest-kernel/pt_regs.def; PtRegsLayoutTest fails if this copy disagrees with it.
 */
final class PtRegsLayout {

    /** A field: its name in pt_regs.def, offset, and whether it is a 16-bit segment selector slot. */
    record Field(String name, int offset, boolean segment) {
    }

    static final List<Field> FIELDS = List.of(
            new Field("bx", 0x00, false), new Field("cx", 0x04, false), new Field("dx", 0x08, false),
            new Field("si", 0x0C, false), new Field("di", 0x10, false), new Field("bp", 0x14, false),
            new Field("ax", 0x18, false), new Field("ds", 0x1C, true), new Field("es", 0x20, true),
            new Field("fs", 0x24, true), new Field("gs", 0x28, true), new Field("orig_ax", 0x2C, false),
            new Field("ip", 0x30, false), new Field("cs", 0x34, true), new Field("flags", 0x38, false),
            new Field("sp", 0x3C, false), new Field("ss", 0x40, true));

    static final int SIZE = 0x44;

    private PtRegsLayout() {
    }
}
