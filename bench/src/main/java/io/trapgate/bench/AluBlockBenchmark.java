package io.trapgate.bench;

import io.trapgate.vm.cpu.Cpu;
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
 * Guest instructions per second on a register-only ALU loop (add, xor, shl, sub, inc, cmp, jne):
 * the interpreter's dispatch, lazy flags and decode-cache hit path. Score = guest instructions/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AluBlockBenchmark {
    private static final int STEPS = 1_000_000;
    private BenchMachine m;
    private BenchMachine mix;

    @Setup
    public void setUp() {
        m = new BenchMachine(1 << 20);
        m.load(0x1000,
                0x01, 0xD8,                         // loop: add %ebx,%eax
                0x31, 0xC3,                         // xor %eax,%ebx
                0xC1, 0xE0, 0x03,                   // shl $3,%eax
                0x29, 0xC8,                         // sub %ecx,%eax
                0x41,                               // inc %ecx
                0x81, 0xF9, 0x00, 0x10, 0x00, 0x00, // cmp $0x1000,%ecx
                0x75, 0xEE,                         // jne loop
                0x31, 0xC9,                         // xor %ecx,%ecx
                0xEB, 0xEA);                        // jmp loop
        m.cpu.enterMultiboot(0x1000, 0, 0);
        // the loop of bench/kernel/bench.s phase=alu: rotates, lea, shifts and inc/dec as well
        mix = new BenchMachine(1 << 20);
        mix.load(0x1000,
                0x01, 0xD8,             // 1: add %ebx,%eax
                0x31, 0xC2,             // xor %eax,%edx
                0xC1, 0xC3, 0x03,       // rol $3,%ebx
                0x29, 0xD6,             // sub %edx,%esi
                0x43,                   // inc %ebx
                0x8D, 0x44, 0x18, 0x01, // lea 1(%eax,%ebx),%eax
                0x09, 0xF7,             // or %esi,%edi
                0xD1, 0xEA,             // shr %edx
                0x49,                   // dec %ecx
                0x75, 0xEB,             // jnz 1b
                0xEB, 0xE9);            // jmp 1b
        mix.cpu.enterMultiboot(0x1000, 0, 0);
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int benchKernelAluLoop() {
        int rc = mix.cpu.run(STEPS);
        if (rc != Cpu.RUN_BUDGET) {
            throw new IllegalStateException("guest stopped: " + rc + "\n" + mix.cpu.describeState());
        }
        return rc;
    }

    @Benchmark
    @OperationsPerInvocation(STEPS)
    public int aluLoop() {
        int rc = m.cpu.run(STEPS);
        if (rc != Cpu.RUN_BUDGET) {
            throw new IllegalStateException("guest stopped: " + rc + "\n" + m.cpu.describeState());
        }
        return rc;
    }
}
