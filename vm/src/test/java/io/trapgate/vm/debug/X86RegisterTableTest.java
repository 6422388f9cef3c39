package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.trapgate.gdbstub.target.TargetDescription;
import io.trapgate.gdbstub.target.TargetXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one register table, as gdb expects it (brief §4); real gdb and lldb accept it in the end-to-end tests. */
@Timeout(10)
class X86RegisterTableTest {

    private final TargetDescription d = new X86RegisterTable().description();

    @Test
    void coreFeatureHasAllThirtyTwoI386RegistersInGdbsOrder() {
        var core = d.registersOf(X86RegisterTable.CORE);
        assertEquals(32, core.size());
        String[] expected = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi", "eip", "eflags", "cs", "ss", "ds",
            "es", "fs", "gs", "st0", "st1", "st2", "st3", "st4", "st5", "st6", "st7", "fctrl", "fstat", "ftag", "fiseg",
            "fioff", "foseg", "fooff", "fop"};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], core.get(i).name());
            assertEquals(i, core.get(i).regnum());
        }
    }

    @Test
    void gLayoutIsCoreSseLinuxThenOurSystemRegisters() {
        // gdb's i386 'g' layout is 308 bytes through mxcsr, 312 with orig_eax (brief §4); ours follow
        assertEquals(312, d.layout().offset(d.register("orig_eax").orElseThrow().regnum()) + 4);
        assertEquals(d.layout().offset(d.register("cr0").orElseThrow().regnum()), 312);
        assertEquals(8, d.register("tsc").orElseThrow().byteSize());
    }

    @Test
    void targetXmlHasNoSegmentsFeatureAndNamesTheSystemRegisters() {
        String xml = TargetXml.generate(d);
        assertTrue(!xml.contains("org.gnu.gdb.i386.segments"), "fs_base/gs_base crash gdb 13.1 in a 32-bit description");
        for (String r : new String[] {"cr0", "cr2", "cr3", "cr4", "gdtr_base", "gdtr_limit", "idtr_base", "idtr_limit",
            "ldtr", "tr", "sysenter_cs", "sysenter_esp", "sysenter_eip", "tsc", "orig_eax"}) {
            assertTrue(xml.contains("<reg name=\"" + r + "\""), r);
        }
    }
}
