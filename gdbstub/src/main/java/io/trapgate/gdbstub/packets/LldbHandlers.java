package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.target.MemoryRegions;
import io.trapgate.gdbstub.target.RegisterDescriptor;
import io.trapgate.gdbstub.target.RegisterDescriptor.Generic;
import io.trapgate.gdbstub.target.RegisterLayout;
import io.trapgate.gdbstub.target.StopReason;
import io.trapgate.gdbstub.target.TargetDescription;
import java.nio.ByteOrder;

/** lldb's extensions: host/process info, {@code qRegisterInfoN} (from the descriptor table), {@code jThreadsInfo}. */
final class LldbHandlers {

    private LldbHandlers() {
    }

    static void register(PacketDispatcher d) {
        d.exact("qHostInfo", (ctx, p) -> RspPacket.text(hostInfo(ctx.description())));
        d.exact("qProcessInfo", (ctx, p) -> RspPacket.text("pid:1;" + hostInfo(ctx.description())));
        d.prefix("qRegisterInfo", LldbHandlers::registerInfo);
        d.prefix("qMemoryRegionInfo:", LldbHandlers::memoryRegionInfo);
        d.exact("jThreadsInfo", LldbHandlers::threadsInfo);
        d.prefix("qThreadStopInfo", (ctx, p) -> QueryHandlers.isOurThread(p.substring("qThreadStopInfo".length()))
                ? StopReplies.format(ctx, ctx.lastStop()) : ErrorReplies.BAD_ARGUMENT);
    }

    /**
     * {@code qMemoryRegionInfo:ADDR} → {@code start:…;size:…;permissions:rwx;}; an unmapped gap has no
     * permissions. A target without {@link MemoryRegions} gets the empty reply (unsupported).
     */
    private static RspPacket memoryRegionInfo(PacketContext ctx, String packet) {
        if (!(ctx.target() instanceof MemoryRegions regions)) {
            return RspPacket.EMPTY;
        }
        long address = Hex.parseUnsigned(packet, "qMemoryRegionInfo:".length(), packet.length());
        MemoryRegions.MemoryRegion r = regions.regionAt(address);
        if (r == null) {
            return ErrorReplies.FAULT;
        }
        String s = "start:" + Long.toHexString(r.start()) + ";size:" + Long.toHexString(r.size()) + ";";
        return RspPacket.text(r.isMapped() ? s + "permissions:" + r.permissions() + ";" : s);
    }

    static String hostInfo(TargetDescription d) {
        return "triple:" + Hex.encodeText(d.lldbTriple()) + ";ptrsize:" + d.pointerSize() + ";endian:"
                + (d.byteOrder() == ByteOrder.LITTLE_ENDIAN ? "little" : "big") + ";";
    }

    /** One register per query, numbered from 0; past the last one the error reply ends lldb's loop. */
    private static RspPacket registerInfo(PacketContext ctx, String packet) {
        int regnum = RegisterHandlers.regnum(ctx, packet.substring("qRegisterInfo".length()));
        if (regnum < 0) {
            return RspPacket.text("E45");
        }
        return RspPacket.text(describe(ctx.description().register(regnum), ctx.layout()));
    }

    static String describe(RegisterDescriptor r, RegisterLayout layout) {
        StringBuilder s = new StringBuilder(128);
        s.append("name:").append(r.name());
        s.append(";bitsize:").append(r.bitSize());
        s.append(";offset:").append(layout.offset(r.regnum()));
        s.append(";encoding:").append(r.encoding().lldbName);
        s.append(";format:").append(r.format().lldbName);
        s.append(";set:").append(r.group());
        if (r.ehframe() >= 0) {
            s.append(";ehframe:").append(r.ehframe());
        }
        if (r.dwarf() >= 0) {
            s.append(";dwarf:").append(r.dwarf());
        }
        if (r.generic() != Generic.NONE) {
            s.append(";generic:").append(r.generic().lldbName);
        }
        return s.append(';').toString();
    }

    /** {@code [{"tid":1,"signal":5,"registers":{"8":"…"}}]}; register keys are decimal regnums. */
    private static RspPacket threadsInfo(PacketContext ctx, String packet) {
        StopReason stop = ctx.lastStop();
        StringBuilder s = new StringBuilder(128);
        s.append("[{\"tid\":").append(QueryHandlers.THREAD_ID);
        if (stop != null && !stop.isExit()) {
            s.append(",\"signal\":").append(StopReplies.signalOf(stop));
            // no "reason": lldb then derives breakpoints from its own sites at the pc, as for a T reply
            s.append(",\"registers\":{");
            boolean first = true;
            for (RegisterDescriptor r : ctx.description().registers()) {
                if (r.generic() == Generic.PC || r.generic() == Generic.SP || r.generic() == Generic.FP) {
                    byte[] value = new byte[r.byteSize()];
                    ctx.target().readRegister(r.regnum(), value, 0);
                    s.append(first ? "" : ",").append('"').append(r.regnum()).append("\":\"")
                            .append(Hex.encode(value)).append('"');
                    first = false;
                }
            }
            s.append('}');
        }
        s.append("}]");
        return RspPacket.json(s.toString());
    }
}
