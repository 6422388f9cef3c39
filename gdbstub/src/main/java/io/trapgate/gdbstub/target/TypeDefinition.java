package io.trapgate.gdbstub.target;

import java.util.List;

/**
 * A type a feature defines for its registers ({@code <vector>}, {@code <union>}, {@code <flags>} in
 * target.xml); gdb rejects a register whose type is neither predefined nor defined in its feature.
 */
public sealed interface TypeDefinition {

    String id();

    /** {@code <vector id type count/>}: {@code count} elements of {@code elementType}. */
    record Vector(String id, String elementType, int count) implements TypeDefinition {
    }

    /** {@code <union id>} of named fields. */
    record Union(String id, List<Field> fields) implements TypeDefinition {
        public Union {
            fields = List.copyOf(fields);
        }
    }

    /** {@code <flags id size>}: named bit ranges of a {@code size}-byte register. */
    record Flags(String id, int size, List<BitField> fields) implements TypeDefinition {
        public Flags {
            fields = List.copyOf(fields);
        }
    }

    record Field(String name, String type) {
    }

    /** Bits {@code start..end}, inclusive. */
    record BitField(String name, int start, int end) {
    }
}
