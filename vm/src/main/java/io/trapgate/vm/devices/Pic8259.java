package io.trapgate.vm.devices;

/**
 * One 8259A programmable interrupt controller. Inputs are edge triggered as on the PC/AT unless the
 * chipset's edge/level control register (ELCR) marks them level triggered, as PCI interrupts are.
 * {@link CascadedPic} wires two of them together and is what the CPU and the bus see.
 */
final class Pic8259 {
    private final boolean master;
    private final TraceLog log;
    private final String name;

    int irr;
    int isr;
    int imr;
    /** Input levels last seen, to find rising edges. */
    private int lines;
    int vectorBase;
    /** The IRQ that currently has the highest priority (rotation moves it). */
    int priorityBase;
    private boolean readIsr;
    private boolean poll;
    private boolean autoEoi;
    private boolean rotateOnAutoEoi;
    private boolean specialMask;
    private boolean specialFullyNested;
    /** 0 = ready (OCW1 on the odd port), 1..3 = waiting for ICW2..ICW4. */
    private int initStep;
    private boolean icw4Expected;
    private boolean single;
    /** Master only: the slave's INT output, seen on IR2 as a level. */
    boolean cascadeLine;
    /** Edge/level control: a set bit makes that input level triggered (IRR follows the line). */
    int elcr;

    Pic8259(boolean master, TraceLog log) {
        this.master = master;
        this.log = log;
        this.name = master ? "pic1" : "pic2";
    }

    void setIrq(int irq, boolean level) {
        int bit = 1 << irq;
        if ((elcr & bit) != 0) {
            irr = level ? irr | bit : irr & ~bit;
            lines = level ? lines | bit : lines & ~bit;
            return;
        }
        if (level) {
            if ((lines & bit) == 0) {
                irr |= bit;
            }
            lines |= bit;
        } else {
            lines &= ~bit;
        }
    }

    private int requests() {
        return master && cascadeLine ? irr | 0x04 : irr;
    }

    /** 0 = highest priority, 8 = none of {@code bits}. */
    private int priority(int bits) {
        for (int p = 0; p < 8; p++) {
            if ((bits & (1 << ((p + priorityBase) & 7))) != 0) {
                return p;
            }
        }
        return 8;
    }

    /** The IRQ this chip would raise INT for now, or -1. */
    int pendingIrq() {
        int unmasked = requests() & ~imr;
        if (unmasked == 0) {
            return -1; // the common case, asked before every instruction while IF=1
        }
        int p = priority(unmasked);
        if (p == 8) {
            return -1;
        }
        int inService = isr;
        if (specialMask) {
            inService &= ~imr;
        }
        if (master && specialFullyNested) {
            inService &= ~0x04; // a slave request may nest over the slave's own service
        }
        return p < priority(inService) ? (p + priorityBase) & 7 : -1;
    }

    /** The INTA cycle for {@code irq}: into service (unless auto-EOI), out of request. */
    void acknowledge(int irq) {
        int bit = 1 << irq;
        if (autoEoi) {
            if (rotateOnAutoEoi) {
                priorityBase = (irq + 1) & 7;
            }
        } else {
            isr |= bit;
        }
        if ((elcr & bit) == 0) {
            irr &= ~bit; // a level-triggered request stays until the device drops its line
        }
    }

    int read(int port) {
        if ((port & 1) == 1) {
            return imr;
        }
        if (poll) {
            poll = false;
            int irq = pendingIrq();
            if (irq < 0) {
                return 0;
            }
            acknowledge(irq);
            return 0x80 | irq;
        }
        return readIsr ? isr : requests();
    }

    void write(int port, int v) {
        if ((port & 1) == 0) {
            if ((v & 0x10) != 0) {
                icw1(v);
            } else if ((v & 0x08) != 0) {
                ocw3(v);
            } else {
                ocw2(v);
            }
            return;
        }
        switch (initStep) {
            case 1 -> {
                vectorBase = v & 0xF8;
                initStep = single ? (icw4Expected ? 3 : 0) : 2;
            }
            case 2 -> initStep = icw4Expected ? 3 : 0; // ICW3: the PC's wiring is fixed (slave on IR2)
            case 3 -> {
                if ((v & 0x01) == 0) {
                    log.guestError(name + ": ICW4 selects 8080/8085 mode, which a PC cannot use; treated as 8086 mode");
                }
                autoEoi = (v & 0x02) != 0;
                specialFullyNested = (v & 0x10) != 0;
                initStep = 0;
            }
            default -> imr = v;
        }
    }

    private void icw1(int v) {
        irr &= elcr; // level-triggered requests are still there: their lines are still up
        lines = 0;
        isr = 0;
        imr = 0;
        priorityBase = 0;
        readIsr = false;
        poll = false;
        autoEoi = false;
        rotateOnAutoEoi = false;
        specialMask = false;
        specialFullyNested = false;
        icw4Expected = (v & 0x01) != 0;
        single = (v & 0x02) != 0;
        if ((v & 0x08) != 0) {
            log.guestError(name + ": ICW1 asks for level-triggered mode; the PC/AT PIC stays edge triggered");
        }
        initStep = 1;
    }

    private void ocw2(int v) {
        int level = v & 7;
        switch (v >>> 5) {
            case 0 -> rotateOnAutoEoi = false;
            case 4 -> rotateOnAutoEoi = true;
            case 1, 5 -> { // non-specific EOI (5: and rotate)
                int p = priority(isr);
                if (p < 8) {
                    int irq = (p + priorityBase) & 7;
                    isr &= ~(1 << irq);
                    if ((v >>> 5) == 5) {
                        priorityBase = (irq + 1) & 7;
                    }
                } else {
                    log.guestError(name + ": non-specific EOI with nothing in service");
                }
            }
            case 3 -> isr &= ~(1 << level); // specific EOI
            case 7 -> { // specific EOI and rotate
                isr &= ~(1 << level);
                priorityBase = (level + 1) & 7;
            }
            case 6 -> priorityBase = (level + 1) & 7; // set the lowest priority to IR level
            default -> { } // 2: no operation
        }
    }

    private void ocw3(int v) {
        if ((v & 0x04) != 0) {
            poll = true;
        }
        if ((v & 0x02) != 0) {
            readIsr = (v & 0x01) != 0;
        }
        if ((v & 0x40) != 0) {
            specialMask = (v & 0x20) != 0;
        }
    }
}
