package io.trapgate.vm.boot;

import io.trapgate.vm.memory.PhysicalMemory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a Multiboot (v1) kernel the way the specification and QEMU's {@code -kernel} do: finds the
 * header in the first 8 KiB, loads the ELF32 PT_LOAD segments at their physical addresses (or, when
 * header flag 16 is set, the a.out-kludge address fields), places the modules page-aligned after
 * the kernel, and builds the information structure after them.
 *
 * <p>What the kernel is handed, and where it agrees with QEMU 7.2: the command line is
 * "KERNEL-NAME APPEND" (QEMU's form), each module's string is its whole -initrd entry, mem_lower
 * is 639 KiB, the memory map has usable RAM below 0x9FC00, a reserved hole 0x9FC00-0x100000 and
 * usable RAM from 1 MiB to the end (QEMU's firmware keeps another 128 KiB at the top, so its
 * mem_upper is 128 smaller), and boot_loader_name is "trapgate". QEMU also sets boot_device (info
 * flag 1) although no disk is involved; trapgate leaves it out (flags 0x24D where QEMU has 0x24F).
 */
public final class MultibootLoader {
    public static final int HEADER_MAGIC = 0x1BADB002;
    /** The header must lie within this many bytes from the start of the file. */
    public static final int HEADER_SEARCH_BYTES = 8192;

    /** Header flag 0: modules must be page aligned (trapgate always aligns them, as QEMU does). */
    public static final int FLAG_PAGE_ALIGN = 1;
    /** Header flag 1: mem_* fields wanted (always given). */
    public static final int FLAG_MEMORY_INFO = 1 << 1;
    /** Header flag 2: video mode wanted; QEMU warns and ignores it, and so does trapgate. */
    public static final int FLAG_VIDEO_MODE = 1 << 2;
    /** Header flag 16: the a.out-kludge address fields are valid and say where to load. */
    public static final int FLAG_AOUT_KLUDGE = 1 << 16;

    public static final int INFO_MEMORY = 1;
    public static final int INFO_CMDLINE = 1 << 2;
    public static final int INFO_MODS = 1 << 3;
    public static final int INFO_MMAP = 1 << 6;
    public static final int INFO_LOADER_NAME = 1 << 9;

    /** Size of the information structure through the VBE/framebuffer fields (all zero). */
    public static final int INFO_SIZE = 116;
    public static final int MEM_LOWER_KIB = 639;
    public static final int LOW_RAM_END = 0x9FC00;
    public static final int HIGH_RAM_START = 0x100000;
    public static final String LOADER_NAME = "trapgate";

    private static final int PAGE = 4096;

    private MultibootLoader() {
    }

    /** A region of RAM the kernel image occupies. */
    private record Segment(long start, long end) {
    }

    /** The multiboot header found in a file. */
    private record Header(int offset, int flags, int headerAddr, int loadAddr, int loadEndAddr,
                          int bssEndAddr, int entryAddr) {
    }

    /**
     * Loads {@code kernel} and {@code modules} into {@code memory} and builds the information
     * structure; returns the entry point and the structure's address. Warnings (ignored header
     * requests) go to {@code warnings}.
     */
    public static BootInfo load(PhysicalMemory memory, BootFile kernel, List<BootModule> modules, String append,
                                List<String> warnings) throws BootException {
        byte[] image = kernel.data();
        String name = kernel.name();
        Header header = findHeader(image, name);
        if ((header.flags & FLAG_VIDEO_MODE) != 0) {
            warnings.add(name + ": asks for a video mode (header flag 2); trapgate has no display and ignores it");
        }
        int unknown = header.flags & 0xFFF8; // bits 3-15: requirements a loader must understand
        if (unknown != 0) {
            throw new BootException(String.format(
                    "%s: multiboot header requires features trapgate does not know (flags 0x%x)", name, unknown));
        }
        List<Segment> loaded = new ArrayList<>();
        int entry;
        if ((header.flags & FLAG_AOUT_KLUDGE) != 0) {
            entry = loadAoutKludge(memory, image, name, header, loaded);
        } else {
            entry = loadElf(memory, image, name, loaded);
        }
        long kernelEnd = 0;
        for (Segment s : loaded) {
            kernelEnd = Math.max(kernelEnd, s.end);
        }
        long cursor = Math.max(alignUp(kernelEnd), HIGH_RAM_START);

        // Modules, page aligned, right after the kernel.
        long[] modStart = new long[modules.size()];
        for (int i = 0; i < modules.size(); i++) {
            BootModule m = modules.get(i);
            byte[] data = m.file().data();
            if (cursor + data.length > memory.size()) {
                throw new BootException(String.format(
                        "%s: module does not fit in RAM (%d bytes at 0x%x; RAM ends at 0x%x; raise -m)",
                        m.file().name(), data.length, cursor, memory.size()));
            }
            memory.load((int) cursor, data, 0, data.length);
            modStart[i] = cursor;
            cursor = alignUp(cursor + data.length);
        }

        // The information structure and everything it points to.
        byte[] cmdline = cString(name + " " + append);
        byte[] loaderName = cString(LOADER_NAME);
        List<byte[]> modStrings = new ArrayList<>();
        int stringsSize = cmdline.length + loaderName.length;
        for (BootModule m : modules) {
            byte[] s = cString(m.string());
            modStrings.add(s);
            stringsSize += s.length;
        }
        int mmapSize = 3 * 24;
        long infoAddr = cursor;
        long total = INFO_SIZE + (long) modules.size() * 16 + mmapSize + stringsSize;
        if (infoAddr + total > memory.size()) {
            throw new BootException(String.format("%s: no room for the multiboot information in %d MiB of RAM",
                    name, memory.size() >> 20));
        }
        int info = (int) infoAddr;
        for (int i = 0; i < INFO_SIZE; i += 4) {
            memory.write32(info + i, 0);
        }
        int p = info + INFO_SIZE;
        int modsAddr = p;
        p += modules.size() * 16;
        int mmapAddr = p;
        p = writeMmap(memory, p);
        int cmdlineAddr = p;
        p = put(memory, p, cmdline);
        int loaderNameAddr = p;
        p = put(memory, p, loaderName);
        for (int i = 0; i < modules.size(); i++) {
            int e = modsAddr + i * 16;
            memory.write32(e, (int) modStart[i]);
            memory.write32(e + 4, (int) (modStart[i] + modules.get(i).file().data().length));
            memory.write32(e + 8, p);
            memory.write32(e + 12, 0);
            p = put(memory, p, modStrings.get(i));
        }
        memory.write32(info, INFO_MEMORY | INFO_CMDLINE | INFO_MODS | INFO_MMAP | INFO_LOADER_NAME);
        memory.write32(info + 4, MEM_LOWER_KIB);
        memory.write32(info + 8, (memory.size() - HIGH_RAM_START) / 1024);
        memory.write32(info + 16, cmdlineAddr);
        memory.write32(info + 20, modules.size());
        memory.write32(info + 24, modsAddr);
        memory.write32(info + 44, mmapSize);
        memory.write32(info + 48, mmapAddr);
        memory.write32(info + 64, loaderNameAddr);
        return new BootInfo(entry, info, (int) kernelEnd);
    }

    private static int writeMmap(PhysicalMemory memory, int p) {
        p = mmapEntry(memory, p, 0, LOW_RAM_END, 1);
        p = mmapEntry(memory, p, LOW_RAM_END, HIGH_RAM_START - LOW_RAM_END, 2);
        return mmapEntry(memory, p, HIGH_RAM_START, memory.size() - HIGH_RAM_START, 1);
    }

    /** One mmap entry: size (20, not counting itself), base (64), length (64), type (1 = RAM, 2 = reserved). */
    private static int mmapEntry(PhysicalMemory memory, int p, long base, long length, int type) {
        memory.write32(p, 20);
        memory.write32(p + 4, (int) base);
        memory.write32(p + 8, (int) (base >>> 32));
        memory.write32(p + 12, (int) length);
        memory.write32(p + 16, (int) (length >>> 32));
        memory.write32(p + 20, type);
        return p + 24;
    }

    private static int put(PhysicalMemory memory, int p, byte[] bytes) {
        memory.load(p, bytes, 0, bytes.length);
        return p + bytes.length;
    }

    private static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }

    private static long alignUp(long v) {
        return (v + PAGE - 1) & -PAGE;
    }

    private static Header findHeader(byte[] image, String name) throws BootException {
        if (image.length == 0) {
            throw new BootException(name + ": empty file, not a multiboot kernel");
        }
        int limit = Math.min(image.length, HEADER_SEARCH_BYTES) - 12;
        for (int off = 0; off <= limit; off += 4) {
            if (u32(image, off) == HEADER_MAGIC) {
                int flags = u32(image, off + 4);
                if (HEADER_MAGIC + flags + u32(image, off + 8) != 0) {
                    continue; // not a header after all: the checksum does not add up
                }
                if ((flags & FLAG_AOUT_KLUDGE) != 0) {
                    if (off + 32 > image.length) {
                        throw new BootException(name + ": multiboot header is cut off before its address fields");
                    }
                    return new Header(off, flags, u32(image, off + 12), u32(image, off + 16), u32(image, off + 20),
                            u32(image, off + 24), u32(image, off + 28));
                }
                return new Header(off, flags, 0, 0, 0, 0, 0);
            }
        }
        if (isElf(image) && image.length > 4 && image[4] == 2) {
            throw new BootException(name + ": ELF64 kernel; trapgate boots 32-bit (ELF32) multiboot kernels");
        }
        throw new BootException(name + ": not a multiboot kernel (no multiboot header in the first 8 KiB)");
    }

    private static boolean isElf(byte[] b) {
        return b.length >= 4 && b[0] == 0x7F && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
    }

    private static int loadAoutKludge(PhysicalMemory memory, byte[] image, String name, Header h,
                                      List<Segment> loaded) throws BootException {
        long headerAddr = h.headerAddr & 0xFFFFFFFFL;
        long loadAddr = h.loadAddr & 0xFFFFFFFFL;
        if (loadAddr > headerAddr) {
            throw new BootException(String.format("%s: multiboot load_addr 0x%x is above header_addr 0x%x",
                    name, loadAddr, headerAddr));
        }
        long fileStart = h.offset - (headerAddr - loadAddr);
        if (fileStart < 0) {
            throw new BootException(String.format(
                    "%s: multiboot header_addr - load_addr (0x%x) reaches before the start of the file",
                    name, headerAddr - loadAddr));
        }
        long loadEnd = h.loadEndAddr == 0 ? loadAddr + (image.length - fileStart) : h.loadEndAddr & 0xFFFFFFFFL;
        if (loadEnd < loadAddr) {
            throw new BootException(String.format("%s: multiboot load_end_addr 0x%x is below load_addr 0x%x",
                    name, loadEnd, loadAddr));
        }
        long length = loadEnd - loadAddr;
        if (fileStart + length > image.length) {
            throw new BootException(String.format("%s: file is truncated: load_end_addr needs %d bytes, file has %d",
                    name, fileStart + length, image.length));
        }
        long bssEnd = h.bssEndAddr == 0 ? loadEnd : h.bssEndAddr & 0xFFFFFFFFL;
        if (bssEnd < loadEnd) {
            throw new BootException(String.format("%s: multiboot bss_end_addr 0x%x is below load_end_addr 0x%x",
                    name, bssEnd, loadEnd));
        }
        checkFits(memory, name, loadAddr, bssEnd);
        memory.load((int) loadAddr, image, (int) fileStart, (int) length);
        zero(memory, loadEnd, bssEnd);
        loaded.add(new Segment(loadAddr, bssEnd));
        return h.entryAddr;
    }

    private static int loadElf(PhysicalMemory memory, byte[] image, String name, List<Segment> loaded)
            throws BootException {
        if (!isElf(image)) {
            throw new BootException(name + ": not an ELF file, and its multiboot header has no a.out-kludge addresses (flag 16)");
        }
        if (image.length < 52) {
            throw new BootException(name + ": ELF header is truncated");
        }
        if (image[4] == 2) {
            throw new BootException(name + ": ELF64 kernel; trapgate boots 32-bit (ELF32) multiboot kernels");
        }
        if (image[4] != 1 || image[5] != 1) {
            throw new BootException(name + ": not a little-endian ELF32 file");
        }
        int type = u16(image, 16);
        int machine = u16(image, 18);
        if (machine != 3) {
            throw new BootException(name + ": ELF machine " + machine + " is not i386 (3)");
        }
        if (type != 2) {
            throw new BootException(name + ": ELF type " + type + " is not an executable (2)");
        }
        int entry = u32(image, 24);
        long phoff = u32(image, 28) & 0xFFFFFFFFL;
        int phentsize = u16(image, 42);
        int phnum = u16(image, 44);
        if (phnum == 0) {
            throw new BootException(name + ": ELF file has no program headers");
        }
        if (phentsize < 32 || phoff + (long) phnum * phentsize > image.length) {
            throw new BootException(name + ": ELF program header table is truncated or malformed");
        }
        int translatedEntry = entry;
        boolean entryTranslated = false;
        for (int i = 0; i < phnum; i++) {
            int ph = (int) (phoff + (long) i * phentsize);
            if (u32(image, ph) != 1) { // PT_LOAD
                continue;
            }
            long offset = u32(image, ph + 4) & 0xFFFFFFFFL;
            long vaddr = u32(image, ph + 8) & 0xFFFFFFFFL;
            long paddr = u32(image, ph + 12) & 0xFFFFFFFFL;
            long filesz = u32(image, ph + 16) & 0xFFFFFFFFL;
            long memsz = u32(image, ph + 20) & 0xFFFFFFFFL;
            if (memsz == 0) {
                continue;
            }
            if (filesz > memsz) {
                throw new BootException(String.format("%s: PT_LOAD segment at 0x%x has filesz 0x%x > memsz 0x%x",
                        name, paddr, filesz, memsz));
            }
            if (offset + filesz > image.length) {
                throw new BootException(String.format(
                        "%s: file is truncated: segment at 0x%x needs bytes up to %d, file has %d",
                        name, paddr, offset + filesz, image.length));
            }
            long end = paddr + memsz;
            for (Segment s : loaded) {
                if (paddr < s.end && s.start < end) {
                    throw new BootException(String.format(
                            "%s: overlapping PT_LOAD segments 0x%x-0x%x and 0x%x-0x%x",
                            name, s.start, s.end, paddr, end));
                }
            }
            checkFits(memory, name, paddr, end);
            memory.load((int) paddr, image, (int) offset, (int) filesz);
            zero(memory, paddr + filesz, end);
            loaded.add(new Segment(paddr, end));
            // An entry given as a virtual address inside this segment is moved to the physical one (as GRUB does).
            long e = entry & 0xFFFFFFFFL;
            if (!entryTranslated && e >= vaddr && e < vaddr + memsz) {
                translatedEntry = (int) (e - vaddr + paddr);
                entryTranslated = true;
            }
        }
        if (loaded.isEmpty()) {
            throw new BootException(name + ": ELF file has no loadable (PT_LOAD) segments");
        }
        return translatedEntry;
    }

    private static void checkFits(PhysicalMemory memory, String name, long start, long end) throws BootException {
        if (end > memory.size()) {
            throw new BootException(String.format(
                    "%s: kernel does not fit in RAM: it needs memory up to 0x%x, RAM is %d MiB (0x%x); raise -m",
                    name, end, memory.size() >> 20, memory.size()));
        }
    }

    private static void zero(PhysicalMemory memory, long from, long to) {
        if (to > from) {
            java.util.Arrays.fill(memory.array(), (int) from, (int) to, (byte) 0);
            memory.noteWrite((int) from, (int) (to - from));
        }
    }

    private static int u32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    private static int u16(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8;
    }
}
