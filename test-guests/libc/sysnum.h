/* generated from guest-kernel/syscalls.tbl by test-guests/scripts/gen-sysnum.sh, do not edit */
/* Linux i386 system-call numbers, the ones the guest kernel implements. */
#ifndef TG_SYSNUM_H
#define TG_SYSNUM_H

#define NR_exit                 1
#define NR_read                 3
#define NR_write                4
#define NR_open                 5
#define NR_close                6
#define NR_lseek                19
#define NR_getpid               20
#define NR_dup                  41
#define NR_brk                  45
#define NR_ioctl                54
#define NR_dup2                 63
#define NR_getppid              64
#define NR_gettimeofday         78
#define NR_readlink             85
#define NR_munmap               91
#define NR_uname                122
#define NR_mprotect             125
#define NR__llseek              140
#define NR_writev               146
#define NR_nanosleep            162
#define NR_mmap2                192
#define NR_stat64               195
#define NR_lstat64              196
#define NR_fstat64              197
#define NR_getuid32             199
#define NR_getgid32             200
#define NR_geteuid32            201
#define NR_getegid32            202
#define NR_getdents64           220
#define NR_fcntl64              221
#define NR_set_thread_area      243
#define NR_exit_group           252
#define NR_set_tid_address      258
#define NR_clock_gettime        265
#define NR_openat               295
#define NR_fstatat64            300
#define NR_getrandom            355

#define TG_SYSCALLS(X) \
	X(exit) \
	X(read) \
	X(write) \
	X(open) \
	X(close) \
	X(lseek) \
	X(getpid) \
	X(dup) \
	X(brk) \
	X(ioctl) \
	X(dup2) \
	X(getppid) \
	X(gettimeofday) \
	X(readlink) \
	X(munmap) \
	X(uname) \
	X(mprotect) \
	X(_llseek) \
	X(writev) \
	X(nanosleep) \
	X(mmap2) \
	X(stat64) \
	X(lstat64) \
	X(fstat64) \
	X(getuid32) \
	X(getgid32) \
	X(geteuid32) \
	X(getegid32) \
	X(getdents64) \
	X(fcntl64) \
	X(set_thread_area) \
	X(exit_group) \
	X(set_tid_address) \
	X(clock_gettime) \
	X(openat) \
	X(fstatat64) \
	X(getrandom)

#endif
