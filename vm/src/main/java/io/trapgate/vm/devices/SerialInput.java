package io.trapgate.vm.devices;

/** Bytes typed at the serial console. Polled by the CPU thread; filled by whatever reads the host. */
public interface SerialInput {
    /** The next byte, or -1 if none is waiting. Never blocks. */
    int poll();

    /** False once the host side has ended (EOF), so no byte can ever arrive again. */
    boolean mayHaveMore();

    /** Waits up to {@code millis} for a byte to be waiting; returns whether one is. */
    boolean await(long millis) throws InterruptedException;

    /** No input at all (serial to a file or null, or tests). */
    SerialInput NONE = new SerialInput() {
        @Override
        public int poll() {
            return -1;
        }

        @Override
        public boolean mayHaveMore() {
            return false;
        }

        @Override
        public boolean await(long millis) {
            return false;
        }
    };
}
