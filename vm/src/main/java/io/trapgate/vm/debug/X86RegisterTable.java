package io.trapgate.vm.debug;

import io.trapgate.gdbstub.target.Feature;
import io.trapgate.gdbstub.target.RegisterDescriptor;
import io.trapgate.gdbstub.target.RegisterDescriptor.Encoding;
import io.trapgate.gdbstub.target.RegisterDescriptor.Format;
import io.trapgate.gdbstub.target.RegisterDescriptor.Generic;
import io.trapgate.gdbstub.target.TargetDescription;
import io.trapgate.gdbstub.target.TypeDefinition;
import io.trapgate.gdbstub.target.TypeDefinition.BitField;
import io.trapgate.gdbstub.target.TypeDefinition.Field;
import io.trapgate.vm.cpu.Cpu;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The one x86 register table: each row is a register's name, width, gdb type, group, feature and its
 * accessor into the machine. The stub generates target.xml, the {@code g}/{@code G} layout, {@code p}/{@code P}
 * and lldb's {@code qRegisterInfo} from the descriptors; {@link MachineTarget} reads and writes through the
 * accessors. Layout facts (gdb's i386 features, the i386 SysV DWARF numbers) are brief §4's.
 */
final class X86RegisterTable {

    static final String CORE = "org.gnu.gdb.i386.core";
    static final String SSE = "org.gnu.gdb.i386.sse";
    static final String LINUX = "org.gnu.gdb.i386.linux";
    static final String SYSTEM = "io.trapgate.i386.system";

    /** Reads a register as up to 64 bits (wider ones have a {@link WideReader}, or read as zeros: xmm). */
    @FunctionalInterface
    interface Reader {
        long read(RegisterAccess a);
    }

    /** Writes a register; false refuses (the machine is unchanged). */
    @FunctionalInterface
    interface Writer {
        boolean write(RegisterAccess a, long value);
    }

    /** Reads a register wider than 64 bits into its little-endian bytes. */
    @FunctionalInterface
    interface WideReader {
        void read(RegisterAccess a, byte[] dst, int offset);
    }

    /** Writes a register wider than 64 bits from its little-endian bytes. */
    @FunctionalInterface
    interface WideWriter {
        void write(RegisterAccess a, byte[] src, int offset);
    }

    record Row(RegisterDescriptor descriptor, Reader reader, Writer writer, WideReader wide, WideWriter wideWriter) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final TargetDescription description;

    X86RegisterTable() {
        String[] gprs = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
        for (int i = 0; i < gprs.length; i++) {
            int reg = i;
            String type = i == Cpu.ESP || i == Cpu.EBP ? "data_ptr" : "int32";
            Generic g = i == Cpu.ESP ? Generic.SP : i == Cpu.EBP ? Generic.FP : Generic.NONE;
            add(RegisterDescriptor.of(rows.size(), gprs[i], 32, type, "general", CORE).withDwarf(i, i).withGeneric(g),
                    a -> a.regs().get(reg) & 0xFFFFFFFFL, (a, v) -> {
                        a.regs().set(reg, (int) v);
                        return true;
                    });
        }
        add(RegisterDescriptor.of(rows.size(), "eip", 32, "code_ptr", "general", CORE).withDwarf(8, 8)
                .withGeneric(Generic.PC), a -> a.regs().eip() & 0xFFFFFFFFL, (a, v) -> {
                    a.regs().setEip((int) v);
                    return true;
                });
        add(RegisterDescriptor.of(rows.size(), "eflags", 32, "i386_eflags", "general", CORE).withDwarf(9, 9)
                .withGeneric(Generic.FLAGS), a -> a.regs().eflags() & 0xFFFFFFFFL, (a, v) -> {
                    a.regs().setEflags((int) v);
                    return true;
                });
        // gdb's order (cs ss ds es fs gs) differs from the encoding order (es cs ss ds fs gs)
        String[] segs = {"cs", "ss", "ds", "es", "fs", "gs"};
        int[] segIndex = {Cpu.CS, Cpu.SS, Cpu.DS, Cpu.ES, Cpu.FS, Cpu.GS};
        int[] segDwarf = {41, 42, 43, 40, 44, 45};
        for (int i = 0; i < segs.length; i++) {
            int seg = segIndex[i];
            add(RegisterDescriptor.of(rows.size(), segs[i], 32, "int32", "general", CORE).withDwarf(segDwarf[i], -1),
                    a -> a.regs().segmentSelector(seg) & 0xFFFFL, (a, v) -> a.writeSegment(seg, v));
        }
        // x87: the stack (80-bit, relative to TOP as gdb numbers it) and the control registers
        for (int i = 0; i < 8; i++) {
            int st = i;
            rows.add(new Row(RegisterDescriptor.of(rows.size(), "st" + i, 80, "i387_ext", "float", CORE)
                    .withLldb(Encoding.IEEE754, Format.FLOAT).withDwarf(11 + i, 11 + i), null, null,
                    (a, dst, off) -> a.regs().fpuStackRegister(st, dst, off),
                    (a, src, off) -> a.regs().setFpuStackRegister(st, src, off)));
        }
        add(RegisterDescriptor.of(rows.size(), "fctrl", 32, "int", "float", CORE),
                a -> a.regs().fpuControlWord() & 0xFFFFL, (a, v) -> {
                    if (v > 0xFFFF) {
                        return false;
                    }
                    a.regs().setFpuControlWord((int) v);
                    return true;
                });
        add(RegisterDescriptor.of(rows.size(), "fstat", 32, "int", "float", CORE),
                a -> a.regs().fpuStatusWord() & 0xFFFFL, (a, v) -> {
                    if (v > 0xFFFF) {
                        return false;
                    }
                    a.regs().setFpuStatusWord((int) v);
                    return true;
                });
        add(RegisterDescriptor.of(rows.size(), "ftag", 32, "int", "float", CORE),
                a -> a.regs().fpuTagWord() & 0xFFFFL, (a, v) -> {
                    if (v > 0xFFFF) {
                        return false;
                    }
                    a.regs().setFpuTagWord((int) v);
                    return true;
                });
        // the last instruction's and operand's pointers and opcode: read-only
        add(RegisterDescriptor.of(rows.size(), "fiseg", 32, "int", "float", CORE),
                a -> a.regs().fpuInstructionSelector() & 0xFFFFL, null);
        add(RegisterDescriptor.of(rows.size(), "fioff", 32, "int", "float", CORE),
                a -> a.regs().fpuInstructionOffset() & 0xFFFFFFFFL, null);
        add(RegisterDescriptor.of(rows.size(), "foseg", 32, "int", "float", CORE),
                a -> a.regs().fpuOperandSelector() & 0xFFFFL, null);
        add(RegisterDescriptor.of(rows.size(), "fooff", 32, "int", "float", CORE),
                a -> a.regs().fpuOperandOffset() & 0xFFFFFFFFL, null);
        add(RegisterDescriptor.of(rows.size(), "fop", 32, "int", "float", CORE),
                a -> a.regs().fpuOpcode() & 0x7FFL, null);
        // SSE: this CPU has none (an i686 without FXSR); zeros keep gdb's i386 layout
        for (int i = 0; i < 8; i++) {
            add(RegisterDescriptor.of(rows.size(), "xmm" + i, 128, "vec128", "vector", SSE)
                    .withLldb(Encoding.VECTOR, Format.VECTOR_UINT8).withDwarf(21 + i, 21 + i), a -> 0, null);
        }
        add(RegisterDescriptor.of(rows.size(), "mxcsr", 32, "i386_mxcsr", "vector", SSE), a -> 0, null);
        add(RegisterDescriptor.of(rows.size(), "orig_eax", 32, "int", "general", LINUX),
                a -> a.origEax() & 0xFFFFFFFFL, (a, v) -> a.setOrigEax((int) v));
        for (int n : new int[] {0, 2, 3, 4}) {
            add(RegisterDescriptor.of(rows.size(), "cr" + n, 32, n == 2 ? "data_ptr" : "uint32", "system", SYSTEM),
                    a -> a.regs().cr(n) & 0xFFFFFFFFL, (a, v) -> {
                        a.regs().setCr(n, (int) v); // flushes the TLB
                        return true;
                    });
        }
        add(RegisterDescriptor.of(rows.size(), "gdtr_base", 32, "data_ptr", "system", SYSTEM),
                a -> a.regs().gdtrBase() & 0xFFFFFFFFL, (a, v) -> {
                    a.regs().setGdtr((int) v, a.regs().gdtrLimit());
                    return true;
                });
        add(RegisterDescriptor.of(rows.size(), "gdtr_limit", 32, "uint32", "system", SYSTEM),
                a -> a.regs().gdtrLimit() & 0xFFFFL, (a, v) -> {
                    if (v > 0xFFFF) {
                        return false;
                    }
                    a.regs().setGdtr(a.regs().gdtrBase(), (int) v);
                    return true;
                });
        add(RegisterDescriptor.of(rows.size(), "idtr_base", 32, "data_ptr", "system", SYSTEM),
                a -> a.regs().idtrBase() & 0xFFFFFFFFL, (a, v) -> {
                    a.regs().setIdtr((int) v, a.regs().idtrLimit());
                    return true;
                });
        add(RegisterDescriptor.of(rows.size(), "idtr_limit", 32, "uint32", "system", SYSTEM),
                a -> a.regs().idtrLimit() & 0xFFFFL, (a, v) -> {
                    if (v > 0xFFFF) {
                        return false;
                    }
                    a.regs().setIdtr(a.regs().idtrBase(), (int) v);
                    return true;
                });
        add(RegisterDescriptor.of(rows.size(), "ldtr", 32, "uint32", "system", SYSTEM),
                a -> a.regs().ldtr() & 0xFFFFL, null);
        add(RegisterDescriptor.of(rows.size(), "tr", 32, "uint32", "system", SYSTEM), a -> a.regs().tr() & 0xFFFFL, null);
        add(RegisterDescriptor.of(rows.size(), "sysenter_cs", 32, "uint32", "system", SYSTEM),
                a -> a.regs().sysenterCs() & 0xFFFFFFFFL, (a, v) -> {
                    a.regs().setSysenter((int) v, a.regs().sysenterEsp(), a.regs().sysenterEip());
                    return true;
                });
        add(RegisterDescriptor.of(rows.size(), "sysenter_esp", 32, "data_ptr", "system", SYSTEM),
                a -> a.regs().sysenterEsp() & 0xFFFFFFFFL, (a, v) -> {
                    a.regs().setSysenter(a.regs().sysenterCs(), (int) v, a.regs().sysenterEip());
                    return true;
                });
        add(RegisterDescriptor.of(rows.size(), "sysenter_eip", 32, "code_ptr", "system", SYSTEM),
                a -> a.regs().sysenterEip() & 0xFFFFFFFFL, (a, v) -> {
                    a.regs().setSysenter(a.regs().sysenterCs(), a.regs().sysenterEsp(), (int) v);
                    return true;
                });
        add(RegisterDescriptor.of(rows.size(), "tsc", 64, "uint64", "system", SYSTEM), RegisterAccess::tsc, null);

        List<Feature> features = List.of(new Feature(CORE, List.of(eflagsType())), new Feature(SSE, sseTypes()),
                Feature.named(LINUX), Feature.named(SYSTEM));
        List<RegisterDescriptor> descriptors = new ArrayList<>();
        for (Row r : rows) {
            descriptors.add(r.descriptor());
        }
        description = new TargetDescription("i386", null, "i386-pc-linux-gnu", 4, ByteOrder.LITTLE_ENDIAN, features,
                descriptors);
    }

    private void add(RegisterDescriptor d, Reader reader, Writer writer) {
        rows.add(new Row(d, reader, writer, null, null));
    }

    TargetDescription description() {
        return description;
    }

    Row row(int regnum) {
        return rows.get(regnum);
    }

    int count() {
        return rows.size();
    }

    int regnum(String name) {
        return description.register(name).orElseThrow().regnum();
    }

    /** Copies a register's bytes, little-endian, into {@code dst[offset…]}. */
    void read(RegisterAccess a, int regnum, byte[] dst, int offset) {
        Row r = rows.get(regnum);
        if (r.wide() != null) {
            r.wide().read(a, dst, offset);
            return;
        }
        long v = r.reader().read(a);
        int n = r.descriptor().byteSize();
        for (int i = 0; i < n; i++) {
            dst[offset + i] = i < 8 ? (byte) (v >>> (8 * i)) : 0;
        }
    }

    /** Writes a register from little-endian bytes; a register without a writer accepts only its current value. */
    boolean write(RegisterAccess a, int regnum, byte[] src, int offset) {
        Row r = rows.get(regnum);
        int n = r.descriptor().byteSize();
        if (r.wideWriter() != null) {
            r.wideWriter().write(a, src, offset);
            return true;
        }
        long v = 0;
        for (int i = 0; i < Math.min(n, 8); i++) {
            v |= (src[offset + i] & 0xFFL) << (8 * i);
        }
        if (r.writer() == null) {
            byte[] current = new byte[n];
            read(a, regnum, current, 0);
            return java.util.Arrays.equals(current, 0, n, src, offset, offset + n);
        }
        if (n < 8 && (v >>> (8 * n)) != 0) {
            return false;
        }
        return r.writer().write(a, v);
    }

    private static TypeDefinition eflagsType() {
        return new TypeDefinition.Flags("i386_eflags", 4, List.of(
                new BitField("CF", 0, 0), new BitField("", 1, 1), new BitField("PF", 2, 2), new BitField("AF", 4, 4),
                new BitField("ZF", 6, 6), new BitField("SF", 7, 7), new BitField("TF", 8, 8), new BitField("IF", 9, 9),
                new BitField("DF", 10, 10), new BitField("OF", 11, 11), new BitField("NT", 14, 14),
                new BitField("RF", 16, 16), new BitField("VM", 17, 17), new BitField("AC", 18, 18),
                new BitField("VIF", 19, 19), new BitField("VIP", 20, 20), new BitField("ID", 21, 21)));
    }

    private static List<TypeDefinition> sseTypes() {
        return List.of(
                new TypeDefinition.Vector("v4f", "ieee_single", 4),
                new TypeDefinition.Vector("v2d", "ieee_double", 2),
                new TypeDefinition.Vector("v16i8", "int8", 16),
                new TypeDefinition.Vector("v8i16", "int16", 8),
                new TypeDefinition.Vector("v4i32", "int32", 4),
                new TypeDefinition.Vector("v2i64", "int64", 2),
                new TypeDefinition.Union("vec128", List.of(new Field("v4_float", "v4f"), new Field("v2_double", "v2d"),
                        new Field("v16_int8", "v16i8"), new Field("v8_int16", "v8i16"), new Field("v4_int32", "v4i32"),
                        new Field("v2_int64", "v2i64"), new Field("uint128", "uint128"))),
                new TypeDefinition.Flags("i386_mxcsr", 4, List.of(
                        new BitField("IE", 0, 0), new BitField("DE", 1, 1), new BitField("ZE", 2, 2),
                        new BitField("OE", 3, 3), new BitField("UE", 4, 4), new BitField("PE", 5, 5),
                        new BitField("DAZ", 6, 6), new BitField("IM", 7, 7), new BitField("DM", 8, 8),
                        new BitField("ZM", 9, 9), new BitField("OM", 10, 10), new BitField("UM", 11, 11),
                        new BitField("PM", 12, 12), new BitField("FZ", 15, 15))));
    }
}
