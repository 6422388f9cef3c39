/* generated from syscalls.tbl by scripts/gen-syscalls.sh, do not edit */
#ifndef _TRAPGATE_UNISTD_32_H
#define _TRAPGATE_UNISTD_32_H
#define __NR_exit 1
#define __NR_read 3
#define __NR_write 4
#define __NR_open 5
#define __NR_close 6
#define __NR_lseek 19
#define __NR_getpid 20
#define __NR_dup 41
#define __NR_brk 45
#define __NR_ioctl 54
#define __NR_dup2 63
#define __NR_getppid 64
#define __NR_gettimeofday 78
#define __NR_readlink 85
#define __NR_munmap 91
#define __NR_uname 122
#define __NR_mprotect 125
#define __NR__llseek 140
#define __NR_writev 146
#define __NR_nanosleep 162
#define __NR_mmap2 192
#define __NR_stat64 195
#define __NR_lstat64 196
#define __NR_fstat64 197
#define __NR_getuid32 199
#define __NR_getgid32 200
#define __NR_geteuid32 201
#define __NR_getegid32 202
#define __NR_getdents64 220
#define __NR_fcntl64 221
#define __NR_set_thread_area 243
#define __NR_exit_group 252
#define __NR_set_tid_address 258
#define __NR_clock_gettime 265
#define __NR_openat 295
#define __NR_fstatat64 300
#define __NR_getrandom 355
#define NR_syscalls 356
#endif
