/*
 * The real-libc hello, built twice: against Debian's static i386 glibc and musl. It goes
 * through each libc's own startup (TLS via set_thread_area, brk/mmap for malloc, stdio over
 * write/writev), which our libc does not exercise; the guest must print the same bytes as the
 * host does. "hello float" also formats floating-point numbers (x87 code in the libc);
 * "hello fail" exits 3.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    char *copy = malloc(64);                 /* the allocator's first brk/mmap */
    if (copy == NULL)
        return 2;
    strcpy(copy, "hello, world");
    printf("%s from %s\n", copy, LIBC);
    for (int i = 0; i < argc; i++)
        printf("argv[%d] = \"%s\"\n", i, argv[i]);
    printf("%d %x %s\n", -42, 0xc0ffee, "formatted by printf");
    if (argc > 1 && strcmp(argv[1], "float") == 0)   /* the libc's x87 code: needs an FPU */
        printf("%5.2f %g %.3e\n", 3.25, 1.0 / 3, 6.02214076e23);
    free(copy);
    return argc > 1 && strcmp(argv[1], "fail") == 0 ? 3 : 0;
}
