package io.trapgate.vm.devices;

/**
 * The PC/AT's two 8259As: the master at 0x20/0x21, the slave at 0xA0/0xA1 on the master's IR2.
 * IRQs 0-7 go to the master, 8-15 to the slave.
 */
public final class CascadedPic implements InterruptController {
    private final Pic8259 master;
    private final Pic8259 slave;
    private final TraceLog log;

    public CascadedPic(TraceLog log) {
        this.log = log;
        this.master = new Pic8259(true, log);
        this.slave = new Pic8259(false, log);
    }

    /** Claims 0x20-0x21, 0xA0-0xA1 and the edge/level control registers 0x4D0-0x4D1 on the bus. */
    public void attach(IoBus bus) {
        IoDevice ports = new IoDevice() {
            @Override
            public int in(int port, int size) {
                return (port < 0xA0 ? master : slave).read(port);
            }

            @Override
            public void out(int port, int size, int value) {
                (port < 0xA0 ? master : slave).write(port, value & 0xFF);
                cascade();
            }
        };
        bus.register(0x20, 2, new ByteWidePorts(ports, bus));
        bus.register(0xA0, 2, new ByteWidePorts(ports, bus));
        IoDevice elcr = new IoDevice() {
            @Override
            public int in(int port, int size) {
                return port == 0x4D0 ? master.elcr : slave.elcr;
            }

            @Override
            public void out(int port, int size, int value) {
                // IRQ 0, 1, 2 (master) and 8, 13 (slave) are wired edge on a PC: those bits stay 0
                if (port == 0x4D0) {
                    master.elcr = value & 0xF8;
                } else {
                    slave.elcr = value & 0xDE;
                }
                cascade();
            }
        };
        bus.register(0x4D0, 2, new ByteWidePorts(elcr, bus));
    }

    /** Sets the level of an IRQ line (0-15); a rising edge latches a request. */
    public void setIrq(int irq, boolean level) {
        if (irq < 8) {
            master.setIrq(irq, level);
        } else {
            slave.setIrq(irq - 8, level);
            cascade();
        }
    }

    /** An edge on an IRQ line: how a timer tick arrives. */
    public void pulse(int irq) {
        setIrq(irq, false);
        setIrq(irq, true);
        setIrq(irq, false);
    }

    private void cascade() {
        master.cascadeLine = slave.pendingIrq() >= 0;
    }

    @Override
    public boolean hasInterrupt() {
        return master.pendingIrq() >= 0;
    }

    /** True if {@code irq} is masked, on its own chip or (for 8-15) by the cascade input. */
    public boolean isMasked(int irq) {
        if (irq < 8) {
            return (master.imr & (1 << irq)) != 0;
        }
        return (master.imr & 0x04) != 0 || (slave.imr & (1 << (irq - 8))) != 0;
    }

    @Override
    public int acknowledge() {
        int irq = master.pendingIrq();
        int vector;
        if (irq < 0) {
            vector = master.vectorBase + 7; // spurious: the request went away before INTA
            log.guestError("pic: spurious interrupt (no request at INTA), vector 0x" + Integer.toHexString(vector));
            return vector;
        }
        if (irq == 2) {
            int s = slave.pendingIrq();
            if (s < 0) {
                vector = slave.vectorBase + 7;
            } else {
                slave.acknowledge(s);
                vector = slave.vectorBase + s;
            }
            master.acknowledge(2);
            cascade();
            irq = 8 + (s < 0 ? 7 : s);
        } else {
            master.acknowledge(irq);
            vector = master.vectorBase + irq;
        }
        if (log.interrupts) {
            log.log(String.format("int: IRQ%d -> vector 0x%02x", irq, vector));
        }
        return vector;
    }
}
