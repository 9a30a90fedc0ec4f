/* Arbitrary precision: factorials, powers, Fibonacci, modular exponentiation. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>

typedef struct { int n; uint32_t d[1200]; } big; /* base 1e9, little endian */

static void set(big *a, uint32_t v) { a->n = 1; a->d[0] = v; }
static void mul_small(big *a, uint32_t m) {
    uint64_t carry = 0;
    for (int i = 0; i < a->n; i++) { uint64_t t = (uint64_t)a->d[i] * m + carry; a->d[i] = t % 1000000000u; carry = t / 1000000000u; }
    while (carry) { a->d[a->n++] = carry % 1000000000u; carry /= 1000000000u; }
}
static void add(big *r, const big *a, const big *b) {
    uint32_t carry = 0; int n = a->n > b->n ? a->n : b->n;
    for (int i = 0; i < n; i++) {
        uint32_t t = (i < a->n ? a->d[i] : 0) + (i < b->n ? b->d[i] : 0) + carry;
        carry = t >= 1000000000u; r->d[i] = t % 1000000000u;
    }
    r->n = n;
    if (carry) r->d[r->n++] = 1;
}
static void print(const char *label, const big *a) {
    printf("%s ", label);
    printf("%u", a->d[a->n - 1]);
    for (int i = a->n - 2; i >= 0; i--) printf("%09u", a->d[i]);
    printf("\n");
}
static uint64_t digitsum(const big *a) { uint64_t s = 0; for (int i = 0; i < a->n; i++) for (uint32_t v = a->d[i]; v; v /= 10) s += v % 10; return s; }

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m) { return (unsigned __int128)a * b % m; }
static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m) { uint64_t r = 1; b %= m; while (e) { if (e & 1) r = mulmod(r, b, m); b = mulmod(b, b, m); e >>= 1; } return r; }
static int miller_rabin(uint64_t n) {
    if (n < 2) return 0;
    static const uint64_t ps[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37};
    for (int i = 0; i < 12; i++) if (n % ps[i] == 0) return n == ps[i];
    uint64_t d = n - 1; int s = 0;
    while (!(d & 1)) { d >>= 1; s++; }
    for (int i = 0; i < 12; i++) {
        uint64_t x = powmod(ps[i], d, n);
        if (x == 1 || x == n - 1) continue;
        int comp = 1;
        for (int r = 1; r < s; r++) { x = mulmod(x, x, n); if (x == n - 1) { comp = 0; break; } }
        if (comp) return 0;
    }
    return 1;
}

int main(void) {
    static big a, b, c;
    set(&a, 1);
    for (uint32_t i = 2; i <= 450; i++) mul_small(&a, i);
    print("450! =", &a);
    printf("digit sum %llu\n", (unsigned long long)digitsum(&a));
    set(&a, 1);
    for (int i = 0; i < 3000; i++) mul_small(&a, 2);
    printf("2^3000 digit sum %llu limbs %d\n", (unsigned long long)digitsum(&a), a.n);
    set(&a, 0); set(&b, 1);
    for (int i = 0; i < 2000; i++) { add(&c, &a, &b); a = b; b = c; }
    print("fib(2001) =", &b);
    int primes = 0; uint64_t last = 0;
    for (uint64_t n = (1ULL << 61) - 1000; n < (1ULL << 61) + 500; n++) if (miller_rabin(n)) { primes++; last = n; }
    printf("primes near 2^61: %d last %llu\n", primes, (unsigned long long)last);
    printf("powmod %llu\n", (unsigned long long)powmod(123456789, 987654321987654321ULL, 0xffffffffffffffc5ULL));
    return 0;
}
