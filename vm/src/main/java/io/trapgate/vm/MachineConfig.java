package io.trapgate.vm;

import io.trapgate.vm.boot.BootFile;
import io.trapgate.vm.boot.BootModule;
import io.trapgate.vm.cpu.CpuModel;
import io.trapgate.vm.devices.SerialInput;
import io.trapgate.vm.devices.TraceLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Everything a machine is built from: what the command line said, resolved into images and streams.
 *
 * @param ramBytes       guest RAM
 * @param kernel         the multiboot kernel
 * @param modules        multiboot modules in order
 * @param append         the kernel command line after the kernel's name
 * @param serialOut      where COM1's output goes
 * @param serialIn       COM1's input
 * @param debugconOut    where port 0xE9 output goes
 * @param noReboot       a guest reset exits instead of rebooting
 * @param debugExitBase  isa-debug-exit's first port
 * @param debugExitSize  isa-debug-exit's port count
 * @param icountShift    each instruction takes 2^shift ns of virtual time
 * @param pace           keep virtual time from running ahead of the wall clock
 * @param rtcEpochSecond the RTC's time at power-on
 * @param log            the -d log
 * @param diagnostics    where warnings go (stderr)
 * @param gdbPort        the TCP port -gdb/-s asked for, 0 for none (the stub is not wired in yet)
 * @param gdbWait        -S: wait for the debugger before the first instruction (likewise)
 * @param cpuModel       the processor the CPU claims to be (-cpu)
 */
public record MachineConfig(int ramBytes, BootFile kernel, List<BootModule> modules, String append,
                            OutputStream serialOut, SerialInput serialIn, OutputStream debugconOut,
                            boolean noReboot, int debugExitBase, int debugExitSize, int icountShift,
                            boolean pace, long rtcEpochSecond, TraceLog log, PrintStream diagnostics,
                            int gdbPort, boolean gdbWait, CpuModel cpuModel) {

    /** The default processor, an i686. */
    public MachineConfig(int ramBytes, BootFile kernel, List<BootModule> modules, String append,
                         OutputStream serialOut, SerialInput serialIn, OutputStream debugconOut,
                         boolean noReboot, int debugExitBase, int debugExitSize, int icountShift,
                         boolean pace, long rtcEpochSecond, TraceLog log, PrintStream diagnostics,
                         int gdbPort, boolean gdbWait) {
        this(ramBytes, kernel, modules, append, serialOut, serialIn, debugconOut, noReboot, debugExitBase,
                debugExitSize, icountShift, pace, rtcEpochSecond, log, diagnostics, gdbPort, gdbWait, CpuModel.I686);
    }
}
