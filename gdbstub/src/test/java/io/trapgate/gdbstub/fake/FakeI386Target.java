package io.trapgate.gdbstub.fake;

import io.trapgate.gdbstub.target.HardwareBreakpoints;
import io.trapgate.gdbstub.target.MemoryRegions;
import io.trapgate.gdbstub.target.MonitorCommands;
import io.trapgate.gdbstub.target.SoftwareBreakpoints;
import io.trapgate.gdbstub.target.TargetDescription;
import io.trapgate.gdbstub.target.WatchKind;
import io.trapgate.gdbstub.target.Watchpoints;

/** The fake machine with every optional capability: breakpoints, watchpoints, a monitor and a memory map. */
public final class FakeI386Target extends FakeMachine
        implements SoftwareBreakpoints, HardwareBreakpoints, Watchpoints, MonitorCommands, MemoryRegions {

    public FakeI386Target() {
    }

    public FakeI386Target(TargetDescription description) {
        super(description);
    }

    @Override
    public boolean insertSoftwareBreakpoint(long address, int kind) {
        softwareBreakpoints.add(address);
        return true;
    }

    @Override
    public boolean removeSoftwareBreakpoint(long address, int kind) {
        return softwareBreakpoints.remove(address);
    }

    @Override
    public boolean insertHardwareBreakpoint(long address, int kind) {
        hardwareBreakpoints.add(address);
        return true;
    }

    @Override
    public boolean removeHardwareBreakpoint(long address, int kind) {
        return hardwareBreakpoints.remove(address);
    }

    @Override
    public boolean insertWatchpoint(WatchKind kind, long address, long length) {
        watches.add(new Watch(kind, address, length));
        return true;
    }

    @Override
    public boolean removeWatchpoint(WatchKind kind, long address, long length) {
        return watches.remove(new Watch(kind, address, length));
    }

    public int breakpointCount() {
        return softwareBreakpoints.size() + hardwareBreakpoints.size() + watches.size();
    }

    @Override
    public void monitor(String command, MonitorOutput out) {
        if (command.equals("help")) {
            out.print("fake target commands:\n  help\n  echo TEXT\n  trace on|off\n");
        } else if (command.equals("trace on") || command.equals("trace off")) {
            traceStores = command.endsWith("on");
            out.print("store trace " + (traceStores ? "on" : "off") + "\n");
        } else if (command.startsWith("echo ")) {
            out.print(command.substring(5) + "\n");
        } else {
            out.print("unknown command: " + command + "\n");
        }
    }

    /** Memory is one rwx region at 0; the rest of the 32-bit space is an unmapped gap. */
    @Override
    public MemoryRegion regionAt(long address) {
        if (address < 0 || address > 0xffffffffL) {
            return null;
        }
        return address < MEMORY_SIZE ? new MemoryRegion(0, MEMORY_SIZE, "rwx")
                : new MemoryRegion(MEMORY_SIZE, 0x1_0000_0000L - MEMORY_SIZE, "");
    }
}
