package io.trapgate.gdbstub.target;

/** Capability: {@code Z2}-{@code Z4}/{@code z2}-{@code z4} watchpoints over {@code length} bytes at {@code address}. */
public interface Watchpoints {

    boolean insertWatchpoint(WatchKind kind, long address, long length);

    boolean removeWatchpoint(WatchKind kind, long address, long length);
}
