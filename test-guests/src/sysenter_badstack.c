/*
 * The sysenter entry with a bad user stack (slides 28-31). __kernel_vsyscall pushes ecx, edx
 * and ebp, then copies esp into ebp; entry_SYSENTER_32 reads argument 6 from 0(%ebp), in user
 * memory, with an exception-table entry. Here ebp points at unmapped memory, into the kernel,
 * or at a word that straddles into an unmapped page: the call must return -EFAULT, do nothing,
 * and leave the kernel standing.
 *
 * There is no native oracle for this one: a 64-bit Linux reads the saved ebp through esp
 * instead, and AMD CPUs do not have sysenter in compatibility mode. The expected output is
 * test-guests/expected/sysenter_badstack.out, derived from the i386 entry described above.
 */
#include "tg.h"

int main(void)
{
    static const char ok[] = "sysenter with a good ebp writes this line\n";
    static const char bad[] = "this must not appear\n";
    static unsigned arg6 = 0;
    char *edge = tg_page_before_hole();
    tg_printf("sysenter with ebp pointing at ...\n");
    expect(tg_sysenter_with_ebp(NR_write, 1, (long)ok, sizeof ok - 1, (long)&arg6), sizeof ok - 1,
           "a mapped word: write(1, ok, %u)", sizeof ok - 1);
    expect(tg_sysenter_with_ebp(NR_write, 1, (long)bad, sizeof bad - 1, 0), -EFAULT, "NULL: write");
    expect(tg_sysenter_with_ebp(NR_write, 1, (long)bad, sizeof bad - 1, 0x1000), -EFAULT,
           "0x1000 (unmapped): write");
    expect(tg_sysenter_with_ebp(NR_write, 1, (long)bad, sizeof bad - 1, (long)0xc0000000), -EFAULT,
           "0xc0000000 (the kernel): write");
    expect(tg_sysenter_with_ebp(NR_write, 1, (long)bad, sizeof bad - 1, (long)0xfffffffe), -EFAULT,
           "0xfffffffe (wraps past 4 GiB): write");
    if (edge) {
        expect(tg_sysenter_with_ebp(NR_write, 1, (long)bad, sizeof bad - 1, (long)(edge + TG_PAGE_SIZE)),
               -EFAULT, "an unmapped page: write");
        expect(tg_sysenter_with_ebp(NR_write, 1, (long)bad, sizeof bad - 1, (long)(edge + TG_PAGE_SIZE - 2)),
               -EFAULT, "a word straddling into the unmapped page (get_user of 4 bytes): write");
        expect(tg_sysenter_with_ebp(NR_getpid, 0, 0, 0, (long)(edge + TG_PAGE_SIZE - 2)), -EFAULT,
               "the same, for getpid, which has no sixth argument");
        expect(tg_sysenter_with_ebp(NR_write, 1, (long)ok, sizeof ok - 1, (long)(edge + TG_PAGE_SIZE - 4)),
               sizeof ok - 1, "the last word of the mapped page: write");
    }
    expect_true(tg_sysenter_with_ebp(NR_getpid, 0, 0, 0, (long)&arg6) == sys_getpid(),
                "a mapped word again: getpid matches int $0x80's (the kernel survived)");
    tg_printf("failed checks: %d\n", tg_failures);
    return tg_failures;
}
