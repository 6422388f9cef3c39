package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.Cpu.EAX;

/**
 * Specialised handlers for the instruction forms compiled code uses most (32-bit register and
 * simple memory forms of mov/ALU/push/pop/jcc/call/ret/lea), chosen once at decode time so the
 * interpreter skips the generic operand-size and addressing switches for them. Every handler
 * does exactly what the generic path does for that form; anything else is {@link #GENERIC}.
 */
final class FastPath {
    static final int GENERIC = 0;
    static final int ALU_RR = 1;     // dst op= src (registers), cmp/test leave dst
    static final int ALU_RI = 2;     // dst op= imm
    static final int MOV_RR = 3;
    static final int MOV_RI = 4;
    static final int LOAD = 5;       // dst = [ea]
    static final int STORE = 6;      // [ea] = src
    static final int INC = 7;
    static final int DEC = 8;
    static final int PUSH = 9;
    static final int POP = 10;
    static final int JCC = 11;
    static final int JMP = 12;
    static final int CALL = 13;
    static final int RET = 14;
    static final int LEA = 15;
    static final int TEST_RR = 16;
    static final int ALU_RM = 17;    // dst op= [ea]
    static final int SHIFT_RI = 18;
    static final int MOVZX_B = 19;
    static final int NOP = 20;
    static final int STORE_IMM = 21; // [ea] = imm
    static final int ALU_MI = 22;    // [ea] op= imm (cmp only reads)
    static final int LOAD8 = 23;     // reg8 = [ea]
    static final int STORE8 = 24;    // [ea] = reg8
    static final int CMP_MI8 = 25;   // cmpb $imm, [ea]
    static final int PUSH_IMM = 26;
    static final int STORE8_IMM = 27; // movb $imm, [ea]
    // ALU_RR / ALU_RI with the operation fixed at decode time (adc and sbb stay ALU_RR / ALU_RI)
    static final int ADD_RR = 28;
    static final int SUB_RR = 29;
    static final int CMP_RR = 30;
    static final int AND_RR = 31;
    static final int OR_RR = 32;
    static final int XOR_RR = 33;
    static final int ADD_RI = 34;
    static final int SUB_RI = 35;
    static final int CMP_RI = 36;
    static final int AND_RI = 37;
    static final int OR_RI = 38;
    static final int XOR_RI = 39;
    // SHIFT_RI with the kind fixed and the count (imm) already masked and non-zero
    static final int SHL_RI = 40;
    static final int SHR_RI = 41;
    static final int SAR_RI = 42;
    static final int ROL_RI = 43;
    static final int ROR_RI = 44;

    private FastPath() {
    }

    /** Chooses a handler for a freshly decoded instruction (32-bit operand size only). */
    static void specialize(Insn d) {
        chooseForm(d);
        if (d.handler == ALU_RR || d.handler == ALU_RI) {
            int byOp = byOperation(d.aluOp);
            if (byOp >= 0) {
                d.handler = byOp + (d.handler == ALU_RR ? ADD_RR : ADD_RI);
            }
        } else if (d.handler == SHIFT_RI) {
            int n = d.imm & 0x1F;
            int kind = d.reg; // ModRM reg of the C1/D1 group: rol ror rcl rcr shl shr sal sar
            if (n != 0 && kind != 2 && kind != 3) {
                d.imm = n;
                d.handler = kind == 0 ? ROL_RI : kind == 1 ? ROR_RI : kind == 5 ? SHR_RI : kind == 7 ? SAR_RI : SHL_RI;
            }
        }
    }

    /** Offset of an ALU operation's own handler from ADD_RR / ADD_RI, or -1 (adc, sbb). */
    private static int byOperation(int aluOp) {
        switch (aluOp) {
            case Alu.ADD: return 0;
            case Alu.SUB: return 1;
            case Alu.CMP: return 2;
            case Alu.AND: return 3;
            case Alu.OR: return 4;
            case Alu.XOR: return 5;
            default: return -1;
        }
    }

