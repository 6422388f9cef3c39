package io.trapgate.vm.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.memory.PhysicalMemory;
import io.trapgate.vm.testing.GuestBuild;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class MultibootLoaderTest {
    private static final int MIB = 1 << 20;
    private static byte[] hello;
    private static String helloName;

    @BeforeAll
    static void build() throws Exception {
        Path elf = TestKernels.elf("hello");
        hello = Files.readAllBytes(elf);
        helloName = elf.toString();
    }

    private static int u32(byte[] b, int off) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(off);
    }

    private static String cString(PhysicalMemory m, int addr) {
        StringBuilder s = new StringBuilder();
        for (int c; (c = m.read8(addr)) != 0; addr++) {
            s.append((char) c);
        }
        return s.toString();
    }

    private static BootInfo load(PhysicalMemory m, BootFile kernel, List<BootModule> modules, String append)
            throws BootException {
        return MultibootLoader.load(m, kernel, modules, append, new ArrayList<>());
    }

    private static BootException rejects(byte[] image, int ramBytes) {
        return assertThrows(BootException.class,
                () -> load(new PhysicalMemory(ramBytes), new BootFile("k.elf", image), List.of(), ""));
    }

    @Test
    void elfSegmentsLandAtTheirPhysicalAddressesAndEntryIsTheElfEntry() throws Exception {
        PhysicalMemory m = new PhysicalMemory(64 * MIB);
        BootInfo info = load(m, new BootFile(helloName, hello), List.of(), "");
        assertEquals(u32(hello, 24), info.entry());
        int phoff = u32(hello, 28);
        int phnum = hello[44] & 0xFF;
        for (int i = 0; i < phnum; i++) {
            int ph = phoff + i * 32;
            if (u32(hello, ph) != 1) {
                continue;
            }
            int off = u32(hello, ph + 4);
            int paddr = u32(hello, ph + 12);
            int filesz = u32(hello, ph + 16);
            byte[] loaded = Arrays.copyOfRange(m.array(), paddr, paddr + filesz);
            assertArrayEquals(Arrays.copyOfRange(hello, off, off + filesz), loaded);
        }
    }

    @Test
    void informationStructureMatchesTheSpecificationFieldByField() throws Exception {
        PhysicalMemory m = new PhysicalMemory(64 * MIB);
        byte[] mod1 = "first module\n".getBytes(StandardCharsets.US_ASCII);
        byte[] mod2 = new byte[5000];
        mod2[4999] = 0x5A;
        List<BootModule> mods = List.of(new BootModule(new BootFile("m1.txt", mod1), "m1.txt a b"),
                new BootModule(new BootFile("m2.bin", mod2), "m2.bin"));
        BootInfo info = load(m, new BootFile("kern.elf", hello), mods, "init=/bin/sh -- x");
        int mbi = info.infoAddress();
        assertEquals(0x24D, m.read32(mbi), "flags: mem, cmdline, mods, mmap, loader name");
        assertEquals(639, m.read32(mbi + 4), "mem_lower KiB");
        assertEquals(63 * 1024, m.read32(mbi + 8), "mem_upper KiB");
        assertEquals(0, m.read32(mbi + 12), "boot_device not given");
        assertEquals("kern.elf init=/bin/sh -- x", cString(m, m.read32(mbi + 16)), "cmdline as QEMU forms it");
        assertEquals(2, m.read32(mbi + 20));
        int mods0 = m.read32(mbi + 24);
        int start1 = m.read32(mods0);
        int start2 = m.read32(mods0 + 16);
        assertEquals(0, start1 & 0xFFF, "page aligned");
        assertEquals(0, start2 & 0xFFF, "page aligned");
        assertTrue(start1 >= info.kernelEnd(), "modules come after the kernel");
        assertEquals(start1 + mod1.length, m.read32(mods0 + 4), "mod_end is one past the last byte");
        assertEquals(start2 + mod2.length, m.read32(mods0 + 20));
        assertTrue(start2 >= start1 + mod1.length);
        assertEquals("m1.txt a b", cString(m, m.read32(mods0 + 8)));
        assertEquals("m2.bin", cString(m, m.read32(mods0 + 24)));
        assertEquals(0, m.read32(mods0 + 12), "reserved");
        assertArrayEquals(mod1, Arrays.copyOfRange(m.array(), start1, start1 + mod1.length));
        assertEquals(0x5A, m.read8(start2 + 4999));
        assertEquals(0, mbi & 0xFFF, "the structure follows the modules on a page boundary");
        assertTrue(mbi >= start2 + mod2.length);

        assertEquals(72, m.read32(mbi + 44), "mmap_length: three 24-byte entries");
        int mmap = m.read32(mbi + 48);
        long[][] expected = {{0, 0x9FC00, 1}, {0x9FC00, 0x100000 - 0x9FC00, 2}, {0x100000, 63L * MIB, 1}};
        for (int i = 0; i < 3; i++) {
            int e = mmap + i * 24;
            assertEquals(20, m.read32(e), "size excludes itself");
            assertEquals(expected[i][0], m.read32(e + 4) & 0xFFFFFFFFL);
            assertEquals(0, m.read32(e + 8));
            assertEquals(expected[i][1], m.read32(e + 12) & 0xFFFFFFFFL);
            assertEquals(0, m.read32(e + 16));
            assertEquals(expected[i][2], m.read32(e + 20));
        }
        assertEquals("trapgate", cString(m, m.read32(mbi + 64)));
        for (int off : new int[] {28, 32, 36, 40, 52, 56, 60, 68, 72}) {
            assertEquals(0, m.read32(mbi + off), "unused field at " + off + " is zero");
        }
    }

    @Test
    void emptyAppendStillSeparatesTheKernelNameWithASpaceAsQemuDoes() throws Exception {
        PhysicalMemory m = new PhysicalMemory(64 * MIB);
        BootInfo info = load(m, new BootFile("k.elf", hello), List.of(), "");
        assertEquals("k.elf ", cString(m, m.read32(info.infoAddress() + 16)));
        assertEquals(0, m.read32(info.infoAddress() + 20), "no modules");
    }

    @Test
    void aoutKludgeLoadsTheFileAtLoadAddrZeroesBssAndEntersAtEntryAddr() throws Exception {
        byte[] code = new byte[64];
        Arrays.fill(code, (byte) 0x90);
        ByteBuffer img = ByteBuffer.allocate(32 + code.length).order(ByteOrder.LITTLE_ENDIAN);
        int flags = 0x00010003;
        img.putInt(0x1BADB002).putInt(flags).putInt(-(0x1BADB002 + flags));
        img.putInt(0x200000).putInt(0x200000).putInt(0x200000 + 32 + code.length).putInt(0x202800).putInt(0x200020);
        img.put(code);
        PhysicalMemory m = new PhysicalMemory(64 * MIB);
        Arrays.fill(m.array(), 0x200000, 0x204000, (byte) 0xAA);
        BootInfo info = load(m, new BootFile("flat.bin", img.array()), List.of(), "");
        assertEquals(0x200020, info.entry());
        assertEquals(0x1BADB002, m.read32(0x200000));
        assertEquals(0x90, m.read8(0x200020));
        assertEquals(0, m.read8(0x200000 + 32 + code.length), "bss starts zeroed");
        assertEquals(0, m.read8(0x2027FF), "bss ends zeroed");
        assertEquals(0xAA, m.read8(0x202800), "nothing past bss_end_addr");
    }

    @Test
    void realFlatBinaryKernelLoadsThroughTheAoutKludge() throws Exception {
        Path bin = TestKernels.flatBinary("exit");
        byte[] image = Files.readAllBytes(bin);
        PhysicalMemory m = new PhysicalMemory(64 * MIB);
        BootInfo info = load(m, new BootFile(bin.toString(), image), List.of(), "");
        assertArrayEquals(image, Arrays.copyOfRange(m.array(), 0x100000, 0x100000 + image.length));
        assertEquals(u32(image, 28), info.entry());
    }

    @Test
    void textFileIsNotAMultibootKernel() {
        BootException e = rejects("just some text\n".repeat(20).getBytes(StandardCharsets.US_ASCII), 64 * MIB);
        assertEquals("k.elf: not a multiboot kernel (no multiboot header in the first 8 KiB)", e.getMessage());
    }

    @Test
    void headerBeyondTheFirst8KiBIsNotFound() {
        byte[] image = new byte[9000];
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(8184, 0x1BADB002).putInt(8188, 0)
                .putInt(8192, -0x1BADB002);
        assertTrue(rejects(image, 64 * MIB).getMessage().contains("no multiboot header in the first 8 KiB"));
    }

    @Test
    void headerWithBadChecksumIsNotAHeader() {
        byte[] image = Arrays.copyOf(hello, hello.length);
        int off = findMagic(image);
        image[off + 8] ^= 1;
        assertTrue(rejects(image, 64 * MIB).getMessage().contains("no multiboot header"));
    }

    @Test
    void headerRequiringUnknownFeaturesIsRefused() {
        byte[] image = Arrays.copyOf(hello, hello.length);
        int off = findMagic(image);
        int flags = 0x0000000B; // bit 3: not defined by the specification
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(off + 4, flags).putInt(off + 8, -(0x1BADB002 + flags));
        assertEquals("k.elf: multiboot header requires features trapgate does not know (flags 0x8)",
                rejects(image, 64 * MIB).getMessage());
    }

    @Test
    void nonElfWithoutAoutKludgeIsRefused() {
        byte[] image = Arrays.copyOf(hello, hello.length);
        image[1] = 'X';
        assertTrue(rejects(image, 64 * MIB).getMessage().startsWith("k.elf: not an ELF file"));
    }

    @Test
    void elf64KernelIsRefused() throws Exception {
        Path obj = GuestBuild.OUT.resolve("boot-elf64.o");
        Path elf = GuestBuild.OUT.resolve("boot-elf64.elf");
        Path s64 = GuestBuild.OUT.resolve("boot-elf64.s");
        Files.writeString(s64, ".section .multiboot,\"a\"\n.long 0x1BADB002, 0, -0x1BADB002\n.text\n"
                + ".globl _start\n_start: hlt\n");
        GuestBuild.exec(List.of("as", "--64", "-o", obj.toString(), s64.toString()));
        GuestBuild.exec(List.of("ld", "-m", "elf_x86_64", "-T", TestKernels.SOURCES.resolve("kernel.ld").toString(),
                "-o", elf.toString(), obj.toString()));
        assertEquals("k.elf: ELF64 kernel; trapgate boots 32-bit (ELF32) multiboot kernels",
                rejects(Files.readAllBytes(elf), 64 * MIB).getMessage());
    }

    @Test
    void relocatableObjectIsNotAnExecutable() throws Exception {
        byte[] obj = Files.readAllBytes(TestKernels.headerObject());
        assertEquals("k.elf: ELF type 1 is not an executable (2)", rejects(obj, 64 * MIB).getMessage());
    }

    @Test
    void overlappingSegmentsAreRefused() throws Exception {
        Path s = GuestBuild.OUT.resolve("boot-overlap.s");
        Files.writeString(s, ".section .multiboot,\"a\"\n.long 0x1BADB002, 0, -0x1BADB002\n.text\n"
                + ".globl _start\n_start: hlt\n.data\n.long 1, 2, 3, 4\n");
        Path ld = GuestBuild.OUT.resolve("boot-overlap.ld");
        Files.writeString(ld, "ENTRY(_start)\nPHDRS { a PT_LOAD; b PT_LOAD; }\nSECTIONS {\n"
                + ". = 0x100000;\n.text : { *(.multiboot) *(.text) } :a\n"
                + ".data 0x200000 : AT(0x100004) { *(.data) } :b\n}\n");
        Path obj = GuestBuild.OUT.resolve("boot-overlap.o");
        Path elf = GuestBuild.OUT.resolve("boot-overlap.elf");
        GuestBuild.exec(List.of("as", "--32", "-o", obj.toString(), s.toString()));
        GuestBuild.exec(List.of("ld", "-m", "elf_i386", "--no-check-sections", "-T", ld.toString(), "-o",
                elf.toString(), obj.toString()));
        String msg = rejects(Files.readAllBytes(elf), 64 * MIB).getMessage();
        assertTrue(msg.startsWith("k.elf: overlapping PT_LOAD segments 0x100000-0x"), msg);
    }

    @Test
    void kernelLargerThanRamIsRefused() throws Exception {
        byte[] big = Files.readAllBytes(TestKernels.elf("big"));
        String msg = rejects(big, 2 * MIB).getMessage();
        assertTrue(msg.startsWith("k.elf: kernel does not fit in RAM: it needs memory up to 0x"), msg);
        assertTrue(msg.endsWith("RAM is 2 MiB (0x200000); raise -m"), msg);
    }

    @Test
    void truncatedElfIsRefused() {
        int phoff = u32(hello, 28);
        int firstOffset = u32(hello, phoff + 4);
        int firstSize = u32(hello, phoff + 16);
        byte[] cut = Arrays.copyOf(hello, firstOffset + firstSize - 1);
        assertTrue(rejects(cut, 64 * MIB).getMessage().startsWith("k.elf: file is truncated"));
    }

    @Test
    void moduleThatDoesNotFitNamesTheModule() {
        List<BootModule> mods = List.of(new BootModule(new BootFile("huge.img", new byte[3 * MIB]), "huge.img"));
        BootException e = assertThrows(BootException.class,
                () -> load(new PhysicalMemory(4 * MIB), new BootFile("k.elf", hello), mods, ""));
        assertTrue(e.getMessage().startsWith("huge.img: module does not fit in RAM (3145728 bytes at 0x"), e.getMessage());
    }

    @Test
    void missingFileIsAOneLineError() {
        BootException e = assertThrows(BootException.class, () -> BootFile.read("/nonexistent/kernel.elf"));
        assertEquals("/nonexistent/kernel.elf: no such file", e.getMessage());
    }

    @Test
    void videoModeRequestIsIgnoredWithAWarningAsQemuDoes() throws Exception {
        byte[] image = Arrays.copyOf(hello, hello.length);
        int off = findMagic(image);
        int flags = 0x00000007;
        ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN).putInt(off + 4, flags).putInt(off + 8, -(0x1BADB002 + flags));
        List<String> warnings = new ArrayList<>();
        MultibootLoader.load(new PhysicalMemory(64 * MIB), new BootFile("k.elf", image), List.of(), "", warnings);
        assertEquals(List.of("k.elf: asks for a video mode (header flag 2); trapgate has no display and ignores it"),
                warnings);
    }

    @Test
    void initrdSpecSplitsOnCommasAndKeepsDoubledCommas() {
        assertEquals(List.of("a.txt x y", "b,c.txt", "d"), BootModule.splitInitrd("a.txt x y,b,,c.txt,d"));
        assertEquals("a.txt", BootModule.fileOf("a.txt x y"));
    }

    private static int findMagic(byte[] image) {
        for (int off = 0; off < 8192; off += 4) {
            if (u32(image, off) == 0x1BADB002) {
                return off;
            }
        }
        throw new AssertionError("no header in the test kernel");
    }
}
