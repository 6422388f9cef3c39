/*
 * dup, dup2, close: file-descriptor numbers and -EBADF for descriptors that are not open; the
 * close-on-exec flag belongs to a descriptor number, not its file: open sets it from O_CLOEXEC,
 * and a number reused by open, dup or dup2 starts without it.
 */
#include "tg.h"

static void body(void)
{
    static const char msg[] = "written through fd 10, a dup2 of fd 1\n";
    expect(sys_dup2(1, 10), 10, "dup2(1, 10)");
    expect(sys_write(10, msg, sizeof msg - 1), sizeof msg - 1, "write(10, msg, %u)", sizeof msg - 1);
    expect(sys_dup2(10, 10), 10, "dup2(10, 10) of an open fd");
    expect(sys_close(10), 0, "close(10)");
    expect(sys_close(10), -EBADF, "close(10) again");
    expect(sys_write(10, msg, 1), -EBADF, "write(10) after close");
    expect(sys_dup(1), 3, "dup(1): the lowest free descriptor");
    expect(sys_dup(1), 4, "dup(1) again");
    expect(sys_close(3), 0, "close(3)");
    expect(sys_dup(2), 3, "dup(2) reuses 3");
    expect(sys_close(3), 0, "close(3)");
    expect(sys_close(4), 0, "close(4)");
    expect(sys_dup2(99, 5), -EBADF, "dup2(99, 5): 99 is not open");
    expect(sys_dup2(-1, 5), -EBADF, "dup2(-1, 5)");
    expect(sys_dup2(1, -1), -EBADF, "dup2(1, -1)");
    expect(sys_dup(-1), -EBADF, "dup(-1)");
    expect(sys_dup(1000), -EBADF, "dup(1000)");
    expect(sys_close(-1), -EBADF, "close(-1)");
    expect(sys_close(1000), -EBADF, "close(1000)");
    expect(sys_write(-1, msg, 1), -EBADF, "write(-1)");
    expect(sys_write(77, msg, 1), -EBADF, "write(77)");
    char c;
    expect(sys_read(77, &c, 1), -EBADF, "read(77)");
    expect(sys_lseek(77, 0, TG_SEEK_SET), -EBADF, "lseek(77)");
    struct tg_stat64 st;
    expect(sys_fstat64(77, &st), -EBADF, "fstat64(77)");
    expect(sys_ioctl(77, TG_TCGETS, &st), -EBADF, "ioctl(77, TCGETS)");
    struct tg_iovec iov = { msg, 1 };
    expect(sys_writev(77, &iov, 1), -EBADF, "writev(77)");

    expect(sys_dup2(1, 10), 10, "dup2(1, 10)");
    expect(sys_fcntl64(10, TG_F_GETFD, 0), 0, "F_GETFD of a dup2");
    expect(sys_fcntl64(10, TG_F_SETFD, TG_FD_CLOEXEC), 0, "F_SETFD FD_CLOEXEC on 10");
    expect(sys_fcntl64(10, TG_F_GETFD, 0), TG_FD_CLOEXEC, "F_GETFD after F_SETFD");
    expect(sys_dup(10), 3, "dup(10)");
    expect(sys_fcntl64(3, TG_F_GETFD, 0), 0, "a dup does not inherit FD_CLOEXEC");
    expect(sys_dup2(3, 10), 10, "dup2(3, 10) over the open 10");
    expect(sys_fcntl64(10, TG_F_GETFD, 0), 0, "dup2 clears newfd's FD_CLOEXEC");
    expect(sys_fcntl64(3, TG_F_SETFD, TG_FD_CLOEXEC), 0, "F_SETFD FD_CLOEXEC on 3");
    expect(sys_close(3), 0, "close(3)");
    expect(sys_open("/etc/motd", TG_O_RDONLY, 0), 3, "open reuses 3");
    expect(sys_fcntl64(3, TG_F_GETFD, 0), 0, "a reused number starts without FD_CLOEXEC");
    expect(sys_close(3), 0, "close(3)");
    expect(sys_open("/etc/motd", TG_O_RDONLY | TG_O_CLOEXEC, 0), 3, "open with O_CLOEXEC");
    expect(sys_fcntl64(3, TG_F_GETFD, 0), TG_FD_CLOEXEC, "O_CLOEXEC sets FD_CLOEXEC");
    expect(sys_close(3), 0, "close(3)");
    expect(sys_close(10), 0, "close(10)");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
