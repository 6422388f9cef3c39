/*
 * Compiled only when the host has Linux's asm/unistd_32.h (linux-libc-dev), whose path the
 * Makefile passes as UNISTD_32: every number in sysnum.h must equal the kernel headers' one.
 * Produces no code.
 */
#include UNISTD_32
#include "sysnum.h"

#define SAME(name) _Static_assert(NR_##name == __NR_##name, "sysnum.h: NR_" #name " is wrong")
SAME(exit); SAME(read); SAME(write); SAME(open); SAME(close); SAME(lseek); SAME(getpid);
SAME(dup); SAME(brk); SAME(ioctl); SAME(dup2); SAME(getppid); SAME(gettimeofday);
SAME(readlink); SAME(munmap); SAME(uname); SAME(mprotect); SAME(_llseek); SAME(writev);
SAME(nanosleep); SAME(mmap2); SAME(fstat64); SAME(getuid32); SAME(getgid32); SAME(geteuid32);
SAME(getegid32); SAME(set_thread_area); SAME(exit_group); SAME(set_tid_address);
SAME(clock_gettime); SAME(openat); SAME(getrandom);
