package io.trapgate.vm;

/**
 * Why a machine stopped: the process exit code, a one-line message for stderr (null when the exit
 * is the guest's own normal choice), and the guest's register state when the message needs it.
 */
public record MachineExit(int exitCode, String message, String guestState) {
}
