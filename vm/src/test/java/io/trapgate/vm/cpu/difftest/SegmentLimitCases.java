package io.trapgate.vm.cpu.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Generated segment-limit cases: data segments (expand-up and expand-down, byte and page
 * granular, 16- and 32-bit upper bounds, read-only) installed in the LDT, then reads and writes
 * of 1, 2 and 4 bytes through %fs at offsets around their limits. Natively the host CPU checks
 * the limits (Linux's modify_ldt installs the same descriptors); QEMU's TCG does not check
 * segment limits at all, so this suite compares trapgate with the host only.
 */
final class SegmentLimitCases {
    static final int REGION = 0x800000;
    static final int MIDDLE = REGION + 0x20000;

    /** A data segment in LDT slot {@code index}. */
    record Descriptor(int index, int base, int limit, boolean pages, boolean expandDown, boolean big,
            boolean readOnly) {
        int selector() {
            return index << 3 | 7;
        }

        int effectiveLimit() {
            return pages ? limit << 12 | 0xfff : limit;
        }

        /** Linux's struct user_desc: entry_number, base_addr, limit, flag bits. */
        int[] userDesc() {
            int flags = (big ? 1 : 0) | (expandDown ? 1 : 0) << 1 | (readOnly ? 1 : 0) << 3 | (pages ? 1 : 0) << 4;
            return new int[] {index, base, limit, flags};
        }

        /** The raw 8-byte descriptor, as Linux writes it (Accessed already set). */
        long raw() {
            int type = (expandDown ? 4 : 0) | (readOnly ? 0 : 2) | 1;
            long access = 0x80 | 0x60 | 0x10 | type;
            long low = (limit & 0xffffL) | (base & 0xffffL) << 16;
            long high = (base >>> 16 & 0xffL) | access << 8 | (limit >>> 16 & 0xfL) << 16 | (big ? 1L : 0) << 22
                    | (pages ? 1L : 0) << 23 | (base >>> 24 & 0xffL) << 24;
            return high << 32 | low;
        }

        String describe() {
            return String.format(Locale.ROOT, "%s %s limit=%x%s%s", expandDown ? "expand-down" : "expand-up",
                    pages ? "4K-granular" : "byte-granular", limit, expandDown ? (big ? " B=1" : " B=0") : "",
                    readOnly ? " read-only" : "");
        }
    }

    /** One access and the lines it prints (one, or two for a write: fault or ok, then the read-back). */
    record Case(String text, Descriptor descriptor, boolean write) {
        int lines() {
            return write ? 2 : 1;
        }
    }

    final List<Descriptor> descriptors = new ArrayList<>();
    final List<Case> cases = new ArrayList<>();
    private final StringBuilder code = new StringBuilder();

    SegmentLimitCases() {
        descriptors.add(new Descriptor(0, MIDDLE, 0xfff, false, false, true, false));
        descriptors.add(new Descriptor(1, MIDDLE, 0, true, false, true, false));
        descriptors.add(new Descriptor(2, MIDDLE, 0x1002, false, false, true, false));
        descriptors.add(new Descriptor(3, MIDDLE - 0x1000, 0xfff, false, true, true, false));
        descriptors.add(new Descriptor(4, MIDDLE - 0x1000, 0xfff, false, true, false, false));
        descriptors.add(new Descriptor(5, MIDDLE, 0xfff, false, false, true, true));
        descriptors.add(new Descriptor(6, MIDDLE - 0x1000, 0, true, true, true, false));
        descriptors.add(new Descriptor(7, MIDDLE - 0x10, 0xffff, false, false, false, false));
        for (Descriptor d : descriptors) {
            int l = d.effectiveLimit();
            int[] offsets;
            if (d.expandDown()) {
                int upper = d.big() ? -1 : 0xffff;
                offsets = new int[] {0, l - 1, l, l + 1, l + 2, upper - 3, upper - 2, upper - 1, upper};
            } else {
                offsets = new int[] {0, l - 3, l - 2, l - 1, l, l + 1, l + 4, -2, -1};
            }
            for (int off : offsets) {
                for (int size : new int[] {1, 2, 4}) {
                    access(d, off, size, false);
                    access(d, off, size, true);
                }
            }
            // a string instruction through %fs at the edge
            stringRead(d, l - 3);
            stringRead(d, l - 2);
            // the same segment as the stack: push and pop at its edges (#SS, not #GP); with B=0
            // the stack pointer is SP and ESP's upper half stays
            if (!d.readOnly()) {
                int upper = d.expandDown() ? (d.big() ? -1 : 0xffff) : l;
                int lower = d.expandDown() ? l + 1 : 0;
                for (int esp : new int[] {lower + 4, lower + 2, lower, upper + 1, upper - 1}) {
                    stack(d, esp, true);
                }
                for (int esp : new int[] {lower, upper - 3, upper - 1, upper - 7}) {
                    stack(d, esp, false);
                }
                if (!d.big()) { // SP wraps inside the segment; ESP's upper half is kept
                    stack(d, 0x20000, true);
                    stack(d, 0x2fffe, false);
                }
            }
        }
    }

    private void stack(Descriptor d, int esp, boolean push) {
        Case c = new Case(String.format(Locale.ROOT, "%s with ss=%x esp=0x%x", push ? "pushl %eax" : "popl %eax",
                d.selector(), esp), d, false);
        code.append("# case ").append(cases.size()).append(": ").append(c.text()).append("  [").append(d.describe())
                .append("]\n");
        code.append("        movl %esp, sl_saved_esp\n        movl $1f, sl_recover\n        movl $0x5a5a5a5a, %eax\n");
        code.append(String.format(Locale.ROOT, "        movw $0x%x, %%bx%n        movw %%bx, %%ss%n        movl $0x%x, %%esp%n",
                d.selector(), esp));
        code.append(push ? "        pushl %eax\n        movl %esp, %eax\n" : "        popl %eax\n");
        code.append("        movw %ds, %bx\n        movw %bx, %ss\n        movl sl_saved_esp, %esp\n");
        code.append("        call sl_ok\n        jmp 2f\n");
        code.append("1:      movw %ds, %bx\n        movw %bx, %ss\n        movl sl_saved_esp, %esp\n2:\n");
        cases.add(c);
    }

    private void access(Descriptor d, int off, int size, boolean write) {
        String s = size == 1 ? "b" : size == 2 ? "w" : "l";
        String reg = size == 1 ? "%al" : size == 2 ? "%ax" : "%eax";
        String operand = String.format(Locale.ROOT, "%%fs:0x%x", off);
        String text = write ? String.format(Locale.ROOT, "mov%s $0x%x, %s", s, 0xa5c3e1f7 & (size == 4 ? -1 : (1 << (8 * size)) - 1), operand)
                : "mov" + s + " " + operand + ", " + reg;
        Case c = new Case(text, d, write);
        int linear = d.base() + off;
        begin(c);
        code.append("        ").append(text).append('\n');
        code.append("        call sl_ok\n        jmp 2f\n1:\n2:\n"); // the fault path printed "fault ..."
        if (write) { // then what memory holds there, either way
            code.append(String.format(Locale.ROOT, "        movl 0x%x, %%eax%n        call sl_ok%n", linear));
        }
        cases.add(c);
    }

    private void stringRead(Descriptor d, int off) {
        Case c = new Case(String.format(Locale.ROOT, "lodsl %%fs:(%%esi) with esi=0x%x", off), d, false);
        begin(c);
        code.append(String.format(Locale.ROOT, "        movl $0x%x, %%esi%n        lodsl %%fs:(%%esi)%n", off));
        code.append("        call sl_ok\n        jmp 2f\n1:\n2:\n");
        cases.add(c);
    }

    private void begin(Case c) {
        code.append("# case ").append(cases.size()).append(": ").append(c.text()).append("  [").append(c.descriptor().describe())
                .append("]\n");
        code.append(String.format(Locale.ROOT, "        movw $0x%x, %%ax%n        movw %%ax, %%fs%n", c.descriptor().selector()));
        code.append("        movl $1f, sl_recover\n        movl $0x5a5a5a5a, %eax\n");
    }

    String assembly() {
        StringBuilder sb = new StringBuilder("# Generated by io.trapgate.vm.cpu.difftest.SegmentLimitCases; do not edit.\n");
        sb.append("        .text\n        .globl sl_main\nsl_main:\n").append(code).append("        movw %ds, %ax\n")
                .append("        movw %ax, %fs\n        ret\n");
        sb.append("        .section .rodata\n        .balign 8\n        .globl sl_descriptor_count, sl_user_descs, sl_raw_descs\n");
        sb.append("sl_descriptor_count:\n        .long ").append(descriptors.size()).append('\n');
        sb.append("sl_user_descs:\n");
        for (Descriptor d : descriptors) {
            int[] u = d.userDesc();
            sb.append(String.format(Locale.ROOT, "        .long %d, 0x%x, 0x%x, 0x%x%n", u[0], u[1], u[2], u[3]));
        }
        sb.append("        .balign 8\nsl_raw_descs:\n");
        for (Descriptor d : descriptors) {
            sb.append(String.format(Locale.ROOT, "        .quad 0x%016x%n", d.raw()));
        }
        return sb.toString();
    }
}
