package io.trapgate.gdbstub.target;

import java.util.List;

/** A target.xml {@code <feature>}: a name gdb may recognise ({@code org.gnu.gdb.i386.core}) and the types its registers use. */
public record Feature(String name, List<TypeDefinition> types) {

    public Feature {
        types = List.copyOf(types);
    }

    public static Feature named(String name) {
        return new Feature(name, List.of());
    }
}
