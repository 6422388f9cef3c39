/* tg_start: what _start hands the initial stack to; the auxiliary vector lookup. */
#include "tg.h"

uintptr_t tg_vsyscall;
uint32_t *tg_auxv;
char **tg_envp;

int main(int argc, char **argv, char **envp);
void tg_start(uint32_t *sp) __attribute__((noreturn));

void tg_start(uint32_t *sp)
{
    int argc = (int)sp[0];
    char **argv = (char **)(sp + 1);
    char **envp = argv + argc + 1;         /* past argv's NULL */
    char **p = envp;
    while (*p)
        p++;
    tg_envp = envp;
    tg_auxv = (uint32_t *)(p + 1);         /* past envp's NULL */
    tg_vsyscall = tg_getauxval(TG_AT_SYSINFO);
    int status = main(argc, argv, envp);
    for (;;)
        tg_syscall_int80(NR_exit_group, status, 0, 0, 0, 0, 0);
}

uint32_t tg_getauxval(uint32_t type)
{
    for (uint32_t *a = tg_auxv; a && a[0] != 0; a += 2)   /* AT_NULL ends it */
        if (a[0] == type)
            return a[1];
    return 0;
}
