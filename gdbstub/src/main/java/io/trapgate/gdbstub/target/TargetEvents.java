package io.trapgate.gdbstub.target;

/** What a target reports to the attached debugger, from the thread that owns the machine. */
public interface TargetEvents {

    /** The machine stopped (or the program ended) after a resume. */
    void stopped(StopReason reason);

    /**
     * Text for the debugger's console while the machine runs (a syscall trace, a guest oops), shown by gdb
     * as it arrives. Text produced while the machine is stopped is held and shown at the next resume.
     */
    void console(String text);
}
