/* Every extension the qvm CPU model advertises, through compiler intrinsics, over
 * edge inputs; prints everything. Built with -march=x86-64-v2 -mbmi -mbmi2 -mlzcnt
 * -mmovbe -madx. Also checks CPUID agrees with what the program uses. */
#include <cpuid.h>
#include <immintrin.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <fenv.h>

static const uint64_t ints[] = {0, 1, 2, 3, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x7fffffff, 0x80000000,
                                0xffffffff, 0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
                                0xffffffffffffffffull, 0x0123456789abcdefull, 0xf0f0f0f00f0f0f0full, 0xdeadbeefcafebabeull};
#define NI (sizeof ints / sizeof ints[0])

static const double dbls[] = {0.0, -0.0, 0.5, -0.5, 1.5, 2.5, -2.5, 1e300, -1e-310, 4.9e-324, 1.0 / 0.0, -1.0 / 0.0,
                              0.0 / 0.0, 3.14159, -7.75, 1e16 + 1, 123456.789};
#define ND (sizeof dbls / sizeof dbls[0])

static volatile uint64_t sink;

static void bits(void) {
    uint64_t h = 0;
    for (unsigned i = 0; i < NI; i++) {
        for (unsigned j = 0; j < NI; j++) {
            uint64_t a = ints[i], b = ints[j];
            h = h * 31 + _pdep_u64(a, b);
            h = h * 31 + _pext_u64(a, b);
            h = h * 31 + _pdep_u32((uint32_t)a, (uint32_t)b);
            h = h * 31 + _bzhi_u64(a, (unsigned)b);
            h = h * 31 + _bextr_u64(a, (unsigned)b & 0xff, (unsigned)(b >> 8) & 0xff);
            h = h * 31 + _andn_u64(a, b);
            unsigned long long hi;
            h = h * 31 + _mulx_u64(a, b, &hi) + hi;
            h = h * 31 + (a >> (b & 63)) + (a << (b & 63)) + (uint64_t)((int64_t)a >> (b & 63));
            unsigned long long s1, s2;
            unsigned char c = _addcarryx_u64(0, a, b, &s1);
            c = _addcarryx_u64(c, b, a, &s2);
            h = h * 31 + s1 + s2 + c;
            h = h * 31 + _mm_crc32_u64(a, b) + _mm_crc32_u8((uint32_t)a, (uint8_t)b);
        }
        uint64_t a = ints[i];
        h = h * 31 + _lzcnt_u64(a) + _lzcnt_u32((uint32_t)a) + _tzcnt_u64(a) + _tzcnt_u32((uint32_t)a);
        h = h * 31 + _blsi_u64(a) + _blsmsk_u64(a) + _blsr_u64(a) + __builtin_popcountll(a);
        h = h * 31 + __builtin_bswap64(a) + __builtin_bswap32((uint32_t)a) + __builtin_bswap16((uint16_t)a);
        printf("%016llx lz %u tz %u pop %d pdep %016llx pext %016llx\n", (unsigned long long)a,
               (unsigned)_lzcnt_u64(a), (unsigned)_tzcnt_u64(a), __builtin_popcountll(a),
               (unsigned long long)_pdep_u64(a, 0xff00ff00ff00ff00ull), (unsigned long long)_pext_u64(a, 0x00ff00ff00ff00ffull));
    }
    printf("bits hash %016llx\n", (unsigned long long)h);
    /* MOVBE: big-endian loads and stores. */
    unsigned char buf[16];
    for (unsigned i = 0; i < 16; i++) buf[i] = (unsigned char)(i * 17 + 3);
    uint64_t be = __builtin_bswap64(*(volatile uint64_t *)buf);
    uint32_t be32 = __builtin_bswap32(*(volatile uint32_t *)(buf + 5));
    *(volatile uint64_t *)(buf + 8) = __builtin_bswap64(be ^ 0x1122334455667788ull);
    printf("movbe %016llx %08x %02x%02x\n", (unsigned long long)be, be32, buf[8], buf[15]);
}

