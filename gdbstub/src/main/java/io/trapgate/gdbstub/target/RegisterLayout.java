package io.trapgate.gdbstub.target;

import java.util.List;

/** Where each register's bytes sit in the {@code g}/{@code G} payload: concatenated in regnum order. */
public final class RegisterLayout {

    private final int[] offsets;
    private final int[] sizes;
    private final int totalBytes;

    RegisterLayout(List<RegisterDescriptor> registers) {
        offsets = new int[registers.size()];
        sizes = new int[registers.size()];
        int offset = 0;
        for (int i = 0; i < registers.size(); i++) {
            offsets[i] = offset;
            sizes[i] = registers.get(i).byteSize();
            offset += sizes[i];
        }
        totalBytes = offset;
    }

    public int count() {
        return offsets.length;
    }

    public int offset(int regnum) {
        return offsets[regnum];
    }

    public int size(int regnum) {
        return sizes[regnum];
    }

    public int totalBytes() {
        return totalBytes;
    }
}
