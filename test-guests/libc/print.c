/* Formatting: a printf subset, no libgcc (64-bit numbers are divided with 32-bit steps). */
#include "tg.h"

static const char *const errno_names[] = {
    [1] = "EPERM", [2] = "ENOENT", [3] = "ESRCH", [4] = "EINTR", [5] = "EIO", [6] = "ENXIO",
    [7] = "E2BIG", [8] = "ENOEXEC", [9] = "EBADF", [10] = "ECHILD", [11] = "EAGAIN",
    [12] = "ENOMEM", [13] = "EACCES", [14] = "EFAULT", [16] = "EBUSY", [17] = "EEXIST",
    [18] = "EXDEV", [19] = "ENODEV", [20] = "ENOTDIR", [21] = "EISDIR", [22] = "EINVAL",
    [23] = "ENFILE", [24] = "EMFILE", [25] = "ENOTTY", [27] = "EFBIG", [28] = "ENOSPC",
    [29] = "ESPIPE", [30] = "EROFS", [32] = "EPIPE", [34] = "ERANGE", [36] = "ENAMETOOLONG",
    [38] = "ENOSYS", [40] = "ELOOP", [75] = "EOVERFLOW",
};

struct sink { char *buf; size_t cap, len; };

static void put(struct sink *s, char c)
{
    if (s->len + 1 < s->cap)
        s->buf[s->len] = c;
    s->len++;
}

static void puts_(struct sink *s, const char *str)
{
    while (*str)
        put(s, *str++);
}

/* *v /= 10, returning the remainder, with 32-bit divisions only (no __udivdi3). */
static unsigned div10(unsigned long long *v)
{
    uint32_t hi = (uint32_t)(*v >> 32), lo = (uint32_t)*v;
    uint32_t qhi = hi / 10, r = hi % 10;
    uint32_t x = (r << 16) | (lo >> 16);   /* r < 10, so x < 10 * 65536 */
    uint32_t q1 = x / 10;
    r = x % 10;
    x = (r << 16) | (lo & 0xffff);
    uint32_t q0 = x / 10;
    r = x % 10;
    *v = ((unsigned long long)qhi << 32) | (q1 << 16) | q0;
    return r;
}

static void number(struct sink *s, unsigned long long v, int neg, unsigned base, int width, char pad)
{
    char tmp[24];
    int n = 0;
    do {
        unsigned digit;
        if (base == 16) {
            digit = (unsigned)(v & 15);
            v >>= 4;
        } else {
            digit = div10(&v);
        }
        tmp[n++] = "0123456789abcdef"[digit];
    } while (v != 0);
    if (neg)
        tmp[n++] = '-';
    for (int w = n; w < width; w++)
        put(s, pad);
    while (n > 0)
        put(s, tmp[--n]);
}

int tg_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap)
{
    struct sink s = { buf, cap, 0 };
    for (; *fmt; fmt++) {
        if (*fmt != '%') {
            put(&s, *fmt);
            continue;
        }
        fmt++;
        char pad = ' ';
        int width = 0, lng = 0;
        if (*fmt == '0') {
            pad = '0';
            fmt++;
        }
        while (*fmt >= '0' && *fmt <= '9')
            width = width * 10 + (*fmt++ - '0');
        while (*fmt == 'l') {
            lng++;
            fmt++;
        }
        switch (*fmt) {
        case 'd': {
            long long v = lng >= 2 ? va_arg(ap, long long) : va_arg(ap, long);
            number(&s, v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0, 10, width, pad);
            break;
        }
        case 'u':
        case 'x': {
            unsigned long long v = lng >= 2 ? va_arg(ap, unsigned long long) : va_arg(ap, unsigned long);
            number(&s, v, 0, *fmt == 'x' ? 16 : 10, width, pad);
            break;
        }
        case 'p':
            puts_(&s, "0x");
            number(&s, (uintptr_t)va_arg(ap, void *), 0, 16, 8, '0');
            break;
        case 's': {
            const char *str = va_arg(ap, const char *);
            puts_(&s, str ? str : "(null)");
            break;
        }
        case 'c':
            put(&s, (char)va_arg(ap, int));
            break;
        case 'E': {                       /* a raw system-call return value */
            long v = va_arg(ap, long);
            if (v < 0 && v >= -4095) {
                unsigned e = (unsigned)-v;
                if (e < sizeof errno_names / sizeof errno_names[0] && errno_names[e]) {
                    put(&s, '-');
                    puts_(&s, errno_names[e]);
                    break;
                }
            }
            number(&s, v < 0 ? -(unsigned long long)v : (unsigned long long)v, v < 0, 10, 0, ' ');
            break;
        }
        case '%':
            put(&s, '%');
            break;
        default:                          /* unknown conversions are printed as they are */
            put(&s, '%');
            put(&s, *fmt);
            break;
        }
    }
    if (cap > 0)
        buf[s.len < cap ? s.len : cap - 1] = 0;
    return (int)s.len;
}

int tg_snprintf(char *buf, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = tg_vsnprintf(buf, cap, fmt, ap);
    va_end(ap);
    return n;
}

void tg_write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        long r = tg_syscall_int80(NR_write, fd, (long)p, (long)n, 0, 0, 0);
        if (r <= 0)
            return;                       /* nowhere left to report it */
        p += r;
        n -= (size_t)r;
    }
}

void tg_printf(const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    int n = tg_vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    tg_write_all(1, buf, n < (int)sizeof buf ? (size_t)n : sizeof buf - 1);
}
