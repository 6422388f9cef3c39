package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.codec.RspException;
import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.target.HardwareBreakpoints;
import io.trapgate.gdbstub.target.SoftwareBreakpoints;
import io.trapgate.gdbstub.target.Target;
import io.trapgate.gdbstub.target.TargetXml;

/** Connection set-up and queries: qSupported, no-ack mode, target.xml, threads, {@code ?}. */
final class QueryHandlers {

    /** The one thread this stub shows; thread ids are hex in the protocol. */
    static final int THREAD_ID = 1;

    private QueryHandlers() {
    }

    static void register(PacketDispatcher d) {
        d.exact("qSupported", QueryHandlers::supported);
        d.prefix("qSupported:", QueryHandlers::supported);
        d.exact("QStartNoAckMode", (ctx, p) -> {
            ctx.enterNoAckMode();
            return RspPacket.OK;
        });
        d.prefix("qXfer:features:read:", QueryHandlers::readFeatures);
        d.exact("qAttached", (ctx, p) -> RspPacket.text("1"));
        d.prefix("qAttached:", (ctx, p) -> RspPacket.text("1"));
        d.exact("qOffsets", (ctx, p) -> RspPacket.text("Text=0;Data=0;Bss=0"));
        d.exact("qC", (ctx, p) -> RspPacket.text("QC" + Integer.toHexString(THREAD_ID)));
        d.exact("qfThreadInfo", (ctx, p) -> RspPacket.text("m" + Integer.toHexString(THREAD_ID)));
        d.exact("qsThreadInfo", (ctx, p) -> RspPacket.text("l"));
        d.prefix("H", QueryHandlers::setThread);
        d.prefix("T", (ctx, p) -> isOurThread(p.substring(1)) ? RspPacket.OK : ErrorReplies.BAD_ARGUMENT);
        d.exact("vMustReplyEmpty", (ctx, p) -> RspPacket.EMPTY);
        d.exact("?", (ctx, p) -> StopReplies.format(ctx, ctx.lastStop()));
    }

    private static RspPacket supported(PacketContext ctx, String packet) {
        int colon = packet.indexOf(':');
        if (colon >= 0) {
            for (String feature : packet.substring(colon + 1).split(";")) {
                ctx.client().announce(feature);
            }
        }
        return RspPacket.text(supportedReply(ctx.target(), ctx.maxPacketSize()));
    }

    /** Generated from what the target implements: a capability it lacks is not advertised. */
    static String supportedReply(Target target, int packetSize) {
        StringBuilder s = new StringBuilder();
        s.append("PacketSize=").append(Integer.toHexString(packetSize));
        s.append(";qXfer:features:read+;QStartNoAckMode+;vContSupported+");
        if (target instanceof SoftwareBreakpoints) {
            s.append(";swbreak+");
        }
        if (target instanceof HardwareBreakpoints) {
            s.append(";hwbreak+");
        }
        return s.toString();
    }

    /** {@code qXfer:features:read:ANNEX:OFFSET,LENGTH} → {@code m}chunk (more follows) or {@code l}chunk (last). */
    private static RspPacket readFeatures(PacketContext ctx, String packet) {
        int start = "qXfer:features:read:".length();
        int colon = packet.indexOf(':', start);
        if (colon < 0) {
            throw new RspException("qXfer without offset: " + packet);
        }
        String annex = packet.substring(start, colon);
        ArgumentCursor args = new ArgumentCursor(packet, colon + 1);
        long offset = args.hexUntil(',');
        long length = args.hexToEnd();
        if (!annex.equals(TargetXml.ANNEX)) {
            return RspPacket.text("E00"); // gdb's answer for an annex that does not exist
        }
        String xml = TargetXml.generate(ctx.description());
        // the reply grows when '}' '#' '$' '*' are escaped; target.xml has none, so length is the bound
        long max = Math.min(length, ctx.maxPacketSize() - 1L);
        if (offset >= xml.length()) {
            return RspPacket.text("l");
        }
        int from = (int) offset;
        int to = (int) Math.min(xml.length(), from + max);
        return RspPacket.text((to == xml.length() ? "l" : "m") + xml.substring(from, to));
    }

    /** {@code Hg<tid>} / {@code Hc<tid>}: 0 (any) and -1 (all) and our thread are accepted. */
    private static RspPacket setThread(PacketContext ctx, String packet) {
        if (packet.length() < 3 || (packet.charAt(1) != 'g' && packet.charAt(1) != 'c')) {
            return ErrorReplies.BAD_ARGUMENT;
        }
        return isOurThread(packet.substring(2)) ? RspPacket.OK : ErrorReplies.BAD_ARGUMENT;
    }

    static boolean isOurThread(String tid) {
        if (tid.equals("-1") || tid.equals("0")) {
            return true;
        }
        try {
            return Hex.parseUnsigned(tid) == THREAD_ID;
        } catch (RspException e) {
            return false;
        }
    }
}
