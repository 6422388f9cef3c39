package io.trapgate.vm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class Uart16550Test {
    private static final int COM1 = 0x3F8;
    private final IoBus bus = new IoBus();
    private final CascadedPic pic = new CascadedPic(TraceLog.disabled());
    private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
    private final ArrayDeque<Integer> typed = new ArrayDeque<>();
    private Uart16550 uart;

    @BeforeEach
    void wire() {
        pic.attach(bus);
        SerialInput input = new SerialInput() {
            @Override
            public int poll() {
                Integer b = typed.poll();
                return b == null ? -1 : b;
            }

            @Override
            public boolean mayHaveMore() {
                return !typed.isEmpty();
            }

            @Override
            public boolean await(long millis) {
                return !typed.isEmpty();
            }
        };
        uart = new Uart16550(COM1, 4, pic, wire, input);
        bus.register(COM1, 8, uart);
        // PICs as a PC kernel sets them: vectors 0x20/0x28, everything unmasked
        bus.out(0x20, 1, 0x11);
        bus.out(0x21, 1, 0x20);
        bus.out(0x21, 1, 0x04);
        bus.out(0x21, 1, 0x01);
        bus.out(0x21, 1, 0x00);
    }

    private void type(String s) {
        for (byte b : s.getBytes(StandardCharsets.ISO_8859_1)) {
            typed.add(b & 0xFF);
        }
    }

    @Test
    void bytesWrittenToThrGoOutOnTheWire() {
        for (char c : "hi\n".toCharArray()) {
            bus.out(COM1, 1, c);
        }
        assertEquals("hi\n", wire.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void lineStatusShowsTransmitterEmptyAndNoData() {
        assertEquals(0x60, bus.in(COM1 + 5, 1));
    }

    @Test
    void scratchRegisterKeepsWhatIsWritten() {
        bus.out(COM1 + 7, 1, 0xA5);
        assertEquals(0xA5, bus.in(COM1 + 7, 1));
    }

    @Test
    void divisorLatchIsReachedThroughDlab() {
        bus.out(COM1 + 3, 1, 0x80);
        bus.out(COM1, 1, 0x01);
        bus.out(COM1 + 1, 1, 0x02);
        assertEquals(0x01, bus.in(COM1, 1));
        assertEquals(0x02, bus.in(COM1 + 1, 1));
        bus.out(COM1 + 3, 1, 0x03);
        assertEquals(0x03, bus.in(COM1 + 3, 1));
        assertEquals(0, bus.in(COM1 + 1, 1), "IER is separate from DLM");
        assertEquals(0, wire.size(), "divisor writes are not transmitted");
    }

    @Test
    void iirShowsFifoBitsOnlyWhenFifosAreEnabled() {
        assertEquals(0x01, bus.in(COM1 + 2, 1));
        bus.out(COM1 + 2, 1, 0xC7);
        assertEquals(0xC1, bus.in(COM1 + 2, 1));
        bus.out(COM1 + 2, 1, 0x00);
        assertEquals(0x01, bus.in(COM1 + 2, 1));
    }

    @Test
    void enablingThreInterruptRaisesIrq4UntilIirIsRead() {
        bus.out(COM1 + 1, 1, 0x02);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x24, pic.acknowledge());
        assertEquals(0x02, bus.in(COM1 + 2, 1));
        assertEquals(0x01, bus.in(COM1 + 2, 1), "reading IIR acknowledged THRE");
        bus.out(COM1, 1, 'x');
        assertEquals(0x02, bus.in(COM1 + 2, 1), "the next transmission empties THR again");
    }

    @Test
    void typedByteRaisesReceiveInterruptAndIsReadFromRbr() {
        bus.out(COM1 + 1, 1, 0x01);
        type("a");
        uart.pollInput();
        assertEquals(0x01, bus.in(COM1 + 5, 1) & 0x01, "LSR.DR");
        assertEquals(0x04, bus.in(COM1 + 2, 1));
        assertTrue(pic.hasInterrupt());
        assertEquals('a', bus.in(COM1, 1));
        assertEquals(0x01, bus.in(COM1 + 2, 1));
        assertEquals(0x60, bus.in(COM1 + 5, 1));
    }

    @Test
    void fifoHoldsSixteenBytesAndTheRestWaitsOnTheHost() {
        bus.out(COM1 + 2, 1, 0xC1); // FIFO on, trigger 14
        type("0123456789abcdefXY");
        uart.pollInput();
        StringBuilder got = new StringBuilder();
        while ((bus.in(COM1 + 5, 1) & 1) != 0) {
            got.append((char) bus.in(COM1, 1));
        }
        assertEquals("0123456789abcdef", got.toString());
        assertEquals(0, bus.in(COM1 + 5, 1) & 0x02, "no overrun: the host keeps the rest");
        uart.pollInput();
        assertEquals('X', bus.in(COM1, 1));
    }

    @Test
    void belowTheTriggerLevelAFifoReportsCharacterTimeout() {
        bus.out(COM1 + 2, 1, 0xC1); // trigger level 14
        bus.out(COM1 + 1, 1, 0x01);
        type("abc");
        uart.pollInput();
        assertEquals(0xCC, bus.in(COM1 + 2, 1));
        type("defghijklmn");
        uart.pollInput();
        assertEquals(0xC4, bus.in(COM1 + 2, 1), "at 14 bytes: received data available");
    }

    @Test
    void loopbackSendsThrToRbrAndMcrToMsr() {
        bus.out(COM1 + 4, 1, 0x1F);
        assertEquals(0xF0, bus.in(COM1 + 6, 1) & 0xF0);
        bus.out(COM1, 1, 'Q');
        assertEquals('Q', bus.in(COM1, 1));
        assertEquals(0, wire.size());
        bus.out(COM1 + 4, 1, 0x10);
        assertEquals(0x0F, bus.in(COM1 + 6, 1), "every line dropped: delta bits, RI trailing edge");
        assertEquals(0x00, bus.in(COM1 + 6, 1), "reading MSR cleared the deltas");
    }

    @Test
    void modemStatusWithoutLoopbackReportsCarrierDsrCts() {
        assertEquals(0xB0, bus.in(COM1 + 6, 1));
    }

    @Test
    void overrunInLoopbackSetsLineStatusError() {
        bus.out(COM1 + 4, 1, 0x10);
        bus.out(COM1 + 1, 1, 0x04);
        bus.out(COM1, 1, '1');
        bus.out(COM1, 1, '2');
        assertEquals(0x06, bus.in(COM1 + 2, 1));
        assertEquals(0x63, bus.in(COM1 + 5, 1));
        assertEquals(0x61, bus.in(COM1 + 5, 1), "reading LSR cleared OE");
        assertFalse((bus.in(COM1 + 2, 1) & 0x0F) == 0x06);
    }

    @Test
    void eachTransmittedByteGivesTheThreInterruptAFreshEdge() {
        bus.out(COM1 + 1, 1, 0x02);
        assertEquals(0x24, pic.acknowledge());
        bus.out(0x20, 1, 0x20);
        assertFalse(pic.hasInterrupt(), "still high, but already taken");
        bus.out(COM1, 1, 'x');
        assertTrue(pic.hasInterrupt(), "the write dropped the line and the empty THR raised it again");
    }
}
