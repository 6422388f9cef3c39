package io.trapgate.vm.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * trapgate's options, spelled as QEMU spells them: picocli takes "-kernel" as the whole option
 * name (clustering of one-letter flags is off), so "-kernel" and "-s" never collide.
 */
@Command(name = "trapgate", sortOptions = false, separator = " ", usageHelpWidth = 100,
        description = {"An i386 PC that boots a multiboot kernel headless: serial on stdout, diagnostics on stderr.",
            "With no -kernel, boots the bundled kernel and initramfs."},
        footer = {"", "Exit status: 0 power-off; (v<<1)|1 when the guest writes v to isa-debug-exit; 1 trapgate failed;",
            "2 bad command line or kernel; 4 guest reset under -no-reboot; 6 guest hung; 124 --timeout fired."})
final class TrapgateOptions {
    @Option(names = {"-kernel", "--kernel"}, paramLabel = "FILE", description = "Multiboot v1 ELF32 kernel (default: the bundled one).")
    String kernel;

    @Option(names = {"-initrd", "--initrd"}, paramLabel = "\"FILE[ ARGS],FILE...\"",
            description = "Multiboot modules, comma separated (,, for a comma); each entry is the module's string.")
    String initrd;

    @Option(names = {"-append", "--append"}, paramLabel = "CMDLINE", description = "Kernel command line.")
    String append;

    @Option(names = {"-m", "--memory"}, paramLabel = "MB", description = "RAM in MiB, or with a K/M/G suffix (default: 64).")
    String memory = "64";

    @Option(names = "-serial", paramLabel = "stdio|file:PATH|null", description = "Where COM1 goes (default: stdio).")
    String serial = "stdio";

    @Option(names = "-debugcon", paramLabel = "stderr|stdio|file:PATH|null",
            description = "Where port 0xE9 output goes, raw (default: stderr).")
    String debugcon = "stderr";

    @Option(names = "-nographic", description = "Accepted: trapgate is always headless.")
    boolean nographic;

    @Option(names = "-display", paramLabel = "none", description = "Accepted with 'none' only.")
    String display;

    @Option(names = "-no-reboot", description = "A guest reset (triple fault) exits with status 4 instead of rebooting.")
    boolean noReboot;

    @Option(names = "-s", description = "Shorthand for -gdb tcp::1234.")
    boolean gdbDefault;

    @Option(names = "-S", description = "Freeze the CPU at the kernel's first instruction until gdb continues (implies -s without -gdb).")
    boolean freeze;

    @Option(names = "-gdb", paramLabel = "tcp::PORT", description = "gdb stub port, on 127.0.0.1.")
    String gdb;

    @Option(names = "-d", paramLabel = "ITEM,...", description = "Log items (int, cpu_reset, guest_errors, unimp, exec, cpu) to stderr; -d help lists them.")
    String debugItems;

    @Option(names = "-D", paramLabel = "FILE", description = "Write the -d log to FILE.")
    String logFile;

    @Option(names = "-device", paramLabel = "isa-debug-exit[,iobase=N][,iosize=N]",
            description = "Move the debug-exit device (default: iobase=0xf4,iosize=4).")
    List<String> devices = new ArrayList<>();

    @Option(names = "-icount", paramLabel = "shift=N[,sleep=on|off]",
            description = "Each instruction takes 2^N ns of virtual time (default 0); sleep=on paces to the wall clock.")
    String icount;

    @Option(names = "-cpu", paramLabel = "MODEL",
            description = "The processor: i686 (default; also pentium2, pentium3, pentiumpro, max, host) or pentium (no sysenter, cmov or global pages).")
    String cpu;

    @Option(names = "-rtc", paramLabel = "base=utc|localtime|DATETIME",
            description = "The RTC's time at power-on (default: the host's UTC time).")
    String rtc;

    @Option(names = "--pace", description = "Keep virtual time from running ahead of the wall clock (hlt sleeps).")
    boolean pace;

    @Option(names = {"--timeout", "-timeout"}, paramLabel = "SECONDS",
            description = "Watchdog: stop after SECONDS of wall-clock time with status 124 (0: none).")
    long timeoutSeconds;

    @Option(names = {"--version", "-version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    @Option(names = {"--help", "-help", "-h"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;

    @Parameters(hidden = true)
    List<String> positional;
}
