package io.trapgate.bench;

import io.trapgate.vm.cpu.Cpu;
import io.trapgate.vm.cpu.CpuRegisters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Demand page faults, as in bench/kernel/bench.s phase=pagefault: a ring-0 loop touches 64
 * unmapped pages (incl on each), the #PF handler maps the page from CR2 and irets, then the loop
 * unmaps all 64 and reloads CR3. Each fault costs the TLB miss, the page walk, the unwinding of
 * the faulting instruction, the delivery through the IDT, 13 handler instructions and the retry.
 * Score = page faults/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PageFaultBenchmark {
    private static final int PAGES = 64;
    private static final int ROUNDS = 16;
    private static final int LOOP = 0x1000;
    private BenchMachine m;
    /** Instructions (and fault deliveries) one round of 64 faults retires, counted at setup. */
    private long perRound;

    @Setup
    public void setUp() {
        m = new BenchMachine(8 << 20);
        int pd = 0x10000;
        int pt = 0x11000;
        m.memory.write32(pd, 0x83);          // 0-4 MiB: one 4 MiB page (code, tables, stack)
        m.memory.write32(pd + 4, pt | 3);    // 4-8 MiB: through pt, empty: mapped on demand
        m.memory.write32(0x3008, 0x0000FFFF); // GDT 0x08: flat ring-0 code
        m.memory.write32(0x300C, 0x00CF9A00);
        m.memory.write32(0x3010, 0x0000FFFF); // GDT 0x10: flat ring-0 data
        m.memory.write32(0x3014, 0x00CF9200);
        int gate = 0x4000 + 14 * 8;           // IDT 14: interrupt gate to 0x08:0x1040
        m.memory.write32(gate, 0x00081040);
        m.memory.write32(gate + 4, 0x00008E00);
        m.load(LOOP,
                0xBF, 0x00, 0x00, 0x40, 0x00,       // loop: mov $0x400000,%edi
                0xB9, 0x40, 0x00, 0x00, 0x00,       // mov $64,%ecx
                0xFF, 0x07,                         // 1: incl (%edi)        (faults: page not present)
                0x81, 0xC7, 0x00, 0x10, 0x00, 0x00, // add $4096,%edi
                0x49,                               // dec %ecx
                0x75, 0xF5,                         // jnz 1b
                0xBF, 0x00, 0x10, 0x01, 0x00,       // mov $0x11000,%edi     (unmap all 64)
                0xB9, 0x40, 0x00, 0x00, 0x00,       // mov $64,%ecx
                0x31, 0xC0,                         // xor %eax,%eax
                0xF3, 0xAB,                         // rep stosl
                0x0F, 0x20, 0xD8,                   // mov %cr3,%eax         (flush the TLB)
                0x0F, 0x22, 0xD8,                   // mov %eax,%cr3
                0xEB, 0xD5);                        // jmp loop
        m.load(LOOP + 0x40,
                0x50,                               // pf: push %eax
                0x51,                               // push %ecx
                0x0F, 0x20, 0xD0,                   // mov %cr2,%eax
                0x89, 0xC1,                         // mov %eax,%ecx
                0x81, 0xE9, 0x00, 0x00, 0x40, 0x00, // sub $0x400000,%ecx
                0xC1, 0xE9, 0x0C,                   // shr $12,%ecx
                0x25, 0x00, 0xF0, 0xFF, 0xFF,       // and $~0xfff,%eax
                0x83, 0xC8, 0x03,                   // or $3,%eax
                0x89, 0x04, 0x8D, 0x00, 0x10, 0x01, 0x00, // mov %eax,pt(,%ecx,4)
                0x59,                               // pop %ecx
                0x58,                               // pop %eax
                0x83, 0xC4, 0x04,                   // add $4,%esp           (the error code)
                0xCF);                              // iret
        m.cpu.enterMultiboot(LOOP, 0, 0);
        CpuRegisters r = m.cpu.registers();
        r.setGdtr(0x3000, 0x17);
        r.setIdtr(0x4000, 15 * 8 - 1);
        r.set(Cpu.ESP, 0x9000);
        r.setCr(4, r.cr(4) | 0x10);
        r.setCr(3, pd);
        r.setCr(0, r.cr(0) | 0x80000000);
        // count one round by stepping until the loop head comes round again
        long start = m.cpu.retired();
        do {
            step();
        } while (r.eip() != LOOP);
        perRound = m.cpu.retired() - start;
        if (perRound < PAGES * 14L) {
            throw new IllegalStateException("the #PF handler did not run: " + perRound + " per round\n"
                    + m.cpu.describeState());
        }
    }

    private void step() {
        int rc = m.cpu.run(1);
        if (rc != Cpu.RUN_BUDGET) {
            throw new IllegalStateException("guest stopped: " + rc + "\n" + m.cpu.describeState());
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES * ROUNDS)
    public int demandFaults() {
        int rc = m.cpu.run(perRound * ROUNDS);
        if (rc != Cpu.RUN_BUDGET || m.cpu.registers().eip() != LOOP) {
            throw new IllegalStateException("guest stopped: " + rc + "\n" + m.cpu.describeState());
        }
        return rc;
    }
}
