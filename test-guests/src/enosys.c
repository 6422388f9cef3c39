/*
 * System-call numbers that no Linux i386 kernel implements: past the end of sys_call_table,
 * negative, and the table's historical holes (break, stty, gtty, ftime, prof, lock, mpx,
 * ulimit, profil, afs_syscall, the unused 222/223/251/285). All -ENOSYS.
 */
#include "tg.h"

static const long holes[] = { 17, 31, 32, 35, 44, 53, 56, 58, 98, 137, 222, 223, 251, 285 };

static void body(void)
{
    for (unsigned i = 0; i < sizeof holes / sizeof holes[0]; i++)
        expect(tg_syscall(holes[i], 0, 0, 0, 0, 0, 0), -ENOSYS, "syscall(%d)", holes[i]);
    expect(tg_syscall(1000, 0, 0, 0, 0, 0, 0), -ENOSYS, "syscall(1000)");
    expect(tg_syscall(0x7fffffff, 0, 0, 0, 0, 0, 0), -ENOSYS, "syscall(0x7fffffff)");
    expect(tg_syscall(-1, 0, 0, 0, 0, 0, 0), -ENOSYS, "syscall(-1)");
    expect(tg_syscall((long)0x80000000, 0, 0, 0, 0, 0, 0), -ENOSYS, "syscall(0x80000000)");
    expect(sys_getpid() > 0, 1, "getpid() still works after them");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
