package io.trapgate.vm.debug;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The symbol table of an ELF32 kernel image ({@code .symtab}), for the kernel-aware monitor commands: names
 * to addresses and addresses to "symbol+offset". An image without a symbol table (or not ELF32) gives an
 * empty table; the commands that need a symbol then say which one is missing.
 */
final class KernelSymbols {

    private static final int SHT_SYMTAB = 2;
    private static final int STT_OBJECT = 1;
    private static final int STT_FUNC = 2;
    private static final int STT_NOTYPE = 0;

    private byte[] image = new byte[0];
    private final Map<String, Long> byName = new HashMap<>();
    /** Address → name, for lookups of code and data (sections and files are left out). */
    private final TreeMap<Long, String> byAddress = new TreeMap<>();
    private final Map<Long, Long> sizes = new HashMap<>();

    static final KernelSymbols EMPTY = new KernelSymbols();

    private KernelSymbols() {
    }

    /** Parses {@code image}; never throws for malformed input (it gives what it could read). */
    static KernelSymbols parse(byte[] image) {
        KernelSymbols s = new KernelSymbols();
        try {
            s.read(image);
        } catch (RuntimeException e) {
            // a truncated or odd image: keep what was read
        }
        return s;
    }

    private void read(byte[] image) {
        if (image.length < 52 || image[0] != 0x7F || image[1] != 'E' || image[2] != 'L' || image[3] != 'F'
                || image[4] != 1 || image[5] != 1) {
            return; // not a little-endian ELF32
        }
        this.image = image;
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int shoff = b.getInt(32);
        int shentsize = b.getShort(46) & 0xFFFF;
        int shnum = b.getShort(48) & 0xFFFF;
        for (int i = 0; i < shnum; i++) {
            int sh = shoff + i * shentsize;
            if (b.getInt(sh + 4) != SHT_SYMTAB) {
                continue;
            }
            int symOff = b.getInt(sh + 16);
            int symSize = b.getInt(sh + 20);
            int link = b.getInt(sh + 24);
            int entSize = b.getInt(sh + 36) == 0 ? 16 : b.getInt(sh + 36);
            int strSh = shoff + link * shentsize;
            int strOff = b.getInt(strSh + 16);
            for (int e = symOff; e + 16 <= symOff + symSize; e += entSize) {
                int nameOff = b.getInt(e);
                long value = b.getInt(e + 4) & 0xFFFFFFFFL;
                long size = b.getInt(e + 8) & 0xFFFFFFFFL;
                int type = b.get(e + 12) & 0xF;
                int shndx = b.getShort(e + 14) & 0xFFFF;
                if (nameOff == 0 || shndx == 0 || (type != STT_FUNC && type != STT_OBJECT && type != STT_NOTYPE)) {
                    continue;
                }
                String name = cString(image, strOff + nameOff);
                if (name.isEmpty() || name.startsWith(".L")) {
                    continue;
                }
                byName.putIfAbsent(name, value);
                // prefer a function or object name over a local label at the same address
                if (!byAddress.containsKey(value) || type != STT_NOTYPE) {
                    byAddress.put(value, name);
                    sizes.put(value, size);
                }
            }
        }
    }

    private static String cString(byte[] image, int at) {
        int end = at;
        while (end < image.length && image[end] != 0) {
            end++;
        }
        return new String(image, at, end - at, StandardCharsets.ISO_8859_1);
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }

    Optional<Long> address(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** The ELF size of the object {@code name} (its {@code .size}), or 0 if unknown. */
    long size(String name) {
        Long at = byName.get(name);
        return at == null ? 0 : sizes.getOrDefault(at, 0L);
    }

    /** "name" or "name+0x1c" for the nearest symbol at or below {@code address}, or null if none is near. */
    String describe(long address) {
        Map.Entry<Long, String> e = byAddress.floorEntry(address & 0xFFFFFFFFL);
        if (e == null) {
            return null;
        }
        long offset = (address & 0xFFFFFFFFL) - e.getKey();
        long size = sizes.getOrDefault(e.getKey(), 0L);
        if (offset > 0x10000 && (size == 0 || offset >= size)) {
            return null;
        }
        return offset == 0 ? e.getValue() : e.getValue() + "+0x" + Long.toHexString(offset);
    }

    /** The exact name at {@code address}, or null. */
    String nameAt(long address) {
        return byAddress.get(address & 0xFFFFFFFFL);
    }

    /** Every symbol whose name starts with {@code prefix}, in address order. */
    List<String> namesStartingWith(String prefix) {
        List<String> out = new ArrayList<>();
        for (String n : byAddress.values()) {
            if (n.startsWith(prefix)) {
                out.add(n);
            }
        }
        return out;
    }

    /**
     * A dword of the image at link address {@code address}, from its PT_LOAD segments' file bytes; null if the
     * image has none there. For read-only tables before the kernel has paged itself in (-S at the entry).
     */
    Integer imageDword(long address) {
        try {
            ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
            int phoff = b.getInt(28);
            int phentsize = b.getShort(42) & 0xFFFF;
            int phnum = b.getShort(44) & 0xFFFF;
            for (int i = 0; i < phnum; i++) {
                int ph = phoff + i * phentsize;
                long offset = b.getInt(ph + 4) & 0xFFFFFFFFL;
                long vaddr = b.getInt(ph + 8) & 0xFFFFFFFFL;
                long filesz = b.getInt(ph + 16) & 0xFFFFFFFFL;
                if (b.getInt(ph) == 1 && address >= vaddr && address + 4 <= vaddr + filesz) {
                    return b.getInt((int) (offset + address - vaddr));
                }
            }
        } catch (RuntimeException e) {
            // not an ELF32 we can read
        }
        return null;
    }
}
