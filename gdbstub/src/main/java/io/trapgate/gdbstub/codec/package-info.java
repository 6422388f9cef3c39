/**
 * The Remote Serial Protocol's framing: {@link io.trapgate.gdbstub.codec.RspFrameDecoder} turns bytes into
 * {@link io.trapgate.gdbstub.codec.RspFrame}s (packets with checksums verified and escapes and run lengths
 * undone, acks, interrupts, corrupt frames), {@link io.trapgate.gdbstub.codec.RspFrameEncoder} does the
 * reverse. Nothing here knows what a packet means.
 */
package io.trapgate.gdbstub.codec;
