/**
 * What each packet means: a table from packet names and prefixes to handlers
 * ({@link io.trapgate.gdbstub.packets.PacketDispatcher}), grouped by concern (queries, registers, memory,
 * execution, breakpoints, monitor, lldb's extensions). Handlers run on the target's thread.
 */
package io.trapgate.gdbstub.packets;
