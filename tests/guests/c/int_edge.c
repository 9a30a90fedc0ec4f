/* Integer edge cases: wrapping, shifts, overflow builtins, __int128, division signs. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>

static void p128(const char *name, unsigned __int128 v) {
    char buf[64]; int i = 63; buf[i] = 0;
    do { buf[--i] = (char)('0' + (int)(v % 10)); v /= 10; } while (v);
    printf("%s %s\n", name, buf + i);
}

int main(void) {
    volatile int imin = INT_MIN, m1 = -1, seven = 7, mseven = -7, two = 2;
    volatile long long lmin = LLONG_MIN;
    printf("%d %d %d %d\n", seven / two, mseven / two, seven % -2, mseven % two);
    printf("%d %u %d\n", -(unsigned)imin == (unsigned)imin, (unsigned)imin, (int)((unsigned)imin * (unsigned)m1));
    printf("%lld %llu\n", lmin + 0, (unsigned long long)lmin);
    int64_t vals[] = {0, 1, -1, 2, -2, 3, 127, 128, -128, 255, 32767, -32768, 65535, INT_MAX,
                      INT_MIN, UINT_MAX, (int64_t)LLONG_MAX, LLONG_MIN, 0x5555555555555555LL,
                      (int64_t)0xAAAAAAAAAAAAAAAAULL, 1000000007, -1000000007};
    int n = sizeof vals / sizeof *vals;
    unsigned long long h = 0;
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
            volatile int64_t a = vals[i], b = vals[j];
            int64_t r64; int32_t r32; uint64_t ru;
            int o1 = __builtin_add_overflow(a, b, &r64); h = h * 31 + (uint64_t)r64 + o1;
            int o2 = __builtin_sub_overflow(a, b, &r64); h = h * 31 + (uint64_t)r64 + o2;
            int o3 = __builtin_mul_overflow(a, b, &r64); h = h * 31 + (uint64_t)r64 + o3;
            int o4 = __builtin_mul_overflow((int32_t)a, (int32_t)b, &r32); h = h * 31 + (uint32_t)r32 + o4;
            int o5 = __builtin_add_overflow((uint64_t)a, (uint64_t)b, &ru); h = h * 31 + ru + o5;
            if (b != 0 && !(a == LLONG_MIN && b == -1)) { h = h * 31 + (uint64_t)(a / b); h = h * 31 + (uint64_t)(a % b); }
            if ((uint64_t)b != 0) { h = h * 31 + (uint64_t)a / (uint64_t)b + (uint64_t)a % (uint64_t)b; }
            if ((int32_t)b != 0 && !((int32_t)a == INT_MIN && (int32_t)b == -1)) h = h * 31 + (uint32_t)((int32_t)a / (int32_t)b);
            unsigned sh = (unsigned)b & 63;
            h = h * 31 + ((uint64_t)a << sh) + ((uint64_t)a >> sh) + (uint64_t)(a >> sh);
            h = h * 31 + ((uint32_t)a << (sh & 31)) + (uint32_t)((int32_t)a >> (sh & 31));
            h = h * 31 + (uint8_t)((uint8_t)a * (uint8_t)b) + (uint16_t)((int16_t)a * (int16_t)b);
            h = h * 31 + (uint64_t)(((unsigned __int128)(uint64_t)a * (uint64_t)b) >> 64);
            h = h * 31 + (uint64_t)(((__int128)a * b) >> 64);
        }
        printf("%2d %20lld -> %016llx\n", i, (long long)vals[i], h);
    }
    unsigned __int128 f = 1;
    for (int i = 1; i <= 34; i++) f *= i;
    p128("34! =", f);
    unsigned __int128 big = ((unsigned __int128)0xFFFFFFFFFFFFFFFFULL << 64) | 0xFFFFFFFFFFFFFFFFULL;
    p128("2^128-1 =", big);
    p128("(2^128-1)/3 =", big / 3);
    p128("(2^128-1)%1000000007 =", big % 1000000007);
    __int128 neg = -(__int128)f;
    printf("neg/7 hi %lld lo %llu\n", (long long)(neg / 7 >> 64), (unsigned long long)(neg / 7));
    printf("neg%%7 %lld\n", (long long)(neg % 7));
    volatile unsigned __int128 d1 = f, d2 = ((unsigned __int128)1 << 70) + 12345;
    p128("34!/(2^70+12345) =", d1 / d2);
    p128("34!%(2^70+12345) =", d1 % d2);
    printf("%d %d %d\n", (signed char)200, (short)70000, (int)(unsigned char)-1);
    printf("%d %lld\n", (int)(int8_t)(-128) / -1, (long long)(uint32_t)-1);
    return 0;
}
