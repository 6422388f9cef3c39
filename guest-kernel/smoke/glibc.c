/* glibc.c: a static glibc program (gcc -m32 -static): TLS through set_thread_area, brk and
 * mmap through malloc, the vDSO's __kernel_vsyscall for every call, stdio through write. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/utsname.h>

static __thread int tls_counter = 41;

int main(int argc, char **argv, char **envp)
{
	printf("hello from static glibc: argc=%d argv[0]=%s\n", argc, argv[0]);
	for (int i = 1; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	for (char **e = envp; *e; e++)
		printf("env %s\n", *e);
	tls_counter++;
	printf("tls %d\n", tls_counter);
	char *small = malloc(100), *big = malloc(1 << 20);	/* brk, then mmap */
	memset(big, 7, 1 << 20);
	printf("malloc %d %d\n", small != NULL, big[(1 << 20) - 1]);
	free(big);
	struct utsname u;
	uname(&u);
	printf("uname %s %s\n", u.sysname, u.machine);
	printf("vdso %d\n", getauxval(AT_SYSINFO_EHDR) != 0);
	struct timespec a, b = { 0, 20000000 };
	clock_gettime(CLOCK_MONOTONIC, &a);
	nanosleep(&b, NULL);
	printf("pid %d uid %d\n", getpid(), getuid());
	fflush(stdout);
	return 42;
}
