package io.trapgate.gdbstub.target;

/** Capability: {@code Z0}/{@code z0} breakpoints, kept by the target (qSupported advertises {@code swbreak+}). */
public interface SoftwareBreakpoints {

    /** @param kind the client's architecture-specific breakpoint kind (1 on x86) */
    boolean insertSoftwareBreakpoint(long address, int kind);

    boolean removeSoftwareBreakpoint(long address, int kind);
}
