package io.trapgate.vm.devices;

/**
 * The 8254 programmable interval timer at 0x40-0x43, clocked at 1.193182 MHz of virtual time.
 * Channel 0 drives IRQ0; channel 2's gate and output are on port 0x61 ({@link SystemControlPortB}).
 * Counters are computed from the time since they were loaded rather than ticked, so reading one
 * costs the same however long the guest waited.
 *
 * <p>Modes 0, 2 and 3 are modelled exactly (counts, output, IRQ0 edges); modes 1, 4 and 5 count
 * like mode 0 with their own output shapes, which no PC software we boot relies on.
 */
public final class Pit8254 implements IoDevice {
    public static final long FREQUENCY_HZ = 1_193_182L;
    private static final long NS_PER_S = 1_000_000_000L;

    private final TimeSource clock;
    private final CascadedPic pic;
    private final TraceLog log;
    private final Channel[] channels = {new Channel(), new Channel(), new Channel()};
    /** The next tick at which channel 0's output rises (IRQ0), or -1. */
    private long nextIrqTick = -1;

    public Pit8254(TimeSource clock, CascadedPic pic, TraceLog log) {
        this.clock = clock;
        this.pic = pic;
        this.log = log;
        channels[0].gate = true;
        channels[1].gate = true;
    }

    /** Timer ticks in the first {@code ns} nanoseconds. */
    static long ticksAt(long ns) {
        return ns / NS_PER_S * FREQUENCY_HZ + ns % NS_PER_S * FREQUENCY_HZ / NS_PER_S;
    }

    /** The first nanosecond at which {@code tick} ticks have happened. */
    static long nanosOfTick(long tick) {
        long whole = tick / FREQUENCY_HZ;
        long rest = tick % FREQUENCY_HZ;
        return whole * NS_PER_S + (rest * NS_PER_S + FREQUENCY_HZ - 1) / FREQUENCY_HZ;
    }

    private long nowTick() {
        return ticksAt(clock.nanos());
    }

    /** Raises IRQ0 if channel 0's output rose since the last call. The machine calls this as time passes. */
    public void advance() {
        if (nextIrqTick < 0) {
            return;
        }
        long now = nowTick();
        if (now >= nextIrqTick) {
            pic.pulse(0);
            nextIrqTick = channels[0].nextRisingEdge(now);
        }
    }

    /** Virtual nanoseconds of the next IRQ0, or {@link Long#MAX_VALUE} if channel 0 is not counting. */
    public long nextEventNanos() {
        return nextIrqTick < 0 ? Long.MAX_VALUE : nanosOfTick(nextIrqTick);
    }

    /** Channel 2's gate input (port 0x61 bit 0). */
    void setChannel2Gate(boolean gate) {
        channels[2].setGate(gate, nowTick());
    }

    boolean channel2Gate() {
        return channels[2].gate;
    }

    /** Channel 2's output (port 0x61 bit 5). */
    boolean channel2Out() {
        return channels[2].out(nowTick());
    }

    @Override
    public int in(int port, int size) {
        if (port == 0x43) {
            log.guestError("pit: read of the write-only control word register 0x43");
            return 0xFF;
        }
        return channels[port - 0x40].read(nowTick());
    }

    @Override
    public void out(int port, int size, int value) {
        int v = value & 0xFF;
        long now = nowTick();
        if (port == 0x43) {
            control(v, now);
        } else {
            Channel c = channels[port - 0x40];
            c.writeCount(v, now);
        }
        nextIrqTick = channels[0].counting() ? channels[0].nextRisingEdge(now) : -1;
    }

    private void control(int v, long now) {
        int select = v >>> 6;
        if (select == 3) { // read-back: bits 3..1 pick channels; 0 in bit 5/4 latches count/status
            for (int i = 0; i < 3; i++) {
                if ((v & (2 << i)) != 0) {
                    if ((v & 0x20) == 0) {
                        channels[i].latchCount(now);
                    }
                    if ((v & 0x10) == 0) {
                        channels[i].latchStatus(now);
                    }
                }
            }
            return;
        }
        Channel c = channels[select];
        int access = (v >>> 4) & 3;
        if (access == 0) {
            c.latchCount(now);
            return;
        }
        int mode = (v >>> 1) & 7;
        if (mode > 5) {
            mode -= 4; // 6 and 7 are aliases of 2 and 3
        }
        c.program(access, mode, (v & 1) != 0);
    }

