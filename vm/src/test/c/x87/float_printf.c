/*
 * Floating point through a real libc: printf's %f %g %e %a (which glibc and musl implement
 * with x87 long double arithmetic), strtod, and libm. Built static for i686 (no SSE) against
 * glibc and musl; the guest must print exactly what the host prints. Values from libm's
 * transcendental functions are printed to 12 significant digits: trapgate computes fsin,
 * fyl2x and friends in double precision, the rest is exact to the last bit, so it is printed
 * in full (%a, %.17g, %La).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

static volatile double inputs[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 2.5e-310, 1.7976931348623157e308,
                                   123456789.125, -9.87654321e-5, 1e23, 4.9406564584124654e-324};

int main(void)
{
    for (unsigned i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        double x = inputs[i];
        printf("%f %g %e %.17g %a\n", x, x, x, x, x);
    }
    volatile double a = 1.0, b = 3.0;
    printf("1/3 = %.20f\n", a / b);
    volatile long double la = 1.0L, lb = 3.0L;
    printf("1/3L = %.25Lf %La\n", la / lb, la / lb);
    printf("sqrt(2) = %.17g %a\n", sqrt(2.0), sqrt(2.0));
    printf("sqrtl(2) = %La\n", sqrtl(2.0L));
    volatile float f = 16777217.0f;
    printf("float 16777217 -> %.1f, 0.1f = %.20f\n", (double) f, (double) 0.1f);
    printf("strtod(\"2.2250738585072011e-308\") = %a\n", strtod("2.2250738585072011e-308", NULL));
    printf("strtod(\"0x1.fffffffffffffp+1023\") = %.17g\n", strtod("0x1.fffffffffffffp+1023", NULL));
    printf("atof(\"3.14159\") * 2 = %.15g\n", atof("3.14159") * 2);
    printf("(int) 2.7 = %d, (int) -2.7 = %d, (long long) 1e18 = %lld\n", (int) inputs[4] + (int) 2.7,
           (int) -2.7, (long long) 1e18);
    printf("rint(2.5) = %g, nearbyint(-3.5) = %g, floor(-0.5) = %g, ceil(0.2) = %g\n", rint(2.5),
           nearbyint(-3.5), floor(-0.5), ceil(0.2));
    printf("fmod(10, 3) = %g, remainder(10, 3) = %g\n", fmod(10.0, 3.0), remainder(10.0, 3.0));
    printf("ldexp(1, -1074) = %a, frexp -> ", ldexp(1.0, -1074));
    int e;
    double m = frexp(1234.5, &e);
    printf("%a * 2^%d\n", m, e);
    printf("sin(1) = %.12g, cos(1) = %.12g, tan(0.5) = %.12g, atan2(1, 2) = %.12g\n", sin(1.0), cos(1.0),
           tan(0.5), atan2(1.0, 2.0));
    printf("exp(1) = %.12g, log(10) = %.12g, log10(2) = %.12g, pow(2, 0.5) = %.12g\n", exp(1.0), log(10.0),
           log10(2.0), pow(2.0, 0.5));
    printf("inf %f, -inf %e, nan %g\n", HUGE_VAL, -HUGE_VAL, NAN);
    double sum = 0;
    for (int k = 1; k <= 1000; k++)
        sum += 1.0 / k;
    printf("harmonic(1000) = %.17g\n", sum);
    return 0;
}
