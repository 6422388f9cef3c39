package io.trapgate.gdbstub.target;

/** Capability: {@code Z1}/{@code z1} breakpoints (qSupported advertises {@code hwbreak+}). */
public interface HardwareBreakpoints {

    boolean insertHardwareBreakpoint(long address, int kind);

    boolean removeHardwareBreakpoint(long address, int kind);
}
