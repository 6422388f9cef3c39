package io.trapgate.vm.cli;

import io.trapgate.vm.cli.TrapgateCommand.UsageException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsers for option values in QEMU's syntax; each failure is a one-line {@link UsageException}. */
final class OptionValues {
    static final int MIN_RAM_MIB = 2;
    static final int MAX_RAM_MIB = 2047; // a Java array holds at most 2 GiB

    private OptionValues() {
    }

    /** -m: "64", "64M", "1G", "65536K", "size=64M"; a bare number is MiB. */
    static int memoryBytes(String v) throws UsageException {
        String s = v.trim().toUpperCase(Locale.ROOT);
        if (s.startsWith("SIZE=")) {
            s = s.substring(5);
        }
        long unit = 1L << 20;
        if (s.endsWith("K") || s.endsWith("M") || s.endsWith("G")) {
            unit = s.endsWith("K") ? 1L << 10 : s.endsWith("M") ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        long bytes;
        try {
            bytes = Long.parseLong(s) * unit;
        } catch (NumberFormatException e) {
            throw new UsageException("-m " + v + ": not a memory size (e.g. 64, 64M, 1G)");
        }
        if (bytes < (long) MIN_RAM_MIB << 20 || bytes > (long) MAX_RAM_MIB << 20) {
            throw new UsageException("-m " + v + ": RAM must be between " + MIN_RAM_MIB + " MiB and " + MAX_RAM_MIB + " MiB");
        }
        return (int) (bytes & ~0xFFFL);
    }

    /** -device isa-debug-exit[,iobase=N][,iosize=N] → {base, size}. */
    static int[] debugExitDevice(String v) throws UsageException {
        String[] parts = v.split(",");
        if (!parts[0].equals("isa-debug-exit")) {
            throw new UsageException("-device " + parts[0] + ": unsupported device (trapgate has isa-debug-exit)");
        }
        int base = io.trapgate.vm.devices.DebugExitPort.DEFAULT_BASE;
        int size = io.trapgate.vm.devices.DebugExitPort.DEFAULT_SIZE;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv.length != 2) {
                throw new UsageException("-device " + v + ": expected key=value, got '" + parts[i] + "'");
            }
            long n = number(kv[1], "-device " + v);
            switch (kv[0]) {
                case "iobase" -> {
                    if (n < 0 || n > 0xFFFF) {
                        throw new UsageException("-device " + v + ": iobase must be an I/O port (0-0xffff)");
                    }
                    base = (int) n;
                }
                case "iosize" -> {
                    if (n < 1 || n > 4) {
                        throw new UsageException("-device " + v + ": iosize must be 1 to 4");
                    }
                    size = (int) n;
                }
                default -> throw new UsageException("-device " + v + ": unknown property '" + kv[0] + "'");
            }
        }
        if (base + size > 0x10000) {
            throw new UsageException("-device " + v + ": ports run past 0xffff");
        }
        return new int[] {base, size};
    }

    /** -icount shift=N[,sleep=on|off] or N → {shift, sleep}: shift 0 and sleep -1 (unsaid) by default. */
    static int[] icount(String v) throws UsageException {
        int shift = 0;
        int sleep = -1;
        if (v == null) {
            return new int[] {shift, sleep};
        }
        for (String part : v.split(",")) {
            if (part.startsWith("shift=")) {
                shift = (int) number(part.substring(6), "-icount " + v);
            } else if (part.equals("sleep=on")) {
                sleep = 1;
            } else if (part.equals("sleep=off")) {
                sleep = 0;
            } else if (part.matches("\\d+")) {
                shift = Integer.parseInt(part);
            } else {
                throw new UsageException("-icount " + v + ": use shift=N[,sleep=on|off]");
            }
        }
        if (shift < 0 || shift > 10) {
            throw new UsageException("-icount " + v + ": shift must be 0 to 10");
        }
        return new int[] {shift, sleep};
    }

    /** -rtc base=utc|localtime|YYYY-MM-DD[THH:MM:SS][,clock=...] → the RTC's epoch second at power-on. */
    static long rtcStart(String v) throws UsageException {
        long now = System.currentTimeMillis() / 1000;
        if (v == null) {
            return now;
        }
        long result = now;
        for (String part : v.split(",")) {
            if (part.startsWith("clock=")) {
                continue; // only virtual time exists here
            }
            if (!part.startsWith("base=")) {
                throw new UsageException("-rtc " + v + ": use base=utc|localtime|YYYY-MM-DDTHH:MM:SS");
            }
            String base = part.substring(5);
            if (base.equals("utc")) {
                result = now;
            } else if (base.equals("localtime")) {
                LocalDateTime local = LocalDateTime.now(ZoneId.systemDefault());
                result = local.toEpochSecond(ZoneOffset.UTC);
            } else {
                try {
                    LocalDateTime t = base.length() == 10 ? LocalDate.parse(base).atStartOfDay() : LocalDateTime.parse(base);
                    result = t.toEpochSecond(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw new UsageException("-rtc " + v + ": '" + base + "' is not YYYY-MM-DDTHH:MM:SS");
                }
            }
        }
        return result;
    }

    /** -gdb tcp::PORT or tcp:HOST:PORT → the port. */
    static int gdbPort(String v) throws UsageException {
        if (!v.startsWith("tcp:") || v.lastIndexOf(':') < 4) {
            throw new UsageException("-gdb " + v + ": use tcp::PORT");
        }
        long port = number(v.substring(v.lastIndexOf(':') + 1), "-gdb " + v);
        if (port < 1 || port > 65535) {
            throw new UsageException("-gdb " + v + ": port must be 1 to 65535");
        }
        return (int) port;
    }

    private static long number(String s, String context) throws UsageException {
        try {
            return s.startsWith("0x") || s.startsWith("0X") ? Long.parseLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new UsageException(context + ": '" + s + "' is not a number");
        }
    }
}
