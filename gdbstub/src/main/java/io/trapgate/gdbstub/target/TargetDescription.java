package io.trapgate.gdbstub.target;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the stub knows about a target's architecture, supplied by the target: the target.xml header
 * ({@code <architecture>}, optional {@code <osabi>}), the features in order, the register table, and what
 * lldb's {@code qHostInfo} reports. The register table must number registers 0..n-1 without gaps, because
 * the {@code g} payload is their values concatenated in regnum order.
 *
 * @param architecture gdb's architecture name ({@code i386})
 * @param osabi        gdb's OS ABI name, or null to leave it to the client
 * @param lldbTriple   the triple lldb is told in qHostInfo/qProcessInfo ({@code i386-unknown-linux-gnu})
 * @param pointerSize  bytes in an address
 * @param byteOrder    the order of register and memory bytes
 */
public record TargetDescription(String architecture, String osabi, String lldbTriple, int pointerSize,
        ByteOrder byteOrder, List<Feature> features, List<RegisterDescriptor> registers) {

    public TargetDescription {
        features = List.copyOf(features);
        List<RegisterDescriptor> sorted = new ArrayList<>(registers);
        sorted.sort(Comparator.comparingInt(RegisterDescriptor::regnum));
        registers = List.copyOf(sorted);
        Set<String> featureNames = new HashSet<>();
        for (Feature f : features) {
            if (!featureNames.add(f.name())) {
                throw new IllegalArgumentException("feature declared twice: " + f.name());
            }
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < registers.size(); i++) {
            RegisterDescriptor r = registers.get(i);
            if (r.regnum() != i) {
                throw new IllegalArgumentException("register numbers must run 0..n-1 without gaps; expected " + i
                        + " but found " + r.name() + " = " + r.regnum());
            }
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("register name used twice: " + r.name());
            }
            if (!featureNames.contains(r.feature())) {
                throw new IllegalArgumentException(r.name() + " is in undeclared feature " + r.feature());
            }
        }
    }

    public RegisterDescriptor register(int regnum) {
        return registers.get(regnum);
    }

    public Optional<RegisterDescriptor> register(String name) {
        for (RegisterDescriptor r : registers) {
            if (r.name().equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    public Optional<RegisterDescriptor> generic(RegisterDescriptor.Generic role) {
        for (RegisterDescriptor r : registers) {
            if (r.generic() == role) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Registers of one feature, in regnum order. */
    public List<RegisterDescriptor> registersOf(String feature) {
        List<RegisterDescriptor> out = new ArrayList<>();
        for (RegisterDescriptor r : registers) {
            if (r.feature().equals(feature)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Byte offsets of each register in the {@code g} payload. */
    public RegisterLayout layout() {
        return new RegisterLayout(registers);
    }

    Map<String, Feature> featuresByName() {
        Map<String, Feature> m = new HashMap<>();
        features.forEach(f -> m.put(f.name(), f));
        return m;
    }
}
