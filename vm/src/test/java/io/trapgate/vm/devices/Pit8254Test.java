package io.trapgate.vm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class Pit8254Test {
    private final IoBus bus = new IoBus();
    private final FakeTime time = new FakeTime();
    private final CascadedPic pic = new CascadedPic(TraceLog.disabled());
    private final Pit8254 pit = new Pit8254(time, pic, TraceLog.disabled());

    @BeforeEach
    void wire() {
        pic.attach(bus);
        bus.register(0x40, 4, pit);
        bus.register(0x61, 1, new SystemControlPortB(pit, time));
        bus.out(0x20, 1, 0x11);
        bus.out(0x21, 1, 0x20);
        bus.out(0x21, 1, 0x04);
        bus.out(0x21, 1, 0x01);
        bus.out(0x21, 1, 0x00);
    }

    /** Nanoseconds of {@code ticks} PIT clocks. */
    private static long ns(long ticks) {
        return Pit8254.nanosOfTick(ticks);
    }

    private void program(int channel, int mode, int count) {
        bus.out(0x43, 1, channel << 6 | 0x30 | mode << 1);
        bus.out(0x40 + channel, 1, count & 0xFF);
        bus.out(0x40 + channel, 1, count >>> 8);
    }

    private int latch(int channel) {
        bus.out(0x43, 1, channel << 6);
        return bus.in(0x40 + channel, 1) | bus.in(0x40 + channel, 1) << 8;
    }

    @Test
    void tickConversionRoundTrips() {
        for (long t : new long[] {0, 1, 1193, 1193182, 1193183, 123456789}) {
            assertEquals(t, Pit8254.ticksAt(Pit8254.nanosOfTick(t)));
            if (t > 0) {
                assertEquals(t - 1, Pit8254.ticksAt(Pit8254.nanosOfTick(t) - 1), "the tick's first nanosecond");
            }
        }
    }

    @Test
    void mode2RaisesIrq0OncePerPeriod() {
        program(0, 2, 1193);
        assertEquals(ns(1193), pit.nextEventNanos());
        time.now = ns(1193) - 1;
        pit.advance();
        assertFalse(pic.hasInterrupt());
        time.now = ns(1193);
        pit.advance();
        assertTrue(pic.hasInterrupt());
        assertEquals(0x20, pic.acknowledge());
        bus.out(0x20, 1, 0x20);
        assertEquals(ns(2386), pit.nextEventNanos());
    }

    @Test
    void mode2CounterCountsDownFromReloadAndWraps() {
        program(0, 2, 1000);
        assertEquals(1000, latch(0));
        time.now = ns(300);
        assertEquals(700, latch(0));
        time.now = ns(1300);
        assertEquals(700, latch(0));
    }

    @Test
    void mode3CounterDecrementsByTwoAndIrqsEveryPeriod() {
        program(0, 3, 1000);
        time.now = ns(100);
        assertEquals(800, latch(0));
        assertEquals(ns(1000), pit.nextEventNanos());
    }

    @Test
    void latchFreezesTheValueUntilBothBytesAreRead() {
        program(0, 2, 1000);
        time.now = ns(10);
        bus.out(0x43, 1, 0x00);
        time.now = ns(500);
        int low = bus.in(0x40, 1);
        int high = bus.in(0x40, 1);
        assertEquals(990, low | high << 8);
        assertEquals(500, latch(0), "a later latch sees the new count");
    }

    @Test
    void lobyteOnlyAccessLoadsAndReadsOneByte() {
        bus.out(0x43, 1, 0x14); // channel 0, lobyte only, mode 2
        bus.out(0x40, 1, 100);
        time.now = ns(40);
        assertEquals(60, bus.in(0x40, 1));
        assertEquals(60, bus.in(0x40, 1), "every read is the low byte");
    }

    @Test
    void hibyteOnlyAccessLoadsTheHighByte() {
        bus.out(0x43, 1, 0x24); // channel 0, hibyte only, mode 2
        bus.out(0x40, 1, 0x02);
        assertEquals(ns(0x200), pit.nextEventNanos());
    }

    @Test
    void zeroCountMeans65536() {
        program(0, 2, 0);
        assertEquals(ns(65536), pit.nextEventNanos());
    }

    @Test
    void readBackReportsStatusAndCount() {
        program(0, 2, 1000);
        time.now = ns(1);
        bus.out(0x43, 1, 0xC2); // read-back, count and status, channel 0
        assertEquals(0x80 | 0x30 | 2 << 1, bus.in(0x40, 1), "status: out high, lo/hi access, mode 2");
        assertEquals(999, bus.in(0x40, 1) | bus.in(0x40, 1) << 8);
    }

    @Test
    void mode0OutputRisesAtTerminalCountAndRaisesIrqOnce() {
        program(0, 0, 100);
        time.now = ns(99);
        pit.advance();
        assertFalse(pic.hasInterrupt());
        time.now = ns(100);
        pit.advance();
        assertTrue(pic.hasInterrupt());
        assertEquals(Long.MAX_VALUE, pit.nextEventNanos(), "one-shot");
    }

    @Test
    void channel2CountsOnlyWhileGatedAndShowsOutputOnPort61() {
        program(2, 0, 100);
        assertEquals(0, bus.in(0x61, 1) & 0x21, "gate off, out low");
        time.now = ns(500);
        assertEquals(100, latch(2), "no gate, no counting");
        bus.out(0x61, 1, 0x01);
        time.now = ns(560);
        assertEquals(40, latch(2));
        assertEquals(0x01, bus.in(0x61, 1) & 0x21);
        time.now = ns(600);
        assertEquals(0x21, bus.in(0x61, 1) & 0x21, "out high at terminal count");
    }

    @Test
    void channel2GateRisingEdgeRestartsMode2() {
        bus.out(0x61, 1, 0x01);
        program(2, 2, 100);
        time.now = ns(30);
        bus.out(0x61, 1, 0x00);
        time.now = ns(50);
        bus.out(0x61, 1, 0x01);
        time.now = ns(60);
        assertEquals(90, latch(2));
    }

    @Test
    void refreshBitTogglesWithTime() {
        int first = bus.in(0x61, 1) & 0x10;
        time.now = 15_085;
        assertEquals(first ^ 0x10, bus.in(0x61, 1) & 0x10);
    }

    @Test
    void channel2NeverRaisesIrq0() {
        bus.out(0x61, 1, 0x01);
        program(2, 2, 10);
        time.now = ns(100);
        pit.advance();
        assertFalse(pic.hasInterrupt());
        assertEquals(Long.MAX_VALUE, pit.nextEventNanos());
    }
}
