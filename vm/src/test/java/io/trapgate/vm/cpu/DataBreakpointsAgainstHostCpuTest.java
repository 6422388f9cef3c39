package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.testing.GuestBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * DR7 data breakpoints against this machine's own debug registers, for what QEMU 7.2 gets wrong and the
 * databreak system kernel therefore leaves out: misaligned accesses inside a page (straddling into a
 * breakpoint's range or lying beside it), and the EIP of a #DB after a REP's last iteration. The same
 * operations (vm/src/test/c/cpu/databp_ops.inc) run natively under ptrace (databp_host.c) and in trapgate;
 * each case's #DBs (EIP from the operation's start, ECX, DR6 B0-B3) must be the same. Accesses that fault on a
 * missing page run the same way (databp_fault_host.c, which maps the page in its SIGSEGV handler): the #PFs and
 * #DBs, in order, must be the same.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DataBreakpointsAgainstHostCpuTest {
    private static final Path SOURCES = Path.of("src", "test", "c", "cpu");
    private static final int W1 = 0, W2 = 1, W4 = 2, R1 = 3, R2 = 4, R4 = 5, REP_STOSB = 6, REP_MOVSB = 7;
    /** Where the VM program keeps the 8 KiB buffer the case offsets are relative to. */
    private static final int BUF = 0x600000;
    /** Per case: dr0, dr7, op, address, count, traps; then up to MAX_TRAPS (eip, ecx, dr6). */
    private static final int MAX_TRAPS = 8;
    private static final int CASE_BYTES = 24 + 12 * MAX_TRAPS;

    /** One case: DR0 (an offset into the buffer), DR7, the operation, its address (an offset), the REP count. */
    private record Case(int dr0, int dr7, int op, int address, int count) {
    }

    /** DR7 for breakpoint 0: L0, R/W and LEN as the SDM encodes them. */
    private static int dr7(int rw, int len) {
        int lenBits = len == 1 ? 0 : len == 2 ? 1 : len == 8 ? 2 : 3;
        return 1 | rw << 16 | lenBits << 18;
    }

    /**
     * Breakpoints of every length just after and just before an origin, in the middle of a page and at a page
     * boundary; accesses of 1, 2 and 4 bytes at every offset around them, writes against write-only and reads
     * against read/write breakpoints (and reads against write-only ones, which must not trap).
     */
    private static List<Case> accessCases() {
        int[][] breakpoints = {{1, 1}, {1, 3}, {2, 2}, {2, -2}, {4, 4}, {4, -4}, {8, 8}, {8, -8}};
        List<Case> cases = new ArrayList<>();
        for (int origin : new int[] {0x800, 0x1000}) {
            for (int[] bp : breakpoints) {
                int len = bp[0];
                int at = origin + bp[1];
                for (int off = -12; off < 20; off++) {
                    int address = origin + off;
                    cases.add(new Case(at, dr7(1, len), W1, address, 0));
                    cases.add(new Case(at, dr7(1, len), W2, address, 0));
                    cases.add(new Case(at, dr7(1, len), W4, address, 0));
                    cases.add(new Case(at, dr7(3, len), R1, address, 0));
                    cases.add(new Case(at, dr7(3, len), R2, address, 0));
                    cases.add(new Case(at, dr7(3, len), R4, address, 0));
                    cases.add(new Case(at, dr7(1, len), R4, address, 0));
                }
            }
        }
        return cases;
    }

    /** rep stosb / rep movsb (reading at the address) over a 4-byte breakpoint, ending before, in and after it. */
    private static List<Case> repCases() {
        List<Case> cases = new ArrayList<>();
        for (int count = 1; count <= 12; count++) {
            cases.add(new Case(0x820, dr7(1, 4), REP_STOSB, 0x81c, count));
            cases.add(new Case(0x820, dr7(3, 4), REP_MOVSB, 0x81c, count));
            cases.add(new Case(0x820, dr7(1, 4), REP_MOVSB, 0x81c, count)); // its reads do not trap
        }
        return cases;
    }

    @Test
    void misalignedAccessesTrapExactlyWhenTheirBytesOverlapTheBreakpointAsOnTheHostCpu() throws Exception {
        compare(accessCases());
    }

    @Test
    void repStringInstructionsTrapAfterEachHittingIterationWithEipAsOnTheHostCpu() throws Exception {
        List<Case> cases = repCases();
        List<String> vm = compare(cases);
        // the oracle must have seen what this test is about: a trap after the last iteration, EIP past the rep
        assertTrue(vm.contains(" +0/3/1 +0/2/1 +0/1/1 +2/0/1"), String.join("\n", vm));
    }

    /**
     * Accesses that fault on a not-present page after (or while) matching a breakpoint: a write or read straddling
     * from the page with the breakpoint into the next one, or from the page before into the breakpoint's page, and
     * ones wholly in the missing page. The faulting attempt did not complete, so it must not trap; the handler maps
     * the page and the restarted access traps once. Misses and a non-faulting access as controls.
     */
    private static List<Case> faultCases() {
        return List.of(
                new Case(-4, dr7(1, 4), W4, -2, 0), // breakpoint before the boundary, write across it
                new Case(0, dr7(1, 4), W4, -2, 0), // breakpoint in the missing page
                new Case(-1, dr7(1, 1), W2, -1, 0),
                new Case(0, dr7(1, 1), W2, -1, 0),
                new Case(-1, dr7(1, 1), W4, -3, 0),
                new Case(0, dr7(1, 1), W1, 0, 0), // wholly in the missing page
                new Case(4, dr7(1, 4), W4, 2, 0),
                new Case(-4, dr7(3, 4), R4, -2, 0), // a read across the boundary
                new Case(0, dr7(3, 2), R2, -1, 0),
                new Case(-4, dr7(1, 4), R4, -2, 0), // a read against a write breakpoint: faults, never traps
                new Case(-8, dr7(1, 4), W4, -2, 0), // beside the access: faults, never traps
                new Case(4, dr7(1, 4), W4, -2, 0),
                new Case(-4, dr7(1, 4), W4, -4, 0)); // no fault: traps at once
    }

    @Test
    void anAccessThatFaultsDoesNotTrapAndItsRestartTrapsOnceAsOnTheHostCpu() throws Exception {
        List<Case> cases = faultCases();
        StringBuilder input = new StringBuilder();
        for (Case c : cases) {
            input.append(String.format("%d %#x %d %d%n", c.dr0, c.dr7, c.op, c.address));
        }
        List<String> host = host("databp_fault_host", input.toString());
        List<String> vm = vmFaulting(cases);
        assertEquals(cases.size(), host.size(), "one line per case from the host: " + host);
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertEquals(host.get(i), vm.get(i), String.format("case %d: dr0 %d dr7 %#x op %d at %d (from the boundary)",
                    i, c.dr0, c.dr7, c.op, c.address));
        }
        // the oracle must have seen what this test is about: a fault, then one trap after the restarted write
        assertTrue(host.contains(" PF+0@0 DB+2/1") && host.contains(" PF+0@0") && host.contains(" DB+2/1"),
                String.join("\n", host));
    }

    private static List<String> compare(List<Case> cases) throws Exception {
        List<String> host = host(cases);
        List<String> vm = vm(cases);
        assertEquals(cases.size(), host.size(), "one line per case from the host");
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            assertEquals(host.get(i), vm.get(i), String.format("case %d: dr0 +%#x dr7 %#x op %d at +%#x count %d", i, c.dr0,
                    c.dr7, c.op, c.address, c.count));
        }
        assertTrue(host.stream().anyMatch(l -> !l.equals(" -")) && host.contains(" -"), "hits and misses both occur");
        return vm;
    }

    private static String caseLines(List<Case> cases) {
        StringBuilder sb = new StringBuilder();
        for (Case c : cases) {
            sb.append(String.format("%#x %#x %d %#x %d%n", c.dr0, c.dr7, c.op, c.address, c.count));
        }
        return sb.toString();
    }

    /** The host CPU under ptrace: databp_host.c, built with gcc -m32. */
    private static List<String> host(List<Case> cases) throws IOException, InterruptedException {
        return host("databp_host", caseLines(cases));
    }

    /** Runs the host program {@code name}.c (built with gcc -m32) on {@code cases}; its output lines. */
    private static List<String> host(String name, String cases) throws IOException, InterruptedException {
        Files.createDirectories(GuestBuild.OUT);
        Path exe = GuestBuild.OUT.resolve(name);
        GuestBuild.exec(List.of("gcc", "-m32", "-O1", "-static", "-I", SOURCES.toString(), "-o", exe.toString(),
                SOURCES.resolve(name + ".c").toString()));
        Path input = Files.createTempFile("databp-cases", ".txt");
        try {
            Files.writeString(input, cases);
            Process p = new ProcessBuilder(exe.toAbsolutePath().toString()).redirectInput(input.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the host program did not finish");
            assertEquals(0, p.exitValue(), out);
            return out.lines().toList();
        } finally {
            Files.deleteIfExists(input);
        }
    }

    /** trapgate: the same operations, a #DB handler logging EIP (from the operation's start), ECX and DR6. */
    private static List<String> vm(List<Case> cases) throws Exception {
        StringBuilder table = new StringBuilder();
        for (Case c : cases) {
            table.append(String.format(".long %#x, %#x, %d, %#x, %d, 0%n.fill %d, 1, 0%n", c.dr0, c.dr7, c.op,
                    c.address, c.count, CASE_BYTES - 24));
        }
        table.append("    .long -1\n");
        CpuTestRig t = runVm("""
                    mov $1, %%ecx
                    mov $db_handler, %%eax
                    mov $0x8E00, %%edx
                    call set_gate
                    mov $cases, %%ebx
                1:  cmpl $-1, (%%ebx)
                    je 9f
                    xor %%eax, %%eax
                    mov %%eax, %%dr7
                    mov (%%ebx), %%eax
                    add $%1$d, %%eax
                    mov %%eax, %%dr0
                    xor %%eax, %%eax
                    mov %%eax, %%dr6
                    mov 4(%%ebx), %%eax
                    mov %%eax, %%dr7
                    mov 8(%%ebx), %%eax
                    mov ops(, %%eax, 4), %%edx
                    mov %%edx, cur_op
                    mov 12(%%ebx), %%edi
                    add $%1$d, %%edi
                    mov $%1$d + 0x1800, %%esi
                    cmpl $%2$d, 8(%%ebx)
                    jne 2f
                    mov %%edi, %%esi
                    mov $%1$d + 0x1800, %%edi
                2:  mov 16(%%ebx), %%ecx
                    lea 24(%%ebx), %%eax
                    mov %%eax, log_ptr
                    mov $0x5a5a5a5a, %%eax
                    cld
                    call *%%edx
                    add $%3$d, %%ebx
                    jmp 1b
                9:  xor %%eax, %%eax
                    mov %%eax, %%dr7
                    mov $cases, %%eax
                    hlt
                db_handler:
                    push %%eax
                    push %%edx
                    mov log_ptr, %%edx
                    mov 8(%%esp), %%eax
                    sub cur_op, %%eax
                    mov %%eax, (%%edx)
                    mov %%ecx, 4(%%edx)
                    mov %%dr6, %%eax
                    and $0xf, %%eax
                    mov %%eax, 8(%%edx)
                    addl $12, log_ptr
                    incl 20(%%ebx)
                    xor %%eax, %%eax
                    mov %%eax, %%dr6
                    pop %%edx
                    pop %%eax
                    iret
                """.formatted(BUF, REP_MOVSB, CASE_BYTES), table, 50_000_000);
        return caseLog(t, cases.size(), CASE_BYTES, 24, "traps",
                (eip, ecx, dr6) -> String.format(" +%d/%d/%x", eip, ecx, dr6));
    }

    /** Where the not-present page starts in the VM program (PagingAndPrivilegeTest.PAGING leaves it unmapped). */
    private static final int BOUNDARY = 0x500000;
    /** Its page table entry, which the #PF handler fills in and each case clears. */
    private static final int BOUNDARY_PTE = 0x401400;
    /** Per case: dr0, dr7, op, address, events; then up to MAX_TRAPS (kind, eip, cr2 or dr6). */
    private static final int FAULT_CASE_BYTES = 20 + 12 * MAX_TRAPS;

    /**
     * trapgate: the same operations with paging on and the page at BOUNDARY not present; a #PF handler logs EIP
     * (from the operation's start) and CR2 (from the boundary), then maps the page; a #DB handler logs EIP and DR6.
     */
    private static List<String> vmFaulting(List<Case> cases) throws Exception {
        StringBuilder table = new StringBuilder();
        for (Case c : cases) {
            table.append(String.format(".long %d, %#x, %d, %d, 0%n.fill %d, 1, 0%n", c.dr0, c.dr7, c.op, c.address,
                    FAULT_CASE_BYTES - 20));
        }
        table.append("    .long 0, 0, -1\n");
        CpuTestRig t = runVm(PagingAndPrivilegeTest.PAGING + """
                    mov $1, %%ecx
                    mov $db_handler, %%eax
                    mov $0x8E00, %%edx
                    call set_gate
                    mov $14, %%ecx
                    mov $pf_handler, %%eax
                    call set_gate
                    mov $cases, %%ebx
                1:  cmpl $-1, 8(%%ebx)            # op -1 ends the table (dr0 may be -1)
                    je 9f
                    xor %%eax, %%eax
                    mov %%eax, %%dr7
                    movl $0, %2$#x
                    invlpg %1$#x
                    mov (%%ebx), %%eax
                    add $%1$#x, %%eax
                    mov %%eax, %%dr0
                    xor %%eax, %%eax
                    mov %%eax, %%dr6
                    mov 4(%%ebx), %%eax
                    mov %%eax, %%dr7
                    mov 8(%%ebx), %%eax
                    mov ops(, %%eax, 4), %%edx
                    mov %%edx, cur_op
                    mov 12(%%ebx), %%edi
                    add $%1$#x, %%edi
                    lea 20(%%ebx), %%eax
                    mov %%eax, log_ptr
                    mov $0x5a5a5a5a, %%eax
                    call *%%edx
                    add $%3$d, %%ebx
                    jmp 1b
                9:  xor %%eax, %%eax
                    mov %%eax, %%dr7
                    mov $cases, %%eax
                    hlt
                db_handler:
                    push %%eax
                    push %%edx
                    mov log_ptr, %%edx
                    movl $1, (%%edx)
                    mov 8(%%esp), %%eax
                    sub cur_op, %%eax
                    mov %%eax, 4(%%edx)
                    mov %%dr6, %%eax
                    and $0xf, %%eax
                    mov %%eax, 8(%%edx)
                    addl $12, log_ptr
                    incl 16(%%ebx)
                    xor %%eax, %%eax
                    mov %%eax, %%dr6
                    pop %%edx
                    pop %%eax
                    iret
                pf_handler:
                    push %%eax
                    push %%edx
                    mov log_ptr, %%edx
                    movl $2, (%%edx)
                    mov 12(%%esp), %%eax
                    sub cur_op, %%eax
                    mov %%eax, 4(%%edx)
                    mov %%cr2, %%eax
                    sub $%1$#x, %%eax
                    mov %%eax, 8(%%edx)
                    addl $12, log_ptr
                    incl 16(%%ebx)
                    movl $%1$#x | 7, %2$#x
                    invlpg %1$#x
                    pop %%edx
                    pop %%eax
                    add $4, %%esp
                    iret
                """.formatted(BOUNDARY, BOUNDARY_PTE, FAULT_CASE_BYTES), table, 10_000_000);
        return caseLog(t, cases.size(), FAULT_CASE_BYTES, 20, "events",
                (kind, eip, x) -> kind == 2 ? String.format(" PF+%d@%d", eip, x) : String.format(" DB+%d/%x", eip, x));
    }

    /**
     * Runs a VM program: {@code code}, which leaves EAX at the case table and halts, then the operations of
     * databp_ops.inc (ops, indexed as the cases number them; cur_op and log_ptr for the handlers) and the case
     * table {@code table}, its end marker included. It must reach its hlt without an unexpected exception.
     */
    private static CpuTestRig runVm(String code, CharSequence table, long maxInstructions) throws Exception {
        String ops = SOURCES.resolve("databp_ops.inc").toAbsolutePath().toString();
        CpuTestRig t = MiniKernel.boot(code + """
                .include "%s"
                    .p2align 2
                ops: .long op_w1, op_w2, op_w4, op_r1, op_r2, op_r4, op_stosb, op_movsb
                cur_op: .long 0
                log_ptr: .long 0
                cases:
                %s""".formatted(ops, table));
        t.cpu.run(maxInstructions);
        assertTrue(t.cpu.isHalted(), "the VM program ran to its hlt");
        assertTrue(t.reg(Cpu.ESI) != 0xdead, "no unexpected exception (default_handler sets ESI = 0xdead)");
        return t;
    }

    /** How a test prints one 12-byte log entry, given its three longs. */
    private interface Entry {
        String format(int first, int second, int third);
    }

    /**
     * The VM program's per-case log, at EAX when it halted, as one line per case: each case takes
     * {@code caseBytes}, the last long of its {@code headerBytes} counts its entries (at most MAX_TRAPS), the
     * entries follow; " -" for a case without any.
     */
    private static List<String> caseLog(CpuTestRig t, int cases, int caseBytes, int headerBytes, String entries,
            Entry entry) {
        int base = t.eax();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            int at = base + i * caseBytes;
            int count = t.memory.read32(at + headerBytes - 4);
            assertTrue(count <= MAX_TRAPS, "case " + i + " logged " + count + " " + entries);
            StringBuilder line = new StringBuilder();
            for (int k = 0; k < count; k++) {
                int e = at + headerBytes + 12 * k;
                line.append(entry.format(t.memory.read32(e), t.memory.read32(e + 4), t.memory.read32(e + 8)));
            }
            lines.add(count == 0 ? " -" : line.toString());
        }
        return lines;
    }
}
