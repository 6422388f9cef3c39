/* brk, mmap2, munmap, mprotect: user memory the kernel hands out, and what it refuses. */
#include "tg.h"

/* mmap2 returns an address or -errno; addresses above 2 GiB are negative as a long */
static int is_page(long r)
{
    return !(r < 0 && r >= -4095) && r != 0 && (r & (TG_PAGE_SIZE - 1)) == 0;
}

extern char _end[];        /* the linker's end of .bss */

static void body(void)
{
    long cur = sys_brk(0);
    expect_true(cur >= (long)_end, "brk(0) is at or above the end of bss");
    expect_true(sys_brk((char *)cur + 3 * TG_PAGE_SIZE) == cur + 3 * (long)TG_PAGE_SIZE,
                "brk(cur + 3 pages) returns the new break");
    char *heap = (char *)cur;
    int zero = 1;
    for (unsigned i = 0; i < 3 * TG_PAGE_SIZE; i++)
        zero &= heap[i] == 0;
    expect_true(zero, "the new heap reads as zeros");
    heap[0] = 'h';
    heap[3 * TG_PAGE_SIZE - 1] = 'p';
    expect_true(heap[0] == 'h' && heap[3 * TG_PAGE_SIZE - 1] == 'p', "the heap is writable");
    expect(sys_write(1, heap, 1), 1, "write(1, heap, 1)");
    tg_printf("\n");
    expect_true(sys_brk((char *)cur) == cur, "brk(cur) shrinks it back");
    expect_true(sys_brk(0) == cur, "brk(0) is cur again");
    expect(sys_write(1, heap, 1), -EFAULT, "write(1, released heap, 1)");
    expect_true(sys_brk((void *)0x1000) == cur, "brk(0x1000), below the heap's start, changes nothing");

    long m = sys_mmap2(0, 5 * TG_PAGE_SIZE, TG_PROT_READ | TG_PROT_WRITE,
                       TG_MAP_PRIVATE | TG_MAP_ANONYMOUS, -1, 0);
    expect_true(is_page(m), "mmap2(NULL, 5 pages, RW, anonymous) is page aligned");
    char *p = (char *)m;
    zero = 1;
    for (unsigned i = 0; i < 5 * TG_PAGE_SIZE; i += 512)
        zero &= p[i] == 0;
    expect_true(zero, "anonymous memory reads as zeros");
    p[0] = 'm';
    p[2 * TG_PAGE_SIZE] = '3';
    p[5 * TG_PAGE_SIZE - 1] = 'M';
    expect(sys_write(1, p, 1), 1, "write(1, mapping, 1)");
    tg_printf("\n");
    expect(sys_mprotect(p, TG_PAGE_SIZE, TG_PROT_READ), 0, "mprotect(first page, PROT_READ)");
    expect(p[0], 'm', "the read-only page still reads");
    struct tg_timespec *ts = (struct tg_timespec *)p;
    expect(sys_clock_gettime(TG_CLOCK_MONOTONIC, ts), -EFAULT,
           "clock_gettime into the read-only page (the kernel honours write protection)");
    long fd = sys_open("/etc/motd", TG_O_RDONLY, 0);
    expect(sys_read(fd, p, 10), -EFAULT, "read(file, read-only page, 10)");
    sys_close(fd);
    expect(sys_mprotect(p, TG_PAGE_SIZE, TG_PROT_NONE), 0, "mprotect(first page, PROT_NONE)");
    expect(sys_write(1, p, 1), -EFAULT, "write(1, PROT_NONE page, 1)");
    expect(sys_mprotect(p, TG_PAGE_SIZE, TG_PROT_READ | TG_PROT_WRITE), 0, "mprotect(first page, RW)");
    expect(sys_clock_gettime(TG_CLOCK_MONOTONIC, ts), 0, "clock_gettime into it now");
    expect(sys_mprotect(p + 1, TG_PAGE_SIZE, TG_PROT_READ), -EINVAL, "mprotect of an unaligned address");
    expect(sys_munmap(p + TG_PAGE_SIZE, TG_PAGE_SIZE), 0, "munmap(second page)");
    expect(sys_write(1, p + TG_PAGE_SIZE, 1), -EFAULT, "write(1, unmapped second page, 1)");
    expect(sys_write(1, p + 2 * TG_PAGE_SIZE, 1), 1, "write(1, third page, 1): still mapped");
    tg_printf("\n");
    expect(p[5 * TG_PAGE_SIZE - 1], 'M', "the last page kept its byte");
    expect(sys_munmap(p, 5 * TG_PAGE_SIZE), 0, "munmap(all 5 pages, one already gone)");
    expect(sys_write(1, p, 1), -EFAULT, "write(1, unmapped, 1)");
    expect_true(sys_mmap2(p, TG_PAGE_SIZE, TG_PROT_READ | TG_PROT_WRITE,
                          TG_MAP_PRIVATE | TG_MAP_ANONYMOUS | TG_MAP_FIXED, -1, 0) == (long)p,
                "mmap2(MAP_FIXED) at that address again returns it");
    expect(p[0], 0, "and the page is new: it reads 0");
    expect(sys_munmap(p, TG_PAGE_SIZE), 0, "munmap(it)");
    expect(sys_munmap(p + 1, TG_PAGE_SIZE), -EINVAL, "munmap of an unaligned address");
    expect(sys_munmap(p, 0), -EINVAL, "munmap of length 0");
    expect(sys_mmap2(0, TG_PAGE_SIZE, TG_PROT_READ, TG_MAP_ANONYMOUS, -1, 0), -EINVAL,
           "mmap2 neither shared nor private");
    expect(sys_mmap2(0, 0, TG_PROT_READ, TG_MAP_PRIVATE | TG_MAP_ANONYMOUS, -1, 0), -EINVAL,
           "mmap2 of length 0");
    expect(sys_mmap2((void *)0x1001, TG_PAGE_SIZE, TG_PROT_READ,
                     TG_MAP_PRIVATE | TG_MAP_ANONYMOUS | TG_MAP_FIXED, -1, 0), -EINVAL,
           "mmap2 MAP_FIXED at an unaligned address");

    /* a file mapping far longer than its file (longer than RAM here): only the file's pages
     * take frames; Linux maps lazily and so must this kernel, rather than fill it all */
    long fd2 = sys_open("/etc/motd", TG_O_RDONLY, 0);
    char first = 0;
    expect(sys_read(fd2, &first, 1), 1, "read(motd, 1 byte)");
    m = sys_mmap2(0, 0x10000000, TG_PROT_READ, TG_MAP_PRIVATE, fd2, 0);
    expect_true(is_page(m), "mmap2(NULL, 256 MiB, PROT_READ, MAP_PRIVATE, motd, 0) is page aligned");
    if (is_page(m)) {
        expect_true(((char *)m)[0] == first, "its first byte is the file's");
        expect(sys_munmap((void *)m, 0x10000000), 0, "munmap(256 MiB)");
    }
    sys_close(fd2);

    /* a large mapping is demand-zero: only the touched pages need frames */
    m = sys_mmap2(0, 1024 * TG_PAGE_SIZE, TG_PROT_READ | TG_PROT_WRITE,
                  TG_MAP_PRIVATE | TG_MAP_ANONYMOUS, -1, 0);
    expect_true(is_page(m), "mmap2(NULL, 4 MiB) is page aligned");
    p = (char *)m;
    p[1023 * TG_PAGE_SIZE + 7] = 'z';
    expect(p[1023 * TG_PAGE_SIZE + 7] + p[512 * TG_PAGE_SIZE], 'z', "its last page is writable, the middle reads 0");
    expect(sys_munmap(p, 1024 * TG_PAGE_SIZE), 0, "munmap(4 MiB)");
}

int main(int argc, char **argv)
{
    return tg_run_both(argc, argv, body);
}