    private static void chooseForm(Insn d) {
        d.handler = GENERIC;
        if (d.o16 || d.lock || d.op >= 0x200) {
            return;
        }
        int op = d.op;
        boolean reg = d.mod == 3;
        if (op < 0x40 && (op & 7) < 6) {
            int form = op & 7;
            int aop = op >> 3;
            d.aluOp = aop;
            if (form == 1 && reg) {
                d.handler = ALU_RR;
                d.dst = d.rm;
                d.src = d.reg;
            } else if (form == 3 && reg) {
                d.handler = ALU_RR;
                d.dst = d.reg;
                d.src = d.rm;
            } else if (form == 3) {
                d.handler = ALU_RM;
                d.dst = d.reg;
            } else if (form == 5) {
                d.handler = ALU_RI;
                d.dst = EAX;
            }
            return;
        }
        switch (op) {
            case 0x81: case 0x83:
                d.handler = reg ? ALU_RI : ALU_MI;
                d.dst = d.rm;
                d.aluOp = d.reg;
                return;
            case 0x80:
                if (!reg && d.reg == 7) {
                    d.handler = CMP_MI8;
                }
                return;
            case 0x88:
                if (!reg) {
                    d.handler = STORE8;
                    d.src = d.reg;
                }
                return;
            case 0x8A:
                if (!reg) {
                    d.handler = LOAD8;
                    d.dst = d.reg;
                }
                return;
            case 0xC6:
                if (!reg && d.reg == 0) {
                    d.handler = STORE8_IMM;
                }
                return;
            case 0x68: case 0x6A:
                d.handler = PUSH_IMM;
                return;
            case 0x85:
                if (reg) {
                    d.handler = TEST_RR;
                    d.dst = d.rm;
                    d.src = d.reg;
                }
                return;
            case 0x89:
                if (reg) {
                    d.handler = MOV_RR;
                    d.dst = d.rm;
                } else {
                    d.handler = STORE;
                }
                d.src = d.reg;
                return;
            case 0x8B:
                if (reg) {
                    d.handler = MOV_RR;
                    d.src = d.rm;
                } else {
                    d.handler = LOAD;
                }
                d.dst = d.reg;
                return;
            case 0x8D:
                if (!reg && !d.a16) {
                    d.handler = LEA;
                    d.dst = d.reg;
                }
                return;
            case 0x90:
                if (d.rep == 0) {
                    d.handler = NOP;
                }
                return;
            case 0xC1:
                if (reg) {
                    d.handler = SHIFT_RI;
                    d.dst = d.rm;
                }
                return;
            case 0xC3:
                d.handler = RET;
                return;
            case 0xD1:
                if (reg) {
                    d.handler = SHIFT_RI;
                    d.dst = d.rm;
                    d.imm = 1;
                }
                return;
            case 0xC7:
                if (d.reg == 0) {
                    d.handler = reg ? MOV_RI : STORE_IMM;
                    d.dst = d.rm;
                }
                return;
            case 0xE8:
                d.handler = CALL;
                return;
            case 0xE9: case 0xEB:
                d.handler = JMP;
                return;
            case 0x1B6:
                d.handler = MOVZX_B;
                d.dst = d.reg;
                return;
            default:
                break;
        }
        if (op >= 0x40 && op <= 0x47) {
            d.handler = INC;
            d.dst = op & 7;
        } else if (op >= 0x48 && op <= 0x4F) {
            d.handler = DEC;
            d.dst = op & 7;
        } else if (op >= 0x50 && op <= 0x57) {
            d.handler = PUSH;
            d.src = op & 7;
        } else if (op >= 0x58 && op <= 0x5F) {
            d.handler = POP;
            d.dst = op & 7;
        } else if (op >= 0xB8 && op <= 0xBF) {
            d.handler = MOV_RI;
            d.dst = op & 7;
        } else if ((op >= 0x70 && op <= 0x7F) || (op >= 0x180 && op <= 0x18F)) {
            d.handler = JCC;
            d.aluOp = op & 0xF;
        }
    }
}
