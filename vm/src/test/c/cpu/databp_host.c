/*
 * The host CPU's own data breakpoints, as the oracle for DataBreakpointsAgainstHostCpuTest. Reads
 * cases from stdin, one a line: "dr0 dr7 op address count" (dr0 and address as offsets into an
 * 8 KiB page-aligned buffer; op indexes the operations of databp_ops.inc). A traced child runs each
 * case with DR0/DR7 set through ptrace; for each #DB (SIGTRAP) it prints " +E/C/B": EIP relative to
 * the operation's first byte, ECX, and DR6's B0-B3; "-" for none. One line out per case.
 */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

#include "databp_ptrace.h"

#define MAX_CASES 8192
static struct { long dr0, dr7, op, address, count; } cases[MAX_CASES];
static char buf[0x2000] __attribute__((aligned(4096)));

static void run_child(int n) {
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    for (int i = 0; i < n; i++) {
        raise(SIGSTOP); /* the parent sets DR0/DR7 for case i */
        char *d = buf + cases[i].address, *s = buf + 0x1800;
        long c = cases[i].count, a = 0x5a5a5a5a;
        if (cases[i].op == 7) { /* movsb reads at the case's address */
            s = d;
            d = buf + 0x1800;
        }
        __asm__ volatile("call *%[f]" : "+a"(a), "+D"(d), "+S"(s), "+c"(c) : [f] "d"(ops[cases[i].op]) : "memory", "cc");
    }
    _exit(0);
}

int main(void) {
    int n = 0;
    while (n < MAX_CASES && scanf("%li %li %li %li %li", &cases[n].dr0, &cases[n].dr7, &cases[n].op,
                                  &cases[n].address, &cases[n].count) == 5) {
        n++;
    }
    int st;
    pid_t p = start_traced(run_child, n, &st);
    for (int i = 0; i < n; i++) {
        set_breakpoint(p, (long) (buf + cases[i].dr0), cases[i].dr7);
        int traps = 0;
        for (;;) {
            ptrace(PTRACE_CONT, p, 0, 0);
            waitpid(p, &st, 0);
            if (!WIFSTOPPED(st) || WSTOPSIG(st) != SIGTRAP) {
                break;
            }
            struct user_regs_struct r;
            ptrace(PTRACE_GETREGS, p, 0, &r);
            printf(" +%ld/%ld/%lx", (long) r.eip - (long) ops[cases[i].op], (long) r.ecx, take_dr6_hits(p));
            traps++;
        }
        printf("%s\n", traps ? "" : " -");
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 3;
}
