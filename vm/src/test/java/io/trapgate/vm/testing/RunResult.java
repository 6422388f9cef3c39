package io.trapgate.vm.testing;

/** What one headless boot produced: the exit code, the serial output and the diagnostics. */
public record RunResult(int exitCode, String serial, String diagnostics) {
    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- serial ---\n" + serial + "\n--- diagnostics ---\n" + diagnostics;
    }
}
