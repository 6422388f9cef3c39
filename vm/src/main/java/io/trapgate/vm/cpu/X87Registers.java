package io.trapgate.vm.cpu;

/**
 * The debugger's and tests' view of the x87 state, in the order and encodings gdb's i386
 * register set uses: ST0-ST7 as 80-bit values (10 bytes, little-endian, significand first),
 * then fctrl, fstat (with TOP), ftag (the full two-bit-per-register tag word), fiseg, fioff,
 * foseg, fooff and fop. Reads and writes go straight to the CPU's FPU; call them only while
 * the CPU is stopped.
 */
public final class X87Registers {
    private final X87 x;

    X87Registers(X87 x) {
        this.x = x;
    }

    /** ST(i) as 10 bytes: significand little-endian, then sign and exponent. */
    public byte[] st(int i) {
        int p = (x.top + i) & 7;
        byte[] b = new byte[10];
        long m = x.sig[p];
        for (int k = 0; k < 8; k++) {
            b[k] = (byte) (m >>> (8 * k));
        }
        b[8] = (byte) x.se[p];
        b[9] = (byte) (x.se[p] >>> 8);
        return b;
    }

    /** Writes ST(i)'s value (10 bytes as {@link #st}); its tag is left as it is. */
    public void setSt(int i, byte[] b) {
        if (b.length != 10) {
            throw new IllegalArgumentException("an 80-bit register takes 10 bytes, not " + b.length);
        }
        int p = (x.top + i) & 7;
        long m = 0;
        for (int k = 7; k >= 0; k--) {
            m = (m << 8) | (b[k] & 0xFF);
        }
        x.sig[p] = m;
        x.se[p] = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
    }

    public int controlWord() {
        return x.cw;
    }

    public int statusWord() {
        return x.statusWord();
    }

    public int tagWord() {
        return x.tagWord();
    }

    public int instructionSelector() {
        return x.fcs;
    }

    public int instructionOffset() {
        return x.fip;
    }

    public int operandSelector() {
        return x.fds;
    }

    public int operandOffset() {
        return x.fdp;
    }

    public int opcode() {
        return x.fop;
    }

    public void setControlWord(int v) {
        x.debuggerSetControlWord(v & 0xFFFF);
    }

    /** Sets the status word, TOP included. */
    public void setStatusWord(int v) {
        x.debuggerSetStatusWord(v & 0xFFFF);
    }

    /** Sets the tag word: a register tagged 11 becomes empty, any other tag makes it valid. */
    public void setTagWord(int v) {
        x.debuggerSetTagWord(v & 0xFFFF);
    }

    public void setInstructionPointer(int selector, int offset) {
        x.fcs = selector & 0xFFFF;
        x.fip = offset;
    }

    public void setOperandPointer(int selector, int offset) {
        x.fds = selector & 0xFFFF;
        x.fdp = offset;
    }

    public void setOpcode(int v) {
        x.fop = v & 0x7FF;
    }
}
