package io.trapgate.gdbstub.packets;

import io.trapgate.gdbstub.codec.RspPacket;
import io.trapgate.gdbstub.target.RegisterLayout;
import io.trapgate.gdbstub.target.ResumeAction;
import io.trapgate.gdbstub.target.StopReason;
import io.trapgate.gdbstub.target.Target;
import io.trapgate.gdbstub.target.TargetDescription;

/** What a packet handler may use and do; implemented by the session. Called on the target's thread. */
public interface PacketContext {

    Target target();

    TargetDescription description();

    RegisterLayout layout();

    /** The payload size we accept and advertise ({@code PacketSize}); replies are kept within it too. */
    int maxPacketSize();

    /** What the client announced in qSupported. */
    ClientFeatures client();

    /** The last stop the target reported (what {@code ?} answers). */
    StopReason lastStop();

    /** Sends a packet now, ahead of the handler's reply ({@code O} output, a reply before a teardown). */
    void send(RspPacket packet);

    /** From now on neither side acknowledges packets; takes effect before the handler's reply is sent. */
    void enterNoAckMode();

    /** Marks the session running and resumes the target; its stop is reported later. */
    void resume(ResumeAction action);

    /** The client detached: the target runs on and a new client may connect. */
    void detach();

    /** The client killed the program: close the connection once the reply is out, then kill the target. */
    void kill();
}
