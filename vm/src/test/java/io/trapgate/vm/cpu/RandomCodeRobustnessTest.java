package io.trapgate.vm.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Whatever bytes a guest executes, the CPU answers with guest exceptions, never a Java failure. */
@Timeout(60)
class RandomCodeRobustnessTest {
    @Test
    void randomInstructionBytesNeverThrowOutOfRun() throws Exception {
        // every vector goes to a handler that skips ahead: the random stream keeps running after faults
        CpuTestRig t = MiniKernel.boot("""
                xor %ecx, %ecx
            4:  mov $skip, %eax
                mov $0x8E00, %edx
                call set_gate
                inc %ecx
                cmp $256, %ecx
                jne 4b
                mov $0x10, %eax
                mov $0x200000, %esi
                jmp *%esi
            skip:
                mov $0x10, %eax
                mov %eax, %ds
                mov %eax, %es
                mov %eax, %ss
                mov $0x7ff000, %esp
                inc %ebp
                mov $0x200000, %esi
                add %ebp, %esi
                and $0x200fff, %esi
                push $0x2
                push $0x08
                push %esi
                iret
            """);
        Random random = new Random(0x5eed);
        byte[] junk = new byte[0x1000];
        long total = 0;
        for (int round = 0; round < 200; round++) {
            random.nextBytes(junk);
            t.memory.load(0x200000, junk, 0, junk.length);
            int rc = t.cpu.run(5000);
            total += 5000;
            assertTrue(rc >= Cpu.RUN_BUDGET && rc <= Cpu.RUN_DEBUG, "run code " + rc);
            if (rc == Cpu.RUN_TRIPLE_FAULT || rc == Cpu.RUN_HALTED) {
                // a random lidt/lgdt/mov cr can wreck the machine: start again
                t = MiniKernelReboot.reboot(t);
            }
        }
        assertTrue(total > 0);
    }

    /** Re-creates the rig from the same source (the code above is tiny to assemble). */
    private static final class MiniKernelReboot {
        static CpuTestRig reboot(CpuTestRig old) throws Exception {
            CpuTestRig fresh = new CpuTestRig();
            byte[] image = new byte[0x100000];
            for (int k = 0; k < image.length; k++) {
                image[k] = (byte) old.memory.read8(CpuTestRig.ORIGIN + k);
            }
            fresh.memory.load(CpuTestRig.ORIGIN, image, 0, image.length);
            fresh.cpu.enterMultiboot(CpuTestRig.ORIGIN, 0, 0);
            fresh.regs.set(Cpu.ESP, CpuTestRig.STACK_TOP);
            return fresh;
        }
    }
}
