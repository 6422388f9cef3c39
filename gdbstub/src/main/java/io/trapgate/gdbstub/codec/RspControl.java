package io.trapgate.gdbstub.codec;

/** The single bytes that travel outside packets. */
public enum RspControl implements RspFrame {
    /** {@code +}: the last packet arrived intact. */
    ACK('+'),
    /** {@code -}: the last packet arrived damaged; send it again. */
    NACK('-'),
    /** 0x03 (Ctrl-C): the client asks a running target to stop. */
    INTERRUPT(0x03);

    private final byte wireByte;

    RspControl(int wireByte) {
        this.wireByte = (byte) wireByte;
    }

    public byte wireByte() {
        return wireByte;
    }
}
