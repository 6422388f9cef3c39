/**
 * The debugger's view of a machine: {@link io.trapgate.gdbstub.target.Target} and its optional
 * capabilities, and the register table ({@link io.trapgate.gdbstub.target.TargetDescription}) from which
 * target.xml, the {@code g} layout and lldb's register info are generated.
 */
package io.trapgate.gdbstub.target;
