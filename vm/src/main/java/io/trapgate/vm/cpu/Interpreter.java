package io.trapgate.vm.cpu;

import static io.trapgate.vm.cpu.Cpu.EAX;
import static io.trapgate.vm.cpu.Cpu.ECX;
import static io.trapgate.vm.cpu.Cpu.EDX;
import static io.trapgate.vm.cpu.Cpu.ESP;
import static io.trapgate.vm.cpu.Cpu.GP;
import static io.trapgate.vm.cpu.Cpu.UD;

import io.trapgate.vm.mmu.Tlb;

/**
 * Executes decoded instructions. The opcode switch is split by range (one-byte 00-7F, 80-FF,
 * two-byte 0F xx) so every method stays far below HotSpot's 8000-byte compile limit; larger
 * instructions live in {@link Alu}, {@link StringOps}, {@link ControlTransfer} and
 * {@link SystemOps}. Operand helpers here read and write ModRM operands of a given size
 * (0 = byte, 1 = word, 2 = dword).
 */
final class Interpreter {
    private final Cpu c;
    private final int[] r;
    private final Flags f;
    final Alu alu;
    final StringOps strings;
    final ControlTransfer control;
    final SystemOps system;
    /** Where the memory operand of a read-modify-write in progress lives. */
    private int rmwLinear;
    private int rmwPhysical;
    private boolean rmwCrossesPage;

    Interpreter(Cpu c) {
        this.c = c;
        this.r = c.r;
        this.f = c.flags;
        this.alu = new Alu(c);
        this.strings = new StringOps(c);
        this.control = new ControlTransfer(c);
        this.system = new SystemOps(c);
    }

