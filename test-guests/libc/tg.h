/*
 * tg: the test guests' tiny libc. Raw Linux i386 system calls that return what the kernel put in
 * eax (-4095..-1 is -errno; there is no errno), through int $0x80 or through the vDSO's
 * __kernel_vsyscall (found via AT_SYSINFO), selected by tg_via, plus just enough formatting to
 * print facts and check them.
 */
#ifndef TG_H
#define TG_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include "sysnum.h"

/* --- the ABI structures, laid out as Linux i386 lays them out ------------------------------ */

struct tg_timespec { long tv_sec; long tv_nsec; };          /* old_timespec32 */
struct tg_timeval { long tv_sec; long tv_usec; };           /* old_timeval32 */
struct tg_iovec { const void *iov_base; size_t iov_len; };
struct tg_utsname { char sysname[65], nodename[65], release[65], version[65], machine[65],
                    domainname[65]; };                      /* new_utsname: 390 bytes */
struct tg_winsize { unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel; };
struct tg_termios { unsigned int c_iflag, c_oflag, c_cflag, c_lflag; unsigned char c_line;
                    unsigned char c_cc[19]; };              /* TCGETS: struct termios, 36 bytes */
struct tg_user_desc { unsigned int entry_number, base_addr, limit;
                      unsigned int flags; };                /* seg_32bit:1 contents:2 ... */
struct tg_stat64 {                                          /* asm/stat.h, i386: 96 bytes */
    unsigned long long st_dev; unsigned char __pad0[4]; unsigned long __st_ino;
    unsigned int st_mode; unsigned int st_nlink; unsigned long st_uid, st_gid;
    unsigned long long st_rdev; unsigned char __pad3[4]; long long st_size;
    unsigned long st_blksize; unsigned long long st_blocks;
    unsigned long st_atime, st_atime_nsec, st_mtime, st_mtime_nsec, st_ctime, st_ctime_nsec;
    unsigned long long st_ino;
};

_Static_assert(sizeof(struct tg_utsname) == 390, "new_utsname");
_Static_assert(sizeof(struct tg_termios) == 36, "termios");
_Static_assert(sizeof(struct tg_user_desc) == 16, "user_desc");
_Static_assert(sizeof(struct tg_stat64) == 96, "stat64");

#define TG_O_RDONLY 0
#define TG_O_DIRECTORY 0200000
#define TG_O_CLOEXEC 02000000
#define TG_F_GETFD 1
#define TG_F_SETFD 2
#define TG_FD_CLOEXEC 1
#define TG_AT_FDCWD (-100)
#define TG_SEEK_SET 0
#define TG_SEEK_CUR 1
#define TG_SEEK_END 2
#define TG_PROT_NONE 0
#define TG_PROT_READ 1
#define TG_PROT_WRITE 2
#define TG_MAP_PRIVATE 2
#define TG_MAP_ANONYMOUS 0x20
#define TG_MAP_FIXED 0x10
#define TG_S_IFMT 0170000
#define TG_S_IFREG 0100000
#define TG_S_IFDIR 0040000
#define TG_S_IFCHR 0020000
#define TG_TCGETS 0x5401
#define TG_TIOCGWINSZ 0x5413
#define TG_CLOCK_REALTIME 0
#define TG_CLOCK_MONOTONIC 1
#define TG_PAGE_SIZE 4096u
#define TG_AT_SYSINFO 32
#define TG_AT_SYSINFO_EHDR 33
#define TG_AT_PHDR 3
#define TG_AT_PHENT 4
#define TG_AT_PHNUM 5
#define TG_AT_PAGESZ 6
#define TG_AT_ENTRY 9
#define TG_AT_UID 11
#define TG_AT_EUID 12
#define TG_AT_GID 13
#define TG_AT_EGID 14
#define TG_AT_PLATFORM 15
#define TG_AT_HWCAP 16
#define TG_AT_SECURE 23
#define TG_AT_RANDOM 25
#define TG_AT_EXECFN 31

/* errno values (asm-generic/errno-base.h, errno.h) */
#define EPERM 1
#define ENOENT 2
#define EBADF 9
#define ENOMEM 12
#define EACCES 13
#define EFAULT 14
#define ENOTDIR 20
#define EISDIR 21
#define EINVAL 22
#define ENOTTY 25
#define ESPIPE 29
#define ENOSYS 38

/* --- system calls ---------------------------------------------------------------------------- */

