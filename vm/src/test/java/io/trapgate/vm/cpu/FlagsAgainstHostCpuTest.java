package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.testing.GuestBuild;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the same generated instruction sequences natively on this host's CPU (as a static i386
 * Linux program) and in the emulated CPU, and compares EAX, EBX, EDX and every flag the manuals
 * define for each instruction. Each case starts from chosen register values and an initial
 * EFLAGS of either all-arithmetic-clear or all-set.
 */
@Timeout(120)
class FlagsAgainstHostCpuTest {
    private static final int OSZAPC = Flags.OF | Flags.SF | Flags.ZF | Flags.AF | Flags.PF | Flags.CF;
    private static final int[] VALUES = {0, 1, 2, 0x0F, 0x10, 0x7F, 0x80, 0x99, 0x9A, 0xFF, 0x100, 0x7FFF, 0x8000,
        0xFFFF, 0x10000, 0x7FFFFFFF, 0x80000000, 0x80000001, 0xFFFFFFFF, 0x12345678, 0xFEDCBA98};
    private static final int[] COUNTS = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33};

    private record Case(String insn, int a, int b, int count, int d, int flagsIn, int definedFlags) {
    }

    private final List<Case> cases = new ArrayList<>();

    private void add(String insn, int a, int b, int count, int d, int defined) {
        cases.add(new Case(insn, a, b, count, d, 0, defined));
        cases.add(new Case(insn, a, b, count, d, OSZAPC, defined));
    }

    private void binary(String mnemonic, int defined) {
        for (int a : VALUES) {
            for (int b : VALUES) {
                add(mnemonic + "b %bl, %al", a, b, 0, 0, defined);
                add(mnemonic + "w %bx, %ax", a, b, 0, 0, defined);
                add(mnemonic + "l %ebx, %eax", a, b, 0, 0, defined);
            }
        }
    }

    private void unary(String mnemonic, int defined) {
        for (int a : VALUES) {
            add(mnemonic + "b %al", a, 0, 0, 0, defined);
            add(mnemonic + "w %ax", a, 0, 0, 0, defined);
            add(mnemonic + "l %eax", a, 0, 0, 0, defined);
        }
    }

    private void shifts(String mnemonic, boolean rotate) {
        for (int a : VALUES) {
            for (int n : COUNTS) {
                String[] forms = {mnemonic + "b %cl, %al", mnemonic + "w %cl, %ax", mnemonic + "l %cl, %eax"};
                int[] bits = {8, 16, 32};
                for (int k = 0; k < 3; k++) {
                    int masked = n & 31;
                    int defined;
                    if (masked == 0) {
                        defined = OSZAPC;
                    } else if (rotate) {
                        defined = Flags.CF | (masked == 1 ? Flags.OF : 0);
                    } else {
                        defined = Flags.SF | Flags.ZF | Flags.PF | Flags.CF | (masked == 1 ? Flags.OF : 0);
                        if (masked > bits[k]) {
                            defined &= ~Flags.CF;
                        }
                    }
                    add(forms[k], a, 0, n, 0, defined);
                }
            }
        }
    }

    private void buildCases() {
        binary("add", OSZAPC);
        binary("adc", OSZAPC);
        binary("sub", OSZAPC);
        binary("sbb", OSZAPC);
        binary("cmp", OSZAPC);
        binary("and", OSZAPC & ~Flags.AF);
        binary("or", OSZAPC & ~Flags.AF);
        binary("xor", OSZAPC & ~Flags.AF);
        binary("test", OSZAPC & ~Flags.AF);
        binary("xadd", OSZAPC);
        binary("cmpxchg", OSZAPC);
        unary("inc", OSZAPC);
        unary("dec", OSZAPC);
        unary("neg", OSZAPC);
        unary("not", OSZAPC);
        unary("mul", Flags.CF | Flags.OF);
        unary("imul", Flags.CF | Flags.OF);
        shifts("shl", false);
        shifts("shr", false);
        shifts("sar", false);
        shifts("rol", true);
        shifts("ror", true);
        shifts("rcl", true);
        shifts("rcr", true);
        for (int a : VALUES) {
            for (int b : VALUES) {
                add("imulw %bx, %ax", a, b, 0, 0, Flags.CF | Flags.OF);
                add("imull %ebx, %eax", a, b, 0, 0, Flags.CF | Flags.OF);
                add("imull $-3, %ebx, %eax", a, b, 0, 0, Flags.CF | Flags.OF);
                add("btl %ebx, %eax", a, b, 0, 0, Flags.CF | Flags.ZF);
                add("btsl %ebx, %eax", a, b, 0, 0, Flags.CF | Flags.ZF);
                add("btrw %bx, %ax", a, b, 0, 0, Flags.CF | Flags.ZF);
                add("btcl %ebx, %eax", a, b, 0, 0, Flags.CF | Flags.ZF);
                if (b != 0) {
                    add("bsfl %ebx, %eax", a, b, 0, 0, Flags.ZF);
                    add("bsrl %ebx, %eax", a, b, 0, 0, Flags.ZF);
                    add("bsfw %bx, %ax", a, b, 0, 0, Flags.ZF);
                }
                add("bsrl %ebx, %eax", a, 0, 0, 0, Flags.ZF);
            }
            for (int n : new int[] {0, 1, 4, 15, 16, 31}) {
                int defined = n == 0 ? OSZAPC : Flags.SF | Flags.ZF | Flags.PF | Flags.CF | (n == 1 ? Flags.OF : 0);
                add("shldl %cl, %ebx, %eax", a, 0x9ABCDEF1, n, 0, defined);
                add("shrdl %cl, %ebx, %eax", a, 0x9ABCDEF1, n, 0, defined);
                if (n <= 16) {
                    add("shldw %cl, %bx, %ax", a, 0xDEF1, n, 0, defined);
                    add("shrdw %cl, %bx, %ax", a, 0xDEF1, n, 0, defined);
                }
            }
        }
        for (int a = 0; a < 0x10000; a += 0x0F3) {
            for (int fl : new int[] {0, Flags.CF, Flags.AF, Flags.CF | Flags.AF}) {
                cases.add(new Case("daa", a, 0, 0, 0, fl, OSZAPC & ~Flags.OF));
                cases.add(new Case("das", a, 0, 0, 0, fl, OSZAPC & ~Flags.OF));
                cases.add(new Case("aaa", a, 0, 0, 0, fl, Flags.AF | Flags.CF));
                cases.add(new Case("aas", a, 0, 0, 0, fl, Flags.AF | Flags.CF));
            }
            cases.add(new Case("aam", a, 0, 0, 0, 0, Flags.SF | Flags.ZF | Flags.PF));
            cases.add(new Case("aad", a, 0, 0, 0, 0, Flags.SF | Flags.ZF | Flags.PF));
        }
    }

    private String program() {
        StringBuilder sb = new StringBuilder();
        sb.append("    mov $buf, %edi\n");
        for (Case c : cases) {
            sb.append("    mov $").append(c.a).append(", %eax\n");
            sb.append("    mov $").append(c.b).append(", %ebx\n");
            sb.append("    mov $").append(c.count).append(", %ecx\n");
            sb.append("    mov $").append(c.d).append(", %edx\n");
            sb.append("    push $").append(c.flagsIn).append("\n    popf\n");
            sb.append("    ").append(c.insn).append("\n");
            sb.append("    pushf\n    pop %esi\n");
            sb.append("    mov %eax, (%edi)\n    mov %ebx, 4(%edi)\n    mov %edx, 8(%edi)\n    mov %esi, 12(%edi)\n");
            sb.append("    add $16, %edi\n");
        }
        sb.append("""
            .ifdef HOST
                mov $4, %eax
                mov $1, %ebx
                mov $buf, %ecx
                mov %edi, %edx
                sub $buf, %edx
                int $0x80
                mov $1, %eax
                xor %ebx, %ebx
                int $0x80
            .else
                hlt
            .endif
            .bss
            .p2align 4
            buf: .skip 16 * """).append(cases.size()).append("\n");
        return sb.toString();
    }

    private byte[] runOnHost(String source) throws Exception {
        Path dir = GuestBuild.OUT.resolve("cpu-unit");
        Files.createDirectories(dir);
        Path src = dir.resolve("hostflags.s");
        Path obj = dir.resolve("hostflags.o");
        Path exe = dir.resolve("hostflags");
        Files.writeString(src, ".code32\n.text\n.globl _start\n_start:\n" + source);
        GuestBuild.exec(List.of("as", "--32", "--defsym", "HOST=1", "-o", obj.toString(), src.toString()));
        GuestBuild.exec(List.of("ld", "-m", "elf_i386", "-static", "-o", exe.toString(), obj.toString()));
        Process p = new ProcessBuilder(exe.toAbsolutePath().toString()).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "host program timed out");
        assertEquals(0, p.exitValue(), "host program failed");
        return out;
    }

    @Test
    void arithmeticResultsAndDefinedFlagsMatchTheHostCpu() throws Exception {
        buildCases();
        String source = program();
        byte[] host = runOnHost(source);
        assertEquals(16 * cases.size(), host.length, "host output size");

        CpuTestRig t = new CpuTestRig();
        byte[] code = CpuTestRig.assemble(source, CpuTestRig.ORIGIN);
        t.memory.load(CpuTestRig.ORIGIN, code, 0, code.length);
        t.cpu.enterMultiboot(CpuTestRig.ORIGIN, 0, 0);
        t.regs.set(Cpu.ESP, CpuTestRig.STACK_TOP);
        int rc = t.cpu.run(50_000_000);
        assertEquals(Cpu.RUN_HALTED, rc, t.cpu::describeState);
        int bufAddr = t.reg(Cpu.EDI) - 16 * cases.size();

        ByteBuffer h = ByteBuffer.wrap(host).order(ByteOrder.LITTLE_ENDIAN);
        StringBuilder mismatches = new StringBuilder();
        int count = 0;
        for (int k = 0; k < cases.size(); k++) {
            Case c = cases.get(k);
            int base = bufAddr + 16 * k;
            int[] mine = {t.memory.read32(base), t.memory.read32(base + 4), t.memory.read32(base + 8),
                t.memory.read32(base + 12)};
            int[] theirs = {h.getInt(16 * k), h.getInt(16 * k + 4), h.getInt(16 * k + 8), h.getInt(16 * k + 12)};
            boolean same = mine[0] == theirs[0] && mine[1] == theirs[1] && mine[2] == theirs[2]
                    && ((mine[3] ^ theirs[3]) & c.definedFlags) == 0;
            if (!same) {
                if (count++ < 25) {
                    mismatches.append(String.format("%s a=%08x b=%08x cl=%d fl=%03x: eax %08x/%08x ebx %08x/%08x edx %08x/%08x"
                            + " flags %03x/%03x (defined %03x)%n", c.insn, c.a, c.b, c.count, c.flagsIn,
                            mine[0], theirs[0], mine[1], theirs[1], mine[2], theirs[2], mine[3] & OSZAPC,
                            theirs[3] & OSZAPC, c.definedFlags));
                }
            }
        }
        assertEquals(0, count, count + " of " + cases.size() + " cases differ (emulated/host):\n" + mismatches);
    }
}
