package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.target.RegisterDescriptor;
import io.trapgate.gdbstub.target.RegisterDescriptor.Generic;
import io.trapgate.gdbstub.target.StopReason;

/**
 * Formats stop replies: {@code T05thread:1;08:<pc>;04:<sp>;05:<fp>;swbreak:;}, {@code Wnn} for an exit,
 * {@code Xnn} for termination by a signal. The pc, sp and fp (the registers whose generic role says so) are
 * expedited so the client need not ask for them.
 */
public final class StopReplies {

    private StopReplies() {
    }

    public static RspPacket format(PacketContext ctx, StopReason reason) {
        if (reason instanceof StopReason.Exited e) {
            return RspPacket.text("W" + Hex.byteToHex(e.status()));
        }
        if (reason instanceof StopReason.Terminated t) {
            return RspPacket.text("X" + Hex.byteToHex(t.signal()));
        }
        StringBuilder s = new StringBuilder(64);
        s.append('T').append(Hex.byteToHex(signalOf(reason)));
        s.append("thread:").append(Integer.toHexString(QueryHandlers.THREAD_ID)).append(';');
        appendExpedited(ctx, s);
        if (reason instanceof StopReason.SoftwareBreakpoint && ctx.client().swbreak()) {
            s.append("swbreak:;");
        } else if (reason instanceof StopReason.HardwareBreakpoint && ctx.client().hwbreak()) {
            s.append("hwbreak:;");
        } else if (reason instanceof StopReason.Watchpoint w) {
            s.append(w.kind().stopKey).append(':').append(Long.toHexString(w.dataAddress())).append(';');
        }
        return RspPacket.text(s.toString());
    }

    public static int signalOf(StopReason reason) {
        if (reason instanceof StopReason.Signal sig) {
            return sig.signal();
        }
        return StopReason.SIGTRAP; // breakpoints and watchpoints are traps
    }

    private static void appendExpedited(PacketContext ctx, StringBuilder s) {
        for (RegisterDescriptor r : ctx.description().registers()) {
            if (r.generic() == Generic.PC || r.generic() == Generic.SP || r.generic() == Generic.FP) {
                byte[] value = new byte[r.byteSize()];
                ctx.target().readRegister(r.regnum(), value, 0);
                s.append(r.regnum() < 16 ? "0" : "").append(Integer.toHexString(r.regnum())).append(':');
                Hex.appendBytes(s, value, 0, value.length);
                s.append(';');
            }
        }
    }
}
