package io.trapgate.gdbstub.target;

/** What access triggers a watchpoint: {@code Z2}/{@code watch:}, {@code Z3}/{@code rwatch:}, {@code Z4}/{@code awatch:}. */
public enum WatchKind {
    WRITE("watch"), READ("rwatch"), ACCESS("awatch");

    /** The key of this watchpoint's reason in a stop reply. */
    public final String stopKey;

    WatchKind(String stopKey) {
        this.stopKey = stopKey;
    }
}
