package io.trapgate.vm.debug;

import io.trapgate.gdbstub.target.MonitorCommands.MonitorOutput;
import io.trapgate.vm.cpu.Cpu;
import io.trapgate.vm.cpu.CpuRegisters;
import io.trapgate.vm.memory.PhysicalMemory;

/**
 * The {@code monitor …} commands: machine state gdb cannot show by itself (descriptor tables, page tables,
 * physical memory), the kernel-aware decoders (pt_regs, the exception table, the syscall log) and the
 * debugger's switches. Runs on the machine's thread while it is stopped; output goes to the client as it is
 * produced. A bad command prints one line and changes nothing.
 */
final class MonitorCommandSet {

    private static final String HELP = String.join("\n",
            "trapgate monitor commands:",
            "  help                   this list",
            "  info registers         every register: GPRs, segments with descriptors, GDT/IDT/LDT/TR,",
            "                         CR0-CR4, sysenter MSRs, EFLAGS decoded",
            "  info tlb               every mapped page of the current page tables",
            "  info mem               the current page tables as ranges with permissions",
            "  pt_regs [ADDR]         decode struct pt_regs at ADDR (default: the current kernel stack's,",
            "                         tss.esp0 - 0x44)",
            "  extable [ADDR]         the kernel's __ex_table decoded, or the entry for ADDR",
            "  idt                    the interrupt descriptor table",
            "  gdt                    the global descriptor table",
            "  phys on|off            gdb's memory reads and writes use physical addresses (default off)",
            "  x/Nx ADDR              N dwords of physical memory at ADDR",
            "  syscalls on|off        log every system call, its arguments and result, as it happens",
            "  bp-cr3 on|off          breakpoints stop only in the address space they were set in",
            "  sstep irq on|off       whether a single step may enter a pending interrupt handler (default off)",
            "  reset                  reset the machine to its power-on state, stopped at the kernel's entry",
            "                         (with -no-reboot trapgate exits instead, as QEMU does)",
            "  quit                   end trapgate", "");

    private final MachineTarget target;
    private final KernelSymbols symbols;

    MonitorCommandSet(MachineTarget target, KernelSymbols symbols) {
        this.target = target;
        this.symbols = symbols;
    }

    void run(String line, MonitorOutput out) {
        String[] w = line.split("\\s+");
        try {
            switch (w[0]) {
                case "", "help" -> out.print(HELP);
                case "info" -> info(w, out);
                case "pt_regs" -> ptRegs(w, out);
                case "extable" -> extable(w, out);
                case "idt" -> idt(out);
                case "gdt" -> gdt(out);
                case "phys" -> target.physicalMemory = onOff(w, 1, "phys", target.physicalMemory, out);
                case "bp-cr3" -> target.breakpointsPerAddressSpace = onOff(w, 1, "bp-cr3",
                        target.breakpointsPerAddressSpace, out);
                case "sstep" -> {
                    if (w.length < 2 || !w[1].equals("irq")) {
                        throw new BadCommand("usage: sstep irq on|off");
                    }
                    target.stepEntersInterrupts = onOff(w, 2, "sstep irq", target.stepEntersInterrupts, out);
                }
                case "syscalls" -> syscalls(w, out);
                case "reset" -> {
                    out.print("resetting the machine\n");
                    target.reset();
                }
                case "quit" -> target.quit();
                default -> {
                    if (w[0].startsWith("x/") || w[0].equals("x")) {
                        examine(w, out);
                    } else {
                        throw new BadCommand("unknown monitor command '" + w[0] + "' (monitor help lists them)");
                    }
                }
            }
        } catch (BadCommand e) {
            out.print(e.getMessage() + "\n");
        }
    }

    /** A command's one-line complaint. */
    private static final class BadCommand extends RuntimeException {
        BadCommand(String message) {
            super(message, null, false, false);
        }
    }

