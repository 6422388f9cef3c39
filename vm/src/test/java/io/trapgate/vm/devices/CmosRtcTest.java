package io.trapgate.vm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CmosRtcTest {
    private static final long START = LocalDateTime.of(2006, 6, 17, 16, 1, 21).toEpochSecond(ZoneOffset.UTC);
    private final IoBus bus = new IoBus();
    private final FakeTime time = new FakeTime();

    @BeforeEach
    void wire() {
        bus.register(0x70, 2, new CmosRtc(time, START, 64 << 20, TraceLog.disabled()));
    }

    private int read(int reg) {
        bus.out(0x70, 1, reg);
        return bus.in(0x71, 1);
    }

    private void write(int reg, int v) {
        bus.out(0x70, 1, reg);
        bus.out(0x71, 1, v);
    }

    @Test
    void readsTheStartTimeInBcdByDefault() {
        assertEquals(0x21, read(0x00));
        assertEquals(0x01, read(0x02));
        assertEquals(0x16, read(0x04));
        assertEquals(0x07, read(0x06), "Saturday");
        assertEquals(0x17, read(0x07));
        assertEquals(0x06, read(0x08));
        assertEquals(0x06, read(0x09));
        assertEquals(0x20, read(0x32));
    }

    @Test
    void statusRegistersHavePcDefaults() {
        assertEquals(0x26, read(0x0A));
        assertEquals(0x02, read(0x0B));
        assertEquals(0x80, read(0x0D));
    }

    @Test
    void binaryModeReadsPlainNumbers() {
        write(0x0B, 0x06);
        assertEquals(21, read(0x00));
        assertEquals(16, read(0x04));
        assertEquals(17, read(0x07));
    }

    @Test
    void twelveHourModeSetsThePmBit() {
        write(0x0B, 0x00);
        assertEquals(0x80 | 0x04, read(0x04), "16h is 4 PM");
    }

    @Test
    void timeFollowsVirtualTime() {
        time.now = 40L * 1_000_000_000L;
        assertEquals(0x01, read(0x00));
        assertEquals(0x02, read(0x02));
    }

    @Test
    void updateInProgressIsSetJustBeforeEachSecond() {
        time.now = 999_800_000L;
        assertEquals(0xA6, read(0x0A));
        time.now = 1_000_000_000L;
        assertEquals(0x26, read(0x0A));
    }

    @Test
    void setBitFreezesTheClockAndTakesANewTime() {
        write(0x0B, 0x82);
        write(0x04, 0x09);
        time.now = 5_000_000_000L;
        assertEquals(0x21, read(0x00), "frozen while SET");
        write(0x0B, 0x02);
        time.now = 7_000_000_000L;
        assertEquals(0x09, read(0x04));
        assertEquals(0x23, read(0x00));
    }

    @Test
    void cmosHoldsTheMemorySizes() {
        assertEquals(640, read(0x15) | read(0x16) << 8);
        assertEquals(63 * 1024, read(0x17) | read(0x18) << 8);
        assertEquals(63 * 1024, read(0x30) | read(0x31) << 8);
        assertEquals((64 - 16) * 16, read(0x34) | read(0x35) << 8);
    }

    @Test
    void plainCmosBytesKeepWhatIsWritten() {
        write(0x40, 0x5A);
        assertEquals(0x5A, read(0x40));
    }

    @Test
    void nmiBitOfTheIndexIsIgnoredForAddressing() {
        bus.out(0x70, 1, 0x80 | 0x0D);
        assertEquals(0x80, bus.in(0x71, 1));
    }
}
