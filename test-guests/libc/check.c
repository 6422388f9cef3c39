/* Checks that print what they saw, and the driver that runs a body through both entry paths. */
#include "tg.h"

int tg_failures;

static void line(const char *fmt, va_list ap, const char *tail)
{
    char what[256], out[400];
    tg_vsnprintf(what, sizeof what, fmt, ap);
    int n = tg_snprintf(out, sizeof out, "%s%s\n", what, tail);
    tg_write_all(1, out, n < (int)sizeof out ? (size_t)n : sizeof out - 1);
}

void expect(long got, long want, const char *fmt, ...)
{
    char tail[96];
    va_list ap;
    if (got == want) {
        tg_snprintf(tail, sizeof tail, " = %E", got);
    } else {
        tg_snprintf(tail, sizeof tail, " = %E  FAIL (expected %E)", got, want);
        tg_failures++;
    }
    va_start(ap, fmt);
    line(fmt, ap, tail);
    va_end(ap);
}

void expect_true(int cond, const char *fmt, ...)
{
    va_list ap;
    if (!cond)
        tg_failures++;
    va_start(ap, fmt);
    line(fmt, ap, cond ? ": yes" : ": no  FAIL");
    va_end(ap);
}

void fact(long value, const char *fmt, ...)
{
    char tail[32];
    va_list ap;
    tg_snprintf(tail, sizeof tail, " = %E", value);
    va_start(ap, fmt);
    line(fmt, ap, tail);
    va_end(ap);
}

int tg_run_both(int argc, char **argv, void (*body)(void))
{
    int int80 = 1, vdso = 1;
    if (argc > 1 && tg_strcmp(argv[1], "int80") == 0)
        vdso = 0;
    if (argc > 1 && tg_strcmp(argv[1], "vdso") == 0)
        int80 = 0;
    if (int80) {
        tg_via = TG_VIA_INT80;
        tg_printf("--- through int $0x80\n");
        body();
    }
    if (vdso) {
        tg_printf("--- through the vDSO's __kernel_vsyscall (AT_SYSINFO)\n");
        expect_true(tg_vsyscall != 0, "AT_SYSINFO present");
        if (tg_vsyscall != 0) {
            tg_via = TG_VIA_VDSO;
            body();
            tg_via = TG_VIA_INT80;
        }
    }
    tg_printf("failed checks: %d\n", tg_failures);
    return tg_failures > 127 ? 127 : tg_failures;
}

char *tg_page_before_hole(void)
{
    long p = tg_syscall_int80(NR_mmap2, 0, 2 * TG_PAGE_SIZE, TG_PROT_READ | TG_PROT_WRITE,
                              TG_MAP_PRIVATE | TG_MAP_ANONYMOUS, -1, 0);
    if (p < 0 && p >= -4095) {
        tg_printf("mmap2 for the page before a hole = %E  FAIL\n", p);
        tg_failures++;
        return 0;
    }
    long r = tg_syscall_int80(NR_munmap, p + TG_PAGE_SIZE, TG_PAGE_SIZE, 0, 0, 0, 0);
    if (r != 0) {
        tg_printf("munmap of the hole = %E  FAIL\n", r);
        tg_failures++;
    }
    return (char *)p;
}
