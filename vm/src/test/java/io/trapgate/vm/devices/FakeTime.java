package io.trapgate.vm.devices;

/** A virtual clock the test moves by hand. */
final class FakeTime implements TimeSource {
    long now;

    @Override
    public long nanos() {
        return now;
    }
}
