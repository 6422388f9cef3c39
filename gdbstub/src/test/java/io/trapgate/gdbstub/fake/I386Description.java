package io.trapgate.gdbstub.fake;

import io.trapgate.gdbstub.target.Feature;
import io.trapgate.gdbstub.target.RegisterDescriptor;
import io.trapgate.gdbstub.target.RegisterDescriptor.Encoding;
import io.trapgate.gdbstub.target.RegisterDescriptor.Format;
import io.trapgate.gdbstub.target.RegisterDescriptor.Generic;
import io.trapgate.gdbstub.target.TargetDescription;
import io.trapgate.gdbstub.target.TypeDefinition;
import io.trapgate.gdbstub.target.TypeDefinition.BitField;
import io.trapgate.gdbstub.target.TypeDefinition.Field;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * An example i386 register table, shaped as gdb expects (facts from gdb's i386 feature descriptions):
 * {@code org.gnu.gdb.i386.core} with all 32 core registers including x87, {@code .sse}, {@code .linux}
 * (orig_eax), and a system feature of ours with the control registers, descriptor-table registers,
 * sysenter MSRs and the TSC. DWARF numbers are the i386 SysV ABI's.
 */
public final class I386Description {

    public static final String CORE = "org.gnu.gdb.i386.core";
    public static final String SSE = "org.gnu.gdb.i386.sse";
    public static final String LINUX = "org.gnu.gdb.i386.linux";
    public static final String SYSTEM = "io.trapgate.i386.system";

    public static final int EAX = 0, ESP = 4, EBP = 5, EIP = 8, EFLAGS = 9, CS = 10, SS = 11, DS = 12;
    public static final int ST0 = 16, FCTRL = 24, XMM0 = 32, MXCSR = 40, ORIG_EAX = 41, CR0 = 42, CR3 = 44, TSC = 55;

    private I386Description() {
    }

    public static TargetDescription create(String osabi) {
        List<RegisterDescriptor> r = new ArrayList<>();
        String[] gprs = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi"};
        for (int i = 0; i < gprs.length; i++) {
            String type = i == 4 || i == 5 ? "data_ptr" : "int32";
            RegisterDescriptor d = RegisterDescriptor.of(i, gprs[i], 32, type, "general", CORE).withDwarf(i, i);
            r.add(i == 4 ? d.withGeneric(Generic.SP) : i == 5 ? d.withGeneric(Generic.FP) : d);
        }
        r.add(RegisterDescriptor.of(8, "eip", 32, "code_ptr", "general", CORE).withDwarf(8, 8).withGeneric(Generic.PC));
        r.add(RegisterDescriptor.of(9, "eflags", 32, "i386_eflags", "general", CORE).withDwarf(9, 9)
                .withGeneric(Generic.FLAGS));
        String[] segs = {"cs", "ss", "ds", "es", "fs", "gs"};
        int[] segDwarf = {41, 42, 43, 40, 44, 45};
        for (int i = 0; i < segs.length; i++) {
            r.add(RegisterDescriptor.of(10 + i, segs[i], 32, "int32", "general", CORE).withDwarf(segDwarf[i], -1));
        }
        for (int i = 0; i < 8; i++) {
            r.add(RegisterDescriptor.of(16 + i, "st" + i, 80, "i387_ext", "float", CORE)
                    .withLldb(Encoding.IEEE754, Format.FLOAT).withDwarf(11 + i, 11 + i));
        }
        String[] x87 = {"fctrl", "fstat", "ftag", "fiseg", "fioff", "foseg", "fooff", "fop"};
        for (int i = 0; i < x87.length; i++) {
            r.add(RegisterDescriptor.of(24 + i, x87[i], 32, "int", "float", CORE));
        }
        for (int i = 0; i < 8; i++) {
            r.add(RegisterDescriptor.of(32 + i, "xmm" + i, 128, "vec128", "vector", SSE)
                    .withLldb(Encoding.VECTOR, Format.VECTOR_UINT8).withDwarf(21 + i, 21 + i));
        }
        r.add(RegisterDescriptor.of(40, "mxcsr", 32, "i386_mxcsr", "vector", SSE));
        r.add(RegisterDescriptor.of(41, "orig_eax", 32, "int", "general", LINUX));
        String[] system = {"cr0", "cr2", "cr3", "cr4", "gdtr_base", "gdtr_limit", "idtr_base", "idtr_limit", "ldtr", "tr",
                "sysenter_cs", "sysenter_esp", "sysenter_eip"};
        for (int i = 0; i < system.length; i++) {
            String type = system[i].endsWith("_base") || system[i].endsWith("_esp") ? "data_ptr"
                    : system[i].endsWith("_eip") ? "code_ptr" : "uint32";
            r.add(RegisterDescriptor.of(42 + i, system[i], 32, type, "system", SYSTEM));
        }
        r.add(RegisterDescriptor.of(55, "tsc", 64, "uint64", "system", SYSTEM));

        List<Feature> features = List.of(
                new Feature(CORE, List.of(eflagsType())),
                new Feature(SSE, sseTypes()),
                Feature.named(LINUX),
                Feature.named(SYSTEM));
        return new TargetDescription("i386", osabi, "i386-pc-linux-gnu", 4, ByteOrder.LITTLE_ENDIAN, features, r);
    }

    public static TargetDescription create() {
        return create(null);
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
