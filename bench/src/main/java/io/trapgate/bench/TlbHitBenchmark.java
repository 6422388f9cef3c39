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
 * A load/store loop over 256 distinct 4 KiB pages with paging on: every access hits the soft
 * TLB. Score = guest instructions/s (a third of them memory accesses).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TlbHitBenchmark {
    private static final int STEPS = 1_000_000;
    private BenchMachine m;

    @Setup
    public void setUp() {
        m = new BenchMachine(16 << 20);
        int pd = 0x10000;
        for (int t = 0; t < 4; t++) {
            int pt = 0x11000 + t * 0x1000;
            m.memory.write32(pd + t * 4, pt | 3);
            for (int e = 0; e < 1024; e++) {
                m.memory.write32(pt + e * 4, ((t * 1024 + e) << 12) | 3);
            }
        }
        m.load(0x1000,
                0x8B, 0x86, 0x00, 0x00, 0x40, 0x00, // loop: mov 0x400000(%esi),%eax
                0x89, 0x87, 0x00, 0x00, 0x48, 0x00, // mov %eax,0x480000(%edi)
                0x83, 0xC6, 0x40,                   // add $64,%esi
                0x83, 0xC7, 0x40,                   // add $64,%edi
                0x81, 0xE6, 0xFF, 0xFF, 0x07, 0x00, // and $0x7ffff,%esi
                0x81, 0xE7, 0xFF, 0xFF, 0x07, 0x00, // and $0x7ffff,%edi
                0xEB, 0xE0);                        // jmp loop
        m.cpu.enterMultiboot(0x1000, 0, 0);
        CpuRegisters r = m.cpu.registers();
        r.setCr(3, pd);
        r.setCr(0, r.cr(0) | 0x80000000);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int loadStoreLoop() {
        int rc = m.cpu.run(STEPS);
        if (rc != Cpu.RUN_BUDGET) {
            throw new IllegalStateException("guest stopped: " + rc + "\n" + m.cpu.describeState());
        }
        return rc;
    }
}
