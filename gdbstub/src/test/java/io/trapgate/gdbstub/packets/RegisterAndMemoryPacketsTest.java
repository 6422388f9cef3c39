package io.trapgate.gdbstub.packets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.codec.Hex;
import io.trapgate.gdbstub.fake.FakeMachine;
import io.trapgate.gdbstub.fake.I386Description;
import io.trapgate.gdbstub.fake.StubHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RegisterAndMemoryPacketsTest {

    private final StubHarness h = new StubHarness().noAck();

    @Test
    void gConcatenatesEveryRegisterInRegnumOrder() {
        String g = h.ask("g");
        assertEquals(2 * h.target.description().layout().totalBytes(), g.length());
        assertEquals("00800000", g.substring(8 * 4, 8 * 5)); // esp
        assertEquals("00100000", g.substring(8 * 8, 8 * 9)); // eip
        assertEquals("02020000", g.substring(8 * 9, 8 * 10)); // eflags
        int mxcsr = h.target.description().layout().offset(I386Description.MXCSR);
        assertEquals("801f0000", g.substring(2 * mxcsr, 2 * mxcsr + 8));
    }

    @Test
    void corePlusX87PlusSseAndOrigEaxIsTheLayoutGdbExpectsWithoutXml() {
        // brief §4: 308 bytes for core+sse, 312 with orig_eax; our system registers follow
        assertEquals(312, h.target.description().layout().offset(I386Description.CR0));
    }

    @Test
    void gWriteSetsEveryRegisterItCovers() {
        String g = h.ask("g");
        String changed = "78563412" + g.substring(8);
        assertEquals("OK", h.ask("G" + changed));
        assertEquals(0x12345678, h.target.reg32(I386Description.EAX));
        assertEquals(g.substring(8), h.ask("g").substring(8));
    }

    @Test
    void gWriteMayCoverOnlyTheFirstRegisters() {
        assertEquals("OK", h.ask("G" + "01000000" + "02000000"));
        assertEquals(2, h.target.reg32(1));
        assertEquals(0x1000, h.target.reg32(I386Description.EIP));
    }

    @Test
    void gWriteEndingInsideARegisterIsRejectedUntouched() {
        assertEquals("E16", h.ask("G" + "0100000002"));
        assertEquals(0, h.target.reg32(0));
    }

    @Test
    void pReadsOneRegisterAndPWritesIt() {
        assertEquals("00100000", h.ask("p8"));
        assertEquals("OK", h.ask("P8=34120000"));
        assertEquals(0x1234, h.target.reg32(I386Description.EIP));
        assertEquals("0000000000000000", h.ask("p37")); // tsc, 64 bits
        assertEquals("0".repeat(20), h.ask("p10")); // st0, 80 bits
    }

    @Test
    void registerNumberPastTheTableIsAnError() {
        assertEquals("E16", h.ask("p38"));
        assertEquals("E16", h.ask("P38=00000000"));
        assertEquals("E16", h.ask("pffffffffffffffffff"));
    }

    @Test
    void pWriteOfTheWrongWidthIsRejectedUntouched() {
        assertEquals("E16", h.ask("P8=3412"));
        assertEquals("E16", h.ask("P8=3412000000"));
        assertEquals("E16", h.ask("P8=zz120000"));
        assertEquals(0x1000, h.target.reg32(I386Description.EIP));
    }

    @Test
    void mReadsMemoryAsHex() {
        assertEquals("4040a30020000090", h.ask("m1000,8"));
    }

    @Test
    void mAtUnmappedMemoryIsAFault() {
        assertEquals("E14", h.ask("m20000,4"));
    }

    @Test
    void mAcrossTheEndOfMemoryReturnsTheReadablePart() {
        assertEquals("0000", h.ask("mfffe,8"));
    }

    @Test
    void mOfHugeLengthIsCappedToThePacketSize() {
        String r = h.ask("m0,ffffffff");
        assertEquals(0x4000 - 2, r.length());
    }

    @Test
    void mWithAWrappingRangeOrBadNumbersIsABadArgument() {
        assertEquals("E16", h.ask("mffffffffffffffff,10"));
        assertEquals("E16", h.ask("m10000000000000000,4"));
        assertEquals("E16", h.ask("m1000"));
        assertEquals("E16", h.ask("mxyz,4"));
        assertEquals("E16", h.ask("m1000,"));
    }

    @Test
    void mWritesHexBytes() {
        assertEquals("OK", h.ask("M3000,4:78563412"));
        assertEquals(0x12345678, h.target.mem32(0x3000));
    }

    @Test
    void mWriteWhoseDataDisagreesWithItsLengthIsRejectedUntouched() {
        assertEquals("E16", h.ask("M3000,4:785634"));
        assertEquals("E16", h.ask("M3000,2:78563412"));
        assertEquals("E16", h.ask("M3000,4:7856341g"));
        assertEquals(0, h.target.mem32(0x3000));
    }

    @Test
    void mWriteToUnmappedMemoryIsAFaultAndWritesNothing() {
        assertEquals("E14", h.ask("Mfffe,4:01020304"));
        assertEquals(0, h.target.mem32(0xfffc));
    }

    @Test
    void xWritesBinaryDataWithEscapes() {
        // payload bytes 7d 23 24 2a 00: the framing ones escaped on the wire
        h.sendRaw(StubHarness.frame("X3000,5:}]}\u0003}\u0004}\n\u0000"));
        byte[] got = new byte[5];
        h.target.readMemory(0x3000, got, 0, 5);
        assertArrayEquals(new byte[] {0x7d, 0x23, 0x24, 0x2a, 0}, got);
    }

    @Test
    void xWithTheWrongLengthIsRejectedUntouched() {
        assertEquals("E16", h.ask("X3000,4:ab"));
        assertEquals("E16", h.ask("X3000,1:abc"));
        assertEquals(0, h.target.mem32(0x3000));
    }

    @Test
    void emptyXIsTheSupportProbeAndSucceeds() {
        assertEquals("OK", h.ask("X3000,0:"));
    }

    @Test
    void badInputNeverChangesRegistersOrMemory() {
        String g = h.ask("g");
        String m = h.ask("m0,400");
        for (String bad : new String[] {"G", "Gzz", "P", "P8", "P8=", "Pz=00000000", "M", "M1,1", "M1,1:", "M1:00",
                "X", "X1,2:a", "m,", "c1z", "szz", "Cz", "S1;zz", "vCont;x", "vCont;s:2", "Z0,zz,1", "Z9,1000,1",
                "z0", "qRcmd,zz", "qXfer:features:read:target.xml:zz,1", "H", "Hx1", "qRegisterInfoz", "D;zz"}) {
            h.send(bad);
        }
        assertEquals(g, h.ask("g"));
        assertEquals(m, h.ask("m0,400"));
        assertEquals("QC1", h.ask("qC"), "the session still answers");
        assertTrue(h.channel.isOpen());
        assertEquals(1, h.target.attaches);
        assertEquals(0, ((io.trapgate.gdbstub.fake.FakeI386Target) h.target).breakpointCount());
    }

    @Test
    void registerValuesAreSentInTargetByteOrder() {
        h.target.setReg32(0, 0x11223344);
        assertEquals("44332211", h.ask("p0"));
        assertEquals(Hex.encode(new byte[] {0x44, 0x33, 0x22, 0x11}), h.ask("g").substring(0, 8));
        assertEquals(FakeMachine.MEMORY_SIZE, 0x10000);
    }
}
