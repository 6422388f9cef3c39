package io.trapgate.vm.debug;

import io.trapgate.gdbstub.target.WatchKind;
import io.trapgate.vm.cpu.DebugHooks;
import java.util.ArrayList;
import java.util.List;

/**
 * The debugger's watchpoints: any number, any length, on linear addresses. The CPU keeps watched pages out
 * of its soft TLB and calls {@link #accessed} for each data access to them (before the access); a hit is
 * recorded and the CPU asked to stop, so the machine stops after the instruction, like an x86 data
 * breakpoint. The CPU reports where an access starts, not its size: an access is taken to reach up to 4
 * bytes, and the reported data address is clamped into the watched range.
 */
final class WatchList implements DebugHooks.DataWatch {

    record Watch(WatchKind kind, long address, long length) {
        boolean overlaps(long start, long len) {
            return start < address + length && start + len > address;
        }
    }

    private final List<Watch> watches = new ArrayList<>();
    /** Arrays the CPU thread scans: start, end (exclusive), kind ordinal. */
    private long[] starts = new long[0];
    private long[] ends = new long[0];
    private int[] kinds = new int[0];
    private final Runnable stopCpu;

    // the first hit since the last take(): written and read on the CPU thread only
    private Watch hit;
    private long hitAddress;

    WatchList(Runnable stopCpu) {
        this.stopCpu = stopCpu;
    }

    boolean add(WatchKind kind, long address, long length) {
        if (length <= 0 || address < 0 || address + length > 0x1_0000_0000L) {
            return false;
        }
        watches.add(new Watch(kind, address, length));
        rebuild();
        return true;
    }

    boolean remove(WatchKind kind, long address, long length) {
        boolean removed = watches.remove(new Watch(kind, address, length));
        rebuild();
        return removed;
    }

    void clear() {
        watches.clear();
        rebuild();
        hit = null;
    }

    boolean isEmpty() {
        return watches.isEmpty();
    }

    List<Watch> all() {
        return List.copyOf(watches);
    }

    private void rebuild() {
        int n = watches.size();
        starts = new long[n];
        ends = new long[n];
        kinds = new int[n];
        for (int i = 0; i < n; i++) {
            Watch w = watches.get(i);
            starts[i] = w.address();
            ends[i] = w.address() + w.length();
            kinds[i] = w.kind().ordinal();
        }
    }

    @Override
    public boolean watchesPage(int linear) {
        long page = linear & 0xFFFFF000L;
        for (int i = 0; i < starts.length; i++) {
            if (starts[i] < page + 0x1000 && ends[i] > page) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void accessed(int linear, boolean write) {
        if (hit != null) {
            return;
        }
        long la = linear & 0xFFFFFFFFL;
        for (int i = 0; i < starts.length; i++) {
            if (la >= ends[i] || la + 4 <= starts[i]) {
                continue;
            }
            WatchKind k = WatchKind.values()[kinds[i]];
            boolean matches = k == WatchKind.ACCESS || (k == WatchKind.WRITE) == write;
            if (matches) {
                hit = watches.get(i);
                hitAddress = Math.max(la, starts[i]);
                stopCpu.run();
                return;
            }
        }
    }

    /** The hit since the last call, or null; clears it. */
    Watch takeHit() {
        Watch h = hit;
        hit = null;
        return h;
    }

    long hitAddress() {
        return hitAddress;
    }
}
