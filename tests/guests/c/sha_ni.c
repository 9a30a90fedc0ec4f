/* SHA-1 and SHA-256 through the SHA extensions (SHA1RNDS4 ... SHA256MSG2) where the
 * CPU has them, against portable C: prints each digest and whether the two agree.
 * The output is the same with or without the extensions (a CPU without them runs the
 * portable code only), so it compares with a native run on any host. */
#include <immintrin.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rol(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }
static uint32_t ror(uint32_t x, int n) { return (x >> n) | (x << (32 - n)); }
static uint32_t be32(const uint8_t *p) {
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static const uint32_t K256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

/* ---- portable ---- */

static void sha256_block_c(uint32_t h[8], const uint8_t *p) {
    uint32_t w[64];
    for (int t = 0; t < 16; t++) w[t] = be32(p + 4 * t);
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = ror(w[t - 15], 7) ^ ror(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = ror(w[t - 2], 17) ^ ror(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (int t = 0; t < 64; t++) {
        uint32_t t1 = k + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K256[t] + w[t];
        uint32_t t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        k = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
}

static void sha1_block_c(uint32_t h[5], const uint8_t *p) {
    uint32_t w[80];
    for (int t = 0; t < 16; t++) w[t] = be32(p + 4 * t);
    for (int t = 16; t < 80; t++) w[t] = rol(w[t - 3] ^ w[t - 8] ^ w[t - 14] ^ w[t - 16], 1);
    uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (int t = 0; t < 80; t++) {
        uint32_t f, k;
        if (t < 20) { f = (b & c) | (~b & d); k = 0x5A827999; }
        else if (t < 40) { f = b ^ c ^ d; k = 0x6ED9EBA1; }
        else if (t < 60) { f = (b & c) | (b & d) | (c & d); k = 0x8F1BBCDC; }
        else { f = b ^ c ^ d; k = 0xCA62C1D6; }
        uint32_t tmp = rol(a, 5) + f + e + k + w[t];
        e = d; d = c; c = rol(b, 30); b = a; a = tmp;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e;
}

/* ---- the SHA extensions ---- */

__attribute__((target("sha,sse4.1,ssse3")))
static void sha256_block_ni(uint32_t h[8], const uint8_t *p) {
    const __m128i bswap = _mm_set_epi8(12, 13, 14, 15, 8, 9, 10, 11, 4, 5, 6, 7, 0, 1, 2, 3);
    __m128i w[16];
    for (int q = 0; q < 4; q++)
        w[q] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * q)), bswap);
    /* A B E F and C D G H, A (C) in the top dword. */
    __m128i abef = _mm_set_epi32(h[0], h[1], h[4], h[5]);
    __m128i cdgh = _mm_set_epi32(h[2], h[3], h[6], h[7]);
    __m128i abef0 = abef, cdgh0 = cdgh;
    for (int q = 0; q < 16; q++) {
        __m128i m;
        if (q < 4) {
            m = w[q];
        } else {
            __m128i s = _mm_sha256msg1_epu32(w[(q - 4) & 15], w[(q - 3) & 15]);
            s = _mm_add_epi32(s, _mm_alignr_epi8(w[(q - 1) & 15], w[(q - 2) & 15], 4));
            m = _mm_sha256msg2_epu32(s, w[(q - 1) & 15]);
            w[q & 15] = m;
        }
        __m128i wk = _mm_add_epi32(m, _mm_loadu_si128((const __m128i *)&K256[4 * q]));
        __m128i t = _mm_sha256rnds2_epu32(cdgh, abef, wk);
        cdgh = abef; abef = t;
        t = _mm_sha256rnds2_epu32(cdgh, abef, _mm_shuffle_epi32(wk, 0x0e));
        cdgh = abef; abef = t;
    }
    abef = _mm_add_epi32(abef, abef0);
    cdgh = _mm_add_epi32(cdgh, cdgh0);
    h[0] = _mm_extract_epi32(abef, 3); h[1] = _mm_extract_epi32(abef, 2);
    h[4] = _mm_extract_epi32(abef, 1); h[5] = _mm_extract_epi32(abef, 0);
    h[2] = _mm_extract_epi32(cdgh, 3); h[3] = _mm_extract_epi32(cdgh, 2);
    h[6] = _mm_extract_epi32(cdgh, 1); h[7] = _mm_extract_epi32(cdgh, 0);
}

__attribute__((target("sha,sse4.1,ssse3")))
static __m128i sha1_rounds(__m128i abcd, __m128i we, int f) {
    switch (f) {
    case 0: return _mm_sha1rnds4_epu32(abcd, we, 0);
    case 1: return _mm_sha1rnds4_epu32(abcd, we, 1);
    case 2: return _mm_sha1rnds4_epu32(abcd, we, 2);
    default: return _mm_sha1rnds4_epu32(abcd, we, 3);
    }
}

__attribute__((target("sha,sse4.1,ssse3")))
static void sha1_block_ni(uint32_t h[5], const uint8_t *p) {
    /* W[4q] in the top dword of quad q: reverse all 16 bytes of a big-endian load. */
    const __m128i rev = _mm_set_epi8(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    __m128i w[4];
    for (int q = 0; q < 4; q++)
        w[q] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * q)), rev);
    __m128i abcd = _mm_set_epi32(h[0], h[1], h[2], h[3]);
    __m128i abcd0 = abcd;
    __m128i e = _mm_set_epi32(h[4], 0, 0, 0);
    for (int q = 0; q < 20; q++) {
        __m128i m;
        if (q < 4) {
            m = w[q];
        } else {
            __m128i s = _mm_sha1msg1_epu32(w[q & 3], w[(q - 3) & 3]);
            s = _mm_xor_si128(s, w[(q - 2) & 3]);
            m = _mm_sha1msg2_epu32(s, w[(q - 1) & 3]);
            w[q & 3] = m;
        }
        __m128i saved = abcd;
        __m128i we = q == 0 ? _mm_add_epi32(m, e) : _mm_sha1nexte_epu32(e, m);
        abcd = sha1_rounds(abcd, we, q / 5);
        e = saved;
    }
    e = _mm_sha1nexte_epu32(e, _mm_setzero_si128());
    abcd = _mm_add_epi32(abcd, abcd0);
    h[0] = _mm_extract_epi32(abcd, 3); h[1] = _mm_extract_epi32(abcd, 2);
    h[2] = _mm_extract_epi32(abcd, 1); h[3] = _mm_extract_epi32(abcd, 0);
    h[4] += (uint32_t)_mm_extract_epi32(e, 3);
}

