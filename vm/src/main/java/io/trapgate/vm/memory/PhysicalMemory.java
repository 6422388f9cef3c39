package io.trapgate.vm.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Guest RAM, little-endian, addressed physically. Reads outside RAM return all ones and writes
 * there are dropped, as on a PC bus with nothing behind the address.
 *
 * <p>Every write path tells the {@link CodeWriteObserver} when it lands on a page that holds
 * decoded instructions, so the CPU's per-page decode cache can never run stale bytes
 * (self-modifying code, module loading, gdb memory writes).
 */
public final class PhysicalMemory {
    public static final int PAGE_SHIFT = 12;
    /** Little-endian 16/32-bit views of the RAM array: one access instead of two or four byte loads. */
    private static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] ram;
    private final int size;
    /** One flag per 4 KiB page: true while the CPU holds decoded instructions from that page. */
    private final boolean[] codePage;
    private CodeWriteObserver observer = page -> { };

    public PhysicalMemory(int sizeBytes) {
        if (sizeBytes <= 0 || (sizeBytes & 0xFFF) != 0) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KiB: " + sizeBytes);
        }
        this.ram = new byte[sizeBytes];
        this.size = sizeBytes;
        this.codePage = new boolean[sizeBytes >>> PAGE_SHIFT];
    }

    public int size() {
        return size;
    }

    /** The backing array, for loaders and the CPU's fast paths. Writers must call {@link #noteWrite}. */
    public byte[] array() {
        return ram;
    }

    public void setCodeWriteObserver(CodeWriteObserver observer) {
        this.observer = observer;
    }

    /** Marks a page as holding decoded code (or not), so writes to it are reported. */
    public void markCodePage(int physPage, boolean holdsCode) {
        if (physPage >= 0 && physPage < codePage.length) {
            codePage[physPage] = holdsCode;
        }
    }

    public boolean isCodePage(int physPage) {
        return physPage >= 0 && physPage < codePage.length && codePage[physPage];
    }

    /** Reports a write of {@code len} bytes at {@code pa} made directly into {@link #array()}. */
    public void noteWrite(int pa, int len) {
        if (len <= 0) {
            return;
        }
        long first = (pa & 0xFFFFFFFFL) >>> PAGE_SHIFT;
        long last = ((pa & 0xFFFFFFFFL) + len - 1) >>> PAGE_SHIFT;
        long start = pa & 0xFFFFFFFFL;
        long end = start + len;
        for (long p = first; p <= last && p < codePage.length; p++) {
            if (codePage[(int) p]) {
                long from = Math.max(start, p << PAGE_SHIFT);
                long to = Math.min(end, (p + 1) << PAGE_SHIFT);
                observer.codeBytesWritten((int) from, (int) (to - from));
            }
        }
    }

    private boolean inRam(int pa, int len) {
        return len <= size && Integer.compareUnsigned(pa, size - len) <= 0;
    }

    public int read8(int pa) {
        return inRam(pa, 1) ? ram[pa] & 0xFF : 0xFF;
    }

    public int read16(int pa) {
        if (inRam(pa, 2)) {
            return (short) LE16.get(ram, pa) & 0xFFFF;
        }
        return read8(pa) | read8(pa + 1) << 8;
    }

    public int read32(int pa) {
        if (inRam(pa, 4)) {
            return (int) LE32.get(ram, pa);
        }
        return read16(pa) | read16(pa + 2) << 16;
    }

    public void write8(int pa, int v) {
        if (inRam(pa, 1)) {
            ram[pa] = (byte) v;
            if (codePage[pa >>> PAGE_SHIFT]) {
                observer.codeBytesWritten(pa, 1);
            }
        }
    }

    public void write16(int pa, int v) {
        if (inRam(pa, 2) && (pa & 0xFFF) != 0xFFF) {
            LE16.set(ram, pa, (short) v);
            if (codePage[pa >>> PAGE_SHIFT]) {
                observer.codeBytesWritten(pa, 2);
            }
            return;
        }
        write8(pa, v);
        write8(pa + 1, v >>> 8);
    }

    public void write32(int pa, int v) {
        if (inRam(pa, 4) && (pa & 0xFFF) <= 0xFFC) {
            LE32.set(ram, pa, v);
            if (codePage[pa >>> PAGE_SHIFT]) {
                observer.codeBytesWritten(pa, 4);
            }
            return;
        }
        write16(pa, v);
        write16(pa + 2, v >>> 16);
    }

    /**
     * Stores {@code count} elements of {@code size} bytes (1, 2 or 4) with value {@code v} from
     * {@code pa} upwards, as a forward rep stos would. Returns false, writing nothing, unless the
     * whole range is RAM.
     */
    public boolean fill(int pa, int count, int size, int v) {
        long len = (long) count * size;
        if (count < 0 || len > Integer.MAX_VALUE || (len > 0 && !inRam(pa, (int) len))) {
            return false;
        }
        if (size == 1) {
            java.util.Arrays.fill(ram, pa, pa + count, (byte) v);
        } else if (size == 2) {
            for (int k = 0; k < count; k++) {
                LE16.set(ram, pa + 2 * k, (short) v);
            }
        } else {
            for (int k = 0; k < count; k++) {
                LE32.set(ram, pa + 4 * k, v);
            }
        }
        noteWrite(pa, (int) len);
        return true;
    }

    /**
     * Copies {@code len} bytes from {@code src} to {@code dst} as a forward byte-by-byte copy
     * would (rep movs). Returns false, copying nothing, unless both ranges are RAM and a forward
     * copy equals a block copy (no overlap with the destination above the source).
     */
    public boolean copyForward(int dst, int src, int len) {
        if (len < 0 || (len > 0 && (!inRam(dst, len) || !inRam(src, len)))) {
            return false;
        }
        if (dst > src && dst - src < len) {
            return false;
        }
        System.arraycopy(ram, src, ram, dst, len);
        noteWrite(dst, len);
        return true;
    }

    /** Copies bytes into RAM (loaders, gdb). Returns false, copying nothing, if the range leaves RAM. */
    public boolean load(int pa, byte[] src, int off, int len) {
        if (len < 0 || (len > 0 && !inRam(pa, len))) {
            return false;
        }
        System.arraycopy(src, off, ram, pa, len);
        noteWrite(pa, len);
        return true;
    }
}
