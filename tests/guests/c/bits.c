/* Bit manipulation builtins over PRNG values: popcount, clz, ctz, bswap, parity, ffs,
 * rotates, bit reversal. */
#include <stdio.h>
#include <stdint.h>
#include <strings.h>

static uint64_t rotl(uint64_t x, unsigned r) { return (x << (r & 63)) | (x >> ((64 - r) & 63)); }
static uint32_t rev32(uint32_t x) { uint32_t r = 0; for (int i = 0; i < 32; i++) r |= ((x >> i) & 1u) << (31 - i); return r; }

int main(void) {
    uint64_t s = 0x243f6a8885a308d3ULL, h = 0;
    for (int i = 0; i < 5000; i++) {
        s ^= s >> 12; s ^= s << 25; s ^= s >> 27;
        uint64_t x = s * 0x2545F4914F6CDD1DULL;
        if (i % 97 == 0) x >>= (i % 64);
        uint32_t y = (uint32_t)x;
        h = h * 31 + (uint64_t)__builtin_popcountll(x);
        h = h * 31 + (uint64_t)__builtin_popcount(y);
        h = h * 31 + (x ? (uint64_t)__builtin_clzll(x) : 64);
        h = h * 31 + (x ? (uint64_t)__builtin_ctzll(x) : 64);
        h = h * 31 + (y ? (uint64_t)__builtin_clz(y) : 32);
        h = h * 31 + (y ? (uint64_t)__builtin_ctz(y) : 32);
        h = h * 31 + __builtin_bswap64(x) + __builtin_bswap32(y) + __builtin_bswap16((uint16_t)y);
        h = h * 31 + (uint64_t)__builtin_parityll(x) + (uint64_t)__builtin_ffsll((long long)x) + (uint64_t)ffs((int)y);
        h = h * 31 + rotl(x, i) + rev32(y);
        h = h * 31 + (uint64_t)__builtin_clrsbll((long long)x);
        if (i < 8) printf("%016llx pop %d clz %d ctz %d bswap %016llx rot %016llx rev %08x\n", (unsigned long long)x,
                          __builtin_popcountll(x), x ? __builtin_clzll(x) : 64, x ? __builtin_ctzll(x) : 64,
                          (unsigned long long)__builtin_bswap64(x), (unsigned long long)rotl(x, 13), rev32(y));
    }
    printf("hash %016llx\n", (unsigned long long)h);
    printf("edge %d %d %d %d\n", __builtin_popcountll(~0ULL), __builtin_clzll(1), __builtin_ctzll(1ULL << 63), __builtin_ffs(0));
    return 0;
}
