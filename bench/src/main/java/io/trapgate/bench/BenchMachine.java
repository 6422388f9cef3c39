package io.trapgate.bench;

import io.trapgate.vm.cpu.Cpu;
import io.trapgate.vm.devices.InterruptController;
import io.trapgate.vm.devices.IoBus;
import io.trapgate.vm.memory.PhysicalMemory;

/** A bare CPU over RAM with no devices and no interrupts, loaded with hand-encoded code. */
final class BenchMachine {
    final PhysicalMemory memory;
    final Cpu cpu;

    BenchMachine(int ramBytes) {
        memory = new PhysicalMemory(ramBytes);
        cpu = new Cpu(memory, new IoBus(), new InterruptController() {
            @Override
            public boolean hasInterrupt() {
                return false;
            }

            @Override
            public int acknowledge() {
                return 0;
            }
        });
    }

    void load(int address, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int k = 0; k < bytes.length; k++) {
            b[k] = (byte) bytes[k];
        }
        memory.load(address, b, 0, b.length);
    }
}
