/*
 * sysenter with a bad user stack (slides 28-31). __kernel_vsyscall pushes ecx, edx, ebp and
 * copies esp into ebp; the i386 entry takes ebp as the user stack: it reads argument 6 from
 * 0(%ebp) through the exception table, and sysexit returns to the vDSO's landing pad with
 * esp = ebp. Here ebp is chosen by hand (libc/sysenter.S):
 *
 *   sysenter_badstack frame      ebp names a good stack that is not esp: the call works, and
 *                                the landing pad pops its registers from that stack
 *   sysenter_badstack CASE       ebp = NULL, unmapped, the kernel, straddling into an unmapped
 *                                page (get_user of 4 bytes), or wrapping past 4 GiB: the call
 *                                fails with -EFAULT without running (nothing is written), the
 *                                landing pad's pop faults on the same address, and the process
 *                                dies of SIGSEGV (status 139) while the kernel carries on
 *
 * There is no native oracle: a 64-bit Linux reads the saved ebp through esp instead, and AMD
 * CPUs have no sysenter in compatibility mode. The expected output is in test-guests/expected/.
 */
#include "tg.h"

static const char bad[] = "this must not appear\n";

static int frame(void)
{
    static const char ok[] = "written by a sysenter whose ebp is a stack of its own\n";
    static uint32_t stack[4] = { 0x1234abcd, 0x5a5a5a5a, 0xa5a5a5a5, 0 };
    expect(tg_sysenter_frame(NR_write, 1, (long)ok, sizeof ok - 1, stack), sizeof ok - 1,
           "write(1, ok, %u) with ebp = a separate stack", sizeof ok - 1);
    expect_true(tg_sysenter_popped_ebp == 0x1234abcd, "the landing pad popped ebp from that stack");
    expect_true(tg_syscall_vdso(NR_getpid, 0, 0, 0, 0, 0, 0) == sys_getpid(),
                "__kernel_vsyscall still works afterwards");
    tg_printf("failed checks: %d\n", tg_failures);
    return tg_failures;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        tg_printf("usage: sysenter_badstack frame|null|unmapped|kernel|straddle|wrap\n");
        return 2;
    }
    const char *c = argv[1];
    if (tg_strcmp(c, "frame") == 0)
        return frame();
    long ebp;
    const char *what;
    if (tg_strcmp(c, "null") == 0) {
        ebp = 0;
        what = "NULL";
    } else if (tg_strcmp(c, "unmapped") == 0) {
        ebp = 0x1000;
        what = "0x1000, unmapped";
    } else if (tg_strcmp(c, "kernel") == 0) {
        ebp = (long)0xc0000000;
        what = "0xc0000000, the kernel";
    } else if (tg_strcmp(c, "straddle") == 0) {
        char *edge = tg_page_before_hole();
        ebp = (long)(edge + TG_PAGE_SIZE - 2);
        what = "2 bytes before an unmapped page";
    } else if (tg_strcmp(c, "wrap") == 0) {
        ebp = (long)0xfffffffe;
        what = "0xfffffffe, wrapping past 4 GiB";
    } else {
        tg_printf("unknown case %s\n", c);
        return 2;
    }
    tg_printf("sysenter with ebp = %s: write(1, ...) fails with -EFAULT and writes nothing;\n"
              "the landing pad then pops from that stack and the process dies of SIGSEGV\n", what);
    tg_sysenter_with_ebp(NR_write, 1, (long)bad, sizeof bad - 1, ebp);
}
