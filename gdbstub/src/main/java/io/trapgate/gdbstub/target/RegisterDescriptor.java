package io.trapgate.gdbstub.target;

import java.util.Objects;

/**
 * One row of a target's register table. The same row generates the register's {@code <reg>} element in
 * target.xml, its slice of the {@code g}/{@code G} payload (slices are laid out in regnum order),
 * its {@code p}/{@code P} value and lldb's {@code qRegisterInfo} line.
 *
 * @param regnum   gdb's register number: position in {@code g}, number in {@code p}/{@code P} and in stop replies
 * @param name     the name users type ({@code $eip})
 * @param bitSize  width; the value travels as {@code bitSize / 8} bytes in the target's byte order
 * @param type     a gdb type: a predefined one ({@code int32}, {@code code_ptr}, {@code i387_ext}, …) or
 *                 one defined by a {@link TypeDefinition} of the register's feature
 * @param group    gdb's register group ({@code general}, {@code float}, {@code vector}, {@code system});
 *                 also lldb's register set
 * @param feature  the name of the {@link Feature} the register belongs to
 * @param encoding lldb's encoding
 * @param format   lldb's display format
 * @param dwarf    DWARF register number, or -1
 * @param ehframe  eh_frame register number, or -1
 * @param generic  lldb's generic role (pc, sp, fp, flags); the stub also expedites pc/sp/fp in stop replies
 */
public record RegisterDescriptor(int regnum, String name, int bitSize, String type, String group, String feature,
        Encoding encoding, Format format, int dwarf, int ehframe, Generic generic) {

    public RegisterDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(generic, "generic");
        if (regnum < 0) {
            throw new IllegalArgumentException(name + ": negative regnum");
        }
        if (bitSize <= 0 || bitSize % 8 != 0) {
            throw new IllegalArgumentException(name + ": bitSize must be a positive multiple of 8: " + bitSize);
        }
    }

    /** An unsigned hex-displayed register with no DWARF number and no generic role. */
    public static RegisterDescriptor of(int regnum, String name, int bitSize, String type, String group,
            String feature) {
        return new RegisterDescriptor(regnum, name, bitSize, type, group, feature, Encoding.UINT, Format.HEX, -1, -1,
                Generic.NONE);
    }

    public RegisterDescriptor withLldb(Encoding newEncoding, Format newFormat) {
        return new RegisterDescriptor(regnum, name, bitSize, type, group, feature, newEncoding, newFormat, dwarf,
                ehframe, generic);
    }

    public RegisterDescriptor withDwarf(int newDwarf, int newEhframe) {
        return new RegisterDescriptor(regnum, name, bitSize, type, group, feature, encoding, format, newDwarf,
                newEhframe, generic);
    }

    public RegisterDescriptor withGeneric(Generic newGeneric) {
        return new RegisterDescriptor(regnum, name, bitSize, type, group, feature, encoding, format, dwarf, ehframe,
                newGeneric);
    }

    public int byteSize() {
        return bitSize / 8;
    }

    /** lldb's {@code encoding:} values. */
    public enum Encoding {
        UINT("uint"), SINT("sint"), IEEE754("ieee754"), VECTOR("vector");

        public final String lldbName;

        Encoding(String lldbName) {
            this.lldbName = lldbName;
        }
    }

    /** lldb's {@code format:} values. */
    public enum Format {
        HEX("hex"), DECIMAL("decimal"), BINARY("binary"), FLOAT("float"), VECTOR_UINT8("vector-uint8"),
        VECTOR_UINT32("vector-uint32"), VECTOR_FLOAT32("vector-float32");

        public final String lldbName;

        Format(String lldbName) {
            this.lldbName = lldbName;
        }
    }

    /** lldb's {@code generic:} roles. */
    public enum Generic {
        NONE(null), PC("pc"), SP("sp"), FP("fp"), FLAGS("flags"), RA("ra");

        public final String lldbName;

        Generic(String lldbName) {
            this.lldbName = lldbName;
        }
    }
}
