package io.trapgate.vm.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SimplePortsTest {
    private final IoBus bus = new IoBus();
    private final RecordingControl machine = new RecordingControl();

    @Test
    void debugExitByteWriteExitsWithDoubledValuePlusOne() {
        bus.register(0xF4, 4, new DebugExitPort(machine));
        bus.out(0xF4, 1, 0x2A);
        assertEquals(85, machine.exitCode);
    }

    @Test
    void debugExitCodeIsTheLowEightBitsAsTheHostDeliversIt() {
        bus.register(0xF4, 4, new DebugExitPort(machine));
        bus.out(0xF4, 4, 0x80);
        assertEquals(1, machine.exitCode, "(0x80 << 1) | 1 = 0x101");
    }

    @Test
    void sixteenBitWriteOf2000ToB004PowersOff() {
        bus.register(0xB004, 2, new PowerOffPort(machine, TraceLog.disabled()));
        bus.out(0xB004, 2, 0x2000);
        assertEquals(0, machine.exitCode);
    }

    @Test
    void otherWritesToThePowerOffPortAreIgnored() {
        bus.register(0xB004, 2, new PowerOffPort(machine, TraceLog.disabled()));
        bus.out(0xB004, 1, 0x20);
        bus.out(0xB004, 2, 0x1234);
        assertEquals(-1, machine.exitCode);
        assertNull(machine.exitReason);
    }

    @Test
    void debugConsoleWritesRawBytesAndReadsBackE9() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bus.register(0xE9, 1, new DebugConsole(out));
        bus.out(0xE9, 1, 'o');
        bus.out(0xE9, 1, 'k');
        assertEquals("ok", out.toString(StandardCharsets.ISO_8859_1));
        assertEquals(0xE9, bus.in(0xE9, 1));
    }

    @Test
    void unassignedPortsReadAllOnes() {
        assertEquals(0xFF, bus.in(0x80, 1));
        assertEquals(0xFFFF, bus.in(0x1234, 2));
        assertEquals(0xFFFFFFFF, bus.in(0xCF8, 4));
        bus.out(0x80, 1, 0x12); // dropped, no failure
    }

    @Test
    void unassignedPortLoggerReadsAllOnesAndLogs() {
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        TraceLog log = new TraceLog(new PrintStream(logged, true, StandardCharsets.UTF_8));
        bus.register(0x80, 1, new UnassignedPorts(log));
        assertEquals(0xFF, bus.in(0x80, 1));
        bus.out(0x80, 1, 0x12);
        assertEquals("unimp: 1-byte read of unassigned I/O port 0x0080\n"
                + "unimp: 1-byte write of 0x12 to unassigned I/O port 0x0080\n",
                logged.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }

    @Test
    void writingResetBitToCf9RequestsAReset() {
        bus.register(0xCF9, 1, new ResetControlPorts(machine));
        bus.out(0xCF9, 1, 0x02);
        assertNull(machine.resetReason, "bit 1 alone only selects the reset type");
        assertEquals(0x02, bus.in(0xCF9, 1));
        bus.out(0xCF9, 1, 0x06);
        assertEquals("reset through port 0xcf9", machine.resetReason);
    }

    @Test
    void fastResetBitOfPort92RequestsAResetAndA20ReadsOn() {
        bus.register(0x92, 1, new ResetControlPorts(machine));
        assertEquals(0x02, bus.in(0x92, 1));
        bus.out(0x92, 1, 0x02);
        assertNull(machine.resetReason);
        bus.out(0x92, 1, 0x03);
        assertEquals("fast reset through port 0x92", machine.resetReason);
    }

    @Test
    void wordWriteToTheCmosIndexPortSelectsARegisterAndWritesItsData() {
        FakeTime time = new FakeTime();
        bus.register(0x70, 2, new ByteWidePorts(new CmosRtc(time, 0, 64 << 20, TraceLog.disabled()), bus));
        bus.out(0x70, 2, 0x5A40); // AL = register 0x40, AH = value
        bus.out(0x70, 1, 0x40);
        assertEquals(0x5A, bus.in(0x71, 1));
        assertEquals(0x5AFF, bus.in(0x70, 2), "the index port reads all ones, the data port the register");
    }

    @Test
    void wordReadPastAByteDeviceReachesTheNextPortOnTheBus() {
        bus.register(0xE9, 1, new ByteWidePorts(new DebugConsole(new ByteArrayOutputStream()), bus));
        assertEquals(0xFFE9, bus.in(0xE9, 2), "0xEA is unassigned");
    }
}
