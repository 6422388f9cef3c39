package io.trapgate.vm.guests;

import java.util.List;

/**
 * One run of a test guest: its argv (argv[0] is the path in the initramfs), the exit status it
 * must end with, and where its expected output comes from: the same binary run natively on the
 * host's Linux (expectedFile null), or, where no Linux here can run it the same way, a file in
 * test-guests/expected/.
 */
record GuestProgram(List<String> argv, int status, String expectedFile, List<String> environment) {

    static GuestProgram checkedAgainstLinux(String... argv) {
        return new GuestProgram(List.of(argv), 0, null, List.of());
    }

    static GuestProgram exitingWith(int status, String... argv) {
        return new GuestProgram(List.of(argv), status, null, List.of());
    }

    static GuestProgram checkedAgainstFile(String expectedFile, int status, String... argv) {
        return new GuestProgram(List.of(argv), status, expectedFile, List.of());
    }

    /** The same program with {@code name=value} variables in its environment. */
    GuestProgram withEnvironment(String... variables) {
        return new GuestProgram(argv, status, expectedFile, List.of(variables));
    }

    /**
     * The kernel command line that makes this program init, as Linux reads it:
     * {@code name=value ... init=PATH -- args} (unknown name=value words go to init's environment).
     */
    String append() {
        StringBuilder s = new StringBuilder();
        for (String v : environment) {
            s.append(v).append(' ');
        }
        s.append("init=").append(argv.get(0));
        if (argv.size() > 1) {
            s.append(" --");
            for (String a : argv.subList(1, argv.size())) {
                s.append(' ').append(a);
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        String command = String.join(" ", argv);
        return environment.isEmpty() ? command : String.join(" ", environment) + " " + command;
    }
}
