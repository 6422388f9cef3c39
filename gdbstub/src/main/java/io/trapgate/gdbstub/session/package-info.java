/**
 * One debugger connection at a time ({@link io.trapgate.gdbstub.session.GdbServer},
 * {@link io.trapgate.gdbstub.session.ClientSlot}) and its state machine
 * ({@link io.trapgate.gdbstub.session.RspSession}): ack and no-ack mode, running and stopped, Ctrl-C,
 * retransmission, and the hand-off of every packet to the target's own thread.
 */
package io.trapgate.gdbstub.session;
