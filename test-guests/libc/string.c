/* The string functions the guests use; memcpy/memset/memcmp by their C names since gcc may
 * emit calls to them for struct copies even in freestanding code. */
#include "tg.h"

size_t tg_strlen(const char *s)
{
    size_t n = 0;
    while (s[n])
        n++;
    return n;
}

int tg_strncmp(const char *a, const char *b, size_t n)
{
    for (; n > 0; a++, b++, n--) {
        if (*a != *b)
            return (unsigned char)*a - (unsigned char)*b;
        if (*a == 0)
            return 0;
    }
    return 0;
}

int tg_strcmp(const char *a, const char *b)
{
    return tg_strncmp(a, b, (size_t)-1);
}

void *memcpy(void *d, const void *s, size_t n)
{
    unsigned char *dp = d;
    const unsigned char *sp = s;
    while (n--)
        *dp++ = *sp++;
    return d;
}

void *memset(void *d, int c, size_t n)
{
    unsigned char *dp = d;
    while (n--)
        *dp++ = (unsigned char)c;
    return d;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *ap = a, *bp = b;
    for (; n > 0; ap++, bp++, n--)
        if (*ap != *bp)
            return *ap - *bp;
    return 0;
}
