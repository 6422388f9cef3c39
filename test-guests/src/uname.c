/*
 * uname fills struct new_utsname: six NUL-terminated fields of 65 bytes. Their text differs
 * from kernel to kernel, so only the layout is checked (and sysname, which is "Linux" for every
 * kernel of this ABI).
 */
#include "tg.h"

static int terminated(const char *field)
{
    for (int i = 0; i < 65; i++)
        if (field[i] == 0)
            return 1;
    return 0;
}

static void body(void)
{
    struct { struct tg_utsname u; char guard[8]; } buf;
    memset(&buf, 0x7f, sizeof buf);
    expect(sys_uname(&buf.u), 0, "uname(&buf)");
    expect_true(terminated(buf.u.sysname) && terminated(buf.u.nodename) && terminated(buf.u.release)
                && terminated(buf.u.version) && terminated(buf.u.machine) && terminated(buf.u.domainname),
                "every field is NUL-terminated within 65 bytes");
    tg_printf("sysname: \"%s\"\n", buf.u.sysname);
    expect_true(buf.u.release[0] != 0 && buf.u.machine[0] != 0, "release and machine are not empty");
    expect_true(buf.guard[0] == 0x7f && buf.guard[7] == 0x7f, "nothing written past 390 bytes");
    expect(sys_uname(0), -EFAULT, "uname(NULL)");
    expect(sys_uname((struct tg_utsname *)0xc0000000), -EFAULT, "uname(0xc0000000)");
    expect(sys_uname((struct tg_utsname *)0xfffff000), -EFAULT, "uname(0xfffff000)");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
