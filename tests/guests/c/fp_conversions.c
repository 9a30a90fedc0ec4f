/* Floating-point conversions: double<->int64/uint64/int32, float<->double, rounding
 * modes, out-of-range conversions (the hardware's answer), NaN payloads. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <fenv.h>
#include <float.h>

static uint64_t bits(double d) { uint64_t u; memcpy(&u, &d, 8); return u; }
static uint32_t fbits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }

int main(void) {
    volatile double ds[] = {0.0, -0.0, 0.49999999999999994, 0.5, 1.5, 2.5, -2.5, -0.5, 1e10, -1e10,
                            9.2233720368547748e18, 9.2233720368547758e18, -9.2233720368547758e18,
                            1.8446744073709550e19, 1.8446744073709552e19, 4294967295.5, 2147483647.5,
                            -2147483648.5, 1e300, -1e300, INFINITY, -INFINITY, NAN, 16777217.0, 3.4028235677973366e38,
                            1e-40, 5e-324};
    for (size_t i = 0; i < sizeof ds / sizeof *ds; i++) {
        double d = ds[i];
        volatile int64_t i64 = (int64_t)d;
        volatile int32_t i32 = (int32_t)d;
        volatile uint64_t u64 = (uint64_t)d;
        volatile uint32_t u32 = (uint32_t)d;
        volatile float f = (float)d;
        printf("%-24.17g i64 %lld i32 %d u64 %llu u32 %u float %.9g (%08x) lrint %ld llrint %lld\n", d,
               (long long)i64, (int)i32, (unsigned long long)u64, (unsigned)u32, (double)f, fbits(f),
               lrint(d), llrint(d));
    }
    volatile int64_t is[] = {0, 1, -1, 9007199254740993LL, -9007199254740993LL, INT64_MAX, INT64_MIN, 0x7ffffffffffffdffLL, 123456789123456789LL};
    for (size_t i = 0; i < sizeof is / sizeof *is; i++) {
        volatile uint64_t u = (uint64_t)is[i];
        printf("%lld -> %.17g %.9g | u %llu -> %.17g %.9g\n", (long long)is[i], (double)is[i], (double)(float)is[i],
               (unsigned long long)u, (double)u, (double)(float)u);
    }
    int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double a = 1.0, b = 10.0, c = 9007199254740993.0;
        volatile int64_t big = 9007199254740993LL;
        volatile float fa = 1.0f, fb = 3.0f;
        printf("mode %d: %.17g %.17g %.9g %.17g %lld %lld %016llx\n", m, a / b, (double)big, (double)(fa / fb),
               (double)(float)(a / b), (long long)llrint(2.5), (long long)nearbyint(-3.5), (unsigned long long)bits(c * 1.1));
    }
    fesetround(FE_TONEAREST);
    volatile float fl = 1e-45f, fm = FLT_MAX;
    printf("float denorm %.9g %.17g max*2 %g\n", (double)fl, (double)(fl * 0.5f), (double)(fm * 2.0f));
    volatile double qnan = NAN, neg = -NAN;
    printf("nan bits %016llx %016llx float %08x\n", (unsigned long long)bits(qnan), (unsigned long long)bits(neg), fbits((float)qnan));
    volatile double zero = 0.0;
    printf("inf-inf %016llx 0*inf %016llx sqrt(-1) %016llx\n", (unsigned long long)bits(INFINITY - INFINITY),
           (unsigned long long)bits(zero * INFINITY), (unsigned long long)bits(sqrt(-1.0 + zero)));
    return 0;
}
