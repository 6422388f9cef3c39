package io.trapgate.vm.cpu.difftest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Generated fault-atomicity cases: single instructions that fault (or just fit) at the edges of
 * a window of four pages (not present | read/write/execute | not present | read-only): loads,
 * stores and read-modify-writes that straddle a page, writes to a read-only page, stack
 * operations running into a missing page, string instructions with and without REP, indirect
 * jumps and calls through a missing operand, and instruction fetches that cross into a missing
 * page. What the CPU reports (trap, error code, CR2, EIP) and what it leaves in the registers
 * must match the host CPU, which reports through Linux's signal context.
 */
final class FaultCases {
    static final int WINDOW = 0x10000000;
    static final int A = WINDOW + 0x1000;      // read/write/execute
    static final int A_END = WINDOW + 0x2000;  // first byte of the second missing page
    static final int RO = WINDOW + 0x3000;     // read-only

    static final class Case {
        final String text;
        final String setup;
        final int[] regs;
        final int esp;
        final int flags;
        /** Flags the manuals leave undefined after this instruction when it completes. */
        int undefinedFlags;
        /** Why QEMU's TCG is known to report this case differently from hardware, or null. */
        String qemuDeviation;

        Case(String text, String setup, int[] regs, int esp, int flags) {
            this.text = text;
            this.setup = setup;
            this.regs = regs;
            this.esp = esp;
            this.flags = flags;
        }

        String text() {
            return text;
        }

        String setup() {
            return setup;
        }

        int[] regs() {
            return regs;
        }

        int esp() {
            return esp;
        }

        int flags() {
            return flags;
        }

        String describe() {
            StringBuilder sb = new StringBuilder(text.replace("\n", "; ")).append("  with");
            for (int r = 0; r < 8; r++) {
                sb.append(' ').append(TestVector.REG32[r]).append('=').append(TestVector.hex(r == 4 ? esp : regs[r]));
            }
            return sb.append(" flags=").append(Flags.describe(flags)).toString();
        }
    }

    final List<Case> cases = new ArrayList<>();
    private final SplittableRandom rnd = new SplittableRandom(0xfa17L);

    FaultCases() {
        straddlingLoadsAndStores();
        readOnlyWrites();
        stackEdges();
        strings();
        indirectAndFetch();
        exceptions();
    }

    /** Faults leave the registers alone and report the instruction; traps report the next one. */
    private void exceptions() {
        add("divl %ecx", 1, 0);
        add("divl " + hex(A + 0x10), "movl $0, " + hex(A + 0x10) + "\n", A + 0x800);
        add("idivl %ecx", 0, 0x80000000, 2, -1, 1, -1);
        add("divb %cl", 0, 0x1234, 1, 0x10);
        add("idivw %cx", 0, 0x8000, 2, 0xffff, 1, 0xffff);
        add(".byte 0xd4, 0x00  # aam $0");
        add("ud2");
        add(".byte 0x0f, 0xff  # reserved");
        add("int3\n1:");
        add("into\n1:"); // flags are random: it traps only when OF=1
        add("boundl %eax, " + hex(A + 0x20), "movl $5, " + hex(A + 0x20) + "\nmovl $9, " + hex(A + 0x24) + "\n",
                A + 0x800, 0, 10);
    }

    private int[] randomRegs() {
        int[] r = new int[8];
        for (int i = 0; i < 8; i++) {
            r[i] = rnd.nextInt();
        }
        return r;
    }