/* ---- driver ---- */

typedef void (*block_fn)(uint32_t *, const uint8_t *);

/* Pads `len` bytes of `msg` and runs every 64-byte block through `f`. */
static void digest(block_fn f, uint32_t *h, const uint8_t *msg, size_t len) {
    size_t full = len / 64;
    for (size_t i = 0; i < full; i++) f(h, msg + 64 * i);
    uint8_t tail[128] = {0};
    size_t rest = len - 64 * full;
    memcpy(tail, msg + 64 * full, rest);
    tail[rest] = 0x80;
    size_t n = rest + 1 + 8 <= 64 ? 64 : 128;
    uint64_t bits = (uint64_t)len * 8;
    for (int i = 0; i < 8; i++) tail[n - 1 - i] = (uint8_t)(bits >> (8 * i));
    f(h, tail);
    if (n == 128) f(h, tail + 64);
}

static void hex(const char *what, const char *name, const uint32_t *h, int words) {
    printf("%s %s ", what, name);
    for (int i = 0; i < words; i++) printf("%08x", h[i]);
    printf("\n");
}

int main(void) {
    int ni = __builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1");
    size_t big_len = 100000;
    uint8_t *big = malloc(big_len);
    uint32_t x = 12345;
    for (size_t i = 0; i < big_len; i++) { x = x * 1103515245 + 12345; big[i] = (uint8_t)(x >> 16); }
    uint8_t *a1000 = malloc(1000);
    memset(a1000, 'a', 1000);
    struct { const char *name; const uint8_t *p; size_t len; } msgs[] = {
        {"empty", (const uint8_t *)"", 0},
        {"abc", (const uint8_t *)"abc", 3},
        {"55", big, 55}, {"56", big, 56}, {"64", big, 64}, {"119", big, 119},
        {"a1000", a1000, 1000},
        {"big", big, big_len},
    };
    int agree = 1;
    for (size_t m = 0; m < sizeof msgs / sizeof msgs[0]; m++) {
        uint32_t c256[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                            0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
        uint32_t c1[5] = {0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0};
        uint32_t n256[8], n1[5];
        memcpy(n256, c256, sizeof c256);
        memcpy(n1, c1, sizeof c1);
        digest(sha256_block_c, c256, msgs[m].p, msgs[m].len);
        digest(sha1_block_c, c1, msgs[m].p, msgs[m].len);
        if (ni) {
            digest(sha256_block_ni, n256, msgs[m].p, msgs[m].len);
            digest(sha1_block_ni, n1, msgs[m].p, msgs[m].len);
            if (memcmp(n256, c256, sizeof c256) || memcmp(n1, c1, sizeof c1)) {
                agree = 0;
                hex("ni-sha256", msgs[m].name, n256, 8);
                hex("ni-sha1", msgs[m].name, n1, 5);
            }
        }
        hex("sha256", msgs[m].name, c256, 8);
        hex("sha1", msgs[m].name, c1, 5);
    }
    printf("extensions agree with portable code: %d\n", agree);
    free(big);
    free(a1000);
    return agree ? 0 : 1;
}
