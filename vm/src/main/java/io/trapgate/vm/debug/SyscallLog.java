package io.trapgate.vm.debug;

import io.trapgate.vm.cpu.Cpu;
import io.trapgate.vm.cpu.CpuRegisters;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code monitor syscalls on}: every system call, as it happens, on the debugger's console:
 * {@code [syscall] 4 write(0x1, 0x80491a0, 0x10) = -14 (EFAULT)}. It uses internal breakpoints the client
 * never sees, at the kernel's entries ({@code entry_INT80_32}, {@code entry_SYSENTER_32}: number and
 * arguments) and exits ({@code syscall_exit}: result in eax; {@code sysenter_exit} and {@code syscall_badsys}:
 * result in pt_regs->ax).
 * Names come from the kernel's {@code sys_call_table}: the symbol each slot points at.
 */
final class SyscallLog {

    private static final int PT_EAX = 0x18;
    private static final String[] ERRNO = {null, "EPERM", "ENOENT", "ESRCH", "EINTR", "EIO", "ENXIO", "E2BIG",
        "ENOEXEC", "EBADF", "ECHILD", "EAGAIN", "ENOMEM", "EACCES", "EFAULT", "ENOTBLK", "EBUSY", "EEXIST", "EXDEV",
        "ENODEV", "ENOTDIR", "EISDIR", "EINVAL", "ENFILE", "EMFILE", "ENOTTY", "ETXTBSY", "EFBIG", "ENOSPC",
        "ESPIPE", "EROFS", "EMLINK", "EPIPE", "EDOM", "ERANGE", "EDEADLK", "ENAMETOOLONG", "ENOLCK", "ENOSYS",
        "ENOTEMPTY", "ELOOP"};

    private final MachineTarget target;
    private final KernelSymbols symbols;
    private final long int80;
    private final long sysenter;
    private final long int80Exit;
    private final long sysenterExit;
    private final long int80BadSys;
    private boolean enabled;
    /** The call entered and not yet returned, already formatted without its result; null if none. */
    private String pending;
    /** The retired count at which a step already logged the entry it stopped on (no second line when continuing). */
    private long steppedAtRetired = -1;

    SyscallLog(MachineTarget target, KernelSymbols symbols) {
        this.target = target;
        this.symbols = symbols;
        int80 = symbols.address("entry_INT80_32").orElse(-1L);
        sysenter = symbols.address("entry_SYSENTER_32").orElse(-1L);
        int80Exit = symbols.address("syscall_exit").orElse(-1L);
        sysenterExit = symbols.address("sysenter_exit").orElse(-1L);
        int80BadSys = symbols.address("syscall_badsys").orElse(-1L); // a number past the table: -ENOSYS
    }

    /** Null if the kernel has the symbols this needs, else what is missing. */
    String missing() {
        if (int80 < 0 || int80Exit < 0) {
            return "the kernel's symbol table has no entry_INT80_32/syscall_exit";
        }
        if (symbols.address("sys_call_table").isEmpty()) {
            return "the kernel's symbol table has no sys_call_table";
        }
        return null;
    }

    boolean enabled() {
        return enabled;
    }

    void setEnabled(boolean on) {
        enabled = on;
        pending = null;
    }

    /** The internal breakpoint addresses while logging. */
    List<Long> addresses() {
        List<Long> a = new ArrayList<>();
        if (enabled) {
            for (long x : new long[] {int80, sysenter, int80Exit, sysenterExit, int80BadSys}) {
                if (x >= 0) {
                    a.add(x);
                }
            }
        }
        return a;
    }

    /** The CPU stopped before {@code la} at a breakpoint while continuing. */
    void reached(long la) {
        if (!enabled || target.cpu().retired() == steppedAtRetired) {
            return;
        }
        log(la);
    }

    /** A single step ended at {@code la}: log what continuing from there would not log again. */
    void steppedTo(long la) {
        if (enabled && addresses().contains(la)) {
            log(la);
            steppedAtRetired = target.cpu().retired();
        }
    }

    private void log(long la) {
        CpuRegisters r = target.regs();
        if (la == int80 || la == sysenter) {
            flushPending("?");
            int nr = r.get(Cpu.EAX);
            long[] args = {r.get(Cpu.EBX), r.get(Cpu.ECX), r.get(Cpu.EDX), r.get(Cpu.ESI), r.get(Cpu.EDI),
                r.get(Cpu.EBP)};
            if (la == sysenter) {
                Integer arg6 = target.readLinear32(r.get(Cpu.EBP) & 0xFFFFFFFFL); // __kernel_vsyscall pushed it there
                args[5] = arg6 == null ? 0 : arg6;
            }
            StringBuilder s = new StringBuilder("[syscall] ").append(nr).append(' ').append(name(nr)).append('(');
            for (int i = 0; i < 6; i++) {
                s.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(args[i] & 0xFFFFFFFFL));
            }
            pending = s.append(')').append(la == sysenter ? " [sysenter]" : "").toString();
            if (name(nr).equals("exit") || name(nr).equals("exit_group")) {
                flushPending("?"); // never returns
            }
        } else if (la == int80Exit || la == sysenterExit || la == int80BadSys) {
            int result;
            if (la == int80Exit) {
                result = r.get(Cpu.EAX);
            } else {
                Integer v = target.readLinear32((r.get(Cpu.ESP) & 0xFFFFFFFFL) + PT_EAX);
                result = v == null ? 0 : v;
            }
            flushPending(result(result));
        }
    }

    private void flushPending(String result) {
        if (pending != null) {
            target.console(pending + " = " + result + "\n");
            pending = null;
        }
    }

    static String result(int v) {
        if (v < 0 && v >= -ERRNO.length + 1 && ERRNO[-v] != null) {
            return v + " (" + ERRNO[-v] + ")";
        }
        return v >= 0 && v < 4096 ? Integer.toString(v) : v + " (0x" + Integer.toHexString(v) + ")";
    }

    /** The call's name from the symbol its sys_call_table slot points at ({@code sys_write} → write). */
    String name(int nr) {
        Long table = symbols.address("sys_call_table").orElse(null);
        // past the table's end (its ELF size, i.e. NR_syscalls) there is no call, whatever the next bytes hold
        long slots = symbols.size("sys_call_table") / 4;
        if (table == null || nr < 0 || nr >= (slots > 0 ? slots : 4096)) {
            return "?";
        }
        Integer handler = target.readLinear32(table + 4L * nr);
        String sym = handler == null ? null : symbols.nameAt(handler & 0xFFFFFFFFL);
        if (sym == null) {
            return "?";
        }
        return sym.startsWith("sys_") ? sym.substring(4) : sym;
    }

    /** The number whose sys_call_table slot points at {@code sys_NAME}, or -1. */
    int number(String name) {
        Long table = symbols.address("sys_call_table").orElse(null);
        Long handler = symbols.address("sys_" + name).orElse(null);
        if (table == null || handler == null) {
            return -1;
        }
        long slots = symbols.size("sys_call_table") / 4;
        for (int nr = 0; nr < (slots > 0 ? slots : 1024); nr++) {
            Integer h = target.readLinear32(table + 4L * nr);
            if (h == null) {
                return -1;
            }
            if ((h & 0xFFFFFFFFL) == handler) {
                return nr;
            }
        }
        return -1;
    }
}
