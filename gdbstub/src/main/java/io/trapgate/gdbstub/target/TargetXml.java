package io.trapgate.gdbstub.target;

import java.util.Map;

/**
 * Generates the target.xml document ({@code qXfer:features:read:target.xml}) from a
 * {@link TargetDescription}. Besides gdb's attributes each {@code <reg>} carries lldb's ({@code encoding},
 * {@code format}, {@code dwarf_regnum}, {@code ehframe_regnum}, {@code generic}); gdb ignores attributes it
 * does not know.
 */
public final class TargetXml {

    public static final String ANNEX = "target.xml";

    private TargetXml() {
    }

    public static String generate(TargetDescription d) {
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\"?>\n");
        x.append("<!-- Generated from the target's register table by the trapgate gdb stub; do not edit. -->\n");
        x.append("<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n");
        x.append("<target version=\"1.0\">\n");
        x.append("  <architecture>").append(escape(d.architecture())).append("</architecture>\n");
        if (d.osabi() != null) {
            x.append("  <osabi>").append(escape(d.osabi())).append("</osabi>\n");
        }
        Map<String, Feature> features = d.featuresByName();
        for (Feature f : d.features()) {
            x.append("  <feature name=\"").append(escape(f.name())).append("\">\n");
            for (TypeDefinition t : features.get(f.name()).types()) {
                appendType(x, t);
            }
            for (RegisterDescriptor r : d.registersOf(f.name())) {
                appendRegister(x, r);
            }
            x.append("  </feature>\n");
        }
        x.append("</target>\n");
        return x.toString();
    }

    private static void appendType(StringBuilder x, TypeDefinition t) {
        if (t instanceof TypeDefinition.Vector v) {
            x.append("    <vector id=\"").append(escape(v.id())).append("\" type=\"").append(escape(v.elementType()))
                    .append("\" count=\"").append(v.count()).append("\"/>\n");
        } else if (t instanceof TypeDefinition.Union u) {
            x.append("    <union id=\"").append(escape(u.id())).append("\">\n");
            for (TypeDefinition.Field f : u.fields()) {
                x.append("      <field name=\"").append(escape(f.name())).append("\" type=\"")
                        .append(escape(f.type())).append("\"/>\n");
            }
            x.append("    </union>\n");
        } else if (t instanceof TypeDefinition.Flags fl) {
            x.append("    <flags id=\"").append(escape(fl.id())).append("\" size=\"").append(fl.size()).append("\">\n");
            for (TypeDefinition.BitField f : fl.fields()) {
                x.append("      <field name=\"").append(escape(f.name())).append("\" start=\"").append(f.start())
                        .append("\" end=\"").append(f.end()).append("\"/>\n");
            }
            x.append("    </flags>\n");
        }
    }

    private static void appendRegister(StringBuilder x, RegisterDescriptor r) {
        x.append("    <reg name=\"").append(escape(r.name())).append("\" bitsize=\"").append(r.bitSize())
                .append("\" type=\"").append(escape(r.type())).append("\" regnum=\"").append(r.regnum())
                .append("\" group=\"").append(escape(r.group())).append("\" encoding=\"").append(r.encoding().lldbName)
                .append("\" format=\"").append(r.format().lldbName).append('"');
        if (r.dwarf() >= 0) {
            x.append(" dwarf_regnum=\"").append(r.dwarf()).append('"');
        }
        if (r.ehframe() >= 0) {
            x.append(" ehframe_regnum=\"").append(r.ehframe()).append('"');
        }
        if (r.generic().lldbName != null) {
            x.append(" generic=\"").append(r.generic().lldbName).append('"');
        }
        x.append("/>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
