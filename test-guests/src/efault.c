/*
 * The lecture's bad pointers (slides 9-16, 32-39): a system call given a pointer into the
 * kernel, an unmapped pointer or NULL does not check it page by page; the access faults and
 * the exception table turns the fault into -EFAULT. Buffers that run from a mapped page into
 * an unmapped one fault part-way, and must not write anything out.
 */
#include "tg.h"

static char *edge;         /* the last bytes of a mapped page; the next page is unmapped */

static void body(void)
{
    static const char msg[] = "this must not appear\n";
    expect(sys_write(1, (void *)0xc0000000, 4), -EFAULT, "write(1, 0xc0000000 (PAGE_OFFSET), 4)");
    expect(sys_write(1, (void *)0xc0100000, 16), -EFAULT, "write(1, 0xc0100000 (kernel text), 16)");
    expect(sys_write(1, (void *)0xfffff000, 4), -EFAULT, "write(1, 0xfffff000, 4)");
    expect(sys_write(1, (void *)0xbffffffe, 4), -EFAULT, "write(1, 0xbffffffe, 4): crosses into the kernel");
    expect(sys_write(1, (void *)0x1000, 4), -EFAULT, "write(1, 0x1000 (unmapped), 4)");
    expect(sys_write(1, 0, 4), -EFAULT, "write(1, NULL, 4)");
    if (edge == 0)
        return;
    expect(sys_write(1, edge + TG_PAGE_SIZE, 4), -EFAULT, "write(1, hole, 4)");
    memcpy(edge + TG_PAGE_SIZE - 4, "EDGE", 4);
    expect(sys_write(1, edge + TG_PAGE_SIZE - 4, 8), -EFAULT,
           "write(1, last 4 bytes of a page + 4 unmapped, 8): nothing written");
    expect(sys_write(1, edge + TG_PAGE_SIZE - 4, 4), 4, "write(1, last 4 bytes of the page, 4)");
    tg_printf("\n");

    /* copy_from_user of structures that straddle into the hole */
    struct tg_timespec *ts = (struct tg_timespec *)(edge + TG_PAGE_SIZE - 4);
    ts->tv_sec = 0;         /* tv_sec mapped, tv_nsec in the hole */
    expect(sys_nanosleep(ts, 0), -EFAULT, "nanosleep(timespec straddling the hole)");
    struct tg_iovec *iov = (struct tg_iovec *)(edge + TG_PAGE_SIZE - 4);
    iov->iov_base = msg;    /* iov_base mapped, iov_len in the hole */
    expect(sys_writev(1, iov, 1), -EFAULT, "writev(1, iovec straddling the hole, 1)");
    struct tg_user_desc *u = (struct tg_user_desc *)(edge + TG_PAGE_SIZE - 8);
    u->entry_number = (unsigned)-1;
    expect(sys_set_thread_area(u), -EFAULT, "set_thread_area(user_desc straddling the hole)");
    memcpy(edge + TG_PAGE_SIZE - 9, "/etc/motd", 9);   /* no NUL before the hole */
    expect(sys_open(edge + TG_PAGE_SIZE - 9, TG_O_RDONLY, 0), -EFAULT,
           "open(path running into the hole)");
    expect(sys_readlink(edge + TG_PAGE_SIZE - 9, edge, 16), -EFAULT,
           "readlink(path running into the hole)");

    /* copy_to_user / put_user into buffers that straddle */
    expect(sys_clock_gettime(TG_CLOCK_MONOTONIC, (struct tg_timespec *)(edge + TG_PAGE_SIZE - 4)),
           -EFAULT, "clock_gettime(timespec straddling the hole)");
    expect(sys_gettimeofday((struct tg_timeval *)(edge + TG_PAGE_SIZE - 4), 0),
           -EFAULT, "gettimeofday(timeval straddling the hole)");
    expect(sys_uname((struct tg_utsname *)(edge + TG_PAGE_SIZE - 200)),
           -EFAULT, "uname(utsname straddling the hole)");
    expect(sys_fstat64(1, (struct tg_stat64 *)(edge + TG_PAGE_SIZE - 48)),
           -EFAULT, "fstat64(1, stat64 straddling the hole)");
    expect(sys_getrandom(edge + TG_PAGE_SIZE - 8, 16, 0) < 16, 1,
           "getrandom(16 bytes straddling the hole) does not claim 16 bytes");
}

int main(int argc, char **argv)
{
    edge = tg_page_before_hole();
    return tg_run_both(argc, argv, body);
}