static void vectors(void) {
    static const char *strs[] = {"", "a", "hello, world", "0123456789abcdefXYZ", "tab\there", "\x7f\x80\xff!"};
    for (unsigned i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        char a[32] = {0}, b[32] = {0};
        strcpy(a, strs[i]);
        strcpy(b, "lo, w0123");
        __m128i va = _mm_loadu_si128((const __m128i *)a), vb = _mm_loadu_si128((const __m128i *)b);
        int r1 = _mm_cmpistri(vb, va, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY);
        int r2 = _mm_cmpistri(vb, va, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ORDERED);
        int r3 = _mm_cmpestri(vb, 9, va, (int)strlen(a), _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_EACH | _SIDD_NEGATIVE_POLARITY);
        __m128i m = _mm_cmpistrm(vb, va, _SIDD_UBYTE_OPS | _SIDD_CMP_RANGES | _SIDD_UNIT_MASK);
        int z = _mm_cmpistrz(vb, va, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY);
        printf("pcmpstr %d %d %d %d %016llx\n", r1, r2, r3, z, (unsigned long long)_mm_cvtsi128_si64(m));
        __m128i sh = _mm_shuffle_epi8(va, vb);
        __m128i mx = _mm_max_epi32(va, vb), mn = _mm_min_epu16(va, vb);
        __m128i ml = _mm_mullo_epi32(va, vb);
        __m128i gt = _mm_cmpgt_epi64(va, vb);
        __m128i ab = _mm_abs_epi8(_mm_sub_epi8(va, vb));
        __m128i hd = _mm_hadd_epi16(va, vb);
        __m128i mad = _mm_maddubs_epi16(va, vb);
        __m128i al = _mm_alignr_epi8(va, vb, 5);
        __m128i bl = _mm_blendv_epi8(va, vb, gt);
        __m128i mp = _mm_minpos_epu16(va);
        __m128i cv = _mm_cvtepu8_epi32(va);
        __m128i acc = _mm_xor_si128(_mm_xor_si128(_mm_xor_si128(sh, mx), _mm_xor_si128(mn, ml)),
                                     _mm_xor_si128(_mm_xor_si128(gt, ab), _mm_xor_si128(hd, mad)));
        acc = _mm_xor_si128(acc, _mm_xor_si128(_mm_xor_si128(al, bl), _mm_xor_si128(mp, cv)));
        printf("ssse3/sse4 %016llx %016llx ptest %d %d ext %d\n", (unsigned long long)_mm_extract_epi64(acc, 0),
               (unsigned long long)_mm_extract_epi64(acc, 1), _mm_testz_si128(va, vb), _mm_testc_si128(va, vb),
               _mm_extract_epi8(acc, 13));
    }
}

static void floats(void) {
    static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
    for (unsigned mi = 0; mi < 4; mi++) {
        fesetround(modes[mi]);
        for (unsigned i = 0; i < ND; i++) {
            double x = dbls[i], y = dbls[(i * 7 + 3) % ND];
            __m128d v = _mm_set_pd(y, x);
            __m128d fl = _mm_floor_pd(v), ce = _mm_ceil_pd(v), rn = _mm_round_pd(v, _MM_FROUND_CUR_DIRECTION);
            __m128d tr = _mm_round_pd(v, _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
            __m128d as = _mm_addsub_pd(v, _mm_set_pd(x, y));
            __m128d hs = _mm_hadd_pd(v, as);
            __m128d dp = _mm_dp_pd(v, _mm_set_pd(1.0 / 3.0, y), 0x31);
            __m128 fv = _mm_set_ps((float)x, (float)y, (float)(x * y), (float)(x - y));
            __m128 fr = _mm_round_ps(fv, _MM_FROUND_CUR_DIRECTION);
            __m128 fd = _mm_dp_ps(fv, fv, 0xf1);
            __m128 fb = _mm_blendv_ps(fv, fr, fv);
            __m128 fi = _mm_insert_ps(fv, fr, 0x5c);
            union { __m128d v; uint64_t u[2]; } a = {fl}, b = {ce}, c = {rn}, d = {tr}, e = {as}, f = {hs}, g = {dp};
            union { __m128 v; uint32_t u[4]; } p = {fr}, q = {fd}, r = {fb}, s = {fi};
            printf("m%u %g: %llx %llx %llx %llx %llx %llx %llx %llx %llx | %x %x %x %x %x %x %x %x | %lld %lld %ld\n", mi, x,
                   (unsigned long long)a.u[0], (unsigned long long)a.u[1], (unsigned long long)b.u[0],
                   (unsigned long long)c.u[0], (unsigned long long)d.u[1], (unsigned long long)e.u[0],
                   (unsigned long long)e.u[1], (unsigned long long)f.u[1], (unsigned long long)g.u[0], p.u[0], p.u[1], p.u[2],
                   q.u[0], r.u[3], s.u[0], s.u[1], s.u[2], (long long)llrint(x * 1e3), (long long)(isfinite(x) && fabs(x) < 9e18 ? (long long)x : 0),
                   lrint(floor(x * 0.37) + ceil(y * 0.11)));
        }
    }
    fesetround(FE_TONEAREST);
    printf("exp %.17g log %.17g sin %.17g pow %.17g nearbyint %.17g trunc %.17g\n", exp(0.7), log(17.5), sin(1e6), pow(2.5, 7.25),
           nearbyint(-2.5), trunc(-7.9));
}

int main(void) {
    unsigned a, b, c, d;
    __cpuid_count(1, 0, a, b, c, d);
    int movbe = c >> 22 & 1;
    int v2 = (c & 1) && (c >> 9 & 1) && (c >> 13 & 1) && (c >> 19 & 1) && (c >> 20 & 1) && (c >> 23 & 1);
    __cpuid_count(7, 0, a, b, c, d);
    int bmi = (b >> 3 & 1) && (b >> 8 & 1) && (b >> 19 & 1);
    __cpuid_count(0x80000001, 0, a, b, c, d);
    int abm = (c & 1) && (c >> 5 & 1);
    printf("cpu supports x86-64-v2 %d bmi/bmi2/adx %d lahf/lzcnt %d movbe %d\n", v2, bmi, abm, movbe);
    bits();
    vectors();
    floats();
    return 0;
}
