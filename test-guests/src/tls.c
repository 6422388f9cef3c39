/*
 * set_thread_area (a TLS descriptor in the GDT, entry -1: the kernel picks one and writes its
 * number back) and set_tid_address (returns the caller's tid). The entry numbers differ between
 * a 32-bit kernel (6..8) and a 64-bit one (12..14), so the selector is checked by using it.
 */
#include "tg.h"

static unsigned tls_word = 0x7e57ab1e;

static unsigned read_gs0(unsigned selector)
{
    unsigned v, old;
    __asm__ volatile("movw %%gs, %w1\n\t"
                     "movw %w2, %%gs\n\t"
                     "movl %%gs:0, %0\n\t"
                     "movw %w1, %%gs" : "=r"(v), "=&r"(old) : "r"(selector) : "memory");
    return v;
}

static void body(void)
{
    struct tg_user_desc u = {
        .entry_number = (unsigned)-1, .base_addr = (unsigned)&tls_word, .limit = 0xfffff,
        .flags = 1 | (1 << 4) | (1 << 6),   /* seg_32bit, limit_in_pages, useable */
    };
    expect(sys_set_thread_area(&u), 0, "set_thread_area({entry -1, base &tls_word})");
    expect_true(u.entry_number != (unsigned)-1, "the kernel wrote back the entry it chose");
    expect_true((u.entry_number >= 6 && u.entry_number <= 8) || (u.entry_number >= 12 && u.entry_number <= 14),
                "it is one of the three TLS entries");
    tg_printf("%%gs:0 through selector entry*8+3 = %x\n", read_gs0(u.entry_number * 8 + 3));
    unsigned chosen = u.entry_number;
    u.base_addr = (unsigned)&tls_word + 4;
    expect(sys_set_thread_area(&u), 0, "set_thread_area(the same entry, base + 4)");
    expect_true(u.entry_number == chosen, "entry_number unchanged");
    tls_word ^= 0xffffffff;
    u.base_addr = (unsigned)&tls_word;
    sys_set_thread_area(&u);
    tg_printf("after changing the word: %%gs:0 = %x\n", read_gs0(chosen * 8 + 3));
    tls_word ^= 0xffffffff;

    u.entry_number = 3;
    expect(sys_set_thread_area(&u), -EINVAL, "set_thread_area(entry 3, not a TLS entry)");
    expect(sys_set_thread_area(0), -EFAULT, "set_thread_area(NULL)");
    expect(sys_set_thread_area((struct tg_user_desc *)0xc0000000), -EFAULT, "set_thread_area(0xc0000000)");

    static int tid;
    expect_true(sys_set_tid_address(&tid) == sys_getpid(), "set_tid_address(&tid) returns getpid()");
    expect_true(sys_set_tid_address(0) == sys_getpid(), "set_tid_address(NULL) too");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
