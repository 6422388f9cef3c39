package io.trapgate.gdbstub.session;

import static io.trapgate.gdbstub.fake.StubHarness.packets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.fake.FakeMachine;
import io.trapgate.gdbstub.fake.StubHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A buggy target must not take the session, or the thread that runs the machine, down with it. */
@Timeout(10)
class TargetFailureTest {

    /** Throws on demand from memory reads and register reads. */
    static final class BrokenMachine extends FakeMachine {
        volatile boolean registersBroken;

        @Override
        public int readMemory(long address, byte[] dst, int offset, int length) {
            throw new IllegalStateException("memory bug");
        }

        @Override
        public void readRegister(int regnum, byte[] dst, int offset) {
            if (registersBroken) {
                throw new IllegalStateException("register bug");
            }
            super.readRegister(regnum, dst, offset);
        }
    }

    @Test
    void targetExceptionInAHandlerBecomesAnErrorReply() {
        StubHarness h = new StubHarness(new BrokenMachine()).noAck();
        assertEquals("E01", h.ask("m1000,4"));
        assertEquals("QC1", h.ask("qC"));
    }

    @Test
    void stopReplyWithoutReadableRegistersStillReportsTheStop() {
        BrokenMachine m = new BrokenMachine();
        StubHarness h = new StubHarness(m).noAck();
        m.registersBroken = true;
        List<String> out = packets(h.send("s"));
        assertEquals(List.of("T05"), out);
        assertTrue(h.channel.isOpen());
    }
}
