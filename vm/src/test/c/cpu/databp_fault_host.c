/*
 * The host CPU's data breakpoints on accesses that fault, as the oracle for
 * DataBreakpointsAgainstHostCpuTest. Two pages, the second one inaccessible (PROT_NONE) at the start of
 * each case; the child's SIGSEGV handler makes it readable and writable, so the faulting access is
 * restarted. Reads cases from stdin, one a line: "dr0 dr7 op address" (dr0 and address as offsets from
 * the boundary between the pages; op indexes the operations of databp_ops.inc). A traced child runs each
 * case with DR0/DR7 set through ptrace; the parent prints, in order, each SIGSEGV as " PF+E@A" (EIP
 * relative to the operation's first byte, the fault address relative to the boundary) and each #DB
 * (SIGTRAP) as " DB+E/B" (EIP, DR6's B0-B3). One line out per case, "-" for no event.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "databp_ptrace.h"

#define MAX_CASES 256
static struct { long dr0, dr7, op, address; } cases[MAX_CASES];
static char *pages; /* two pages; the boundary is pages + 4096 */

static void map_second_page(int sig) {
    (void) sig;
    mprotect(pages + 4096, 4096, PROT_READ | PROT_WRITE);
}

static void run_child(int n) {
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    signal(SIGSEGV, map_second_page);
    for (int i = 0; i < n; i++) {
        mprotect(pages + 4096, 4096, PROT_NONE);
        raise(SIGSTOP); /* the parent sets DR0/DR7 for case i */
        char *d = pages + 4096 + cases[i].address;
        long a = 0x5a5a5a5a;
        __asm__ volatile("call *%[f]" : "+a"(a), "+D"(d) : [f] "d"(ops[cases[i].op]) : "ecx", "esi", "memory", "cc");
    }
    _exit(0);
}

int main(void) {
    int n = 0;
    while (n < MAX_CASES && scanf("%li %li %li %li", &cases[n].dr0, &cases[n].dr7, &cases[n].op,
                                  &cases[n].address) == 4) {
        n++;
    }
    pages = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (pages == MAP_FAILED) {
        perror("mmap");
        return 2;
    }
    char *boundary = pages + 4096;
    int st;
    pid_t p = start_traced(run_child, n, &st);
    for (int i = 0; i < n; i++) {
        set_breakpoint(p, (long) (boundary + cases[i].dr0), cases[i].dr7);
        int events = 0, sig = 0;
        for (;;) {
            ptrace(PTRACE_CONT, p, 0, sig);
            sig = 0;
            waitpid(p, &st, 0);
            if (!WIFSTOPPED(st) || WSTOPSIG(st) == SIGSTOP) {
                break;
            }
            struct user_regs_struct r;
            ptrace(PTRACE_GETREGS, p, 0, &r);
            long eip = (long) r.eip - (long) ops[cases[i].op];
            if (WSTOPSIG(st) == SIGSEGV) {
                siginfo_t si;
                ptrace(PTRACE_GETSIGINFO, p, 0, &si);
                printf(" PF+%ld@%ld", eip, (long) ((char *) si.si_addr - boundary));
                sig = SIGSEGV; /* the child's handler maps the page */
            } else if (WSTOPSIG(st) == SIGTRAP) {
                printf(" DB+%ld/%lx", eip, take_dr6_hits(p));
            } else {
                printf(" signal %d", WSTOPSIG(st));
                sig = WSTOPSIG(st);
            }
            if (++events > 8) {
                printf(" (too many events)\n");
                kill(p, SIGKILL);
                return 4;
            }
        }
        printf("%s\n", events ? "" : " -");
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 3;
}
