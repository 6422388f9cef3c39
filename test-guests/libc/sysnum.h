/*
 * Linux i386 system-call numbers (arch/x86/entry/syscalls/syscall_32.tbl), the ones the test
 * guests call. libc/check_sysnum.c compares every one with the host's asm/unistd_32.h when
 * that header is installed, so a typo here fails the build.
 */
#ifndef TG_SYSNUM_H
#define TG_SYSNUM_H

#define NR_exit             1
#define NR_read             3
#define NR_write            4
#define NR_open             5
#define NR_close            6
#define NR_lseek           19
#define NR_getpid          20
#define NR_dup             41
#define NR_brk             45
#define NR_ioctl           54
#define NR_dup2            63
#define NR_getppid         64
#define NR_gettimeofday    78
#define NR_readlink        85
#define NR_munmap          91
#define NR_uname          122
#define NR_mprotect       125
#define NR__llseek        140
#define NR_writev         146
#define NR_nanosleep      162
#define NR_mmap2          192
#define NR_fstat64        197
#define NR_getuid32       199
#define NR_getgid32       200
#define NR_geteuid32      201
#define NR_getegid32      202
#define NR_set_thread_area 243
#define NR_exit_group     252
#define NR_set_tid_address 258
#define NR_clock_gettime  265
#define NR_openat         295
#define NR_getrandom      355

#endif
