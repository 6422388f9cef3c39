package io.trapgate.gdbstub.packets;

/** Features the client announced in its qSupported; stop replies carry only reasons the client understands. */
public final class ClientFeatures {

    private volatile boolean swbreak;
    private volatile boolean hwbreak;

    public boolean swbreak() {
        return swbreak;
    }

    public boolean hwbreak() {
        return hwbreak;
    }

    void announce(String feature) {
        switch (feature) {
            case "swbreak+" -> swbreak = true;
            case "hwbreak+" -> hwbreak = true;
            default -> { }
        }
    }
}
