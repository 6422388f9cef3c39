package io.trapgate.vm.devices;

/** Remembers what devices asked of the machine. */
final class RecordingControl implements MachineControl {
    int exitCode = -1;
    String exitReason;
    String resetReason;

    @Override
    public void requestExit(int code, String reason) {
        exitCode = code;
        exitReason = reason;
    }

    @Override
    public void requestReset(String reason) {
        resetReason = reason;
    }
}
