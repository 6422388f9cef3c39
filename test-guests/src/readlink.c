/* readlink: a symbolic link of the initramfs, and what is not one. */
#include "tg.h"

static void body(void)
{
    char buf[64];
    memset(buf, 'x', sizeof buf);
    long n = sys_readlink("/etc/motd.link", buf, sizeof buf);
    expect(n, 4, "readlink(\"/etc/motd.link\", buf, %u)", sizeof buf);
    if (n == 4)
        tg_printf("target: \"%s\"\n", (buf[4] = 0, buf));
    memset(buf, 'x', sizeof buf);
    expect(sys_readlink("/etc/motd.link", buf, 2), 2, "readlink into a 2-byte buffer (truncates)");
    expect(buf[0] == 'm' && buf[1] == 'o' && buf[2] == 'x', 1, "only 2 bytes written, no NUL");
    expect(sys_readlink("/etc/motd", buf, sizeof buf), -EINVAL, "readlink(\"/etc/motd\"): not a link");
    expect(sys_readlink("/etc/none", buf, sizeof buf), -ENOENT, "readlink(\"/etc/none\")");
    expect(sys_readlink("/etc/motd.link", buf, 0), -EINVAL, "readlink with size 0");
    expect(sys_readlink(0, buf, sizeof buf), -EFAULT, "readlink(NULL, buf)");
    expect(sys_readlink("/etc/motd.link", 0, sizeof buf), -EFAULT, "readlink(link, NULL)");
    expect(sys_readlink("/etc/motd.link", (char *)0xc0000000, sizeof buf), -EFAULT,
           "readlink(link, 0xc0000000)");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
