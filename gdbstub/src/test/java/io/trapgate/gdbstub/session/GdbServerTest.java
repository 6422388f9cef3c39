package io.trapgate.gdbstub.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.fake.StubOverTcp;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The server over real TCP with the fake's own CPU thread: stop replies come from that thread. */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class GdbServerTest extends StubOverTcp {

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", server.port());
        s.setSoTimeout(10_000);
        return s;
    }

    private static void write(Socket s, String bytes) throws IOException {
        s.getOutputStream().write(bytes.getBytes(StandardCharsets.ISO_8859_1));
        s.getOutputStream().flush();
    }

    /** Reads one '$…#cs' packet (skipping acks) and returns its payload. */
    private static String readPacket(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        int c;
        while ((c = in.read()) != '$') {
            if (c < 0) {
                throw new IOException("connection closed");
            }
        }
        StringBuilder p = new StringBuilder();
        while ((c = in.read()) != '#') {
            p.append((char) c);
        }
        in.read();
        in.read();
        return p.toString();
    }

    @Test
    void ephemeralPortIsReported() {
        assertTrue(server.port() > 0);
    }

    @Test
    void stopReplyArrivesFromTheTargetThreadAfterCtrlC() throws Exception {
        try (Socket s = connect()) {
            write(s, "$QStartNoAckMode#b0");
            assertEquals("OK", readPacket(s));
            write(s, "$c#63");
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (!target.query(target::isRunning) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            write(s, "\u0003");
            assertTrue(readPacket(s).startsWith("T02thread:1;"));
        }
    }

    @Test
    void clientCanReconnectAfterDisconnecting() throws Exception {
        try (Socket s = connect()) {
            write(s, "$qC#b4");
            assertEquals("QC1", readPacket(s));
        }
        for (int i = 0; i < 3; i++) {
            try (Socket s = connect()) {
                write(s, "$qC#b4");
                assertEquals("QC1", readPacket(s), "connection " + (i + 2));
            }
        }
    }

    @Test
    void bindingAPortInUseFailsWithoutLeavingAServerBehind() {
        assertThrows(Exception.class, () -> GdbServer.start(target, server.port()).close());
    }

    @Test
    void closeStopsListening() throws Exception {
        int port = server.port();
        server.close();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        server = GdbServer.start(target, 0); // for @AfterEach
    }
}
