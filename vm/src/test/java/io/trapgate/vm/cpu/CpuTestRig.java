package io.trapgate.vm.cpu;

import io.trapgate.vm.devices.InterruptController;
import io.trapgate.vm.devices.IoBus;
import io.trapgate.vm.devices.IoDevice;
import io.trapgate.vm.memory.PhysicalMemory;
import io.trapgate.vm.testing.GuestBuild;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A CPU over 8 MiB of RAM with a byte-output port (0xE9) and a test-driven interrupt line.
 * Code is GNU as source assembled with {@code as --32}, linked flat at {@link #ORIGIN} and
 * started in the multiboot entry state.
 */
final class CpuTestRig {
    static final int ORIGIN = 0x100000;
    static final int STACK_TOP = 0x7FF000;
    private static final AtomicInteger SEQ = new AtomicInteger();

    final PhysicalMemory memory = new PhysicalMemory(8 << 20);
    final IoBus io = new IoBus();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final TestPic pic = new TestPic();
    final Cpu cpu = new Cpu(memory, io, pic);
    final CpuRegisters regs = cpu.registers();

    /** An interrupt controller the test raises and that counts acknowledgements. */
    static final class TestPic implements InterruptController {
        int pendingVector = -1;
        int acknowledged;

        @Override
        public boolean hasInterrupt() {
            return pendingVector >= 0;
        }

        @Override
        public int acknowledge() {
            int v = pendingVector;
            pendingVector = -1;
            acknowledged++;
            return v;
        }
    }

    CpuTestRig() {
        io.register(0xE9, 1, new IoDevice() {
            @Override
            public int in(int port, int size) {
                return 0xE9;
            }

            @Override
            public void out(int port, int size, int value) {
                out.write(value);
            }
        });
    }

    /** Assembles {@code source} (AT&T syntax, 32-bit) to a flat binary linked at {@code origin}. */
    static byte[] assemble(String source, int origin) throws IOException, InterruptedException {
        Path dir = GuestBuild.OUT.resolve("cpu-unit");
        Files.createDirectories(dir);
        String name = "t" + ProcessHandle.current().pid() + "_" + SEQ.incrementAndGet();
        Path src = dir.resolve(name + ".s");
        Path obj = dir.resolve(name + ".o");
        Path bin = dir.resolve(name + ".bin");
        Files.writeString(src, ".code32\n.text\n.globl _start\n_start:\n" + source + "\n");
        GuestBuild.exec(List.of("as", "--32", "-o", obj.toString(), src.toString()));
        GuestBuild.exec(List.of("ld", "-m", "elf_i386", "-nostdlib", "-N", "-Ttext=0x" + Integer.toHexString(origin),
                "-e", "_start", "--oformat", "binary", "-o", bin.toString(), obj.toString()));
        byte[] b = Files.readAllBytes(bin);
        Files.deleteIfExists(src);
        Files.deleteIfExists(obj);
        Files.deleteIfExists(bin);
        return b;
    }

    /** Loads assembled code at ORIGIN and enters it with ESP at STACK_TOP. */
    CpuTestRig load(String source) throws IOException, InterruptedException {
        byte[] code = assemble(source, ORIGIN);
        memory.load(ORIGIN, code, 0, code.length);
        cpu.enterMultiboot(ORIGIN, 0x2BADB002, 0x9000);
        regs.set(Cpu.ESP, STACK_TOP);
        return this;
    }

    CpuTestRig loadBytes(int... bytes) {
        byte[] code = new byte[bytes.length];
        for (int k = 0; k < bytes.length; k++) {
            code[k] = (byte) bytes[k];
        }
        memory.load(ORIGIN, code, 0, code.length);
        cpu.enterMultiboot(ORIGIN, 0, 0);
        regs.set(Cpu.ESP, STACK_TOP);
        return this;
    }

    /** Runs until hlt (or the budget ends) and returns the run() code. */
    int run() {
        return cpu.run(1_000_000);
    }

    int reg(int n) {
        return regs.get(n);
    }

    int eax() {
        return regs.get(Cpu.EAX);
    }

    int flags() {
        return regs.eflags();
    }

    String output() {
        return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
