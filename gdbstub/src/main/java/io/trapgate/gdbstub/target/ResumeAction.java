package io.trapgate.gdbstub.target;

/**
 * How to resume: continue or single-step, with the signal the client asked to deliver (0 for none; a
 * machine without signals may ignore it). "Resume at address" is done by the stub, which writes the pc
 * register first.
 */
public record ResumeAction(Kind kind, int signal) {

    public enum Kind { CONTINUE, STEP }

    public static final ResumeAction CONTINUE = new ResumeAction(Kind.CONTINUE, 0);
    public static final ResumeAction STEP = new ResumeAction(Kind.STEP, 0);
}
