package io.trapgate.vm.devices;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The MC146818 real-time clock and CMOS memory (index 0x70, data 0x71). The time starts at a given
 * instant (the host clock by default, or {@code -rtc base=...}) and then follows virtual time, so a
 * run with a fixed base is reproducible. Registers read in BCD or binary and 12/24-hour form as
 * status B says at the time of the read.
 *
 * <p>Interrupts on IRQ8, as on the PC/AT: periodic (status B PIE, at the rate in status A), update
 * ended (UIE, once a second) and alarm (AIE, when the time matches the alarm registers, where a
 * value of 0xC0-0xFF matches anything). Status C holds the flags (PF, AF, UF, and IRQF when an
 * enabled one is set); reading it clears them and drops the line. UF is also set for guests that
 * poll without interrupts. The machine asks {@link #nextEventNanos()} for the next interrupt time
 * and calls {@link #advance()} as virtual time passes.
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
    private static final int B_PIE = 0x40;
    private static final int B_AIE = 0x20;
    private static final int B_UIE = 0x10;
    private static final int C_IRQF = 0x80;
    private static final int C_PF = 0x40;
    private static final int C_AF = 0x20;
    private static final int C_UF = 0x10;
    private static final int IRQ = 8;

    private final TimeSource clock;
    private final CascadedPic pic;
    private final TraceLog log;
    private final int[] cmos = new int[128];
    private int index;
    /** Epoch seconds at virtual time {@link #baseNanos}. */
    private long baseEpochSecond;
    private long baseNanos;
    /** While status B's SET bit is on, the clock stands still at this time and takes writes. */
    private LocalDateTime frozen;
    /** The next periodic interrupt, or -1 when PIE is off or the rate is 0. */
    private long nextPeriodic = -1;
    /** The next once-a-second update, or -1 when neither UIE nor AIE needs it. */
    private long nextUpdate = -1;
    /** The update count (seconds since {@link #baseNanos}) when status C was last read. */
    private long lastUpdateSeen;

    /** An RTC without an interrupt line (unit tests of the clock alone). */
    public CmosRtc(TimeSource clock, long startEpochSecond, int ramBytes, TraceLog log) {
        this(clock, null, startEpochSecond, ramBytes, log);
    }

    public CmosRtc(TimeSource clock, CascadedPic pic, long startEpochSecond, int ramBytes, TraceLog log) {
        this.clock = clock;
        this.pic = pic;
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

    /**
     * Takes over the battery-backed state of the machine before a reset: the CMOS bytes, the status
     * registers, and the time, which keeps running.
     */
    public void continueFrom(CmosRtc before) {
        System.arraycopy(before.cmos, 0, cmos, 0, cmos.length);
        cmos[REG_C] = 0; // a reset leaves no interrupt pending
        frozen = before.frozen;
        setTime(before.now());
        reschedule();
    }

    /** Virtual nanoseconds of the next IRQ8 event, or {@link Long#MAX_VALUE}. */
    public long nextEventNanos() {
        long next = Long.MAX_VALUE;
        if (nextPeriodic >= 0) {
            next = nextPeriodic;
        }
        if (nextUpdate >= 0) {
            next = Math.min(next, nextUpdate);
        }
        return next;
    }

    /** Sets the flags of the periodic and update events that are due, and raises IRQ8 for enabled ones. */
    public void advance() {
        long now = clock.nanos();
        int flags = 0;
        if (nextPeriodic >= 0 && now >= nextPeriodic) {
            flags |= C_PF;
        }
        if (nextUpdate >= 0 && now >= nextUpdate) {
            flags |= C_UF;
            if (alarmMatches()) {
                flags |= C_AF;
            }
        }
        if (flags != 0) {
            cmos[REG_C] |= flags;
            raiseIfEnabled();
            reschedule();
        }
    }

    private void raiseIfEnabled() {
        int enabled = cmos[REG_B] & (B_PIE | B_AIE | B_UIE); // same bit positions as PF, AF, UF
        if ((cmos[REG_C] & enabled) != 0) {
            cmos[REG_C] |= C_IRQF;
            if (pic != null) {
                pic.setIrq(IRQ, true);
            }
        }
    }

    private boolean alarmMatches() {
        return alarmField(0x01, read(0x00)) && alarmField(0x03, read(0x02)) && alarmField(0x05, read(0x04));
    }

    private boolean alarmField(int reg, int current) {
        int alarm = cmos[reg];
        return (alarm & 0xC0) == 0xC0 || alarm == current;
    }

    /** Seconds counted since {@link #baseNanos}: the update cycles that have happened. */
    private long updates(long now) {
        return Math.floorDiv(now - baseNanos, NS_PER_S);
    }

    private void reschedule() {
        long now = clock.nanos();
        int rate = cmos[REG_A] & 0x0F;
        if ((cmos[REG_B] & B_PIE) != 0 && rate != 0) {
            // rates 1 and 2 repeat rates 8 and 9; otherwise 32768 Hz >> (rate - 1)
            int shift = (rate <= 2 ? rate + 7 : rate) - 1;
            long period = (NS_PER_S << shift) / 32768;
            nextPeriodic = (now / period + 1) * period;
        } else {
            nextPeriodic = -1;
        }
        if ((cmos[REG_B] & (B_UIE | B_AIE)) != 0 && frozen == null) {
            nextUpdate = baseNanos + (updates(now) + 1) * NS_PER_S;
        } else {
            nextUpdate = -1;
        }
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
        lastUpdateSeen = 0;
        reschedule();
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
                long updatesNow = updates(clock.nanos());
                if (frozen == null && updatesNow > lastUpdateSeen) {
                    cmos[REG_C] |= C_UF; // an update happened since the last look, interrupt or not
                }
                lastUpdateSeen = updatesNow;
                int v = cmos[REG_C];
                cmos[REG_C] = 0; // reading C acknowledges the flags and drops IRQ8
                if (pic != null) {
                    pic.setIrq(IRQ, false);
                }
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
            case REG_A -> {
                cmos[REG_A] = v & 0x7F; // UIP is read-only
                reschedule();
            }
            case REG_B -> {
                boolean wasSet = (cmos[REG_B] & B_SET) != 0;
                if ((v & B_SET) != 0 && !wasSet) {
                    frozen = now();
                } else if ((v & B_SET) == 0 && wasSet) {
                    setTime(frozen);
                    frozen = null;
                }
                cmos[REG_B] = (v & B_SET) != 0 ? v & ~B_UIE : v; // SET clears UIE
                reschedule();
                raiseIfEnabled(); // enabling an interrupt whose flag is already set raises it
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
