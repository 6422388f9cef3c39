/*
 * getpid, getppid and the 32-bit uid/gid calls. Process ids differ between any two runs, so
 * only their shape is printed; init runs as root, as the native oracle does (chroot as root).
 */
#include "tg.h"

static long first_pid;

static void body(void)
{
    long pid = sys_getpid();
    expect_true(pid > 0, "getpid() > 0");
    if (first_pid == 0)
        first_pid = pid;
    expect_true(pid == first_pid, "getpid() is the same through both entry paths");
    expect_true(sys_getpid() == pid, "getpid() again is the same");
    long ppid = sys_getppid();
    expect_true(ppid >= 0 && ppid != pid, "getppid() >= 0 and not our pid");
    expect(sys_getuid32(), 0, "getuid32()");
    expect(sys_geteuid32(), 0, "geteuid32()");
    expect(sys_getgid32(), 0, "getgid32()");
    expect(sys_getegid32(), 0, "getegid32()");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
