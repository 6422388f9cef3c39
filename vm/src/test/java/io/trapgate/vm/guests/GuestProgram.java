package io.trapgate.vm.guests;

import java.util.List;

/**
 * One run of a test guest: its argv (argv[0] is the path in the initramfs), the exit status it
 * must end with, and where its expected output comes from: the same binary run natively on the
 * host's Linux (expectedFile null), or, where no Linux here can run it the same way, a file in
 * test-guests/expected/.
 */
record GuestProgram(List<String> argv, int status, String expectedFile) {

    static GuestProgram checkedAgainstLinux(String... argv) {
        return new GuestProgram(List.of(argv), 0, null);
    }

    static GuestProgram exitingWith(int status, String... argv) {
        return new GuestProgram(List.of(argv), status, null);
    }

    static GuestProgram checkedAgainstFile(String expectedFile, String... argv) {
        return new GuestProgram(List.of(argv), 0, expectedFile);
    }

    /** The kernel command line that makes this program init: {@code init=PATH -- args}. */
    String append() {
        StringBuilder s = new StringBuilder("init=").append(argv.get(0));
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
        return String.join(" ", argv);
    }
}
