package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.vm.cli.TrapgateCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** -gdb on the command line: a port that cannot be had is a one-line error, not a hang or a trace. */
@Timeout(30)
class GdbStubOptionsTest {

    @Test
    void aPortInUseIsAOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = TrapgateCommand.run(new String[] {"-gdb", "tcp::" + taken.getLocalPort(), "--timeout", "10"},
                    new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            String text = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, text);
            assertTrue(text.startsWith("trapgate: -gdb tcp::" + taken.getLocalPort() + ": cannot listen on 127.0.0.1:"),
                    text);
            assertEquals(1, text.strip().lines().count(), text);
        }
    }
}
