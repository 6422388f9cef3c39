package io.trapgate.gdbstub.codec;

/**
 * Malformed protocol input: bad hex, a number that overflows, a missing separator, a length that does not
 * match its data. Handlers throw it; the session turns it into an error reply, never into a dead connection.
 */
public final class RspException extends RuntimeException {

    public RspException(String message) {
        super(message, null, false, false);
    }
}
