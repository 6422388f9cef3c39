/**
 * The i386 processor: an interpreter over decoded instructions.
 *
 * <ul>
 *   <li>{@link io.trapgate.vm.cpu.Cpu} holds the architectural state, the run loop and the memory
 *       access paths (segment checks, then the soft TLB, then physical memory).</li>
 *   <li>{@link io.trapgate.vm.cpu.Decoder} turns bytes into {@code Insn} records; the
 *       {@code DecodeCache} keeps them per physical page and drops a page when a write touches
 *       the bytes of a cached instruction (self-modifying code, loaders, debugger writes).</li>
 *   <li>{@code FastPath} gives the commonest 32-bit forms their own handler at decode time;
 *       {@code Interpreter} runs everything else through a switch split by opcode range, with
 *       {@code Alu}, {@code StringOps}, {@code ControlTransfer} and {@code SystemOps}.</li>
 *   <li>{@code Flags} computes the arithmetic flags lazily from the last ALU operation.</li>
 *   <li>{@code SegmentUnit} loads segment registers with the protection checks;
 *       {@code InterruptDelivery} delivers interrupts and exceptions through the IDT, with
 *       the TSS stack switch and the double/triple fault rules.</li>
 *   <li>A guest fault throws the CPU's single preallocated {@code GuestFault}, which unwinds
 *       the instruction to the run loop; no other exception is part of guest behaviour.</li>
 *   <li>{@link io.trapgate.vm.cpu.DebugHooks} and {@link io.trapgate.vm.cpu.CpuRegisters} are
 *       what a debugger uses: breakpoints, single step, an interrupt log, every register.</li>
 * </ul>
 */
package io.trapgate.vm.cpu;
