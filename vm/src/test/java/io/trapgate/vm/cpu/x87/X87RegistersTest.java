package io.trapgate.vm.cpu.x87;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.trapgate.vm.cpu.Cpu;
import io.trapgate.vm.cpu.X87Registers;
import io.trapgate.vm.devices.InterruptController;
import io.trapgate.vm.devices.IoBus;
import io.trapgate.vm.memory.PhysicalMemory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The debugger's view of the FPU: what instructions left there, and writes the guest then sees. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class X87RegistersTest {
    private final PhysicalMemory memory = new PhysicalMemory(1 << 20);
    private final Cpu cpu = new Cpu(memory, new IoBus(), new InterruptController() {
        @Override
        public boolean hasInterrupt() {
            return false;
        }

        @Override
        public int acknowledge() {
            return -1;
        }
    });

    private void code(int at, int... bytes) {
        for (int k = 0; k < bytes.length; k++) {
            memory.write8(at + k, bytes[k]);
        }
    }

    private static byte[] ext(int se, long sig) {
        byte[] b = new byte[10];
        for (int k = 0; k < 8; k++) {
            b[k] = (byte) (sig >>> (8 * k));
        }
        b[8] = (byte) se;
        b[9] = (byte) (se >> 8);
        return b;
    }

    @Test
    void registersShowWhatFldpiAndFld1Left() {
        code(0x1000, 0xDB, 0xE3, 0xD9, 0xEB, 0xD9, 0xE8, 0xF4); // fninit; fldpi; fld1; hlt
        cpu.enterMultiboot(0x1000, 0, 0);
        assertEquals(Cpu.RUN_HALTED, cpu.run(100));
        X87Registers x = cpu.x87Registers();
        assertArrayEquals(ext(0x3FFF, 0x8000000000000000L), x.st(0));
        assertArrayEquals(ext(0x4000, 0xC90FDAA22168C235L), x.st(1));
        assertEquals(0x3000, x.statusWord()); // TOP = 6
        assertEquals(0x0FFF, x.tagWord()); // R6, R7 valid; the rest empty
        assertEquals(0x037F, x.controlWord());
        assertEquals(0x1004, x.instructionOffset());
        assertEquals(0x08, x.instructionSelector());
        assertEquals(0x1E8, x.opcode()); // D9 E8
    }

    @Test
    void aValueWrittenByTheDebuggerIsWhatTheGuestStores() {
        // fninit; fldz | stopped here | fstpt 0x2000; hlt
        code(0x1000, 0xDB, 0xE3, 0xD9, 0xEE, 0xDB, 0x3D, 0x00, 0x20, 0x00, 0x00, 0xF4);
        cpu.enterMultiboot(0x1000, 0, 0);
        assertEquals(Cpu.RUN_BUDGET, cpu.run(2));
        X87Registers x = cpu.x87Registers();
        x.setSt(0, ext(0xC001, 0xA000000000000000L)); // -5.0
        x.setControlWord(0x0C7F);
        assertEquals(Cpu.RUN_HALTED, cpu.run(100));
        byte[] stored = new byte[10];
        for (int k = 0; k < 10; k++) {
            stored[k] = (byte) memory.read8(0x2000 + k);
        }
        assertArrayEquals(ext(0xC001, 0xA000000000000000L), stored);
        assertEquals(0x0C7F, x.controlWord());
        assertEquals(0xFFFF, x.tagWord()); // popped: empty again
    }
}
