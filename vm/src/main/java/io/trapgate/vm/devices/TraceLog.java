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
        CATEGORIES.put("int", "hardware interrupts as the interrupt controller delivers them");
        CATEGORIES.put("cpu_reset", "CPU resets (triple fault, guest reset request), with the register state");
        CATEGORIES.put("guest_errors", "guest misuse of devices (unsupported modes, bad commands)");
        CATEGORIES.put("unimp", "accesses to I/O ports no device answers");
        CATEGORIES.put("cpu", "CPU state before each block (needs the CPU's trace hook)");
        CATEGORIES.put("exec", "each executed block (needs the CPU's trace hook)");
        CATEGORIES.put("in_asm", "disassembly of each new block (needs the CPU's trace hook)");
    }

    public boolean interrupts;
    public boolean cpuReset;
    public boolean guestErrors;
    public boolean unimplemented;
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
            case "cpu", "exec", "in_asm" -> { }
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
