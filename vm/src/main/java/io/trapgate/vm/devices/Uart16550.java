package io.trapgate.vm.devices;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * A 16550A UART (COM1: 0x3F8, IRQ4). Transmission is instant: the transmitter holding register is
 * always empty again after a write. Received bytes come from {@link SerialInput} only while the
 * receive buffer has room, so typed input waits on the host side instead of overrunning.
 *
 * <p>As in QEMU, the interrupt line is not gated by MCR.OUT2, so a guest that forgets OUT2 still
 * gets its interrupts.
 */
public final class Uart16550 implements IoDevice {
    public static final int COM1_BASE = 0x3F8;
    public static final int COM1_IRQ = 4;

    private static final int IER_RX = 0x01;
    private static final int IER_THRE = 0x02;
    private static final int IER_LINE = 0x04;
    private static final int IER_MODEM = 0x08;
    private static final int LSR_DR = 0x01;
    private static final int LSR_OE = 0x02;
    private static final int LSR_THRE = 0x20;
    private static final int LSR_TEMT = 0x40;
    private static final int MCR_LOOP = 0x10;
    private static final int FIFO_SIZE = 16;

    private final int base;
    private final int irq;
    private final CascadedPic pic;
    private final OutputStream out;
    private final SerialInput input;

    private int ier;
    private int lcr;
    private int mcr;
    private int scratch;
    private int divisorLow = 0x0C; // 9600 baud until the guest says otherwise
    private int divisorHigh;
    private boolean fifoEnabled;
    private int rxTrigger = 1;
    private final byte[] rx = new byte[FIFO_SIZE];
    private int rxHead;
    private int rxCount;
    private boolean overrun;
    private boolean thrInterrupt;
    private int msrState = 0xB0; // DCD, DSR, CTS: a terminal is attached
    private int msrDelta;

    public Uart16550(int base, int irq, CascadedPic pic, OutputStream out, SerialInput input) {
        this.base = base;
        this.irq = irq;
        this.pic = pic;
        this.out = out;
        this.input = input;
    }

    /** Moves waiting host input into the receive buffer; the machine calls it between CPU slices. */
    public void pollInput() {
        if ((mcr & MCR_LOOP) != 0) {
            return; // in loopback the receiver hears only the transmitter
        }
        boolean got = false;
        while (rxCount < (fifoEnabled ? FIFO_SIZE : 1)) {
            int b = input.poll();
            if (b < 0) {
                break;
            }
            rx[(rxHead + rxCount++) % FIFO_SIZE] = (byte) b;
            got = true;
        }
        if (got) {
            updateIrq();
        }
    }