enum tg_via { TG_VIA_INT80, TG_VIA_VDSO };
extern enum tg_via tg_via;          /* which entry path tg_syscall uses */
extern uintptr_t tg_vsyscall;       /* AT_SYSINFO: __kernel_vsyscall, 0 if absent */
extern uint32_t *tg_auxv;           /* the auxiliary vector as the kernel laid it out */
extern char **tg_envp;
extern uint32_t tg_entry_esp, tg_entry_edx;   /* esp and edx at _start */

/* syscall.S: the two entry paths; both return eax unchanged */
long tg_syscall_int80(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
long tg_syscall_vdso(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
long tg_syscall(long nr, long a1, long a2, long a3, long a4, long a5, long a6);
uint32_t tg_getauxval(uint32_t type);
/* sysenter.S: sysenter as __kernel_vsyscall does it, but with ebp chosen by the caller */
long tg_sysenter_with_ebp(long nr, long a1, long a2, long a3, long ebp_value) __attribute__((noreturn));
long tg_sysenter_frame(long nr, long a1, long a2, long a3, uint32_t *frame);
extern uint32_t tg_sysenter_popped_ebp;

long sys_exit(int status);
long sys_exit_group(int status);
long sys_read(int fd, void *buf, size_t n);
long sys_write(int fd, const void *buf, size_t n);
long sys_open(const char *path, int flags, int mode);
long sys_openat(int dirfd, const char *path, int flags, int mode);
long sys_close(int fd);
long sys_lseek(int fd, long off, int whence);
long sys__llseek(int fd, unsigned long hi, unsigned long lo, long long *result, int whence);
long sys_getpid(void);
long sys_getppid(void);
long sys_dup(int fd);
long sys_dup2(int oldfd, int newfd);
long sys_fcntl64(int fd, int cmd, long arg);
long sys_brk(void *addr);
long sys_ioctl(int fd, unsigned long cmd, void *arg);
long sys_gettimeofday(struct tg_timeval *tv, void *tz);
long sys_readlink(const char *path, char *buf, size_t n);
long sys_mmap2(void *addr, size_t len, int prot, int flags, int fd, unsigned long pgoff);
long sys_munmap(void *addr, size_t len);
long sys_mprotect(void *addr, size_t len, int prot);
long sys_uname(struct tg_utsname *buf);
long sys_writev(int fd, const struct tg_iovec *iov, int n);
long sys_nanosleep(const struct tg_timespec *req, struct tg_timespec *rem);
long sys_fstat64(int fd, struct tg_stat64 *st);
long sys_getuid32(void);
long sys_getgid32(void);
long sys_geteuid32(void);
long sys_getegid32(void);
long sys_set_thread_area(struct tg_user_desc *u);
long sys_set_tid_address(int *tidptr);
long sys_clock_gettime(int clock, struct tg_timespec *ts);
long sys_getrandom(void *buf, size_t n, unsigned int flags);

/* --- strings and output ---------------------------------------------------------------------- */

size_t tg_strlen(const char *s);
int tg_strcmp(const char *a, const char *b);
int tg_strncmp(const char *a, const char *b, size_t n);
void *memcpy(void *d, const void *s, size_t n);
void *memset(void *d, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/*
 * printf subset: %d %u %x %s %c %p, the l and ll length modifiers, a width and the 0 flag,
 * and %E: a raw system-call return, printed as a number or as -ENAME for -errno.
 * Output always goes through int $0x80 so the path under test cannot hide its own failures.
 */
int tg_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);
int tg_snprintf(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 0)));
void tg_printf(const char *fmt, ...);
void tg_write_all(int fd, const void *buf, size_t n);

/* --- checks ---------------------------------------------------------------------------------- */

/* Each prints one line: "<what> = <got>" and "  FAIL (expected <want>)" when they differ. */
void expect(long got, long want, const char *fmt, ...);
/* "<what>: yes" or "<what>: no  FAIL" */
void expect_true(int cond, const char *fmt, ...);
/* Just a fact: "<what> = <value>" (for values the same under every Linux, e.g. a byte count) */
void fact(long value, const char *fmt, ...);
extern int tg_failures;

/*
 * Runs body once through int $0x80 and once through the vDSO (argv[1] "int80" or "vdso" picks
 * one), with a header line before each; returns the number of failed checks (capped at 127),
 * the program's exit status.
 */
int tg_run_both(int argc, char **argv, void (*body)(void));

/* An anonymous two-page mapping whose second page is then unmapped: returns the first. */
char *tg_page_before_hole(void);

#endif
