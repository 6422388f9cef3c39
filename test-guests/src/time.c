/*
 * gettimeofday, clock_gettime, nanosleep. The clocks' values differ between any two runs, so
 * only their shape and ordering are printed.
 */
#include "tg.h"

static long long ns(struct tg_timespec *t)
{
    return (long long)t->tv_sec * 1000000000 + t->tv_nsec;
}

static void body(void)
{
    struct tg_timeval tv = { -1, -1 };
    expect(sys_gettimeofday(&tv, 0), 0, "gettimeofday(&tv, NULL)");
    expect_true(tv.tv_sec >= 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000, "0 <= tv_usec < 1000000");
    expect(sys_gettimeofday(0, 0), 0, "gettimeofday(NULL, NULL)");
    expect(sys_gettimeofday((struct tg_timeval *)0xc0000000, 0), -EFAULT, "gettimeofday(0xc0000000)");

    struct tg_timespec a = { -1, -1 }, b = { -1, -1 }, c = { -1, -1 };
    expect(sys_clock_gettime(TG_CLOCK_REALTIME, &a), 0, "clock_gettime(CLOCK_REALTIME)");
    expect_true(a.tv_sec >= 0 && a.tv_nsec >= 0 && a.tv_nsec < 1000000000, "0 <= tv_nsec < 1e9");
    expect(sys_clock_gettime(TG_CLOCK_MONOTONIC, &a), 0, "clock_gettime(CLOCK_MONOTONIC)");
    expect(sys_clock_gettime(TG_CLOCK_MONOTONIC, &b), 0, "clock_gettime(CLOCK_MONOTONIC) again");
    expect_true(a.tv_nsec >= 0 && a.tv_nsec < 1000000000, "0 <= tv_nsec < 1e9");
    expect_true(ns(&b) >= ns(&a), "the monotonic clock does not go back");
    expect(sys_clock_gettime(99, &a), -EINVAL, "clock_gettime(99)");
    expect(sys_clock_gettime(TG_CLOCK_MONOTONIC, 0), -EFAULT, "clock_gettime(CLOCK_MONOTONIC, NULL)");

    struct tg_timespec req = { 0, 2000000 };        /* 2 ms */
    sys_clock_gettime(TG_CLOCK_MONOTONIC, &a);
    expect(sys_nanosleep(&req, &c), 0, "nanosleep(2 ms)");
    sys_clock_gettime(TG_CLOCK_MONOTONIC, &b);
    expect_true(ns(&b) - ns(&a) >= 2000000, "at least 2 ms passed on the monotonic clock");
    req.tv_sec = 0;
    req.tv_nsec = 0;
    expect(sys_nanosleep(&req, 0), 0, "nanosleep(0 ns)");
    req.tv_nsec = 1000000000;
    expect(sys_nanosleep(&req, 0), -EINVAL, "nanosleep(tv_nsec = 1e9)");
    req.tv_sec = -1;
    req.tv_nsec = 0;
    expect(sys_nanosleep(&req, 0), -EINVAL, "nanosleep(tv_sec = -1)");
    expect(sys_nanosleep(0, 0), -EFAULT, "nanosleep(NULL)");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
