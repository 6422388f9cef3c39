/* databp_ptrace.h: what the two host oracles of DataBreakpointsAgainstHostCpuTest (databp_host.c,
 * databp_fault_host.c) share: the operations of databp_ops.inc, indexed as the cases number them, and
 * a traced child's debug registers set and read through ptrace. */
#ifndef DATABP_PTRACE_H
#define DATABP_PTRACE_H

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

__asm__(".text\n.include \"databp_ops.inc\"\n");
extern char op_w1[], op_w2[], op_w4[], op_r1[], op_r2[], op_r4[], op_stosb[], op_movsb[];
static char *const ops[] = { op_w1, op_w2, op_w4, op_r1, op_r2, op_r4, op_stosb, op_movsb };

static inline void poke(pid_t p, int reg, long v) {
    if (ptrace(PTRACE_POKEUSER, p, offsetof(struct user, u_debugreg[reg]), v) != 0) {
        perror("PTRACE_POKEUSER debug register");
        exit(2);
    }
}

/* Forks a child that runs child(n) (which asks to be traced and stops itself before each case); returns
 * its pid once it has stopped, its wait status in *st. */
static inline pid_t start_traced(void (*child)(int), int n, int *st) {
    pid_t p = fork();
    if (p == 0) {
        child(n);
    }
    waitpid(p, st, 0);
    return p;
}

/* Breakpoint 0 at address with DR7 = dr7 (DR7 cleared while DR0 changes), DR6 cleared. */
static inline void set_breakpoint(pid_t p, long address, long dr7) {
    poke(p, 7, 0);
    poke(p, 0, address);
    poke(p, 6, 0);
    poke(p, 7, dr7);
}

/* DR6's B0-B3 after a #DB; DR6 is cleared for the next one. */
static inline long take_dr6_hits(pid_t p) {
    long dr6 = ptrace(PTRACE_PEEKUSER, p, offsetof(struct user, u_debugreg[6]), 0);
    poke(p, 6, 0);
    return dr6 & 0xf;
}

#endif