    /**
     * Executes one instruction; false if it raised a guest fault (recorded by Cpu.fault, state
     * rolled back as the instruction requires). The catch is here, not in the run loop, so a
     * fault thrown by an access path HotSpot inlined into this method (a #PF from a load or
     * store fast path) is a jump, not a trip through the JVM's exception runtime per frame.
     */
    boolean execute(Insn i) {
        try {
            int[] r = this.r;
            switch (i.handler) {
                case FastPath.GENERIC:
                    executeGeneric(i);
                    return true;
                case FastPath.ALU_RR: {
                    int res = alu.alu(i.aluOp, 2, r[i.dst], r[i.src]);
                    if (i.aluOp != Alu.CMP) {
                        r[i.dst] = res;
                    }
                    return true;
                }
                case FastPath.ALU_RI: {
                    int res = alu.alu(i.aluOp, 2, r[i.dst], i.imm);
                    if (i.aluOp != Alu.CMP) {
                        r[i.dst] = res;
                    }
                    return true;
                }
                case FastPath.MOV_RR:
                    r[i.dst] = r[i.src];
                    return true;
                case FastPath.MOV_RI:
                    r[i.dst] = i.imm;
                    return true;
                case FastPath.LOAD:
                    r[i.dst] = c.read32(i.seg, c.ea(i));
                    return true;
                case FastPath.STORE:
                    c.write32(i.seg, c.ea(i), r[i.src]);
                    return true;
                case FastPath.INC:
                    r[i.dst] = alu.inc(2, r[i.dst]);
                    return true;
                case FastPath.DEC:
                    r[i.dst] = alu.dec(2, r[i.dst]);
                    return true;
                case FastPath.PUSH:
                    c.push32(r[i.src]);
                    return true;
                case FastPath.POP: {
                    int v = c.pop32();
                    r[i.dst] = v;
                    return true;
                }
                case FastPath.JCC:
                    if (f.cond(i.aluOp)) {
                        c.eip += i.imm;
                    }
                    return true;
                case FastPath.JMP:
                    c.eip += i.imm;
                    return true;
                case FastPath.CALL:
                    c.push32(c.eip);
                    c.eip += i.imm;
                    return true;
                case FastPath.RET:
                    c.eip = c.pop32();
                    return true;
                case FastPath.LEA:
                    r[i.dst] = c.ea(i);
                    return true;
                case FastPath.TEST_RR:
                    f.logic(2, r[i.dst] & r[i.src]);
                    return true;
                case FastPath.ALU_RM: {
                    int res = alu.alu(i.aluOp, 2, r[i.dst], c.read32(i.seg, c.ea(i)));
                    if (i.aluOp != Alu.CMP) {
                        r[i.dst] = res;
                    }
                    return true;
                }
                case FastPath.SHIFT_RI:
                    r[i.dst] = alu.shift(i.reg, 2, r[i.dst], i.imm);
                    return true;
                case FastPath.ADD_RR: {
                    int a = r[i.dst];
                    int b = r[i.src];
                    int res = a + b;
                    f.set(Flags.ADD, 2, a, b, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.SUB_RR: {
                    int a = r[i.dst];
                    int b = r[i.src];
                    int res = a - b;
                    f.set(Flags.SUB, 2, a, b, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.CMP_RR: {
                    int a = r[i.dst];
                    int b = r[i.src];
                    f.set(Flags.SUB, 2, a, b, a - b);
                    return true;
                }
                case FastPath.AND_RR: {
                    int res = r[i.dst] & r[i.src];
                    f.logic(2, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.OR_RR: {
                    int res = r[i.dst] | r[i.src];
                    f.logic(2, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.XOR_RR: {
                    int res = r[i.dst] ^ r[i.src];
                    f.logic(2, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.ADD_RI: {
                    int a = r[i.dst];
                    int b = i.imm;
                    int res = a + b;
                    f.set(Flags.ADD, 2, a, b, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.SUB_RI: {
                    int a = r[i.dst];
                    int b = i.imm;
                    int res = a - b;
                    f.set(Flags.SUB, 2, a, b, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.CMP_RI: {
                    int a = r[i.dst];
                    int b = i.imm;
                    f.set(Flags.SUB, 2, a, b, a - b);
                    return true;
                }
                case FastPath.AND_RI: {
                    int res = r[i.dst] & i.imm;
                    f.logic(2, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.OR_RI: {
                    int res = r[i.dst] | i.imm;
                    f.logic(2, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.XOR_RI: {
                    int res = r[i.dst] ^ i.imm;
                    f.logic(2, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.SHL_RI: {
                    int v = r[i.dst];
                    int res = v << i.imm;
                    f.set(Flags.SHL, 2, v, i.imm, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.SHR_RI: {
                    int v = r[i.dst];
                    int res = v >>> i.imm;
                    f.set(Flags.SHR, 2, v, i.imm, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.SAR_RI: {
                    int v = r[i.dst];
                    int res = v >> i.imm;
                    f.set(Flags.SAR, 2, v, i.imm, res);
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.ROL_RI: {
                    int res = Integer.rotateLeft(r[i.dst], i.imm);
                    int cf = res & 1;
                    f.setArith(Flags.CF | Flags.OF, cf | (((res >>> 31) ^ cf) != 0 ? Flags.OF : 0));
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.ROR_RI: {
                    int res = Integer.rotateRight(r[i.dst], i.imm);
                    int top = res >>> 31;
                    f.setArith(Flags.CF | Flags.OF, top | ((top ^ ((res >>> 30) & 1)) != 0 ? Flags.OF : 0));
                    r[i.dst] = res;
                    return true;
                }
                case FastPath.MOVZX_B:
                    r[i.dst] = readRm(i, 0);
                    return true;
                case FastPath.NOP:
                    return true;
                case FastPath.STORE_IMM:
                    c.write32(i.seg, c.ea(i), i.imm);
                    return true;
                case FastPath.ALU_MI:
                    if (i.aluOp == Alu.CMP) {
                        alu.alu(Alu.CMP, 2, c.read32(i.seg, c.ea(i)), i.imm);
                    } else {
                        int a = readRmw(i, 2);
                        writeRmw(i, 2, alu.alu(i.aluOp, 2, a, i.imm));
                    }
                    return true;
                case FastPath.LOAD8:
                    c.setReg8(i.dst, c.read8(i.seg, c.ea(i)));
                    return true;
                case FastPath.STORE8:
                    c.write8(i.seg, c.ea(i), c.reg8(i.src));
                    return true;
                case FastPath.CMP_MI8:
                    alu.alu(Alu.CMP, 0, c.read8(i.seg, c.ea(i)), i.imm);
                    return true;
                case FastPath.PUSH_IMM:
                    c.push32(i.imm);
                    return true;
                case FastPath.STORE8_IMM:
                    c.write8(i.seg, c.ea(i), i.imm);
                    return true;
                default:
                    executeGeneric(i);
                    return true;
            }
        } catch (GuestFault f) {
            return false;
        }
    }

    private void executeGeneric(Insn i) {
        int op = i.op;
        if (op < 0x80) {
            execute00(i);
        } else if (op < 0x100) {
            execute80(i);
        } else if (op < 0x200) {
            execute0F(i);
        } else if (op == Insn.OP_TOO_LONG) {
            throw c.fault(GP, 0);
        } else {
            throw c.fault(UD, 0);
        }
    }

    // =====================================================================================
    // operands
    // =====================================================================================

    /** Operand size of a byte/full-size opcode pair: even = byte. */
    private static int sizeOf(Insn i) {
        return (i.op & 1) == 0 ? 0 : i.o16 ? 1 : 2;
    }

    private static int vsize(Insn i) {
        return i.o16 ? 1 : 2;
    }

    int reg(int size, int n) {
        switch (size) {
            case 0: return c.reg8(n);
            case 1: return r[n] & 0xFFFF;
            default: return r[n];
        }
    }

    void setReg(int size, int n, int v) {
        switch (size) {
            case 0: c.setReg8(n, v); break;
            case 1: r[n] = (r[n] & 0xFFFF0000) | (v & 0xFFFF); break;
            default: r[n] = v; break;
        }
    }

    int readMem(int size, int seg, int off) {
        switch (size) {
            case 0: return c.read8(seg, off);
            case 1: return c.read16(seg, off);
            default: return c.read32(seg, off);
        }
    }

    void writeMem(int size, int seg, int off, int v) {
        switch (size) {
            case 0: c.write8(seg, off, v); break;
            case 1: c.write16(seg, off, v); break;
            default: c.write32(seg, off, v); break;
        }
    }

    /** Reads the ModRM r/m operand. */
    int readRm(Insn i, int size) {
        if (i.mod == 3) {
            return reg(size, i.rm);
        }
        return readMem(size, i.seg, c.ea(i));
    }

    void writeRm(Insn i, int size, int v) {
        if (i.mod == 3) {
            setReg(size, i.rm, v);
        } else {
            writeMem(size, i.seg, c.ea(i), v);
        }
    }

    /**
     * Reads the r/m operand of a read-modify-write after translating it for writing, so a
     * protection fault (#PF on a read-only page, #GP) happens before any flag or register
     * changes: the exception frame then holds the flags the instruction started with.
     */
    int readRmw(Insn i, int size) {
        if (i.mod == 3) {
            return reg(size, i.rm);
        }
        int n = 1 << size;
        int la = c.linear(i.seg, c.ea(i), n, true);
        rmwLinear = la;
        if ((la & 0xFFF) <= 0x1000 - n) {
            int pa = c.translate(la, c.tlbWrite >> Tlb.BITS, n);
            rmwPhysical = pa;
            rmwCrossesPage = false;
            switch (size) {
                case 0: return c.memory.read8(pa);
                case 1: return c.memory.read16(pa);
                default: return c.memory.read32(pa);
            }
        }
        c.probeWrite(la, n);
        rmwCrossesPage = true;
        return size == 1 ? c.readLin16(la) : c.readLin32(la);
    }

    /** Writes the result of a read-modify-write to where {@link #readRmw} read (it cannot fault now). */
    void writeRmw(Insn i, int size, int v) {
        if (i.mod == 3) {
            setReg(size, i.rm, v);
            return;
        }
        if (!rmwCrossesPage) {
            int pa = rmwPhysical;
            switch (size) {
                case 0: c.memory.write8(pa, v); break;
                case 1: c.memory.write16(pa, v); break;
                default: c.memory.write32(pa, v); break;
            }
            return;
        }
        if (size == 1) {
            c.writeLin16(rmwLinear, v);
        } else {
            c.writeLin32(rmwLinear, v);
        }
    }

    private void jumpRelative(Insn i, int disp) {
        int target = c.eip + disp;
        c.eip = i.o16 ? target & 0xFFFF : target;
    }

    // =====================================================================================
    // one-byte opcodes 00-7F
    // =====================================================================================

    private void execute00(Insn i) {
        int op = i.op;
        if (op < 0x40 && (op & 7) < 6) {
            aluForm(i, op >> 3, op & 7);
            return;
        }
        switch (op) {
            case 0x06: case 0x0E: case 0x16: case 0x1E:
                pushSegment(i, op >> 3);
                return;
            case 0x07: case 0x17: case 0x1F:
                popSegment(i, op >> 3);
                return;
            case 0x27: alu.daa(); return;
            case 0x2F: alu.das(); return;
            case 0x37: alu.asciiAdjust(true); return;
            case 0x3F: alu.asciiAdjust(false); return;
            case 0x40: case 0x41: case 0x42: case 0x43: case 0x44: case 0x45: case 0x46: case 0x47: {
                int s = vsize(i);
                setReg(s, op & 7, alu.inc(s, reg(s, op & 7)));
                return;
            }
            case 0x48: case 0x49: case 0x4A: case 0x4B: case 0x4C: case 0x4D: case 0x4E: case 0x4F: {
                int s = vsize(i);
                setReg(s, op & 7, alu.dec(s, reg(s, op & 7)));
                return;
            }
            case 0x50: case 0x51: case 0x52: case 0x53: case 0x54: case 0x55: case 0x56: case 0x57:
                c.push(i.o16, r[op & 7]);
                return;
            case 0x58: case 0x59: case 0x5A: case 0x5B: case 0x5C: case 0x5D: case 0x5E: case 0x5F: {
                int v = c.pop(i.o16);
                setReg(vsize(i), op & 7, v);
                return;
            }
            case 0x60: pusha(i); return;
            case 0x61: popa(i); return;
            case 0x62: bound(i); return;
            case 0x63: system.arpl(i); return;
            case 0x68: c.push(i.o16, i.imm); return;
            case 0x69: case 0x6B: {
                int s = vsize(i);
                int a = readRm(i, s);
                setReg(s, i.reg, alu.imul(s, a, i.imm));
                return;
            }
            case 0x6A: c.push(i.o16, i.imm); return;
            case 0x6C: case 0x6D: strings.ins(i, sizeOf(i)); return;
            case 0x6E: case 0x6F: strings.outs(i, sizeOf(i)); return;
            default:
                if (op >= 0x70) {
                    if (f.cond(op & 0xF)) {
                        jumpRelative(i, i.imm);
                    }
                    return;
                }
                throw c.fault(UD, 0);
        }
    }

    /** The six encodings of each ALU operation (Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev / AL,Ib / eAX,Iz). */
    private void aluForm(Insn i, int aop, int form) {
        switch (form) {
            case 0: case 1: {
                int s = form == 0 ? 0 : vsize(i);
                int b = reg(s, i.reg);
                if (aop == Alu.CMP) {
                    alu.alu(aop, s, readRm(i, s), b);
                } else {
                    int a = readRmw(i, s);
                    writeRmw(i, s, alu.alu(aop, s, a, b));
                }
                return;
            }
            case 2: case 3: {
                int s = form == 2 ? 0 : vsize(i);
                int b = readRm(i, s);
                int res = alu.alu(aop, s, reg(s, i.reg), b);
                if (aop != Alu.CMP) {
                    setReg(s, i.reg, res);
                }
                return;
            }
            case 4: {
                int res = alu.alu(aop, 0, r[EAX] & 0xFF, i.imm);
                if (aop != Alu.CMP) {
                    c.setReg8(0, res);
                }
                return;
            }
            default: {
                int s = vsize(i);
                int res = alu.alu(aop, s, reg(s, EAX), i.imm);
                if (aop != Alu.CMP) {
                    setReg(s, EAX, res);
                }
                return;
            }
        }
    }

    private void pushSegment(Insn i, int s) {
        int sel = c.segSel[s];
        if (i.o16) {
            c.push16(sel);
        } else {
            // a 32-bit push of a segment register writes only the low word on P6
            int sp = c.r[ESP] - 4;
            if (!c.ss32) {
                sp &= 0xFFFF;
            }
            c.write16(Cpu.SS, sp, sel);
            c.setSp(sp);
        }
    }

    private void popSegment(Insn i, int s) {
        int sel = i.o16 ? c.peek16(0) : c.peek32(0) & 0xFFFF;
        c.segments.loadData(s, sel);
        c.setSp(c.sp() + (i.o16 ? 2 : 4));
        if (s == Cpu.SS) {
            c.shadowAt = c.retired + 1;
            c.inhibitDebugTrap = true;
            c.debugEvent = true;
        }
    }

    private void pusha(Insn i) {
        int sp = c.r[ESP];
        int size = i.o16 ? 2 : 4;
        int newSp = sp - 8 * size;
        // check the whole frame before writing any of it
        c.linear(Cpu.SS, c.ss32 ? newSp : newSp & 0xFFFF, 8 * size, true);
        for (int n = 0; n < 8; n++) {
            int v = n == ESP ? sp : r[n];
            int off = newSp + (7 - n) * size;
            if (!c.ss32) {
                off &= 0xFFFF;
            }
            if (i.o16) {
                c.write16(Cpu.SS, off, v);
            } else {
                c.write32(Cpu.SS, off, v);
            }
        }
        c.setSp(newSp);
    }

    private void popa(Insn i) {
        int size = i.o16 ? 2 : 4;
        // registers are written as they are read (EDI first), so a fault part-way leaves the
        // ones already popped updated and ESP unchanged, as the host CPU and QEMU do
        for (int n = 0; n < 8; n++) {
            int v = i.o16 ? c.peek16(n * size) : c.peek32(n * size);
            if (7 - n != ESP) {
                setReg(vsize(i), 7 - n, v);
            }
        }
        c.setSp(c.sp() + 8 * size);
    }

    private void bound(Insn i) {
        int idx = reg(vsize(i), i.reg);
        int off = c.ea(i);
        int lo;
        int hi;
        if (i.o16) {
            lo = (short) c.read16(i.seg, off);
            hi = (short) c.read16(i.seg, i.a16 ? (off + 2) & 0xFFFF : off + 2);
            idx = (short) idx;
        } else {
            lo = c.read32(i.seg, off);
            hi = c.read32(i.seg, i.a16 ? (off + 4) & 0xFFFF : off + 4);
        }
        if (idx < lo || idx > hi) {
            throw c.fault(Cpu.BR, 0);
        }
    }

    // =====================================================================================
    // one-byte opcodes 80-FF
    // =====================================================================================

    private void execute80(Insn i) {
        int op = i.op;
        switch (op) {
            case 0x80: case 0x81: case 0x82: case 0x83: {
                int s = op == 0x80 || op == 0x82 ? 0 : vsize(i);
                int b = i.imm;
                if (i.reg == Alu.CMP) {
                    alu.alu(Alu.CMP, s, readRm(i, s), b);
                } else {
                    int a = readRmw(i, s);
                    writeRmw(i, s, alu.alu(i.reg, s, a, b));
                }
                return;
            }
            case 0x84: case 0x85: {
                int s = sizeOf(i);
                f.logic(s, readRm(i, s) & reg(s, i.reg));
                return;
            }
            case 0x86: case 0x87: {
                int s = sizeOf(i);
                int a = readRmw(i, s);
                int b = reg(s, i.reg);
                writeRmw(i, s, b);
                setReg(s, i.reg, a);
                return;
            }
            case 0x88: case 0x89: {
                int s = sizeOf(i);
                writeRm(i, s, reg(s, i.reg));
                return;
            }
            case 0x8A: case 0x8B: {
                int s = sizeOf(i);
                setReg(s, i.reg, readRm(i, s));
                return;
            }
            case 0x8C: {
                if (i.reg > 5) {
                    throw c.fault(UD, 0);
                }
                int sel = c.segSel[i.reg];
                if (i.mod == 3) {
                    setReg(vsize(i), i.rm, sel);
                } else {
                    c.write16(i.seg, c.ea(i), sel);
                }
                return;
            }
            case 0x8D:
                setReg(vsize(i), i.reg, c.ea(i));
                return;
            case 0x8E: {
                if (i.reg == Cpu.CS || i.reg > 5) {
                    throw c.fault(UD, 0);
                }
                int sel = readRm(i, 1);
                c.segments.loadData(i.reg, sel);
                if (i.reg == Cpu.SS) {
                    c.shadowAt = c.retired + 1;
                    c.inhibitDebugTrap = true;
                    c.debugEvent = true;
                }
                return;
            }
            case 0x8F: popRm(i); return;
            case 0x90:
                return; // nop (also pause with F3)
            case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97: {
                int s = vsize(i);
                int a = reg(s, EAX);
                setReg(s, EAX, reg(s, op & 7));
                setReg(s, op & 7, a);
                return;
            }
            case 0x98:
                if (i.o16) {
                    c.setReg16(EAX, (byte) r[EAX]);
                } else {
                    r[EAX] = (short) r[EAX];
                }
                return;
            case 0x99:
                if (i.o16) {
                    c.setReg16(EDX, ((short) r[EAX]) >> 15);
                } else {
                    r[EDX] = r[EAX] >> 31;
                }
                return;
            case 0x9A: control.callFar(i, i.imm2, i.imm); return;
            case 0x9B: c.x87.fwait(); return;
            case 0x9C: system.pushf(i); return;
            case 0x9D: system.popf(i); return;
            case 0x9E: {
                int ah = (r[EAX] >>> 8) & 0xFF;
                int mask = Flags.CF | Flags.PF | Flags.AF | Flags.ZF | Flags.SF;
                f.setArith(mask, ah & mask);
                return;
            }
            case 0x9F:
                c.setReg8(4, (f.get() & 0xD7) | 2);
                return;
            case 0xA0: case 0xA1: {
                int s = sizeOf(i);
                setReg(s, EAX, readMem(s, i.seg, i.disp));
                return;
            }
            case 0xA2: case 0xA3: {
                int s = sizeOf(i);
                writeMem(s, i.seg, i.disp, reg(s, EAX));
                return;
            }
            case 0xA4: case 0xA5: strings.movs(i, sizeOf(i)); return;
            case 0xA6: case 0xA7: strings.cmps(i, sizeOf(i)); return;
            case 0xA8: case 0xA9: {
                int s = sizeOf(i);
                f.logic(s, reg(s, EAX) & i.imm);
                return;
            }
            case 0xAA: case 0xAB: strings.stos(i, sizeOf(i)); return;
            case 0xAC: case 0xAD: strings.lods(i, sizeOf(i)); return;
            case 0xAE: case 0xAF: strings.scas(i, sizeOf(i)); return;
            case 0xB0: case 0xB1: case 0xB2: case 0xB3: case 0xB4: case 0xB5: case 0xB6: case 0xB7:
                c.setReg8(op & 7, i.imm);
                return;
            case 0xB8: case 0xB9: case 0xBA: case 0xBB: case 0xBC: case 0xBD: case 0xBE: case 0xBF:
                setReg(vsize(i), op & 7, i.imm);
                return;
            default:
                execute80b(i);
        }
    }

    private void popRm(Insn i) {
        if (i.reg != 0) {
            throw c.fault(UD, 0);
        }
        int size = i.o16 ? 2 : 4;
        int v = i.o16 ? c.peek16(0) : c.peek32(0);
        if (i.mod == 3) {
            c.setSp(c.sp() + size);
            setReg(vsize(i), i.rm, v);
            return;
        }
        // the address is computed with ESP already incremented
        int oldEsp = r[ESP];
        c.setSp(c.sp() + size);
        try {
            writeMem(vsize(i), i.seg, c.ea(i), v);
        } catch (GuestFault g) {
            r[ESP] = oldEsp;
            throw g;
        }
    }

    private void execute80b(Insn i) {
        int op = i.op;
        switch (op) {
            case 0xC0: case 0xC1: case 0xD0: case 0xD1: case 0xD2: case 0xD3: {
                int s = sizeOf(i);
                int count = op <= 0xC1 ? i.imm : op <= 0xD1 ? 1 : r[ECX];
                int a = readRmw(i, s);
                writeRmw(i, s, alu.shift(i.reg, s, a, count));
                return;
            }
            case 0xC2: control.retNear(i, i.imm & 0xFFFF); return;
            case 0xC3: control.retNear(i, 0); return;
            case 0xC4: loadFarPointer(i, Cpu.ES); return;
            case 0xC5: loadFarPointer(i, Cpu.DS); return;
            case 0xC6: case 0xC7:
                if (i.reg != 0) {
                    throw c.fault(UD, 0);
                }
                writeRm(i, sizeOf(i), i.imm);
                return;
            case 0xC8: control.enter(i); return;
            case 0xC9: control.leave(i); return;
            case 0xCA: control.retFar(i, i.imm & 0xFFFF); return;
            case 0xCB: control.retFar(i, 0); return;
            case 0xCC: c.interrupts.deliverSoftware(Cpu.BP); return;
            case 0xCD: control.softwareInterrupt(i.imm & 0xFF); return;
            case 0xCE:
                if (f.of()) {
                    c.interrupts.deliverSoftware(Cpu.OF);
                }
                return;
            case 0xCF: control.iret(i); return;
            case 0xD4: alu.aam(i.imm); return;
            case 0xD5: alu.aad(i.imm); return;
            case 0xD6: c.setReg8(0, f.cf() ? 0xFF : 0); return; // salc
            case 0xD7: {
                int off = i.a16 ? (r[Cpu.EBX] + (r[EAX] & 0xFF)) & 0xFFFF : r[Cpu.EBX] + (r[EAX] & 0xFF);
                c.setReg8(0, c.read8(i.seg, off));
                return;
            }
            case 0xD8: case 0xD9: case 0xDA: case 0xDB: case 0xDC: case 0xDD: case 0xDE: case 0xDF:
                c.x87.escape(i);
                return;
            case 0xE0: case 0xE1: case 0xE2: case 0xE3: loop(i, op); return;
            case 0xE4: case 0xE5: system.in(i, sizeOf(i), i.imm & 0xFF); return;
            case 0xE6: case 0xE7: system.out(i, sizeOf(i), i.imm & 0xFF); return;
            case 0xE8: {
                c.push(i.o16, c.eip);
                jumpRelative(i, i.imm);
                return;
            }
            case 0xE9: case 0xEB: jumpRelative(i, i.imm); return;
            case 0xEA: control.jumpFar(i, i.imm2, i.imm); return;
            case 0xEC: case 0xED: system.in(i, sizeOf(i), r[EDX] & 0xFFFF); return;
            case 0xEE: case 0xEF: system.out(i, sizeOf(i), r[EDX] & 0xFFFF); return;
            case 0xF1: c.interrupts.deliverIcebp(); return;
            case 0xF4: system.hlt(); return;
            case 0xF5: alu.setCarry(!f.cf()); return;
            case 0xF6: case 0xF7: group3(i, sizeOf(i)); return;
            case 0xF8: alu.setCarry(false); return;
            case 0xF9: alu.setCarry(true); return;
            case 0xFA: system.cli(); return;
            case 0xFB: system.sti(); return;
            case 0xFC: f.bits &= ~Flags.DF; return;
            case 0xFD: f.bits |= Flags.DF; return;
            case 0xFE: group4(i); return;
            case 0xFF: group5(i); return;
            default: throw c.fault(UD, 0);
        }
    }

    private void loadFarPointer(Insn i, int s) {
        int off = c.ea(i);
        int size = i.o16 ? 2 : 4;
        int offset = i.o16 ? c.read16(i.seg, off) : c.read32(i.seg, off);
        int sel = c.read16(i.seg, i.a16 ? (off + size) & 0xFFFF : off + size);
        c.segments.loadData(s, sel);
        setReg(vsize(i), i.reg, offset);
    }

    private void loop(Insn i, int op) {
        int count;
        if (i.a16) {
            count = (r[ECX] - 1) & 0xFFFF;
        } else {
            count = r[ECX] - 1;
        }
        boolean take;
        switch (op) {
            case 0xE0: setCount(i, count); take = count != 0 && !f.zf(); break;
            case 0xE1: setCount(i, count); take = count != 0 && f.zf(); break;
            case 0xE2: setCount(i, count); take = count != 0; break;
            default: take = (i.a16 ? r[ECX] & 0xFFFF : r[ECX]) == 0; break;
        }
        if (take) {
            jumpRelative(i, i.imm);
        }
    }

    private void setCount(Insn i, int count) {
        if (i.a16) {
            c.setReg16(ECX, count);
        } else {
            r[ECX] = count;
        }
    }

    private void group3(Insn i, int s) {
        switch (i.reg) {
            case 0: case 1:
                f.logic(s, readRm(i, s) & i.imm);
                return;
            case 2: {
                int a = readRmw(i, s);
                writeRmw(i, s, ~a);
                return;
            }
            case 3: {
                int a = readRmw(i, s);
                writeRmw(i, s, alu.neg(s, a));
                return;
            }
            case 4: alu.mulAcc(s, readRm(i, s), false); return;
            case 5: alu.mulAcc(s, readRm(i, s), true); return;
            case 6: alu.divAcc(s, readRm(i, s), false); return;
            default: alu.divAcc(s, readRm(i, s), true); return;
        }
    }

    private void group4(Insn i) {
        switch (i.reg) {
            case 0: {
                int a = readRmw(i, 0);
                writeRmw(i, 0, alu.inc(0, a));
                return;
            }
            case 1: {
                int a = readRmw(i, 0);
                writeRmw(i, 0, alu.dec(0, a));
                return;
            }
            default: throw c.fault(UD, 0);
        }
    }

    private void group5(Insn i) {
        int s = vsize(i);
        switch (i.reg) {
            case 0: {
                int a = readRmw(i, s);
                writeRmw(i, s, alu.inc(s, a));
                return;
            }
            case 1: {
                int a = readRmw(i, s);
                writeRmw(i, s, alu.dec(s, a));
                return;
            }
            case 2: {
                int target = readRm(i, s);
                c.push(i.o16, c.eip);
                c.eip = target;
                return;
            }
            case 3: case 5: {
                if (i.mod == 3) {
                    throw c.fault(UD, 0);
                }
                int off = c.ea(i);
                int offset = i.o16 ? c.read16(i.seg, off) : c.read32(i.seg, off);
                int sel = c.read16(i.seg, i.a16 ? (off + 2 * s) & 0xFFFF : off + 2 * s);
                if (i.reg == 3) {
                    control.callFar(i, sel, offset);
                } else {
                    control.jumpFar(i, sel, offset);
                }
                return;
            }
            case 4:
                c.eip = readRm(i, s);
                return;
            case 6:
                c.push(i.o16, readRm(i, s));
                return;
            default:
                throw c.fault(UD, 0);
        }
    }

    // =====================================================================================
    // two-byte opcodes 0F xx
    // =====================================================================================

    private void execute0F(Insn i) {
        int op = i.op & 0xFF;
        if (op >= 0x80 && op <= 0x8F) {
            if (f.cond(op & 0xF)) {
                jumpRelative(i, i.imm);
            }
            return;
        }
        if (op >= 0x90 && op <= 0x9F) {
            writeRm(i, 0, f.cond(op & 0xF) ? 1 : 0);
            return;
        }
        if (op >= 0x40 && op <= 0x4F) {
            if (!c.model.has(CpuModel.FEATURE_CMOV)) {
                throw c.fault(UD, 0);
            }
            int s = vsize(i);
            int v = readRm(i, s); // the source is read (and may fault) even when the move is not taken
            if (f.cond(op & 0xF)) {
                setReg(s, i.reg, v);
            }
            return;
        }
        if (op >= 0xC8) {
            int n = op & 7;
            r[n] = Integer.reverseBytes(r[n]); // 16-bit bswap is undefined; hardware gives this for 32
            return;
        }
        if (op >= 0x18 && op <= 0x1F) {
            return; // hint nops and prefetches
        }
        switch (op) {
            case 0x00: system.group6(i); return;
            case 0x01: system.group7(i); return;
            case 0x02: system.lar(i); return;
            case 0x03: system.lsl(i); return;
            case 0x06: system.clts(); return;
            case 0x08: case 0x09: system.requireCpl0(); return; // invd, wbinvd: no caches to manage
            case 0x0B: throw c.fault(UD, 0);
            case 0x20: system.movFromCr(i); return;
            case 0x21: system.movFromDr(i); return;
            case 0x22: system.movToCr(i); return;
            case 0x23: system.movToDr(i); return;
            case 0x30: system.wrmsr(); return;
            case 0x31: system.rdtsc(); return;
            case 0x32: system.rdmsr(); return;
            case 0x33: system.rdpmc(); return;
            case 0x34: control.sysenter(); return;
            case 0x35: control.sysexit(); return;
            case 0xA0: pushSegment(i, Cpu.FS); return;
            case 0xA1: popSegment(i, Cpu.FS); return;
            case 0xA2: system.cpuid(); return;
            case 0xA8: pushSegment(i, Cpu.GS); return;
            case 0xA9: popSegment(i, Cpu.GS); return;
            case 0xA3: case 0xAB: case 0xB3: case 0xBB: bitTest(i, (op >> 3) & 3, reg(vsize(i), i.reg), true); return;
            case 0xBA:
                if (i.reg < 4) {
                    throw c.fault(UD, 0);
                }
                bitTest(i, i.reg & 3, i.imm, false);
                return;
            case 0xA4: case 0xA5: case 0xAC: case 0xAD: {
                int s = vsize(i);
                int count = (op & 1) == 0 ? i.imm : r[ECX];
                int a = readRmw(i, s);
                writeRmw(i, s, alu.doubleShift(op < 0xA8, s, a, reg(s, i.reg), count));
                return;
            }
            case 0xAF: {
                int s = vsize(i);
                setReg(s, i.reg, alu.imul(s, reg(s, i.reg), readRm(i, s)));
                return;
            }
            case 0xB0: case 0xB1: cmpxchg(i, op == 0xB0 ? 0 : vsize(i)); return;
            case 0xB2: loadFarPointer(i, Cpu.SS); return;
            case 0xB4: loadFarPointer(i, Cpu.FS); return;
            case 0xB5: loadFarPointer(i, Cpu.GS); return;
            case 0xB6: setReg(vsize(i), i.reg, readRm(i, 0)); return;
            case 0xB7: setReg(vsize(i), i.reg, readRm(i, 1)); return;
            case 0xBE: setReg(vsize(i), i.reg, (byte) readRm(i, 0)); return;
            case 0xBF: setReg(vsize(i), i.reg, (short) readRm(i, 1)); return;
            case 0xBC: case 0xBD: {
                int s = vsize(i);
                int idx = alu.bitScan(op == 0xBD, s, readRm(i, s));
                if (idx >= 0) {
                    setReg(s, i.reg, idx);
                }
                return;
            }
            case 0xC0: case 0xC1: {
                int s = op == 0xC0 ? 0 : vsize(i);
                int a = readRmw(i, s);
                int b = reg(s, i.reg);
                int sum = alu.alu(Alu.ADD, s, a, b);
                setReg(s, i.reg, a);
                writeRmw(i, s, sum);
                return;
            }
            case 0xC7: cmpxchg8b(i); return;
            default: throw c.fault(UD, 0);
        }
    }

    /** bt/bts/btr/btc: {@code kind} 0 test, 1 set, 2 reset, 3 complement. */
    private void bitTest(Insn i, int kind, int bitOffset, boolean registerOffset) {
        int s = vsize(i);
        int bits = s == 1 ? 16 : 32;
        if (i.mod == 3) {
            int v = reg(s, i.rm);
            int bit = bitOffset & (bits - 1);
            boolean old = ((v >>> bit) & 1) != 0;
            alu.setCarry(old);
            if (kind != 0) {
                setReg(s, i.rm, applyBit(kind, v, bit));
            }
            return;
        }
        int off = c.ea(i);
        if (registerOffset) {
            // a register bit offset addresses memory beyond the operand (signed)
            int offset = s == 1 ? (short) bitOffset : bitOffset;
            int byteDelta = (offset >> (s == 1 ? 4 : 5)) * (bits / 8);
            off += byteDelta;
            if (i.a16) {
                off &= 0xFFFF;
            }
        }
        int bit = bitOffset & (bits - 1);
        int v;
        int la;
        if (kind == 0) {
            v = readMem(s, i.seg, off);
            alu.setCarry(((v >>> bit) & 1) != 0);
            return;
        }
        la = c.linear(i.seg, off, 1 << s, true);
        c.probeWrite(la, 1 << s); // fault before CF changes
        v = s == 1 ? c.readLin16(la) : c.readLin32(la);
        alu.setCarry(((v >>> bit) & 1) != 0);
        int nv = applyBit(kind, v, bit);
        if (s == 1) {
            c.writeLin16(la, nv);
        } else {
            c.writeLin32(la, nv);
        }
    }

    private static int applyBit(int kind, int v, int bit) {
        switch (kind) {
            case 1: return v | (1 << bit);
            case 2: return v & ~(1 << bit);
            default: return v ^ (1 << bit);
        }
    }

    private void cmpxchg(Insn i, int s) {
        int dst = readRmw(i, s);
        int acc = reg(s, EAX);
        alu.alu(Alu.CMP, s, acc, dst);
        if (acc == dst) {
            writeRmw(i, s, reg(s, i.reg));
        } else {
            writeRmw(i, s, dst); // the destination is always written (a locked cycle)
            setReg(s, EAX, dst);
        }
    }

    private void cmpxchg8b(Insn i) {
        if (i.reg != 1) {
            throw c.fault(UD, 0);
        }
        int off = c.ea(i);
        int la = c.linear(i.seg, off, 8, true);
        c.probeWrite(la, 8);
        int lo = c.readLin32(la);
        int hi = c.readLin32(la + 4);
        f.materialize();
        if (lo == r[EAX] && hi == r[EDX]) {
            c.writeLin32(la, r[Cpu.EBX]);
            c.writeLin32(la + 4, r[ECX]);
            f.bits |= Flags.ZF;
        } else {
            c.writeLin32(la, lo);
            c.writeLin32(la + 4, hi);
            r[EAX] = lo;
            r[EDX] = hi;
            f.bits &= ~Flags.ZF;
        }
    }
}
