/*
 * ioctl on the console (a terminal: the guest's serial console, the oracle's pseudo-terminal):
 * TCGETS and TIOCGWINSZ succeed; unknown requests are -ENOTTY, as is TCGETS on a regular file.
 */
#include "tg.h"

static void body(void)
{
    struct tg_termios t;
    struct tg_winsize w;
    expect(sys_ioctl(0, TG_TCGETS, &t), 0, "ioctl(0, TCGETS)");
    expect(sys_ioctl(1, TG_TCGETS, &t), 0, "ioctl(1, TCGETS)");
    expect(sys_ioctl(2, TG_TCGETS, &t), 0, "ioctl(2, TCGETS)");
    expect(sys_ioctl(1, TG_TIOCGWINSZ, &w), 0, "ioctl(1, TIOCGWINSZ)");
    expect(sys_ioctl(1, 0x1234, &t), -ENOTTY, "ioctl(1, 0x1234): unknown request");
    expect(sys_ioctl(1, 0xdead, &t), -ENOTTY, "ioctl(1, 0xdead): unknown request");
    expect(sys_ioctl(1, TG_TCGETS, 0), -EFAULT, "ioctl(1, TCGETS, NULL)");
    expect(sys_ioctl(1, TG_TCGETS, (void *)0xc0000000), -EFAULT, "ioctl(1, TCGETS, 0xc0000000)");
    expect(sys_ioctl(1, TG_TIOCGWINSZ, 0), -EFAULT, "ioctl(1, TIOCGWINSZ, NULL)");
    expect(sys_ioctl(-1, TG_TCGETS, &t), -EBADF, "ioctl(-1, TCGETS)");
    long fd = sys_open("/etc/motd", TG_O_RDONLY, 0);
    expect(fd, 3, "open(\"/etc/motd\")");
    expect(sys_ioctl(fd, TG_TCGETS, &t), -ENOTTY, "ioctl(file, TCGETS)");
    expect(sys_ioctl(fd, TG_TIOCGWINSZ, &w), -ENOTTY, "ioctl(file, TIOCGWINSZ)");
    expect(sys_close(fd), 0, "close(fd)");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
