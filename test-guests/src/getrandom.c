/* getrandom: random bytes into user memory. */
#include "tg.h"

static void body(void)
{
    unsigned char buf[40];
    memset(buf, 0, sizeof buf);
    expect(sys_getrandom(buf, 32, 0), 32, "getrandom(buf, 32, 0)");
    int nonzero = 0;
    for (int i = 0; i < 32; i++)
        nonzero |= buf[i];
    expect_true(nonzero != 0, "the 32 bytes are not all zero");
    expect_true(buf[32] == 0 && buf[39] == 0, "nothing past 32 bytes was written");
    unsigned char again[32];
    sys_getrandom(again, 32, 0);
    expect_true(memcmp(buf, again, 32) != 0, "a second call gives different bytes");
    expect(sys_getrandom(buf, 0, 0), 0, "getrandom(buf, 0, 0)");
    expect(sys_getrandom(0, 16, 0), -EFAULT, "getrandom(NULL, 16, 0)");
    expect(sys_getrandom((void *)0xc0000000, 16, 0), -EFAULT, "getrandom(0xc0000000, 16, 0)");
    expect(sys_getrandom(buf, 16, 0x100), -EINVAL, "getrandom(buf, 16, unknown flag 0x100)");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
