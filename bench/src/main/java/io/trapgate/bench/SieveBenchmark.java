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
 * The sieve of bench/kernel/bench.s phase=sieve over 64 KiB, with paging on through 4 KiB pages:
 * byte compares, byte stores and movzbl loads through the soft TLB between register ALU work.
 * Score = guest instructions/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SieveBenchmark {
    private static final int STEPS = 1_000_000;
    private BenchMachine m;

    @Setup
    public void setUp() {
        m = new BenchMachine(8 << 20);
        int pd = 0x10000;
        int pt = 0x11000;
        m.memory.write32(pd, 0x83);       // 0-4 MiB: one 4 MiB page (code, tables)
        m.memory.write32(pd + 4, pt | 3); // 4-8 MiB: 4 KiB pages
        for (int e = 0; e < 1024; e++) {
            m.memory.write32(pt + e * 4, (0x400000 + (e << 12)) | 3);
        }
        m.load(0x1000,
                0xBF, 0x00, 0x00, 0x40, 0x00,             // outer: mov $0x400000,%edi
                0xB9, 0x00, 0x40, 0x00, 0x00,             // mov $0x10000/4,%ecx
                0xB8, 0x01, 0x01, 0x01, 0x01,             // mov $0x01010101,%eax
                0xFC,                                     // cld
                0xF3, 0xAB,                               // rep stosl
                0xBB, 0x02, 0x00, 0x00, 0x00,             // mov $2,%ebx
                0x89, 0xD8,                               // 2: mov %ebx,%eax
                0x0F, 0xAF, 0xC3,                         // imul %ebx,%eax
                0x3D, 0x00, 0x00, 0x01, 0x00,             // cmp $0x10000,%eax
                0x73, 0x1C,                               // jae 5f
                0x80, 0xBB, 0x00, 0x00, 0x40, 0x00, 0x00, // cmpb $0,0x400000(%ebx)
                0x74, 0x10,                               // je 4f
                0xC6, 0x80, 0x00, 0x00, 0x40, 0x00, 0x00, // 3: movb $0,0x400000(%eax)
                0x01, 0xD8,                               // add %ebx,%eax
                0x3D, 0x00, 0x00, 0x01, 0x00,             // cmp $0x10000,%eax
                0x72, 0xF0,                               // jb 3b
                0x43,                                     // 4: inc %ebx
                0xEB, 0xD8,                               // jmp 2b
                0x31, 0xC0,                               // 5: xor %eax,%eax
                0xBB, 0x02, 0x00, 0x00, 0x00,             // mov $2,%ebx
                0x0F, 0xB6, 0x93, 0x00, 0x00, 0x40, 0x00, // 6: movzbl 0x400000(%ebx),%edx
                0x01, 0xD0,                               // add %edx,%eax
                0x43,                                     // inc %ebx
                0x81, 0xFB, 0x00, 0x00, 0x01, 0x00,       // cmp $0x10000,%ebx
                0x72, 0xEE,                               // jb 6b
                0xEB, 0xA6);                              // jmp outer
        m.cpu.enterMultiboot(0x1000, 0, 0);
        CpuRegisters r = m.cpu.registers();
        r.setCr(4, r.cr(4) | 0x10);
        r.setCr(3, pd);
        r.setCr(0, r.cr(0) | 0x80000000);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int sieve() {
        int rc = m.cpu.run(STEPS);
        if (rc != Cpu.RUN_BUDGET) {
            throw new IllegalStateException("guest stopped: " + rc + "\n" + m.cpu.describeState());
        }
        return rc;
    }
}
