package io.trapgate.vm.debug;

import io.trapgate.gdbstub.session.GdbServer;
import io.trapgate.vm.MachineConfig;
import io.trapgate.vm.MachineExit;
import io.trapgate.vm.MachineSession;

/**
 * -s / -gdb tcp::PORT / -S: the gdb stub serving one machine session. Listens on 127.0.0.1 before the first
 * machine runs, takes over every machine the session builds, and tells a waiting client when the session
 * ends. When the command line asked for no stub, it does nothing.
 */
public final class GdbStub implements AutoCloseable {

    private final MachineTarget target;
    private final GdbServer server;

    private GdbStub(MachineTarget target, GdbServer server) {
        this.target = target;
        this.server = server;
    }

    /** Starts the stub if {@code config} asks for one (a port, or -S alone, which implies -s as in QEMU's use). */
    public static GdbStub startIfAsked(MachineConfig config, MachineSession session) throws GdbStubException {
        if (config.gdbPort() == 0 && !config.gdbWait()) {
            return new GdbStub(null, null);
        }
        int port = config.gdbPort() != 0 ? config.gdbPort() : 1234;
        MachineTarget target = new MachineTarget(config.kernel().data(), config.gdbWait(), config.diagnostics());
        GdbServer server;
        try {
            server = GdbServer.start(target, "127.0.0.1", port);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GdbStubException("-gdb tcp::" + port + ": interrupted while starting the gdb stub");
        } catch (Exception e) { // Netty rethrows a BindException undeclared
            throw new GdbStubException("-gdb tcp::" + port + ": cannot listen on 127.0.0.1:" + port + ": "
                    + e.getMessage());
        }
        session.onBoot(target::bind);
        if (config.gdbWait()) {
            config.diagnostics().println("trapgate: waiting for gdb on 127.0.0.1:" + server.port()
                    + " (the CPU is frozen at the kernel's first instruction)");
        }
        return new GdbStub(target, server);
    }

    /** The session ended: a client waiting for the machine hears the exit status. */
    public void machineExited(MachineExit exit) {
        if (target != null) {
            target.machineExited(exit);
        }
    }

    public int port() {
        return server == null ? 0 : server.port();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    /** The stub could not start (port in use); the message is one line. */
    public static final class GdbStubException extends Exception {
        public GdbStubException(String message) {
            super(message);
        }
    }
}
