package io.trapgate.vm.devices;

/**
 * Port 0x61: bit 0 gates PIT channel 2, bit 1 enables the speaker data, bit 4 is the DRAM refresh
 * toggle (flips every 15.085 us; old delay loops count it) and bit 5 is channel 2's output.
 */
public final class SystemControlPortB implements IoDevice {
    private static final long REFRESH_PERIOD_NS = 15_085;
    private final Pit8254 pit;
    private final TimeSource clock;
    private int speakerData;

    public SystemControlPortB(Pit8254 pit, TimeSource clock) {
        this.pit = pit;
        this.clock = clock;
    }

    @Override
    public int in(int port, int size) {
        int refresh = (int) (clock.nanos() / REFRESH_PERIOD_NS & 1);
        return (pit.channel2Gate() ? 0x01 : 0) | speakerData << 1 | refresh << 4 | (pit.channel2Out() ? 0x20 : 0);
    }

    @Override
    public void out(int port, int size, int value) {
        speakerData = value >>> 1 & 1;
        pit.setChannel2Gate((value & 1) != 0);
    }
}
