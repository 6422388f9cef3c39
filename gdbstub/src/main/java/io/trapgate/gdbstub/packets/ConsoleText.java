package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.codec.RspPacket;

/** Text for the client's console: {@code O<hex>} packets, split to fit the packet size. */
public final class ConsoleText {

    private ConsoleText() {
    }

    public static void send(PacketContext ctx, String text) {
        int chunk = (ctx.maxPacketSize() - 1) / 2;
        for (int i = 0; i < text.length(); i += chunk) {
            ctx.send(RspPacket.text("O" + Hex.encodeText(text.substring(i, Math.min(text.length(), i + chunk)))));
        }
    }
}
