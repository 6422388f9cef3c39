package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.codec.RspPacket;
import java.nio.charset.StandardCharsets;

/**
 * {@code m} (read, hex), {@code M} (write, hex), {@code X} (write, binary). An address range that wraps
 * past the top of the 64-bit space or a data length that disagrees with the declared length is a bad
 * argument; memory the target cannot access is a fault; neither touches the target's state.
 */
final class MemoryHandlers {

    private MemoryHandlers() {
    }

    static void register(PacketDispatcher d) {
        d.prefix("m", MemoryHandlers::read);
        d.prefix("M", MemoryHandlers::writeHex);
        d.prefix("X", MemoryHandlers::writeBinary);
    }

    private static RspPacket read(PacketContext ctx, String packet) {
        ArgumentCursor args = new ArgumentCursor(packet, 1);
        long address = args.hexUntil(',');
        long length = args.hexToEnd();
        checkRange(address, length);
        // a reply may be shorter than asked; keep it within the packet size we advertised
        int n = (int) Math.min(length, (ctx.maxPacketSize() - 1) / 2);
        if (n == 0) {
            return RspPacket.EMPTY;
        }
        byte[] data = new byte[n];
        int read = ctx.target().readMemory(address, data, 0, n);
        if (read <= 0) {
            return ErrorReplies.FAULT;
        }
        StringBuilder s = new StringBuilder(read * 2);
        Hex.appendBytes(s, data, 0, Math.min(read, n));
        return RspPacket.text(s.toString());
    }

    private static RspPacket writeHex(PacketContext ctx, String packet) {
        ArgumentCursor args = new ArgumentCursor(packet, 1);
        long address = args.hexUntil(',');
        long length = args.hexUntil(':');
        checkRange(address, length);
        byte[] data = Hex.decode(packet, args.position(), packet.length());
        return write(ctx, address, length, data);
    }

    private static RspPacket writeBinary(PacketContext ctx, String packet) {
        ArgumentCursor args = new ArgumentCursor(packet, 1);
        long address = args.hexUntil(',');
        long length = args.hexUntil(':');
        checkRange(address, length);
        // the decoder already undid '}' escapes; ISO-8859-1 gives back the raw bytes
        byte[] data = args.rest().getBytes(StandardCharsets.ISO_8859_1);
        return write(ctx, address, length, data);
    }

    private static RspPacket write(PacketContext ctx, long address, long length, byte[] data) {
        if (data.length != length) {
            return ErrorReplies.BAD_ARGUMENT;
        }
        if (length == 0) {
            return RspPacket.OK; // gdb probes X support with an empty write
        }
        return ctx.target().writeMemory(address, data, 0, data.length) ? RspPacket.OK : ErrorReplies.FAULT;
    }

    private static void checkRange(long address, long length) {
        if (length != 0 && Long.compareUnsigned(address + length - 1, address) < 0) {
            throw new io.trapgate.gdbstub.codec.RspException("address range wraps: " + Long.toHexString(address)
                    + "+" + Long.toHexString(length));
        }
    }
}
