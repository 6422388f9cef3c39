package io.trapgate.gdbstub.fake;

import io.trapgate.gdbstub.session.GdbServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * For tests that talk to the stub over real TCP: a {@link FakeI386Target} running on its own CPU
 * thread behind a {@link GdbServer} on a free local port, started before each test and closed
 * after it. A test may replace {@code server}; the one in the field when it ends is closed.
 */
public abstract class StubOverTcp {

    protected FakeI386Target target;
    protected GdbServer server;

    @BeforeEach
    protected void startTheStub() throws InterruptedException {
        target = new FakeI386Target();
        target.startThread();
        server = GdbServer.start(target, 0);
    }

    @AfterEach
    protected void stopTheStub() throws InterruptedException {
        server.close();
        target.stopThread();
    }
}
