/* printf floating-point formatting: %f %e %g %a %.17g over many values,
 * including denormals, infinities, NaN and negative zero. */
#include <stdio.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <stdint.h>

static double from_bits(uint64_t b) { double d; memcpy(&d, &b, 8); return d; }

int main(void) {
    double vals[] = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.2, 0.3, 1.0 / 3.0, 2.0 / 3.0,
                     3.14159265358979323846, 2.718281828459045, 1e-300, 1e300, 1e22, 1e23,
                     123456789.125, 0.000123456789, 9.999999999999999e22, 5e-324,
                     2.2250738585072009e-308, 2.2250738585072014e-308, DBL_MAX, DBL_MIN,
                     DBL_EPSILON, 1.5, 2.5, -2.5, 0.125, 1e15, 1e16, 1e17, 4503599627370496.5,
                     9007199254740993.0, 100.0, 999.9995, 0.05, 0.15, 0.25, 0.35, 1e-5, 1e-4,
                     123.456, -987654.321, 65536.0, 1.0e-10};
    const char *fmts[] = {"%f", "%.0f", "%.1f", "%.3f", "%.10f", "%e", "%.0e", "%.3e", "%E",
                          "%g", "%.0g", "%.3g", "%.10g", "%G", "%.17g", "%#g", "%#.0f",
                          "%+f", "% e", "%12.4f", "%-12.4e|", "%012.3f", "%a", "%.3a", "%A"};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++) {
            char buf[512];
            snprintf(buf, sizeof buf, fmts[f], vals[i]);
            printf("%s ", buf);
        }
        putchar('\n');
    }
    double specials[] = {INFINITY, -INFINITY, NAN, -NAN, from_bits(1), from_bits(0x000fffffffffffffULL),
                         from_bits(0x8000000000000001ULL), from_bits(0x7fefffffffffffffULL)};
    for (size_t i = 0; i < sizeof specials / sizeof *specials; i++)
        printf("%f %e %g %.17g %10.3f %-10g| %+e %F %G %a\n", specials[i], specials[i],
               specials[i], specials[i], specials[i], specials[i], specials[i], specials[i],
               specials[i], specials[i]);
    /* powers of ten and of two, exactly */
    double p = 1.0;
    for (int i = 0; i < 40; i++, p *= 10.0) printf("%.17g %.0f %.20e\n", p, p, 1.0 / p);
    for (int e = -1074; e <= 1023; e += 37) printf("2^%d = %.17g = %a\n", e, ldexp(1.0, e), ldexp(1.0, e));
    /* a walk over bit patterns */
    uint64_t x = 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 200; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        double d = from_bits(x);
        printf("%016llx %.17g %.6e %g\n", (unsigned long long)x, d, d, d);
    }
    float fv[] = {0.1f, 1.0f / 3.0f, FLT_MAX, FLT_MIN, 1e-45f, 16777217.0f};
    for (size_t i = 0; i < sizeof fv / sizeof *fv; i++) printf("%.9g %f %e\n", fv[i], fv[i], fv[i]);
    return 0;
}
