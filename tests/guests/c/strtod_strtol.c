/* strtod/strtol/strtoul round trips, bases, errno, end pointers. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <stdint.h>

static uint64_t s = 0x123456789abcdefULL;
static uint64_t rnd(void) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }

int main(void) {
    int ok = 0, bad = 0;
    for (int i = 0; i < 3000; i++) {
        uint64_t b = rnd();
        double d; memcpy(&d, &b, 8);
        if (d != d) continue;
        char buf[64];
        snprintf(buf, sizeof buf, "%.17g", d);
        double back = strtod(buf, NULL);
        if (memcmp(&back, &d, 8) == 0) ok++; else { bad++; printf("mismatch %s\n", buf); }
        if (i % 300 == 0) printf("%s\n", buf);
    }
    printf("round trips ok %d bad %d\n", ok, bad);
    const char *dstr[] = {"0", "-0", "1e400", "-1e400", "1e-400", "4.9e-324", "2.4703282292062328e-324",
                          "0x1.8p3", "  +3.25xyz", "inf", "-Infinity", "nan", "nan(123)", ".5", "5.",
                          "1e", "e5", "0.1e-5", "123456789012345678901234567890", "2.2250738585072011e-308",
                          "1.7976931348623157e308", "1.7976931348623159e308", ""};
    for (size_t i = 0; i < sizeof dstr / sizeof *dstr; i++) {
        char *end; errno = 0;
        double d = strtod(dstr[i], &end);
        printf("strtod(\"%s\") = %.17g consumed %td errno %s\n", dstr[i], d, end - dstr[i], errno == ERANGE ? "ERANGE" : errno ? "other" : "0");
    }
    const char *lstr[] = {"0", "-1", "42", "  -42abc", "0x7fffffffffffffff", "9223372036854775807",
                          "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
                          "0777", "0b101", "zz", "+", "-0x", "18446744073709551615", "18446744073709551616", "-1"};
    int bases[] = {0, 10, 16, 8, 2, 36};
    for (size_t i = 0; i < sizeof lstr / sizeof *lstr; i++)
        for (size_t b = 0; b < sizeof bases / sizeof *bases; b++) {
            char *e1, *e2; errno = 0;
            long v = strtol(lstr[i], &e1, bases[b]);
            int er1 = errno; errno = 0;
            unsigned long u = strtoul(lstr[i], &e2, bases[b]);
            int er2 = errno;
            printf("\"%s\" base %d: strtol %ld (%td,%d) strtoul %lu (%td,%d)\n", lstr[i], bases[b], v,
                   e1 - lstr[i], er1 == ERANGE, u, e2 - lstr[i], er2 == ERANGE);
        }
    for (long long v = -1000000007LL; v < 1000000007LL; v += 99999989LL) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", v);
        printf("%s->%lld ", buf, strtoll(buf, NULL, 10));
    }
    printf("\natoi %d atol %ld atof %.17g\n", atoi("  123x"), atol("-99999999999"), atof("2.5e-3"));
    float f = strtof("0.1", NULL);
    long double ld = strtold("0.1", NULL);
    printf("strtof %.9g strtold %.21Lg\n", f, ld);
    return 0;
}
