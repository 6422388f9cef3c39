/* writev: gathering several buffers into one write, and the bad iovec arrays. */
#include "tg.h"

static void body(void)
{
    static const char a[] = "writev ", b[] = "gathers ", c[] = "three buffers\n";
    struct tg_iovec iov[3] = { { a, 7 }, { b, 8 }, { c, 14 } };
    expect(sys_writev(1, iov, 3), 29, "writev(1, iov, 3)");
    struct tg_iovec empty[2] = { { a, 0 }, { c, 14 } };
    expect(sys_writev(1, empty, 2), 14, "writev(1, {0 bytes, 14 bytes}, 2)");
    expect(sys_writev(1, iov, 0), 0, "writev(1, iov, 0)");
    expect(sys_writev(1, 0, 1), -EFAULT, "writev(1, NULL, 1)");
    expect(sys_writev(1, (struct tg_iovec *)0xc0000000, 1), -EFAULT, "writev(1, 0xc0000000, 1)");
    expect(sys_writev(1, iov, -1), -EINVAL, "writev(1, iov, -1)");
    expect(sys_writev(1, iov, 1025), -EINVAL, "writev(1, iov, 1025): more than UIO_MAXIOV");
    struct tg_iovec bad[1] = { { 0, 5 } };
    expect(sys_writev(1, bad, 1), -EFAULT, "writev(1, {NULL, 5}, 1)");
    struct tg_iovec kernel[1] = { { (void *)0xc0000000, 5 } };
    expect(sys_writev(1, kernel, 1), -EFAULT, "writev(1, {0xc0000000, 5}, 1)");
    struct tg_iovec negative[2] = { { a, 7 }, { b, 0x80000000 } };
    expect(sys_writev(1, negative, 2), -EINVAL, "writev(1, {7 bytes, 0x80000000 bytes}, 2): negative as ssize_t");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
