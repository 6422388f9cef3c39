package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.target.MonitorCommands;

/** {@code qRcmd,<hex command>}: output streams to the client as {@code O<hex>} packets, then {@code OK}. */
final class MonitorHandler {

    private MonitorHandler() {
    }

    static void register(PacketDispatcher d) {
        d.prefix("qRcmd,", MonitorHandler::monitor);
    }

    private static RspPacket monitor(PacketContext ctx, String packet) {
        if (!(ctx.target() instanceof MonitorCommands commands)) {
            return RspPacket.EMPTY;
        }
        String command = Hex.decodeText(packet.substring("qRcmd,".length()));
        commands.monitor(command, text -> ConsoleText.send(ctx, text));
        return RspPacket.OK;
    }
}
