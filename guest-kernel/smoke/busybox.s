# busybox.s: not run: the command line starts Debian's static i386 busybox instead (see
# busybox.cmdline, busybox.files): `ls -a` needs openat, getdents64, fcntl64, fstatat64/statx
# fallback, ioctl(TCGETS, TIOCGWINSZ), and `cat` reads a file through a symlinked directory.
	.include "smoke.inc"
	.globl _start
_start:
	PRINT "busybox.s should not run\n"
	SYS __NR_exit, $1
