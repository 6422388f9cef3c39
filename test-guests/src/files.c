/* open, openat, read, lseek, _llseek, fstat64, close on a file of the initramfs. */
#include "tg.h"

#define MOTD "/etc/motd"

static long file_size;

static void body(void)
{
    char buf[256];
    long fd = sys_open(MOTD, TG_O_RDONLY, 0);
    expect(fd, 3, "open(\"" MOTD "\", O_RDONLY)");
    long n = sys_read(fd, buf, sizeof buf - 1);
    expect_true(n > 0, "read(fd, buf, %u) > 0", sizeof buf - 1);
    if (n > 0) {
        file_size = n;
        tg_printf("read %d bytes:\n", n);
        tg_write_all(1, buf, n);
    }
    expect(sys_read(fd, buf, sizeof buf), 0, "read at end of file");
    expect(sys_lseek(fd, 0, TG_SEEK_CUR), file_size, "lseek(fd, 0, SEEK_CUR)");
    expect(sys_lseek(fd, 0, TG_SEEK_END), file_size, "lseek(fd, 0, SEEK_END)");
    expect(sys_lseek(fd, 8, TG_SEEK_SET), 8, "lseek(fd, 8, SEEK_SET)");
    n = sys_read(fd, buf, 7);
    expect(n, 7, "read(fd, buf, 7)");
    if (n == 7) {
        buf[7] = 0;
        tg_printf("bytes 8..14: \"%s\"\n", buf);
    }
    expect(sys_lseek(fd, -3, TG_SEEK_CUR), 12, "lseek(fd, -3, SEEK_CUR)");
    expect(sys_lseek(fd, -1, TG_SEEK_SET), -EINVAL, "lseek(fd, -1, SEEK_SET)");
    expect(sys_lseek(fd, 0, 7), -EINVAL, "lseek(fd, 0, whence 7)");

    long long pos = -1;
    expect(sys__llseek(fd, 0, 5, &pos, TG_SEEK_SET), 0, "_llseek(fd, 0, 5, &pos, SEEK_SET)");
    fact((long)pos, "pos");
    pos = -1;
    expect(sys__llseek(fd, 0, 0, &pos, TG_SEEK_END), 0, "_llseek(fd, 0, 0, &pos, SEEK_END)");
    expect((long)pos, file_size, "pos (the file size)");
    expect((long)(pos >> 32), 0, "pos, high word");
    expect(sys__llseek(fd, 0, 0, 0, TG_SEEK_SET), -EFAULT, "_llseek(fd, 0, 0, NULL, SEEK_SET)");

    struct tg_stat64 st;
    memset(&st, 0xa5, sizeof st);
    expect(sys_fstat64(fd, &st), 0, "fstat64(fd, &st)");
    expect((long)st.st_size, file_size, "st_size");
    expect(st.st_mode & TG_S_IFMT, TG_S_IFREG, "st_mode & S_IFMT (S_IFREG)");
    expect(st.st_mode & 0777, 0644, "st_mode & 0777");
    expect(sys_fstat64(fd, 0), -EFAULT, "fstat64(fd, NULL)");
    expect(sys_read(fd, buf, 0), 0, "read(fd, buf, 0)");
    expect(sys_write(fd, "x", 1), -EBADF, "write to a file opened O_RDONLY");
    expect(sys_lseek(fd, 100000, TG_SEEK_SET), 100000, "lseek(fd, 100000, SEEK_SET): past the end");
    expect(sys_read(fd, buf, 10), 0, "read past the end");
    expect(sys_close(fd), 0, "close(fd)");
    expect(sys_read(fd, buf, 1), -EBADF, "read after close");

    fd = sys_open("etc/motd", TG_O_RDONLY, 0);
    expect(fd, 3, "open(\"etc/motd\"): relative to the working directory, /");
    expect(sys_close(fd), 0, "close(fd)");
    expect(sys_fstat64(1, &st), 0, "fstat64(1) (the console)");
    expect(st.st_mode & TG_S_IFMT, TG_S_IFCHR, "st_mode & S_IFMT (S_IFCHR: a terminal)");

    fd = sys_openat(TG_AT_FDCWD, MOTD, TG_O_RDONLY, 0);
    expect(fd, 3, "openat(AT_FDCWD, \"" MOTD "\", O_RDONLY)");
    n = sys_read(fd, buf, 7);
    expect(n, 7, "read(fd, buf, 7)");
    if (n == 7) {
        buf[7] = 0;
        tg_printf("first bytes: \"%s\"\n", buf);
    }
    expect(sys_close(fd), 0, "close(fd)");

    expect(sys_open("/etc/no-such-file", TG_O_RDONLY, 0), -ENOENT, "open(\"/etc/no-such-file\")");
    expect(sys_open("/etc/motd/x", TG_O_RDONLY, 0), -ENOTDIR, "open(\"/etc/motd/x\")");
    expect(sys_open(MOTD, TG_O_RDONLY | TG_O_DIRECTORY, 0), -ENOTDIR, "open(\"" MOTD "\", O_DIRECTORY)");
    expect(sys_open(0, TG_O_RDONLY, 0), -EFAULT, "open(NULL)");
    expect(sys_open((char *)0xc0000000, TG_O_RDONLY, 0), -EFAULT, "open(0xc0000000)");
    expect(sys_openat(TG_AT_FDCWD, 0, TG_O_RDONLY, 0), -EFAULT, "openat(AT_FDCWD, NULL)");
    expect(sys_openat(77, "etc/motd", TG_O_RDONLY, 0), -EBADF, "openat(77, \"etc/motd\")");

    fd = sys_open("/etc", TG_O_RDONLY | TG_O_DIRECTORY, 0);
    expect(fd, 3, "open(\"/etc\", O_DIRECTORY)");
    expect(sys_fstat64(fd, &st), 0, "fstat64 of /etc");
    expect(st.st_mode & TG_S_IFMT, TG_S_IFDIR, "st_mode & S_IFMT (S_IFDIR)");
    expect(sys_read(fd, buf, 1), -EISDIR, "read of a directory");
    long inner = sys_openat(fd, "motd", TG_O_RDONLY, 0);
    expect(inner, 4, "openat(/etc's fd, \"motd\"): relative to that directory");
    n = sys_read(inner, buf, 7);
    expect(n, 7, "read(fd, buf, 7)");
    if (n == 7) {
        buf[7] = 0;
        tg_printf("first bytes: \"%s\"\n", buf);
    }
    expect(sys_close(inner), 0, "close(that fd)");
    expect(sys_openat(fd, "/etc/motd", TG_O_RDONLY, 0), 4, "openat(/etc's fd, \"/etc/motd\"): absolute ignores it");
    expect(sys_close(4), 0, "close(4)");
    expect(sys_close(fd), 0, "close(fd)");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
