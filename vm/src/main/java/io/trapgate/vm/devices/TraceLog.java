package io.trapgate.vm.devices;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code -d} log: named categories, as QEMU spells them, written one line each to stderr or the
 * {@code -D} file. A disabled category costs one boolean test.
 */
public final class TraceLog {
    /** The categories trapgate knows, with what each one logs. */
    public static final Map<String, String> CATEGORIES = new LinkedHashMap<>();

    static {
        CATEGORIES.put("int", "interrupts and exceptions the CPU delivers, and IRQs as the PIC hands them over");
        CATEGORIES.put("cpu_reset", "CPU resets (triple fault, guest reset request), with the register state");
        CATEGORIES.put("guest_errors", "guest misuse of devices (unsupported modes, bad commands)");
        CATEGORIES.put("unimp", "accesses to I/O ports no device answers");
        CATEGORIES.put("cpu", "the CPU's registers before each instruction (runs single-stepped: slow)");
        CATEGORIES.put("exec", "CS:EIP of each instruction before it runs (runs single-stepped: slow)");
        CATEGORIES.put("in_asm", "disassembly of each new block (accepted; there is no disassembler yet)");
    }

    public boolean interrupts;
    public boolean cpuReset;
    public boolean guestErrors;
    public boolean unimplemented;
    public boolean cpuState;
    public boolean exec;
    private final PrintStream out;

    public TraceLog(PrintStream out) {
        this.out = out;
    }

    /** A log that writes nothing. */
    public static TraceLog disabled() {
        return new TraceLog(null);
    }

    /** Enables one category by name; returns false if the name is unknown. */
    public boolean enable(String name) {
        switch (name) {
            case "int" -> interrupts = true;
            case "cpu_reset" -> cpuReset = true;
            case "guest_errors" -> guestErrors = true;
            case "unimp" -> unimplemented = true;
            case "cpu" -> cpuState = true;
            case "exec" -> exec = true;
            case "in_asm" -> { }
            default -> {
                return false;
            }
        }
        return true;
    }

    public void log(String line) {
        if (out != null) {
            out.println(line);
        }
    }

    public void guestError(String line) {
        if (guestErrors) {
            log(line);
        }
    }
}
