package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.target.RegisterLayout;
import io.trapgate.gdbstub.target.Target;

/** {@code g}/{@code G} (all registers, laid out by the descriptor table) and {@code p}/{@code P} (one register). */
final class RegisterHandlers {

    private RegisterHandlers() {
    }

    static void register(PacketDispatcher d) {
        d.exact("g", RegisterHandlers::readAll);
        d.prefix("G", RegisterHandlers::writeAll);
        d.prefix("p", RegisterHandlers::readOne);
        d.prefix("P", RegisterHandlers::writeOne);
    }

    private static RspPacket readAll(PacketContext ctx, String packet) {
        if (ctx.lastStop() != null && ctx.lastStop().isExit()) {
            return ErrorReplies.REFUSED;
        }
        RegisterLayout layout = ctx.layout();
        byte[] all = new byte[layout.totalBytes()];
        Target target = ctx.target();
        for (int i = 0; i < layout.count(); i++) {
            target.readRegister(i, all, layout.offset(i));
        }
        return RspPacket.text(Hex.encode(all));
    }

    /** Accepts a payload covering the first n registers exactly (clients may send fewer than all). */
    private static RspPacket writeAll(PacketContext ctx, String packet) {
        byte[] all = Hex.decode(packet, 1, packet.length());
        RegisterLayout layout = ctx.layout();
        int covered = 0;
        while (covered < layout.count() && layout.offset(covered) + layout.size(covered) <= all.length) {
            covered++;
        }
        int coveredBytes = covered == 0 ? 0 : layout.offset(covered - 1) + layout.size(covered - 1);
        if (coveredBytes != all.length || covered == 0) {
            return ErrorReplies.BAD_ARGUMENT;
        }
        boolean ok = true;
        for (int i = 0; i < covered; i++) {
            ok &= ctx.target().writeRegister(i, all, layout.offset(i));
        }
        return ok ? RspPacket.OK : ErrorReplies.REFUSED;
    }

    private static RspPacket readOne(PacketContext ctx, String packet) {
        int regnum = regnum(ctx, packet.substring(1));
        if (regnum < 0) {
            return ErrorReplies.BAD_ARGUMENT;
        }
        byte[] value = new byte[ctx.layout().size(regnum)];
        ctx.target().readRegister(regnum, value, 0);
        return RspPacket.text(Hex.encode(value));
    }

    private static RspPacket writeOne(PacketContext ctx, String packet) {
        ArgumentCursor args = new ArgumentCursor(packet, 1);
        long n = args.hexUntil('=');
        if (n >= ctx.layout().count()) {
            return ErrorReplies.BAD_ARGUMENT;
        }
        int regnum = (int) n;
        byte[] value = Hex.decode(packet, args.position(), packet.length());
        if (value.length != ctx.layout().size(regnum)) {
            return ErrorReplies.BAD_ARGUMENT;
        }
        return ctx.target().writeRegister(regnum, value, 0) ? RspPacket.OK : ErrorReplies.REFUSED;
    }

    /** A register number in hex, or -1 if it names no register. */
    static int regnum(PacketContext ctx, String hex) {
        long n = Hex.parseUnsigned(hex);
        return n < ctx.layout().count() ? (int) n : -1;
    }
}
