package io.trapgate.vm.devices;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The MC146818 real-time clock and CMOS memory (index 0x70, data 0x71). The time starts at a given
 * instant (the host clock by default, or {@code -rtc base=...}) and then follows virtual time, so a
 * run with a fixed base is reproducible. Registers read in BCD or binary and 12/24-hour form as
 * status B says at the time of the read. Alarm and periodic interrupts (IRQ8) are not modelled.
 */
public final class CmosRtc implements IoDevice {
    private static final long NS_PER_S = 1_000_000_000L;
    /** UIP is set this long before each second's update (the 244 us of the datasheet). */
    private static final long UIP_NS = 244_000;
    private static final int REG_A = 0x0A;
    private static final int REG_B = 0x0B;
    private static final int REG_C = 0x0C;
    private static final int REG_D = 0x0D;
    private static final int CENTURY = 0x32;
    private static final int B_SET = 0x80;
    private static final int B_BINARY = 0x04;
    private static final int B_24H = 0x02;

    private final TimeSource clock;
    private final TraceLog log;
    private final int[] cmos = new int[128];
    private int index;
    /** Epoch seconds at virtual time {@link #baseNanos}. */
    private long baseEpochSecond;
    private long baseNanos;
    /** While status B's SET bit is on, the clock stands still at this time and takes writes. */
    private LocalDateTime frozen;

    public CmosRtc(TimeSource clock, long startEpochSecond, int ramBytes, TraceLog log) {
        this.clock = clock;
        this.log = log;
        this.baseEpochSecond = startEpochSecond;
        this.baseNanos = clock.nanos();
        cmos[REG_A] = 0x26; // 32.768 kHz time base, 1.024 kHz periodic rate
        cmos[REG_B] = B_24H; // 24-hour, BCD: what a PC BIOS leaves
        cmos[REG_D] = 0x80; // valid RAM and time
        cmos[0x15] = 640 & 0xFF; // base memory in KiB
        cmos[0x16] = 640 >>> 8;
        int extendedKib = Math.min(0xFFFF, Math.max(0, ramBytes / 1024 - 1024));
        cmos[0x17] = cmos[0x30] = extendedKib & 0xFF;
        cmos[0x18] = cmos[0x31] = extendedKib >>> 8;
        int above16M = Math.min(0xFFFF, Math.max(0, (int) (((long) ramBytes - (16 << 20)) >> 16)));
        cmos[0x34] = above16M & 0xFF;
        cmos[0x35] = above16M >>> 8;
    }

    private LocalDateTime now() {
        if (frozen != null) {
            return frozen;
        }
        long seconds = baseEpochSecond + Math.floorDiv(clock.nanos() - baseNanos, NS_PER_S);
        return LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
    }

    private void setTime(LocalDateTime t) {
        baseEpochSecond = t.toEpochSecond(ZoneOffset.UTC);
        baseNanos = clock.nanos();
    }

    @Override
    public int in(int port, int size) {
        if (port == 0x70) {
            return 0xFF; // the index register is write-only
        }
        return read(index);
    }

    @Override
    public void out(int port, int size, int value) {
        if (port == 0x70) {
            index = value & 0x7F; // bit 7 masks NMI, which nothing here raises
        } else {
            write(index, value & 0xFF);
        }
    }

    private int read(int reg) {
        switch (reg) {
            case 0x00:
                return encode(now().getSecond());
            case 0x02:
                return encode(now().getMinute());
            case 0x04:
                return encodeHour(now().getHour());
            case 0x06:
                return encode(now().getDayOfWeek().getValue() % 7 + 1); // 1 = Sunday
            case 0x07:
                return encode(now().getDayOfMonth());
            case 0x08:
                return encode(now().getMonthValue());
            case 0x09:
                return encode(now().getYear() % 100);
            case CENTURY:
                return encode(now().getYear() / 100);
            case REG_A:
                return cmos[REG_A] | (updateInProgress() ? 0x80 : 0);
            case REG_C: {
                int v = cmos[REG_C];
                cmos[REG_C] = 0; // reading C acknowledges the flags
                return v;
            }
            default:
                return cmos[reg];
        }
    }

    private boolean updateInProgress() {
        if ((cmos[REG_B] & B_SET) != 0) {
            return false;
        }
        long intoSecond = Math.floorMod(clock.nanos() - baseNanos, NS_PER_S);
        return intoSecond >= NS_PER_S - UIP_NS;
    }

    private void write(int reg, int v) {
        switch (reg) {
            case 0x00, 0x02, 0x04, 0x06, 0x07, 0x08, 0x09, CENTURY -> writeTime(reg, v);
            case REG_A -> cmos[REG_A] = v & 0x7F; // UIP is read-only
            case REG_B -> {
                boolean wasSet = (cmos[REG_B] & B_SET) != 0;
                if ((v & B_SET) != 0 && !wasSet) {
                    frozen = now();
                } else if ((v & B_SET) == 0 && wasSet) {
                    setTime(frozen);
                    frozen = null;
                }
                if ((v & 0x70) != 0) {
                    log.guestError("rtc: periodic/alarm/update interrupts requested; IRQ8 is not modelled");
                }
                cmos[REG_B] = (v & B_SET) != 0 ? v & ~0x10 : v; // SET clears UIE
            }
            case REG_C, REG_D -> log.guestError("rtc: write to read-only status register 0x" + Integer.toHexString(reg));
            default -> cmos[reg] = v;
        }
    }

    private void writeTime(int reg, int v) {
        LocalDateTime t = now();
        int value = reg == 0x04 ? decodeHour(v) : decode(v);
        try {
            t = switch (reg) {
                case 0x00 -> t.withSecond(value);
                case 0x02 -> t.withMinute(value);
                case 0x04 -> t.withHour(value);
                case 0x07 -> t.withDayOfMonth(value);
                case 0x08 -> t.withMonth(value);
                case 0x09 -> t.withYear(t.getYear() / 100 * 100 + value);
                case CENTURY -> t.withYear(value * 100 + t.getYear() % 100);
                default -> t; // day of week follows from the date
            };
        } catch (java.time.DateTimeException e) {
            log.guestError("rtc: invalid value 0x" + Integer.toHexString(v) + " for register 0x" + Integer.toHexString(reg));
            return;
        }
        if (frozen != null) {
            frozen = t;
        } else {
            setTime(t);
        }
    }

    private boolean binary() {
        return (cmos[REG_B] & B_BINARY) != 0;
    }

    private int encode(int v) {
        return binary() ? v : (v / 10) << 4 | v % 10;
    }

    private int decode(int v) {
        return binary() ? v : (v >>> 4) * 10 + (v & 0xF);
    }

    private int encodeHour(int h) {
        if ((cmos[REG_B] & B_24H) != 0) {
            return encode(h);
        }
        int h12 = h % 12 == 0 ? 12 : h % 12;
        return encode(h12) | (h >= 12 ? 0x80 : 0);
    }

    private int decodeHour(int v) {
        if ((cmos[REG_B] & B_24H) != 0) {
            return decode(v);
        }
        int h12 = decode(v & 0x7F) % 12;
        return (v & 0x80) != 0 ? h12 + 12 : h12;
    }
}
