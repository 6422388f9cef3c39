package io.trapgate.gdbstub.fake;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.trapgate.gdbstub.codec.RspFrame;
import io.trapgate.gdbstub.codec.RspFrameDecoder;
import io.trapgate.gdbstub.codec.RspFrameEncoder;
import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.session.ClientSlot;
import io.trapgate.gdbstub.session.RspSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A stub session in an {@link EmbeddedChannel} over a hand-pumped fake target, with a client-side decoder
 * reading what the stub writes. Everything runs on the test thread, so every exchange is deterministic.
 */
public final class StubHarness {

    public final FakeMachine target;
    public final EmbeddedChannel channel;
    public final RspSession session;
    private final EmbeddedChannel client = new EmbeddedChannel(new RspFrameDecoder(1 << 20));

    public StubHarness(FakeMachine target, ClientSlot slot) {
        this.target = target;
        this.session = new RspSession(target, slot);
        this.channel = new EmbeddedChannel(new RspFrameDecoder(), new RspFrameEncoder(false), session);
        target.pump(); // attach
    }

    public StubHarness(FakeMachine target) {
        this(target, new ClientSlot());
    }

    public StubHarness() {
        this(new FakeI386Target());
    }

    /** A well-formed frame for {@code payload} (no escaping needed by callers that pass plain text). */
    public static String frame(String payload) {
        int sum = 0;
        for (byte b : payload.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        return "$" + payload + "#" + String.format("%02x", sum & 0xff);
    }

    /** Writes raw bytes to the stub and pumps the target until it is idle or still running after one slice. */
    public List<RspFrame> sendRaw(String bytes) {
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        target.pump();
        return received();
    }

    public List<RspFrame> send(String payload) {
        return sendRaw(frame(payload));
    }

    /** Sends a packet and returns the text of the single packet that comes back (acks dropped). */
    public String ask(String payload) {
        List<String> replies = packets(send(payload));
        if (replies.size() != 1) {
            throw new AssertionError("expected one reply to " + payload + " but got " + replies);
        }
        return replies.get(0);
    }

    /** Pumps the target once more (a running program) and returns what the stub wrote. */
    public List<RspFrame> pump() {
        target.pump();
        return received();
    }

    /** Everything the stub has written since the last call, decoded as a client would. */
    public List<RspFrame> received() {
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            client.writeInbound(out);
        }
        List<RspFrame> frames = new ArrayList<>();
        Object f;
        while ((f = client.readInbound()) != null) {
            frames.add((RspFrame) f);
        }
        return frames;
    }

    /** Raw bytes the stub has written since the last call (for checks of the wire form). */
    public String receivedRaw() {
        StringBuilder s = new StringBuilder();
        ByteBuf out;
        while ((out = channel.readOutbound()) != null) {
            s.append(out.toString(StandardCharsets.ISO_8859_1));
            out.release();
        }
        return s.toString();
    }

    /** Lets the embedded event loop's clock run, so scheduled work (a waiting newcomer's retries) happens. */
    public void advanceTime(long millis) {
        for (long t = 0; t < millis; t += 10) {
            channel.advanceTimeBy(10, java.util.concurrent.TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
        }
        target.pump();
    }

    public static List<String> packets(List<RspFrame> frames) {
        List<String> texts = new ArrayList<>();
        for (RspFrame f : frames) {
            if (f instanceof RspPacket p) {
                texts.add(p.text());
            }
        }
        return texts;
    }

    /** Switches to no-ack mode, as gdb does right after qSupported. */
    public StubHarness noAck() {
        if (!ask("QStartNoAckMode").equals("OK")) {
            throw new AssertionError("QStartNoAckMode refused");
        }
        return this;
    }
}
