package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.target.HardwareBreakpoints;
import io.trapgate.gdbstub.target.SoftwareBreakpoints;
import io.trapgate.gdbstub.target.Target;
import io.trapgate.gdbstub.target.WatchKind;
import io.trapgate.gdbstub.target.Watchpoints;

/**
 * {@code Ztype,addr,kind} / {@code ztype,addr,kind}: 0 software breakpoint, 1 hardware breakpoint, 2 write,
 * 3 read, 4 access watchpoint. A type whose capability the target lacks gets the empty reply, so the
 * client falls back (gdb and lldb then write breakpoint instructions with {@code M}).
 */
final class BreakpointHandlers {

    private BreakpointHandlers() {
    }

    static void register(PacketDispatcher d) {
        d.prefix("Z", (ctx, p) -> change(ctx, p, true));
        d.prefix("z", (ctx, p) -> change(ctx, p, false));
    }

    private static RspPacket change(PacketContext ctx, String packet, boolean insert) {
        int semicolon = packet.indexOf(';'); // conditions and commands for target-side evaluation: not offered
        String head = semicolon < 0 ? packet : packet.substring(0, semicolon);
        ArgumentCursor args = new ArgumentCursor(head, 1);
        long type = args.hexUntil(',');
        long address = args.hexUntil(',');
        long kind = args.hexToEnd();
        Target t = ctx.target();
        boolean done;
        if (type == 0 && t instanceof SoftwareBreakpoints sw) {
            done = insert ? sw.insertSoftwareBreakpoint(address, (int) kind) : sw.removeSoftwareBreakpoint(address, (int) kind);
        } else if (type == 1 && t instanceof HardwareBreakpoints hw) {
            done = insert ? hw.insertHardwareBreakpoint(address, (int) kind) : hw.removeHardwareBreakpoint(address, (int) kind);
        } else if (type >= 2 && type <= 4 && t instanceof Watchpoints w) {
            if (kind == 0) {
                return ErrorReplies.BAD_ARGUMENT;
            }
            WatchKind wk = type == 2 ? WatchKind.WRITE : type == 3 ? WatchKind.READ : WatchKind.ACCESS;
            done = insert ? w.insertWatchpoint(wk, address, kind) : w.removeWatchpoint(wk, address, kind);
        } else {
            return RspPacket.EMPTY;
        }
        return done ? RspPacket.OK : ErrorReplies.REFUSED;
    }
}