    /** True when the receive buffer has room, so a byte from the host could be taken now. */
    public boolean canReceive() {
        return (mcr & MCR_LOOP) == 0 && rxCount < (fifoEnabled ? FIFO_SIZE : 1);
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("serial output failed", e);
        }
    }

    @Override
    public int in(int port, int size) {
        int v = readRegister(port - base);
        updateIrq();
        return v;
    }

    @Override
    public void out(int port, int size, int value) {
        writeRegister(port - base, value & 0xFF);
        updateIrq();
    }

    private boolean dlab() {
        return (lcr & 0x80) != 0;
    }

    private int readRegister(int reg) {
        switch (reg) {
            case 0:
                if (dlab()) {
                    return divisorLow;
                }
                if (rxCount == 0) {
                    return 0;
                }
                int b = rx[rxHead] & 0xFF;
                rxHead = (rxHead + 1) % FIFO_SIZE;
                rxCount--;
                return b;
            case 1:
                return dlab() ? divisorHigh : ier;
            case 2: {
                int iir = interruptId();
                if (iir == 0x02) {
                    thrInterrupt = false; // reading IIR acknowledges a THR-empty interrupt
                }
                return iir | (fifoEnabled ? 0xC0 : 0);
            }
            case 3:
                return lcr;
            case 4:
                return mcr;
            case 5: {
                int lsr = LSR_THRE | LSR_TEMT | (rxCount > 0 ? LSR_DR : 0) | (overrun ? LSR_OE : 0);
                overrun = false;
                return lsr;
            }
            case 6: {
                int msr = modemState() | msrDelta;
                msrDelta = 0;
                return msr;
            }
            default:
                return scratch;
        }
    }

    private void writeRegister(int reg, int v) {
        switch (reg) {
            case 0:
                if (dlab()) {
                    divisorLow = v;
                } else {
                    transmit(v);
                }
                break;
            case 1:
                if (dlab()) {
                    divisorHigh = v;
                } else {
                    // enabling the THR-empty interrupt while THR is empty raises it at once
                    if ((v & IER_THRE) != 0 && (ier & IER_THRE) == 0) {
                        thrInterrupt = true;
                    }
                    ier = v & 0x0F;
                }
                break;
            case 2:
                writeFifoControl(v);
                break;
            case 3:
                lcr = v;
                break;
            case 4: {
                int before = modemState();
                mcr = v & 0x1F;
                int after = modemState();
                noteModemChange(before, after);
                break;
            }
            case 7:
                scratch = v;
                break;
            default:
                break; // LSR and MSR are read-only
        }
    }

    private void transmit(int v) {
        // Writing THR acknowledges a THR-empty interrupt; the byte leaves at once and THR is empty
        // again, so the line drops and rises: a fresh edge at the PIC, as on hardware and in QEMU.
        thrInterrupt = false;
        updateIrq();
        if ((mcr & MCR_LOOP) != 0) {
            if (rxCount < (fifoEnabled ? FIFO_SIZE : 1)) {
                rx[(rxHead + rxCount++) % FIFO_SIZE] = (byte) v;
            } else {
                overrun = true;
            }
        } else {
            try {
                out.write(v);
            } catch (IOException e) {
                throw new UncheckedIOException("serial output failed", e);
            }
        }
        thrInterrupt = (ier & IER_THRE) != 0;
    }

    private void writeFifoControl(int v) {
        boolean enable = (v & 0x01) != 0;
        if (enable != fifoEnabled) {
            rxCount = 0; // switching FIFO mode empties both FIFOs
            fifoEnabled = enable;
        }
        if ((v & 0x02) != 0) {
            rxCount = 0;
        }
        rxTrigger = switch (v >>> 6) {
            case 0 -> 1;
            case 1 -> 4;
            case 2 -> 8;
            default -> 14;
        };
    }

    /** MSR bits 7..4: the lines from the terminal, or in loopback the MCR outputs wired back. */
    private int modemState() {
        if ((mcr & MCR_LOOP) == 0) {
            return msrState;
        }
        return ((mcr & 0x02) != 0 ? 0x10 : 0) // RTS -> CTS
                | ((mcr & 0x01) != 0 ? 0x20 : 0) // DTR -> DSR
                | ((mcr & 0x04) != 0 ? 0x40 : 0) // OUT1 -> RI
                | ((mcr & 0x08) != 0 ? 0x80 : 0); // OUT2 -> DCD
    }

    private void noteModemChange(int before, int after) {
        int changed = before ^ after;
        if ((changed & 0x10) != 0) {
            msrDelta |= 0x01;
        }
        if ((changed & 0x20) != 0) {
            msrDelta |= 0x02;
        }
        if ((before & 0x40) != 0 && (after & 0x40) == 0) {
            msrDelta |= 0x04; // RI trailing edge
        }
        if ((changed & 0x80) != 0) {
            msrDelta |= 0x08;
        }
    }

    /** IIR bits 3..0 for the highest-priority pending source, 0x01 if none. */
    private int interruptId() {
        if ((ier & IER_LINE) != 0 && overrun) {
            return 0x06;
        }
        if ((ier & IER_RX) != 0 && rxCount > 0) {
            // below the FIFO trigger level the 16550A reports a character timeout instead
            return !fifoEnabled || rxCount >= rxTrigger ? 0x04 : 0x0C;
        }
        if ((ier & IER_THRE) != 0 && thrInterrupt) {
            return 0x02;
        }
        if ((ier & IER_MODEM) != 0 && msrDelta != 0) {
            return 0x00;
        }
        return 0x01;
    }

    private void updateIrq() {
        pic.setIrq(irq, (interruptId() & 0x01) == 0);
    }
}
