package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.RspException;
import io.trapgate.gdbstub.codec.RspPacket;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Table-driven dispatch: exact packet names ({@code qC}, {@code vCont?}) and prefixes ({@code m},
 * {@code qXfer:features:read:}) map to handlers; the longest matching prefix wins. Anything unmatched
 * gets the empty reply, which tells the client "not supported".
 */
public final class PacketDispatcher {

    private static final Logger log = LoggerFactory.getLogger(PacketDispatcher.class);

    private final Map<String, PacketHandler> exact = new HashMap<>();
    private final List<Map.Entry<String, PacketHandler>> prefixes = new ArrayList<>();

    /** The full packet set the stub answers. */
    public static PacketDispatcher standard() {
        PacketDispatcher d = new PacketDispatcher();
        QueryHandlers.register(d);
        RegisterHandlers.register(d);
        MemoryHandlers.register(d);
        ExecutionHandlers.register(d);
        BreakpointHandlers.register(d);
        MonitorHandler.register(d);
        LldbHandlers.register(d);
        return d;
    }

    /** Handles packets equal to {@code name}. */
    public PacketDispatcher exact(String name, PacketHandler handler) {
        if (exact.put(name, handler) != null) {
            throw new IllegalArgumentException("packet registered twice: " + name);
        }
        return this;
    }

    /** Handles packets starting with {@code prefix} (the rest are arguments). */
    public PacketDispatcher prefix(String prefix, PacketHandler handler) {
        for (Map.Entry<String, PacketHandler> e : prefixes) {
            if (e.getKey().equals(prefix)) {
                throw new IllegalArgumentException("packet prefix registered twice: " + prefix);
            }
        }
        prefixes.add(Map.entry(prefix, handler));
        prefixes.sort(Comparator.comparingInt((Map.Entry<String, PacketHandler> e) -> e.getKey().length()).reversed());
        return this;
    }

    PacketHandler lookup(String packet) {
        PacketHandler h = exact.get(packet);
        if (h != null) {
            return h;
        }
        for (Map.Entry<String, PacketHandler> e : prefixes) {
            if (packet.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Runs the packet's handler and sends its reply. Malformed arguments get {@link ErrorReplies#BAD_ARGUMENT};
     * a failure inside the target gets {@link ErrorReplies#REFUSED}; neither ends the session.
     */
    public void dispatch(PacketContext ctx, String packet) {
        PacketHandler h = lookup(packet);
        RspPacket reply;
        if (h == null) {
            reply = RspPacket.EMPTY;
        } else {
            try {
                reply = h.handle(ctx, packet);
            } catch (RspException e) {
                log.debug("malformed packet {}: {}", abbreviate(packet), e.getMessage());
                reply = ErrorReplies.BAD_ARGUMENT;
            } catch (RuntimeException e) {
                log.warn("target failed on packet {}", abbreviate(packet), e);
                reply = ErrorReplies.REFUSED;
            }
        }
        if (reply != null) {
            ctx.send(reply);
        }
    }

    /** Whether the packet asks the target to run (so a Ctrl-C that follows it must reach the target). */
    public static boolean resumes(String packet) {
        if (packet.isEmpty()) {
            return false;
        }
        char c = packet.charAt(0);
        return c == 'c' || c == 's' || c == 'C' || c == 'S' || packet.startsWith("vCont;");
    }

    static String abbreviate(String packet) {
        return packet.length() <= 64 ? packet : packet.substring(0, 64) + "…";
    }
}
