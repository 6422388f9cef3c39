package io.trapgate.bench;

import io.trapgate.vm.cpu.Decoder;
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
 * Decoding speed on a mix of typical compiler output (ModRM/SIB forms, prefixes, immediates,
 * two-byte opcodes): the cost paid once per instruction before the decode cache holds it.
 * Score = instructions decoded/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {
    private static final int[][] MIX = {
        {0x55},                                     // push %ebp
        {0x89, 0xE5},                               // mov %esp,%ebp
        {0x8B, 0x45, 0x08},                         // mov 8(%ebp),%eax
        {0x8B, 0x04, 0x8D, 0x00, 0x10, 0x00, 0x00}, // mov 0x1000(,%ecx,4),%eax
        {0x66, 0x89, 0x43, 0x02},                   // mov %ax,2(%ebx)
        {0x0F, 0xB6, 0x06},                         // movzbl (%esi),%eax
        {0x83, 0xC4, 0x10},                         // add $16,%esp
        {0x81, 0x7D, 0xF8, 0x00, 0x01, 0x00, 0x00}, // cmpl $256,-8(%ebp)
        {0x0F, 0x84, 0x10, 0x00, 0x00, 0x00},       // je rel32
        {0xE8, 0x00, 0x00, 0x00, 0x00},             // call rel32
        {0xF3, 0xA5},                               // rep movsl
        {0xC3},                                     // ret
    };
    private static final int COUNT = 1024;
    private final Decoder decoder = new Decoder();
    private byte[] code;
    private int[] offsets;

    @Setup
    public void setUp() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        offsets = new int[COUNT];
        for (int k = 0; k < COUNT; k++) {
            offsets[k] = out.size();
            for (int b : MIX[k % MIX.length]) {
                out.write(b);
            }
        }
        code = out.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(COUNT)
    public int decodeMix() {
        int total = 0;
        for (int k = 0; k < COUNT; k++) {
            total += decoder.decodeLength(code, offsets[k], true);
        }
        return total;
    }
}