    private Case add(String text, String setup, int esp, int... pairs) {
        int[] regs = randomRegs();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            regs[pairs[i]] = pairs[i + 1];
        }
        Case c = new Case(text, setup, regs, esp, rnd.nextInt() & Flags.ARITH);
        cases.add(c);
        return c;
    }

    private Case add(String text, int... pairs) {
        return add(text, "", A + 0x800, pairs);
    }

    private static String hex(int v) {
        return String.format(Locale.ROOT, "0x%x", v);
    }

    private static final String QEMU_RMW = "QEMU reports a fault on the read of a read-modify-write as a read (W=0);"
            + " hardware reads with write intent (W=1)";

    /** A read-modify-write of memory: when its read faults on a missing page, hardware says W=1. */
    private void rmw(String text, boolean faults, int undefinedFlags) {
        Case c = add(text);
        c.undefinedFlags = undefinedFlags;
        if (faults) {
            c.qemuDeviation = QEMU_RMW;
        }
    }

    private void straddlingLoadsAndStores() {
        for (int k = 1; k <= 4; k++) {
            String at = hex(A_END - k);
            boolean faults = k < 4;
            add("movl " + at + ", %eax");
            add("movw " + at + ", %ax");
            add("movzwl " + at + ", %ecx");
            add("movl %ebx, " + at);
            add("movw %bx, " + at);
            rmw("addl %ebx, " + at, faults, 0);
            rmw("incl " + at, faults, 0);
            rmw("negw " + at, faults && k < 2, 0);
            rmw("xchgl %ecx, " + at, faults, 0);
            rmw("xaddl %ecx, " + at, faults, 0);
            rmw("cmpxchgl %ecx, " + at, faults, 0);
            rmw("btsl $5, " + at, faults, UndefinedFlags.of("bts"));
            rmw("shll $3, " + at, faults, UndefinedFlags.shift("shl", 32, 3));
            rmw("cmpxchg8b " + hex(A_END - 4 - k), true, 0);
            add("boundl %eax, " + hex(A_END - 4 - k), k == 4 ? "movl $-1, " + hex(A_END - 8) + "\nmovl $1, "
                    + hex(A_END - 4) + "\n" : "", A + 0x800, 0, 0); // in bounds when it does not fault
            add("pushl " + at); // the read faults before anything is pushed
            add("popl " + at); // the write faults after the read: esp is kept
        }
        // below the page: the missing page under A
        add("movl " + hex(A - 2) + ", %eax");
        add("movl %eax, " + hex(A - 1));
        add("xlatb", 3, A_END - 0x80, 0, 0x7f);
        add("xlatb", 3, A_END - 0x80, 0, 0x80);
    }

    private void readOnlyWrites() {
        String at = hex(RO + 8);
        add("movl " + at + ", %eax");
        add("movl %eax, " + at);
        add("movb $1, " + at);
        add("addl %ebx, " + at);
        add("lock incl " + at);
        add("xchgl %eax, " + at);
        add("cmpxchgl %ecx, " + at, 0, 0); // compare fails: it still writes, so it faults
        add("cmpxchg8b " + at, 0, 0, 2, 0);
        add("btrl $3, " + at);
        add("sete " + at);
        add("notl " + at);
        add("popl " + at);
        add("pushl %eax", "", RO + 0x10);
        add("movsl", "", A + 0x800, 6, A + 0x10, 7, RO + 0x20);
        add("rep stosb", "", A + 0x800, 7, RO + 0x20, 1, 5);
        add("enter $8, $2", "", A + 0x800, 5, RO + 0x40);
        add("leave", "", A + 0x800, 5, RO + 0x40);
    }

    private void stackEdges() {
        for (int k : new int[] {0, 2, 4, 8, 16, 30, 32, 36}) {
            int esp = A + k;
            add("pushl %eax", "", esp);
            add("pushw %ax", "", esp);
            add("pushal", "", esp).qemuDeviation = "QEMU reports CR2 as the lowest address of the whole pusha block;"
                    + " this CPU reports the first push that faults";
            add("pushaw", "", esp).qemuDeviation = "as pushal";
            add("pushfl", "", esp);
            add("call 1f\n1:", "", esp);
            String enter = "QEMU does not check that the final ESP of enter is writable; hardware does";
            add("enter $8, $0", "", esp, 5, A + 0x100).qemuDeviation = enter;
            add("enter $4, $3", "", esp, 5, A + 0x100).qemuDeviation = enter;
            add("pushl " + hex(A + 0x100), "", esp);
        }
        for (int k : new int[] {0, 2, 4, 8, 16, 32}) {
            int esp = A_END - k;
            add("popl %eax", "", esp);
            add("popw %ax", "", esp);
            add("popal", "", esp);
            add("popfl", k >= 4 ? "movl $0x8d5, " + hex(esp) + "\n" : "", esp); // no TF from the pattern
            add("ret\n1:", k >= 4 ? "movl $1f, " + hex(esp) + "\n" : "", esp); // a return address only where it fits
            add("leave", "", A + 0x800, 5, esp);
        }
    }

    private void strings() {
        for (int k : new int[] {1, 3, 6, 9}) {
            add("rep movsb", "", A + 0x800, 6, A + 0x10, 7, A_END - k, 1, 8);
            add("rep movsl", "", A + 0x800, 6, A + 0x10, 7, A_END - k * 2, 1, 4);
            add("movsw", "", A + 0x800, 6, A_END - k + 1, 7, A + 0x40);
            add("rep lodsb", "", A + 0x800, 6, A_END - k, 1, 8);
            add("rep scasb", "", A + 0x800, 7, A_END - k, 1, 8, 0, 0x7a7a7a7a);
            add("repe cmpsb", "", A + 0x800, 6, A + 0x10, 7, A_END - k, 1, 8);
            add("std\nrep stosw", "", A + 0x800, 7, A + k, 1, 6); // downwards into the page below
        }
    }

    private void indirectAndFetch() {
        for (int k = 1; k <= 4; k++) {
            String target = k == 4 ? "movl $1f, " + hex(A_END - 4) + "\n" : ""; // only the one that fits is read
            add("jmp *" + hex(A_END - k) + "\n1:", target, A + 0x800);
            add("call *" + hex(A_END - k) + "\n1:", target, A + 0x800);
        }
        // code at the end of the read/write/execute page, reached with call *%ecx
        add("call *%ecx", "movw $0x44b8, " + hex(A_END - 2) + "\n", A + 0x800, 1, A_END - 2); // movl $imm32 cut after 2
        add("call *%ecx", "movb $0xb8, " + hex(A_END - 5) + "\nmovl $0x11223344, " + hex(A_END - 4) + "\n", A + 0x800, 1,
                A_END - 5); // fits: the next fetch faults
        add("call *%ecx", "movw $0xb866, " + hex(A_END - 2) + "\n", A + 0x800, 1, A_END - 2); // prefix and opcode only
        add("call *%ecx", "movb $0x8b, " + hex(A_END - 1) + "\n", A + 0x800, 1, A_END - 1); // ModRM missing
        add("call *%ecx", "movb $0x90, " + hex(A_END - 1) + "\n", A + 0x800, 1, A_END - 1); // nop, then the next fetch
    }

    String assembly() {
        StringBuilder sb = new StringBuilder("# Generated by io.trapgate.vm.cpu.difftest.FaultCases; do not edit.\n");
        sb.append("        .text\n        .globl fc_main\nfc_main:\n");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            sb.append("# case ").append(i).append(": ").append(c.text().replace("\n", "; ")).append('\n');
            sb.append("        call fc_reset_page\n");
            for (String line : c.setup().split("\n")) {
                if (!line.isBlank()) {
                    sb.append("        ").append(line).append('\n');
                }
            }
            sb.append("        movl $8f, fc_recover\n");
            sb.append(String.format(Locale.ROOT, "        pushl $0x%x%n        popfl%n", c.flags() | 2));
            sb.append("        movl %esp, fc_host_esp\n");
            sb.append(String.format(Locale.ROOT, "        movl $0x%x, %%esp%n", c.esp()));
            for (int r : new int[] {0, 1, 2, 3, 5, 6, 7}) {
                sb.append(String.format(Locale.ROOT, "        movl $0x%x, %%%s%n", c.regs()[r], TestVector.REG32[r]));
            }
            for (String line : c.text().split("\n")) {
                sb.append("        ").append(line).append('\n');
            }
            // no fault: record the registers like a handler would, without touching the case's stack
            sb.append("        movl %eax, fc_state + 16\n        movl %ecx, fc_state + 20\n        movl %edx, fc_state + 24\n")
                    .append("        movl %ebx, fc_state + 28\n        movl %esp, fc_state + 32\n        movl %ebp, fc_state + 36\n")
                    .append("        movl %esi, fc_state + 40\n        movl %edi, fc_state + 44\n")
                    .append("        movl fc_host_esp, %esp\n        pushfl\n        popl fc_state + 48\n")
                    .append("        movl $0xff, fc_state\n        movl $0, fc_state + 4\n        movl $0, fc_state + 8\n")
                    .append("        movl $0, fc_state + 12\n");
            sb.append("8:      movl fc_host_esp, %esp\n        cld\n        call fc_print\n");
        }
        sb.append("        ret\n");
        return sb.toString();
    }
}
