package io.trapgate.vm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CascadedPicTest {
    private final IoBus bus = new IoBus();
    private final ByteArrayOutputStream logged = new ByteArrayOutputStream();
    private final TraceLog log = new TraceLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
    private final CascadedPic pic = new CascadedPic(log);

    @BeforeEach
    void initialiseLikeLinux() {
        pic.attach(bus);
        bus.out(0x20, 1, 0x11); // ICW1: edge, cascade, ICW4
        bus.out(0xA0, 1, 0x11);
        bus.out(0x21, 1, 0x20); // ICW2: vectors
        bus.out(0xA1, 1, 0x28);
        bus.out(0x21, 1, 0x04); // ICW3
        bus.out(0xA1, 1, 0x02);
        bus.out(0x21, 1, 0x01); // ICW4: 8086
        bus.out(0xA1, 1, 0x01);
        bus.out(0x21, 1, 0x00); // OCW1: all unmasked
        bus.out(0xA1, 1, 0x00);
    }

    @Test
    void masterIrqIsDeliveredAtItsVector() {
        pic.pulse(1);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x21, pic.acknowledge());
        assertFalse(pic.hasInterrupt());
    }

    @Test
    void slaveIrqCascadesThroughIr2() {
        pic.pulse(12);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x2C, pic.acknowledge());
        bus.out(0xA0, 1, 0x0B);
        assertEquals(0x10, bus.in(0xA0, 1), "slave ISR has IR4");
        bus.out(0x20, 1, 0x0B);
        assertEquals(0x04, bus.in(0x20, 1), "master ISR has the cascade IR2");
    }

    @Test
    void imrReadsBackAndMasksRequests() {
        bus.out(0x21, 1, 0xFE);
        assertEquals(0xFE, bus.in(0x21, 1));
        pic.pulse(3);
        assertFalse(pic.hasInterrupt());
        bus.out(0x20, 1, 0x0A);
        assertEquals(0x08, bus.in(0x20, 1), "the masked request waits in IRR");
        bus.out(0x21, 1, 0x00);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x23, pic.acknowledge());
    }

    @Test
    void inServiceIrqBlocksLowerPriorityUntilEoi() {
        pic.pulse(0);
        assertEquals(0x20, pic.acknowledge());
        pic.pulse(1);
        assertFalse(pic.hasInterrupt(), "IRQ1 waits behind IRQ0 in service");
        bus.out(0x20, 1, 0x20); // non-specific EOI
        assertTrue(pic.hasInterrupt());
        assertEquals(0x21, pic.acknowledge());
    }

    @Test
    void higherPriorityIrqNestsOverLowerInService() {
        pic.pulse(5);
        assertEquals(0x25, pic.acknowledge());
        pic.pulse(0);
        assertTrue(pic.hasInterrupt());
        assertEquals(0x20, pic.acknowledge());
    }

    @Test
    void specificEoiClearsTheNamedLevel() {
        pic.pulse(3);
        pic.acknowledge();
        pic.pulse(1);
        pic.acknowledge();
        bus.out(0x20, 1, 0x63); // specific EOI for IR3
        bus.out(0x20, 1, 0x0B);
        assertEquals(0x02, bus.in(0x20, 1));
    }

    @Test
    void nonSpecificEoiClearsTheHighestPriorityInService() {
        pic.pulse(3);
        pic.acknowledge();
        pic.pulse(1);
        pic.acknowledge();
        bus.out(0x20, 1, 0x20);
        bus.out(0x20, 1, 0x0B);
        assertEquals(0x08, bus.in(0x20, 1));
    }

    @Test
    void edgeTriggeredLineLatchesOnlyOnRisingEdge() {
        pic.setIrq(4, true);
        assertEquals(0x24, pic.acknowledge());
        bus.out(0x20, 1, 0x20);
        pic.setIrq(4, true); // still high: no new edge
        assertFalse(pic.hasInterrupt());
        pic.setIrq(4, false);
        pic.setIrq(4, true);
        assertTrue(pic.hasInterrupt());
    }

    @Test
    void pollCommandReturnsAndAcknowledgesTheHighestRequest() {
        pic.pulse(6);
        bus.out(0x20, 1, 0x0C); // OCW3 poll
        assertEquals(0x86, bus.in(0x20, 1));
        bus.out(0x20, 1, 0x0B);
        assertEquals(0x40, bus.in(0x20, 1));
    }

    @Test
    void autoEoiLeavesNothingInService() {
        bus.out(0x20, 1, 0x11);
        bus.out(0x21, 1, 0x20);
        bus.out(0x21, 1, 0x04);
        bus.out(0x21, 1, 0x03); // ICW4: 8086, auto EOI
        pic.pulse(3);
        assertEquals(0x23, pic.acknowledge());
        bus.out(0x20, 1, 0x0B);
        assertEquals(0, bus.in(0x20, 1));
    }

    @Test
    void rotateOnNonSpecificEoiMakesTheServicedIrqLowest() {
        pic.pulse(0);
        pic.acknowledge();
        bus.out(0x20, 1, 0xA0); // rotate on non-specific EOI: IR0 becomes lowest
        pic.pulse(0);
        pic.pulse(7);
        assertEquals(0x27, pic.acknowledge(), "IR7 now outranks IR0");
    }

    @Test
    void icw1ClearsMaskAndServiceState() {
        bus.out(0x21, 1, 0xFF);
        pic.pulse(0);
        bus.out(0x20, 1, 0x11);
        bus.out(0x21, 1, 0x30);
        bus.out(0x21, 1, 0x04);
        bus.out(0x21, 1, 0x01);
        assertEquals(0, bus.in(0x21, 1));
        assertFalse(pic.hasInterrupt());
    }

    @Test
    void acknowledgedInterruptsAreLoggedUnderDashDInt() {
        log.interrupts = true;
        pic.pulse(0);
        pic.acknowledge();
        assertEquals("int: IRQ0 -> vector 0x20\n", logged.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }

    @Test
    void spuriousAcknowledgeReturnsIr7() {
        assertEquals(0x27, pic.acknowledge());
    }

    @Test
    void elcrKeepsTheWritableBitsAndReadsBack() {
        bus.out(0x4D0, 1, 0xFF);
        bus.out(0x4D1, 1, 0xFF);
        assertEquals(0xF8, bus.in(0x4D0, 1), "IRQ0-2 are edge only");
        assertEquals(0xDE, bus.in(0x4D1, 1), "IRQ8 and IRQ13 are edge only");
        assertEquals(0xDEF8, bus.in(0x4D0, 2));
    }

    @Test
    void levelTriggeredRequestStaysWhileTheLineIsUpAndGoesWithIt() {
        bus.out(0x4D1, 1, 0x08); // IRQ11 level triggered
        pic.setIrq(11, true);
        assertEquals(0x2B, pic.acknowledge());
        bus.out(0xA0, 1, 0x20);
        bus.out(0x20, 1, 0x20);
        assertTrue(pic.hasInterrupt(), "the line is still up: the request is still there");
        pic.setIrq(11, false);
        assertFalse(pic.hasInterrupt(), "the device dropped its line");
    }
}
