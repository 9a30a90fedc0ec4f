/* Variadic functions: va_arg over ints, longs, doubles, long doubles, pointers;
 * va_copy; vsnprintf; more arguments than registers. */
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static double sum(const char *fmt, ...) {
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    double s = 0;
    for (const char *p = fmt; *p; p++) {
        switch (*p) {
        case 'i': s += va_arg(ap, int); break;
        case 'l': s += (double)va_arg(ap, long); break;
        case 'd': s += va_arg(ap, double); break;
        case 'L': s += (double)va_arg(ap, long double); break;
        case 's': s += (double)strlen(va_arg(ap, const char *)); break;
        }
    }
    long first = *fmt == 'i' ? va_arg(ap2, int) : -1;
    va_end(ap2);
    va_end(ap);
    return s * 1000 + (double)first;
}

static int fmt(char *buf, size_t n, const char *f, ...) {
    va_list ap; va_start(ap, f);
    int r = vsnprintf(buf, n, f, ap);
    va_end(ap);
    return r;
}

static long many(int n, ...) {
    va_list ap; va_start(ap, n);
    long r = 0;
    for (int i = 0; i < n; i++) r = r * 3 + va_arg(ap, long);
    va_end(ap);
    return r;
}

int main(void) {
    printf("%.17g\n", sum("iii", 1, 2, 3));
    printf("%.17g\n", sum("ididid", 1, 0.5, 2, 0.25, 3, 0.125));
    printf("%.17g\n", sum("dddddddddddd", 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.5, 12.25));
    printf("%.17g\n", sum("iLlLsd", 7, (long double)1.5, 100000000000L, (long double)-0.75, "hello", 1e-3));
    printf("%.17g\n", sum("iiiiiiiiiiiiiii", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15));
    char buf[128];
    int r = fmt(buf, sizeof buf, "%d|%s|%.3f|%c|%lld|%Lg", -5, "str", 2.0 / 3, 'q', 1LL << 50, (long double)0.1);
    printf("%d %s\n", r, buf);
    printf("%ld\n", many(12, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L));
    return 0;
}