    private static boolean onOff(String[] w, int at, String name, boolean current, MonitorOutput out) {
        if (w.length <= at) {
            out.print(name + " is " + (current ? "on" : "off") + "\n");
            return current;
        }
        boolean on = switch (w[at]) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new BadCommand("usage: " + name + " on|off");
        };
        out.print(name + " " + (on ? "on" : "off") + "\n");
        return on;
    }

    static long parseAddress(String s) {
        try {
            String t = s.toLowerCase();
            return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t, 16);
        } catch (NumberFormatException e) {
            throw new BadCommand("'" + s + "' is not a hex address");
        }
    }

    /** An address in hex, or a kernel symbol name. */
    private long address(String s) {
        var sym = symbols.address(s);
        if (sym.isPresent()) {
            return sym.get();
        }
        long a = parseAddress(s);
        if (a > 0xFFFFFFFFL) {
            throw new BadCommand("address " + s + " is beyond 32 bits");
        }
        return a;
    }

    private String symbolic(long address) {
        String s = symbols.describe(address);
        return s == null ? "" : " <" + s + ">";
    }

    // ---- info ----

    private void info(String[] w, MonitorOutput out) {
        if (w.length < 2) {
            throw new BadCommand("usage: info registers|tlb|mem");
        }
        switch (w[1]) {
            case "registers" -> out.print(registers());
            case "tlb" -> tlb(out);
            case "mem" -> mem(out);
            default -> throw new BadCommand("unknown: info " + w[1] + " (registers, tlb, mem)");
        }
    }

    private String registers() {
        CpuRegisters r = target.regs();
        StringBuilder s = new StringBuilder();
        s.append(String.format("EAX=%08x EBX=%08x ECX=%08x EDX=%08x%n", r.get(Cpu.EAX), r.get(Cpu.EBX), r.get(Cpu.ECX),
                r.get(Cpu.EDX)));
        s.append(String.format("ESI=%08x EDI=%08x EBP=%08x ESP=%08x%n", r.get(Cpu.ESI), r.get(Cpu.EDI), r.get(Cpu.EBP),
                r.get(Cpu.ESP)));
        s.append(String.format("EIP=%08x%s CPL=%d%s%n", r.eip(), symbolic(target.linearPc()), r.cpl(),
                target.cpu().isHalted() ? " HLT" : ""));
        s.append(String.format("EFL=%08x %s%n", r.eflags(), eflags(r.eflags())));
        String[] names = {"ES", "CS", "SS", "DS", "FS", "GS"};
        for (int seg = 0; seg < 6; seg++) {
            s.append(String.format("%-3s=%04x %08x %08x %s%n", names[seg], r.segmentSelector(seg), r.segmentBase(seg),
                    r.segmentLimit(seg), accessRights(r.segmentAccessRights(seg))));
        }
        s.append(String.format("LDT=%04x%n", r.ldtr()));
        s.append(String.format("TR =%04x %08x", r.tr(), r.trBase()));
        Long esp0 = target.kernelStackTop();
        s.append(esp0 == null ? "\n" : String.format(" esp0=%08x%n", esp0));
        s.append(String.format("GDT=     %08x %08x%n", r.gdtrBase(), r.gdtrLimit()));
        s.append(String.format("IDT=     %08x %08x%n", r.idtrBase(), r.idtrLimit()));
        s.append(String.format("CR0=%08x %s%n", r.cr(0), cr0(r.cr(0))));
        s.append(String.format("CR2=%08x CR3=%08x CR4=%08x %s%n", r.cr(2), r.cr(3), r.cr(4), cr4(r.cr(4))));
        s.append(String.format("SYSENTER_CS=%08x SYSENTER_ESP=%08x SYSENTER_EIP=%08x%s%n", r.sysenterCs(),
                r.sysenterEsp(), r.sysenterEip(), symbolic(r.sysenterEip() & 0xFFFFFFFFL)));
        s.append(String.format("DR0=%08x DR1=%08x DR2=%08x DR3=%08x DR6=%08x DR7=%08x%n", r.dr(0), r.dr(1), r.dr(2),
                r.dr(3), r.dr(6), r.dr(7)));
        s.append(String.format("FCW=%04x FSW=%04x FTW=%04x FOP=%04x FIP=%04x:%08x FDP=%04x:%08x%n",
                r.fpuControlWord(), r.fpuStatusWord(), r.fpuTagWord(), r.fpuOpcode(), r.fpuInstructionSelector(),
                r.fpuInstructionOffset(), r.fpuOperandSelector(), r.fpuOperandOffset()));
        s.append(String.format("TSC=%d (instructions retired)%n", target.tsc()));
        return s.toString();
    }

    static String eflags(int f) {
        String[] names = {"CF", null, "PF", null, "AF", null, "ZF", "SF", "TF", "IF", "DF", "OF", null, null, "NT",
            null, "RF", "VM", "AC", "VIF", "VIP", "ID"};
        StringBuilder s = new StringBuilder("[");
        for (int b = 0; b < names.length; b++) {
            if (names[b] != null && (f & (1 << b)) != 0) {
                s.append(' ').append(names[b]);
            }
        }
        return s.append(" ] IOPL=").append((f >>> 12) & 3).toString();
    }

    private static String cr0(int v) {
        String[] names = {"PE", "MP", "EM", "TS", "ET", "NE"};
        StringBuilder s = new StringBuilder("[");
        for (int b = 0; b < names.length; b++) {
            if ((v & (1 << b)) != 0) {
                s.append(' ').append(names[b]);
            }
        }
        if ((v & (1 << 16)) != 0) {
            s.append(" WP");
        }
        if ((v & (1 << 18)) != 0) {
            s.append(" AM");
        }
        if ((v & (1 << 29)) != 0) {
            s.append(" NW");
        }
        if ((v & (1 << 30)) != 0) {
            s.append(" CD");
        }
        if ((v & (1 << 31)) != 0) {
            s.append(" PG");
        }
        return s.append(" ]").toString();
    }

    private static String cr4(int v) {
        String[] names = {"VME", "PVI", "TSD", "DE", "PSE", "PAE", "MCE", "PGE", "PCE", "OSFXSR", "OSXMMEXCPT"};
        StringBuilder s = new StringBuilder("[");
        for (int b = 0; b < names.length; b++) {
            if ((v & (1 << b)) != 0) {
                s.append(' ').append(names[b]);
            }
        }
        return s.append(" ]").toString();
    }

    /** Access rights as the descriptor's bits 8-23: type, S, DPL, P, D/B, G. */
    private static String accessRights(int ar) {
        if ((ar & 0x80) == 0) {
            return "not present";
        }
        boolean code = (ar & 0x18) == 0x18;
        boolean system = (ar & 0x10) == 0;
        String kind = system ? "system type " + (ar & 0xF) : code ? "code" + ((ar & 2) != 0 ? " readable" : "")
                + ((ar & 4) != 0 ? " conforming" : "") : "data" + ((ar & 2) != 0 ? " writable" : " read-only")
                + ((ar & 4) != 0 ? " expand-down" : "");
        return String.format("DPL=%d %s %s%s", (ar >>> 5) & 3, (ar & 0x4000) != 0 ? "32-bit" : "16-bit", kind,
                (ar & 0x8000) != 0 ? " 4K-granular" : "");
    }

    private void tlb(MonitorOutput out) {
        PageTables pt = target.pageTables();
        if (!pt.pagingEnabled()) {
            out.print("paging is off (CR0.PG=0): linear = physical\n");
            return;
        }
        StringBuilder s = new StringBuilder();
        pt.forEach(m -> {
            s.append(String.format("%08x: %08x %s%s%n", m.linear(), m.physical(), m.flagString(),
                    m.size() > 0x1000 ? " 4M" : ""));
            if (s.length() > 16384) {
                out.print(s.toString());
                s.setLength(0);
            }
        });
        out.print(s.toString());
    }

    private void mem(MonitorOutput out) {
        PageTables pt = target.pageTables();
        if (!pt.pagingEnabled()) {
            out.print("paging is off (CR0.PG=0): linear = physical\n");
            return;
        }
        StringBuilder s = new StringBuilder();
        long[] range = {-1, -1, 0}; // start, end, flags
        pt.forEach(m -> {
            int flags = m.flags() & (PageTables.US | PageTables.RW);
            if (range[0] >= 0 && (range[1] != m.linear() || range[2] != flags)) {
                s.append(memLine(range));
                range[0] = -1;
            }
            if (range[0] < 0) {
                range[0] = m.linear();
                range[2] = flags;
            }
            range[1] = m.linear() + m.size();
        });
        if (range[0] >= 0) {
            s.append(memLine(range));
        }
        out.print(s.toString());
    }

    private static String memLine(long[] r) {
        int f = (int) r[2];
        return String.format("%08x-%08x %08x %sr%s%n", r[0], r[1], r[1] - r[0], (f & PageTables.US) != 0 ? "u" : "-",
                (f & PageTables.RW) != 0 ? "w" : "-");
    }

    // ---- kernel-aware ----

    private void ptRegs(String[] w, MonitorOutput out) {
        long at;
        if (w.length > 1) {
            at = address(w[1]);
        } else {
            Long top = target.kernelStackTop();
            if (top == null) {
                throw new BadCommand("no TSS loaded (TR=0): give pt_regs an address");
            }
            at = top - PtRegsLayout.SIZE;
        }
        StringBuilder s = new StringBuilder(String.format("struct pt_regs at 0x%08x:%n", at));
        for (PtRegsLayout.Field f : PtRegsLayout.FIELDS) {
            Integer v = target.readLinear32(at + f.offset());
            if (v == null) {
                throw new BadCommand(String.format("cannot read pt_regs->%s at 0x%08x: not mapped", f.name(),
                        at + f.offset()));
            }
            String note = "";
            if (f.segment()) {
                v &= 0xFFFF;
            } else if (f.name().equals("ip")) {
                note = symbolic(v & 0xFFFFFFFFL);
            } else if (f.name().equals("flags")) {
                note = " " + eflags(v);
            } else if (f.name().equals("orig_ax") && v >= 0 && v < 4096) {
                note = " (" + target.syscalls.name(v) + ")";
            } else if (f.name().equals("ax") && v < 0 && v >= -4095) {
                note = " (" + SyscallLog.result(v) + ")";
            }
            s.append(String.format("  %-8s 0x%02x  0x%08x%s%n", f.name(), f.offset(), v, note));
        }
        out.print(s.toString());
    }

    private void extable(String[] w, MonitorOutput out) {
        long start = symbols.address("__start___ex_table").orElseThrow(
                () -> new BadCommand("the kernel's symbol table has no __start___ex_table"));
        long stop = symbols.address("__stop___ex_table").orElseThrow(
                () -> new BadCommand("the kernel's symbol table has no __stop___ex_table"));
        Long want = w.length > 1 ? address(w[1]) : null;
        StringBuilder s = new StringBuilder();
        // before the kernel maps itself (paging off at its entry) the table is read from its ELF image
        boolean fromImage = target.readLinear32(start) == null;
        if (want == null) {
            s.append(String.format("__ex_table: %d entries at 0x%08x (insn -> fixup)%s%n", (stop - start) / 8, start,
                    fromImage ? ", from the kernel image (not mapped yet)" : ""));
        }
        boolean found = false;
        for (long e = start; e + 8 <= stop; e += 8) {
            Integer insnRel = fromImage ? symbols.imageDword(e) : target.readLinear32(e);
            Integer fixupRel = fromImage ? symbols.imageDword(e + 4) : target.readLinear32(e + 4);
            if (insnRel == null || fixupRel == null) {
                throw new BadCommand(String.format("cannot read __ex_table at 0x%08x: not mapped", e));
            }
            long insn = (e + insnRel) & 0xFFFFFFFFL; // each offset is relative to its own field
            long fixup = (e + 4 + fixupRel) & 0xFFFFFFFFL;
            if (want == null || want == insn) {
                s.append(String.format("  0x%08x%s -> 0x%08x%s%n", insn, symbolic(insn), fixup, symbolic(fixup)));
                found = true;
            }
        }
        if (want != null && !found) {
            s.append(String.format("0x%08x%s is not in __ex_table: a fault there is a kernel bug (oops)%n", want,
                    symbolic(want)));
        }
        out.print(s.toString());
    }

    private void idt(MonitorOutput out) {
        CpuRegisters r = target.regs();
        long base = r.idtrBase() & 0xFFFFFFFFL;
        int count = (r.idtrLimit() + 1) / 8;
        StringBuilder s = new StringBuilder(String.format("IDT at 0x%08x, limit 0x%x (%d gates)%n", base, r.idtrLimit(),
                count));
        for (int v = 0; v < count; v++) {
            Integer lo = target.readLinear32(base + 8L * v);
            Integer hi = target.readLinear32(base + 8L * v + 4);
            if (lo == null || hi == null) {
                s.append(String.format("  %02x: (not mapped)%n", v));
                continue;
            }
            if ((hi & 0x8000) == 0) {
                continue; // not present
            }
            int type = (hi >>> 8) & 0x1F;
            String kind = switch (type & 0xF) {
                case 0x5 -> "task gate";
                case 0x6, 0xE -> "interrupt gate";
                case 0x7, 0xF -> "trap gate";
                default -> "type " + type;
            };
            long offset = ((hi & 0xFFFF0000L) | (lo & 0xFFFF)) & 0xFFFFFFFFL;
            int selector = lo >>> 16;
            s.append(String.format("  %02x: %s%s sel=%04x off=%08x DPL=%d%s%n", v, kind,
                    (type & 8) != 0 ? "" : " (16-bit)", selector, offset, (hi >>> 13) & 3, symbolic(offset)));
        }
        out.print(s.toString());
    }

    private void gdt(MonitorOutput out) {
        CpuRegisters r = target.regs();
        long base = r.gdtrBase() & 0xFFFFFFFFL;
        int count = (r.gdtrLimit() + 1) / 8;
        StringBuilder s = new StringBuilder(String.format("GDT at 0x%08x, limit 0x%x (%d entries)%n", base,
                r.gdtrLimit(), count));
        for (int i = 0; i < count; i++) {
            Integer lo = target.readLinear32(base + 8L * i);
            Integer hi = target.readLinear32(base + 8L * i + 4);
            if (lo == null || hi == null) {
                s.append(String.format("  %02x (sel %04x): (not mapped)%n", i, i * 8));
                continue;
            }
            if (lo == 0 && hi == 0) {
                continue;
            }
            long segBase = ((hi & 0xFF000000L) | ((hi & 0xFF) << 16) | (lo >>> 16)) & 0xFFFFFFFFL;
            long limit = (hi & 0xF0000) | (lo & 0xFFFF);
            if ((hi & 0x800000) != 0) {
                limit = (limit << 12) | 0xFFF;
            }
            int ar = (hi >>> 8) & 0xF0FF;
            String what = accessRights(ar);
            if ((ar & 0x10) == 0) {
                int type = ar & 0xF;
                what = String.format("DPL=%d %s%s", (ar >>> 5) & 3, switch (type) {
                    case 0x2 -> "LDT";
                    case 0x9 -> "32-bit TSS (available)";
                    case 0xB -> "32-bit TSS (busy)";
                    case 0xC -> "call gate";
                    default -> "system type " + type;
                }, (ar & 0x80) == 0 ? " not present" : "");
            }
            s.append(String.format("  %02x (sel %04x): base=%08x limit=%08x %s%n", i, i * 8, segBase, limit, what));
        }
        out.print(s.toString());
    }

    private void syscalls(String[] w, MonitorOutput out) {
        SyscallLog log = target.syscalls;
        if (w.length > 1 && w[1].equals("on") && log.missing() != null) {
            throw new BadCommand("syscalls: " + log.missing());
        }
        boolean on = onOff(w, 1, "syscalls", log.enabled(), out);
        if (on != log.enabled()) {
            log.setEnabled(on);
            target.syncBreakpoints();
        }
    }

    // ---- physical memory ----

    private void examine(String[] w, MonitorOutput out) {
        String spec = w[0];
        int count = 1;
        if (spec.startsWith("x/")) {
            String n = spec.substring(2);
            if (n.endsWith("x")) {
                n = n.substring(0, n.length() - 1);
            }
            try {
                count = n.isEmpty() ? 1 : Integer.parseInt(n);
            } catch (NumberFormatException e) {
                throw new BadCommand("usage: x/Nx ADDR (N dwords of physical memory)");
            }
        }
        if (w.length < 2 || count < 1 || count > 4096) {
            throw new BadCommand("usage: x/Nx ADDR (N dwords of physical memory, N up to 4096)");
        }
        long at = parseAddress(w[1]);
        PhysicalMemory mem = target.machine().memory();
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < count; i++) {
            long a = at + 4L * i;
            if (i % 4 == 0) {
                s.append(i == 0 ? "" : "\n").append(String.format("%08x:", a));
            }
            if (a + 4 > mem.size()) {
                s.append(" (beyond RAM)");
                break;
            }
            s.append(String.format(" %08x", mem.read32((int) a)));
        }
        out.print(s.append('\n').toString());
    }
}
