package io.trapgate.vm.debug;

import io.trapgate.gdbstub.target.WatchKind;
import io.trapgate.vm.cpu.DebugHooks;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's watchpoints: any number, any length, on linear addresses. The CPU does the watching
 * ({@link DebugHooks#addWatchpoint}: watched pages bypass its TLB, and an instruction whose access touches a
 * watched range ends with RUN_DEBUG); this list installs them and tells which of the client's watchpoints a
 * hit belongs to, since gdb's stop reply names its kind.
 */
final class WatchList {

    record Watch(WatchKind kind, long address, long length) {
        boolean contains(long a) {
            return a >= address && a < address + length;
        }

        boolean seesAccess(boolean write) {
            return kind == WatchKind.ACCESS || (kind == WatchKind.WRITE) == write;
        }
    }

    private final List<Watch> watches = new ArrayList<>();

    boolean add(WatchKind kind, long address, long length) {
        if (length <= 0 || address < 0 || address + length > 0x1_0000_0000L) {
            return false;
        }
        watches.add(new Watch(kind, address, length));
        return true;
    }

    boolean remove(WatchKind kind, long address, long length) {
        return watches.remove(new Watch(kind, address, length));
    }

    void clear() {
        watches.clear();
    }

    boolean isEmpty() {
        return watches.isEmpty();
    }

    /** Replaces the CPU's watchpoints with these. */
    void install(DebugHooks hooks) {
        hooks.clearWatchpoints();
        for (Watch w : watches) {
            int kind = switch (w.kind()) {
                case WRITE -> DebugHooks.WATCH_WRITE;
                case READ -> DebugHooks.WATCH_READ;
                case ACCESS -> DebugHooks.WATCH_ACCESS;
            };
            // one piece per GiB: DebugHooks takes an int length, and a watch may cover all 4 GiB
            long end = w.address() + w.length();
            for (long a = w.address(); a < end; a += 0x4000_0000L) {
                hooks.addWatchpoint((int) a, (int) Math.min(end - a, 0x4000_0000L), kind);
            }
        }
    }

    /** The client's watchpoint an access of this kind at {@code address} triggered, or null. */
    Watch find(long address, boolean write) {
        for (Watch w : watches) {
            if (w.contains(address) && w.seesAccess(write)) {
                return w;
            }
        }
        return null;
    }
}
