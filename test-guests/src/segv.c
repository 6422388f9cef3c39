/*
 * A user-mode fault outside the process's memory kills the process with SIGSEGV; as init, the
 * kernel then powers off with status 128 + 11 = 139, what a shell reports for the same death.
 *   segv write | read | exec    store to 0x1234, load from 0xc0000000 (the kernel), call NULL
 *   segv rodata                 store into a string literal (a read-only page of the program)
 *   segv protnone               load from a page mprotect()ed to PROT_NONE
 */
#include "tg.h"

int main(int argc, char **argv)
{
    const char *c = argc > 1 ? argv[1] : "write";
    tg_printf("segv %s: the next instruction faults in user mode\n", c);
    if (tg_strcmp(c, "read") == 0)
        return *(volatile int *)0xc0000000;
    if (tg_strcmp(c, "exec") == 0)
        ((void (*)(void))0)();
    if (tg_strcmp(c, "rodata") == 0) {
        static const char literal[] = "read-only";
        *(volatile char *)literal = 'R';
    }
    if (tg_strcmp(c, "protnone") == 0) {
        long p = sys_mmap2(0, TG_PAGE_SIZE, TG_PROT_READ | TG_PROT_WRITE, TG_MAP_PRIVATE | TG_MAP_ANONYMOUS, -1, 0);
        sys_mprotect((void *)p, TG_PAGE_SIZE, TG_PROT_NONE);
        return *(volatile char *)p;
    }
    *(volatile int *)0x1234 = 1;
    tg_printf("still alive after the fault  FAIL\n");
    return 1;
}
