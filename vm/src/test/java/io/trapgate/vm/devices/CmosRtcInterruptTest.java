package io.trapgate.vm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CmosRtcInterruptTest {
    private static final long S = 1_000_000_000L;
    private final IoBus bus = new IoBus();
    private final FakeTime time = new FakeTime();
    private final CascadedPic pic = new CascadedPic(TraceLog.disabled());
    private final CmosRtc rtc = new CmosRtc(time, pic, 1_150_560_081L /* 2006-06-17 16:01:21 */, 64 << 20,
            TraceLog.disabled());

    @BeforeEach
    void wire() {
        pic.attach(bus);
        bus.register(0x70, 2, rtc);
        for (int[] w : new int[][] {{0x20, 0x11}, {0xA0, 0x11}, {0x21, 0x20}, {0xA1, 0x28}, {0x21, 0x04},
                {0xA1, 0x02}, {0x21, 0x01}, {0xA1, 0x01}, {0x21, 0x00}, {0xA1, 0x00}}) {
            bus.out(w[0], 1, w[1]);
        }
    }

    private int read(int reg) {
        bus.out(0x70, 1, reg);
        return bus.in(0x71, 1);
    }

    private void write(int reg, int v) {
        bus.out(0x70, 1, reg);
        bus.out(0x71, 1, v);
    }

    private void runTo(long ns) {
        time.now = ns;
        rtc.advance();
    }

    @Test
    void noInterruptSourceMeansNoEvent() {
        assertEquals(Long.MAX_VALUE, rtc.nextEventNanos());
    }

    @Test
    void periodicInterruptAtRate6Comes1024TimesASecond() {
        write(0x0B, 0x42); // PIE, 24h
        long period = S / 1024;
        assertEquals(period, rtc.nextEventNanos());
        runTo(period - 1);
        assertFalse(pic.hasInterrupt());
        runTo(period);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x28, pic.acknowledge(), "IRQ8 through the slave");
        assertEquals(0xC0, read(0x0C), "IRQF | PF");
        assertEquals(0x00, read(0x0C), "reading C cleared it");
        assertEquals(2 * period, rtc.nextEventNanos());
    }

    @Test
    void rate3IsTheFastestPeriod() {
        write(0x0A, 0x23);
        write(0x0B, 0x42);
        assertEquals(S / 8192, rtc.nextEventNanos());
    }

    @Test
    void rateZeroStopsThePeriodicInterrupt() {
        write(0x0A, 0x20);
        write(0x0B, 0x42);
        assertEquals(Long.MAX_VALUE, rtc.nextEventNanos());
    }

    @Test
    void irq8LineStaysUpUntilStatusCIsRead() {
        write(0x0B, 0x42);
        runTo(S / 1024);
        pic.acknowledge();
        bus.out(0xA0, 1, 0x20);
        bus.out(0x20, 1, 0x20);
        runTo(2 * S / 1024);
        assertFalse(pic.hasInterrupt(), "no new edge while C is unread");
        read(0x0C);
        runTo(3 * S / 1024);
        assertTrue(pic.hasInterrupt());
    }

    @Test
    void updateEndedInterruptComesEachSecond() {
        write(0x0B, 0x12); // UIE
        assertEquals(S, rtc.nextEventNanos());
        runTo(S);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x90, read(0x0C), "IRQF | UF");
        assertEquals(0x22, read(0x00), "the second ticked over");
    }

    @Test
    void pollingGuestSeesUpdateFlagWithoutInterrupts() {
        time.now = S / 2;
        assertEquals(0, read(0x0C));
        time.now = S + 1;
        assertEquals(0x10, read(0x0C), "UF, no IRQF");
        assertEquals(0, read(0x0C));
        assertFalse(pic.hasInterrupt());
    }

    @Test
    void alarmWithDontCareFieldsFiresAtEveryUpdate() {
        write(0x01, 0xFF);
        write(0x03, 0xFF);
        write(0x05, 0xFF);
        write(0x0B, 0x22); // AIE
        runTo(S);
        assertTrue(pic.hasInterrupt());
        assertEquals(0xB0, read(0x0C), "IRQF | AF | UF");
    }

    @Test
    void alarmAtASpecificSecondFiresOnlyThen() {
        write(0x01, 0x23); // BCD 23 s
        write(0x03, 0xFF);
        write(0x05, 0xFF);
        write(0x0B, 0x22);
        runTo(S);
        assertFalse(pic.hasInterrupt(), "16:01:22 is not the alarm");
        read(0x0C);
        runTo(2 * S);
        assertTrue(pic.hasInterrupt());
        assertEquals(0xB0, read(0x0C));
    }

    @Test
    void setBitStopsUpdateEvents() {
        write(0x0B, 0x92); // SET (which also clears UIE) and UIE
        assertEquals(0x82, read(0x0B));
        assertEquals(Long.MAX_VALUE, rtc.nextEventNanos());
    }
}
