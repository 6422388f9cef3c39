/*
 * exit_status [int80|vdso] [exit|exit_group] STATUS: leaves through the chosen call and entry
 * path with the given status, which the kernel passes on when init exits (the VM's exit code).
 */
#include "tg.h"

static long parse(const char *s)
{
    long v = 0;
    while (*s >= '0' && *s <= '9')
        v = v * 10 + (*s++ - '0');
    return v;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        tg_printf("usage: exit_status int80|vdso exit|exit_group STATUS\n");
        return 2;
    }
    if (tg_strcmp(argv[1], "vdso") == 0) {
        if (tg_vsyscall == 0) {
            tg_printf("no AT_SYSINFO\n");
            return 3;
        }
        tg_via = TG_VIA_VDSO;
    }
    int group = tg_strcmp(argv[2], "exit_group") == 0;
    long status = parse(argv[3]);
    tg_printf("leaving through %s via %s with status %d\n", group ? "exit_group" : "exit",
              tg_via == TG_VIA_VDSO ? "the vDSO" : "int $0x80", status);
    if (group)
        sys_exit_group(status);
    else
        sys_exit(status);
    tg_printf("still here after exit  FAIL\n");
    return 4;
}
