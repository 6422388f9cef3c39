/* A freestanding workload for comparing the emulated CPU with the host CPU: integer
 * arithmetic, 64-bit division (libgcc), bit tricks, string loops, jump tables, recursion.
 * Output goes through out_char(), which the two start files implement differently. */
#include "out.h"

static void out_dec64(long long v) {
    char buf[24];
    int n = 0;
    u64 u = v < 0 ? -(u64)v : (u64)v;
    do { buf[n++] = '0' + (int)(u % 10); u /= 10; } while (u);
    if (v < 0) out_char('-');
    while (n) out_char(buf[--n]);
    out_char(' ');
}

static u32 seed = 12345;
static u32 rnd(void) { seed = seed * 1103515245u + 12345u; return seed >> 7; }

static unsigned char sieve[20000];

static int count_primes(int n) {
    int c = 0;
    for (int i = 2; i < n; i++) sieve[i] = 1;
    for (int i = 2; i * i < n; i++)
        if (sieve[i]) for (int j = i * i; j < n; j += i) sieve[j] = 0;
    for (int i = 2; i < n; i++) c += sieve[i];
    return c;
}

static int arr[500];

static void sort(int *a, int n) {
    for (int i = 1; i < n; i++) {
        int v = a[i], j = i - 1;
        while (j >= 0 && a[j] > v) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
    }
}

static u32 crc32(const unsigned char *p, int n) {
    u32 c = 0xffffffff;
    while (n--) {
        c ^= *p++;
        for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320 & -(c & 1));
    }
    return ~c;
}

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int classify(int x) {
    switch (x & 15) {
    case 0: return 7; case 1: return 3; case 2: return 11; case 3: return 5;
    case 4: return 2; case 5: return 13; case 6: return 17; case 7: return 19;
    case 8: return 23; case 9: return 29; default: return -x;
    }
}

struct point { int x, y; short z; signed char w; };

static struct point mid(struct point a, struct point b) {
    struct point r = { (a.x + b.x) / 2, (a.y + b.y) >> 1, (short)(a.z - b.z), (signed char)(a.w * b.w) };
    return r;
}

static int (*ops[3])(int) = { fib, classify, 0 };

void workload(void) {
    out_str("primes "); out_dec64(count_primes(20000)); out_char('\n');

    for (int i = 0; i < 500; i++) arr[i] = (int)rnd() - (1 << 23);
    sort(arr, 500);
    u32 sum = 0;
    for (int i = 0; i < 500; i++) sum = sum * 31 + (u32)arr[i];
    out_str("sort "); out_hex(sum); out_hex((u32)arr[0]); out_hex((u32)arr[499]); out_char('\n');

    out_str("crc "); out_hex(crc32(sieve, sizeof sieve)); out_char('\n');

    long long acc = 1;
    u64 uacc = 0x123456789abcdefull;
    for (int i = 1; i < 40; i++) {
        acc = acc * 7 - (long long)i * 1000003;
        acc /= (i % 5) + 1;
        uacc = (uacc << 3) ^ (uacc >> 7) ^ (uacc / (u64)(i + 3));
        uacc += uacc % 1000000007ull;
    }
    out_str("i64 "); out_dec64(acc); out_hex((u32)uacc); out_hex((u32)(uacc >> 32)); out_char('\n');

    u32 bits = 0;
    for (u32 v = 1; v; v <<= 3) {
        bits += __builtin_clz(v) + __builtin_ctz(v) + __builtin_popcount(v * 0x9e3779b9u);
        bits ^= __builtin_bswap32(v);
    }
    out_str("bits "); out_hex(bits); out_char('\n');

    int cls = 0;
    for (int i = -50; i < 50; i++) cls = cls * 3 + classify(i);
    out_str("switch "); out_hex((u32)cls); out_char('\n');

    out_str("fib "); out_dec64(ops[0](20)); out_dec64(ops[1](9)); out_char('\n');

    struct point a = { 100, -7, 300, -3 }, b = { -31, 99, -12, 42 };
    struct point m = mid(a, b);
    out_str("struct "); out_dec64(m.x); out_dec64(m.y); out_dec64(m.z); out_dec64(m.w); out_char('\n');

    int smin = 0, umax = 0;
    for (int i = 0; i < 64; i++) {
        int x = (int)rnd() ^ (i << 20);
        unsigned char c = (unsigned char)x;
        signed char sc = (signed char)x;
        smin = x < smin ? x : smin;
        umax = (u32)x > (u32)umax ? x : umax;
        smin += sc; umax -= c;
    }
    out_str("minmax "); out_hex((u32)smin); out_hex((u32)umax); out_char('\n');

    char text[64];
    const char *src = "the quick brown fox jumps over the lazy dog";
    int n = 0;
    while (src[n]) { text[n] = src[n] >= 'a' && src[n] <= 'z' ? src[n] - 32 : src[n]; n++; }
    text[n] = 0;
    out_str(text); out_char('\n');
}

/* gcc may call these for block copies even in freestanding code */
void *memcpy(void *d, const void *s, unsigned n) {
    char *dp = d;
    const char *sp = s;
    while (n--) *dp++ = *sp++;
    return d;
}

void *memset(void *d, int c, unsigned n) {
    char *dp = d;
    while (n--) *dp++ = (char)c;
    return d;
}
