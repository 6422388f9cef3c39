package io.trapgate.vm.cpu;

/**
 * One decoded instruction: what the {@link Decoder} learned from its bytes, so executing it again
 * (from the {@link DecodeCache}) costs no decoding. Plain mutable fields: an instance is filled
 * once when its bytes are decoded and then only read.
 */
final class Insn {
    /** 0x00-0xFF one-byte opcode, 0x100-0x1FF two-byte opcode 0F xx, or one of the markers below. */
    static final int OP_UD = 0x200;
    /** Longer than 15 bytes: #GP(0). */
    static final int OP_TOO_LONG = 0x201;

    int op;
    /** Length in bytes, prefixes included. */
    int len;
    /** Operand size is 16 bits (otherwise 32; byte forms are implied by the opcode). */
    boolean o16;
    /** Address size is 16 bits. */
    boolean a16;
    /** Segment of the memory operand: the override, or DS/SS by the addressing form. */
    int seg;
    /** 0 none, 2 = F2 (REPNE), 3 = F3 (REP/REPE). */
    int rep;
    boolean lock;
    int mod;
    int reg;
    int rm;
    /** Effective address parts: base and index register numbers or -1, scale as a shift count. */
    int base;
    int index;
    int scale;
    int disp;
    int imm;
    /** Second immediate: the selector of a far pointer, the level byte of enter. */
    int imm2;
    /** Whether it was decoded with a 32-bit default code segment (the cache re-decodes on change). */
    boolean cs32;
    /**
     * A specialised handler for the commonest 32-bit forms (see {@link FastPath}), or
     * {@link FastPath#GENERIC} to dispatch on {@link #op}.
     */
    int handler;
    /** Destination and source registers and ALU operation of a specialised form. */
    int dst;
    int src;
    int aluOp;
    /**
     * The instructions seen to follow this one in the same page when it falls through and when
     * it branches (see Cpu.runFast); null until then. Only valid while this page's decoded
     * instructions are: the run loop follows them only while its fetch page is unchanged.
     */
    Insn next;
    Insn taken;

    boolean isMem() {
        return mod != 3;
    }
}
