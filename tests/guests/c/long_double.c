/* x87 long double arithmetic (no transcendental instructions): + - * / sqrt, conversions,
 * printed with %Lf %Le %Lg %La. */
#include <stdio.h>
#include <math.h>
#include <float.h>
#include <stdint.h>

int main(void) {
    volatile long double a = 1.0L, b = 3.0L, c = 0.1L;
    printf("%.25Lf %.20Le %.21Lg %La\n", a / b, a / b, a / b, a / b);
    printf("%.25Lf %.21Lg %La\n", c, c, c);
    long double x = 1.0L, s = 0;
    for (int i = 1; i <= 60; i++) { x *= i; s += 1.0L / x; }
    printf("60! = %.0Lf e-1 ~ %.21Lg\n", x, s);
    printf("sqrtl(2) = %.21Lg\n", sqrtl(2.0L));
    printf("LDBL: max %Lg min %Lg eps %Lg dig %d mant %d\n", LDBL_MAX, LDBL_MIN, LDBL_EPSILON, LDBL_DIG, LDBL_MANT_DIG);
    volatile long double big = 18446744073709551615.0L;
    printf("u64 max exact %.0Lf -> %llu\n", big, (unsigned long long)big);
    volatile int64_t i = INT64_MIN + 1;
    printf("i64 %.0Lf\n", (long double)i);
    long double h = 0;
    for (int k = 1; k < 5000; k++) h += (long double)k / (k + 0.5L) - 1.0L / (k * k + 1.0L);
    printf("series %.21Lg\n", h);
    volatile long double dn = LDBL_MIN / 1024.0L;
    printf("denormal %Lg %La\n", dn, dn);
    printf("inf %Lf nan %Lf -0 %Lg\n", (long double)INFINITY, (long double)NAN, -0.0L);
    volatile double d = (double)(a / b);
    volatile float f = (float)(a / b);
    printf("to double %.17g to float %.9g\n", d, (double)f);
    printf("fmodl %.21Lg floorl %.21Lg\n", fmodl(1000.5L, 3.25L), floorl(-2.5L));
    return 0;
}
