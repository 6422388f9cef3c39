package io.trapgate.vm.boot;

/** A kernel or module that cannot be booted; the message is one line naming the file and the reason. */
public final class BootException extends Exception {
    public BootException(String message) {
        super(message);
    }
}
