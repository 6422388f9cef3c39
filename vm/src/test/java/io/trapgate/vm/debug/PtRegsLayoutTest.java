package io.trapgate.vm.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The monitor's copy of struct pt_regs must match the kernel's one definition, guest-kernel/pt_regs.def. */
@Timeout(10)
class PtRegsLayoutTest {

    @Test
    void monitorLayoutMatchesPtRegsDef() throws Exception {
        List<PtRegsLayout.Field> fromDef = new ArrayList<>();
        int offset = 0;
        for (String line : Files.readAllLines(Path.of("..", "guest-kernel", "pt_regs.def"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            fromDef.add(new PtRegsLayout.Field(f[0], offset, f[1].equals("seg")));
            offset += 4; // word: unsigned long; seg: unsigned short + 16 bits of padding
        }
        assertEquals(fromDef, PtRegsLayout.FIELDS);
        assertEquals(offset, PtRegsLayout.SIZE);
        assertEquals(offset, MachineTarget.PT_REGS_SIZE);
        assertEquals(fromDef.stream().filter(f -> f.name().equals("orig_ax")).findFirst().orElseThrow().offset(),
                MachineTarget.PT_ORIG_EAX);
        assertEquals(fromDef.stream().filter(f -> f.name().equals("cs")).findFirst().orElseThrow().offset(),
                MachineTarget.PT_CS);
    }
}
