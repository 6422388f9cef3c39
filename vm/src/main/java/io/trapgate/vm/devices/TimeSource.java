package io.trapgate.vm.devices;

/** The machine's virtual time in nanoseconds since power-on: what timers and clocks count. */
@FunctionalInterface
public interface TimeSource {
    long nanos();
}