    private final class Channel {
        int mode;
        int access = 3;
        boolean bcd;
        /** The count loaded, 1..65536 (0 written means 65536, or 10000 in BCD). */
        int reload = 0x10000;
        boolean loaded;
        long startTick;
        boolean gate;
        /** Ticks counted when the gate last fell, while it stays low. */
        long pausedAt = -1;
        boolean writeLowNext = true;
        int lowByte;
        boolean readLowNext = true;
        boolean countLatched;
        int latchedCount;
        boolean statusLatched;
        int latchedStatus;

        boolean counting() {
            return loaded && gate && pausedAt < 0;
        }

        void program(int access, int mode, boolean bcd) {
            this.access = access;
            this.mode = mode;
            this.bcd = bcd;
            loaded = false;
            writeLowNext = true;
            readLowNext = true;
            countLatched = false;
            statusLatched = false;
        }

        void writeCount(int v, long now) {
            int value;
            switch (access) {
                case 1 -> value = v;
                case 2 -> value = v << 8;
                default -> {
                    if (writeLowNext) {
                        lowByte = v;
                        writeLowNext = false;
                        return;
                    }
                    writeLowNext = true;
                    value = lowByte | v << 8;
                }
            }
            if (bcd) {
                value = fromBcd(value);
                reload = value == 0 ? 10000 : value;
            } else {
                reload = value == 0 ? 0x10000 : value;
            }
            loaded = true;
            startTick = now;
            pausedAt = gate ? -1 : 0;
        }

        /** Ticks counted since the count was loaded. */
        long elapsed(long now) {
            return pausedAt >= 0 ? pausedAt : now - startTick;
        }

        int count(long now) {
            if (!loaded) {
                return 0;
            }
            long d = elapsed(now);
            int c = switch (mode) {
                case 2 -> (int) (reload - d % reload);
                case 3 -> (int) ((reload - (2 * d) % reload) & 0x1FFFE);
                default -> (int) ((reload - d) & 0xFFFF);
            };
            c &= 0xFFFF;
            return bcd ? toBcd(c) : c;
        }

        boolean out(long now) {
            if (!loaded) {
                return mode != 0;
            }
            long d = elapsed(now);
            boolean stopped = pausedAt >= 0;
            return switch (mode) {
                case 0 -> d >= reload;
                case 1 -> d >= reload;
                case 2 -> stopped || d % reload != reload - 1;
                case 3 -> stopped || d % reload < (reload + 1) / 2;
                default -> d != reload; // 4 and 5: one low tick at the terminal count
            };
        }

        /** The first tick after {@code now} at which the output rises, or -1. */
        long nextRisingEdge(long now) {
            if (!counting()) {
                return -1;
            }
            long d = now - startTick;
            return switch (mode) {
                case 2, 3 -> startTick + (d / reload + 1) * reload;
                case 4, 5 -> d < reload + 1 ? startTick + reload + 1 : -1;
                default -> d < reload ? startTick + reload : -1;
            };
        }

        void setGate(boolean level, long now) {
            if (level == gate) {
                return;
            }
            gate = level;
            if (!loaded) {
                return;
            }
            if (!level) {
                pausedAt = now - startTick;
            } else if (mode == 0 || mode == 4) {
                startTick = now - Math.max(pausedAt, 0); // counting resumes where it stopped
                pausedAt = -1;
            } else {
                startTick = now; // modes 1, 2, 3, 5 restart on the gate's rising edge
                pausedAt = -1;
            }
        }

        void latchCount(long now) {
            if (!countLatched) {
                countLatched = true;
                latchedCount = count(now);
                readLowNext = true;
            }
        }

        void latchStatus(long now) {
            if (!statusLatched) {
                statusLatched = true;
                latchedStatus = (out(now) ? 0x80 : 0) | (loaded ? 0 : 0x40) | access << 4 | mode << 1 | (bcd ? 1 : 0);
            }
        }

        int read(long now) {
            if (statusLatched) {
                statusLatched = false;
                return latchedStatus;
            }
            int value;
            boolean fromLatch = countLatched;
            value = fromLatch ? latchedCount : count(now);
            switch (access) {
                case 1:
                    countLatched = false;
                    return value & 0xFF;
                case 2:
                    countLatched = false;
                    return value >>> 8 & 0xFF;
                default:
                    if (readLowNext) {
                        readLowNext = false;
                        return value & 0xFF;
                    }
                    readLowNext = true;
                    countLatched = false;
                    return value >>> 8 & 0xFF;
            }
        }
    }

    private static int fromBcd(int v) {
        return (v >>> 12 & 0xF) * 1000 + (v >>> 8 & 0xF) * 100 + (v >>> 4 & 0xF) * 10 + (v & 0xF);
    }

    private static int toBcd(int v) {
        v %= 10000;
        return v / 1000 << 12 | v / 100 % 10 << 8 | v / 10 % 10 << 4 | v % 10;
    }
}
