/* x87 workload for comparing the emulated FPU with the host's: the precision control is set
 * to 53 bits first, so every operation rounds like an IEEE double on both sides. */
#include "out.h"

static void out_double(double d) {
    union { double d; u64 u; } x = { d };
    out_hex((u32)(x.u >> 32));
    out_hex((u32)x.u);
}

static volatile double vals[] = { 0.0, -0.0, 1.0, -1.5, 3.25, 1e300, -1e-300, 123456789.125,
                                  0.1, 2.5, -2.5, 7.0 / 3.0 };
#define N (int)(sizeof vals / sizeof vals[0])

void workload(void) {
    unsigned short cw = 0x27f; /* round to nearest, 53-bit precision, all exceptions masked */
    __asm__ volatile("fldcw %0" : : "m"(cw));

    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            double a = vals[i], b = vals[j];
            out_double(a + b);
            out_double(a - b);
            out_double(a * b);
            if (b != 0) out_double(a / b);
            out_char(a < b ? '<' : a == b ? '=' : '>');
        }
        out_char('\n');
    }
    for (int i = 0; i < N; i++) {
        double a = vals[i];
        out_hex((u32)(int)a);              /* fistp with truncation via fldcw */
        out_hex((u32)(long long)(a / 1e290));
        out_double(__builtin_sqrt(a < 0 ? -a : a));
        float f = (float)a;
        union { float f; u32 u; } y = { f };
        out_hex(y.u);
        long double l = a;
        l = l * 3;
        out_double((double)l);
        out_char(__builtin_isnan(a / 0.0 - a / 0.0) ? 'n' : '-');
        out_char(__builtin_isinf(a / 0.0) ? 'i' : '-');
        out_char(__builtin_signbit(a) ? 's' : '+');
        out_char('\n');
    }
    double acc = 0;
    for (int k = 1; k <= 1000; k++) acc += 1.0 / ((double)k * k);
    out_str("basel "); out_double(acc); out_char('\n');
    int iv = -7;
    out_str("int "); out_double((double)iv * 0.5); out_double((double)(unsigned)3000000000u); out_char('\n');
}

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
