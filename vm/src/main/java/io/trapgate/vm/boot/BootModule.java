package io.trapgate.vm.boot;

import java.util.ArrayList;
import java.util.List;

/** A multiboot module: its image and its string (QEMU passes "FILE ARGS", the whole -initrd entry). */
public record BootModule(BootFile file, String string) {

    /**
     * Splits QEMU's {@code -initrd} value into entries: modules are separated by commas, a doubled
     * comma stands for a literal comma, and each entry is "FILE[ ARGS]".
     */
    public static List<String> splitInitrd(String spec) {
        List<String> entries = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == ',') {
                if (i + 1 < spec.length() && spec.charAt(i + 1) == ',') {
                    cur.append(',');
                    i++;
                    continue;
                }
                entries.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        entries.add(cur.toString());
        return entries;
    }

    /** The file part of an entry: everything before the first space. */
    public static String fileOf(String entry) {
        int space = entry.indexOf(' ');
        return space < 0 ? entry : entry.substring(0, space);
    }
}
