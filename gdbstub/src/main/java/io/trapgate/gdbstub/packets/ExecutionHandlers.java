package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.codec.RspException;
import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.target.RegisterDescriptor;
import io.trapgate.gdbstub.target.ResumeAction;
import io.trapgate.gdbstub.target.ResumeAction.Kind;
import java.nio.ByteOrder;

/** Resume ({@code c s C S vCont}), detach ({@code D}) and kill ({@code k vKill}). */
final class ExecutionHandlers {

    private ExecutionHandlers() {
    }

    static void register(PacketDispatcher d) {
        d.prefix("c", (ctx, p) -> resume(ctx, Kind.CONTINUE, 0, p, 1));
        d.prefix("s", (ctx, p) -> resume(ctx, Kind.STEP, 0, p, 1));
        d.prefix("C", (ctx, p) -> resumeWithSignal(ctx, Kind.CONTINUE, p));
        d.prefix("S", (ctx, p) -> resumeWithSignal(ctx, Kind.STEP, p));
        d.exact("vCont?", (ctx, p) -> RspPacket.text("vCont;c;C;s;S"));
        d.prefix("vCont;", ExecutionHandlers::vCont);
        d.prefix("D", (ctx, p) -> {
            if (!p.equals("D")) {
                if (!p.startsWith("D;")) {
                    return ErrorReplies.BAD_ARGUMENT;
                }
                Hex.parseUnsigned(p, 2, p.length()); // D;pid (multiprocess form): the pid must at least be a number
            }
            ctx.send(RspPacket.OK);
            ctx.detach();
            return null;
        });
        d.exact("k", (ctx, p) -> {
            ctx.send(RspPacket.text("X09")); // lldb waits for the exit reply; gdb does not read it
            ctx.kill();
            return null;
        });
        d.prefix("vKill", (ctx, p) -> {
            ctx.send(RspPacket.OK);
            ctx.kill();
            return null;
        });
    }

    /** {@code c[addr]}, {@code s[addr]}: an address means "set the pc there first". */
    private static RspPacket resume(PacketContext ctx, Kind kind, int signal, String packet, int addressStart) {
        if (addressStart < packet.length()) {
            long address = Hex.parseUnsigned(packet, addressStart, packet.length());
            if (!setPc(ctx, address)) {
                return ErrorReplies.REFUSED;
            }
        }
        ctx.resume(new ResumeAction(kind, signal));
        return null;
    }

    /** {@code Csig[;addr]}, {@code Ssig[;addr]}. */
    private static RspPacket resumeWithSignal(PacketContext ctx, Kind kind, String packet) {
        int semicolon = packet.indexOf(';');
        int sigEnd = semicolon < 0 ? packet.length() : semicolon;
        int signal = Hex.parseInt(packet, 1, sigEnd);
        if (signal > 0xff) {
            throw new RspException("signal out of range: " + packet);
        }
        return resume(ctx, kind, signal, packet, semicolon < 0 ? packet.length() : semicolon + 1);
    }

    /** {@code vCont;action[:tid];…}: the first action naming our thread (or no thread) applies. */
    private static RspPacket vCont(PacketContext ctx, String packet) {
        for (String action : packet.substring("vCont;".length()).split(";")) {
            int colon = action.indexOf(':');
            String verb = colon < 0 ? action : action.substring(0, colon);
            if (colon >= 0 && !QueryHandlers.isOurThread(action.substring(colon + 1))) {
                continue;
            }
            if (verb.equals("c")) {
                ctx.resume(ResumeAction.CONTINUE);
            } else if (verb.equals("s")) {
                ctx.resume(ResumeAction.STEP);
            } else if (verb.length() == 3 && (verb.charAt(0) == 'C' || verb.charAt(0) == 'S')) {
                int signal = Hex.parseInt(verb, 1, 3);
                ctx.resume(new ResumeAction(verb.charAt(0) == 'C' ? Kind.CONTINUE : Kind.STEP, signal));
            } else {
                return ErrorReplies.BAD_ARGUMENT; // t, r and unknown actions are not offered in vCont?
            }
            return null;
        }
        return ErrorReplies.BAD_ARGUMENT; // nothing applies to our thread
    }

    private static boolean setPc(PacketContext ctx, long address) {
        RegisterDescriptor pc = ctx.description().generic(RegisterDescriptor.Generic.PC)
                .orElseThrow(() -> new RspException("the target names no pc register"));
        byte[] value = new byte[pc.byteSize()];
        boolean little = ctx.description().byteOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int i = 0; i < value.length; i++) {
            int shift = 8 * (little ? i : value.length - 1 - i);
            value[i] = shift < 64 ? (byte) (address >>> shift) : 0;
        }
        if (value.length < 8 && (address >>> (8 * value.length)) != 0) {
            throw new RspException("address does not fit the pc: " + Long.toHexString(address));
        }
        return ctx.target().writeRegister(pc.regnum(), value, 0);
    }
}
