/* The system-call wrappers: one line each, all through tg_syscall and its tg_via switch. */
#include "tg.h"

enum tg_via tg_via = TG_VIA_INT80;

long tg_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    if (tg_via == TG_VIA_VDSO)
        return tg_syscall_vdso(nr, a1, a2, a3, a4, a5, a6);
    return tg_syscall_int80(nr, a1, a2, a3, a4, a5, a6);
}

#define S0(nr) tg_syscall(nr, 0, 0, 0, 0, 0, 0)
#define S1(nr, a) tg_syscall(nr, (long)(a), 0, 0, 0, 0, 0)
#define S2(nr, a, b) tg_syscall(nr, (long)(a), (long)(b), 0, 0, 0, 0)
#define S3(nr, a, b, c) tg_syscall(nr, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define S5(nr, a, b, c, d, e) tg_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define S6(nr, a, b, c, d, e, f) \
    tg_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

long sys_exit(int status) { return S1(NR_exit, status); }
long sys_exit_group(int status) { return S1(NR_exit_group, status); }
long sys_read(int fd, void *buf, size_t n) { return S3(NR_read, fd, buf, n); }
long sys_write(int fd, const void *buf, size_t n) { return S3(NR_write, fd, buf, n); }
long sys_open(const char *path, int flags, int mode) { return S3(NR_open, path, flags, mode); }
long sys_openat(int dirfd, const char *path, int flags, int mode)
{
    return tg_syscall(NR_openat, dirfd, (long)path, flags, mode, 0, 0);
}
long sys_close(int fd) { return S1(NR_close, fd); }
long sys_lseek(int fd, long off, int whence) { return S3(NR_lseek, fd, off, whence); }
long sys__llseek(int fd, unsigned long hi, unsigned long lo, long long *result, int whence)
{
    return S5(NR__llseek, fd, hi, lo, result, whence);
}
long sys_getpid(void) { return S0(NR_getpid); }
long sys_getppid(void) { return S0(NR_getppid); }
long sys_dup(int fd) { return S1(NR_dup, fd); }
long sys_dup2(int oldfd, int newfd) { return S2(NR_dup2, oldfd, newfd); }
long sys_fcntl64(int fd, int cmd, long arg) { return S3(NR_fcntl64, fd, cmd, arg); }
long sys_brk(void *addr) { return S1(NR_brk, addr); }
long sys_ioctl(int fd, unsigned long cmd, void *arg) { return S3(NR_ioctl, fd, cmd, arg); }
long sys_gettimeofday(struct tg_timeval *tv, void *tz) { return S2(NR_gettimeofday, tv, tz); }
long sys_readlink(const char *path, char *buf, size_t n) { return S3(NR_readlink, path, buf, n); }
long sys_mmap2(void *addr, size_t len, int prot, int flags, int fd, unsigned long pgoff)
{
    return S6(NR_mmap2, addr, len, prot, flags, fd, pgoff);
}
long sys_munmap(void *addr, size_t len) { return S2(NR_munmap, addr, len); }
long sys_mprotect(void *addr, size_t len, int prot) { return S3(NR_mprotect, addr, len, prot); }
long sys_uname(struct tg_utsname *buf) { return S1(NR_uname, buf); }
long sys_writev(int fd, const struct tg_iovec *iov, int n) { return S3(NR_writev, fd, iov, n); }
long sys_nanosleep(const struct tg_timespec *req, struct tg_timespec *rem)
{
    return S2(NR_nanosleep, req, rem);
}
long sys_fstat64(int fd, struct tg_stat64 *st) { return S2(NR_fstat64, fd, st); }
long sys_getuid32(void) { return S0(NR_getuid32); }
long sys_getgid32(void) { return S0(NR_getgid32); }
long sys_geteuid32(void) { return S0(NR_geteuid32); }
long sys_getegid32(void) { return S0(NR_getegid32); }
long sys_set_thread_area(struct tg_user_desc *u) { return S1(NR_set_thread_area, u); }
long sys_set_tid_address(int *tidptr) { return S1(NR_set_tid_address, tidptr); }
long sys_clock_gettime(int clock, struct tg_timespec *ts) { return S2(NR_clock_gettime, clock, ts); }
long sys_getrandom(void *buf, size_t n, unsigned int flags) { return S3(NR_getrandom, buf, n, flags); }
