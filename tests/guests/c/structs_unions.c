/* Struct copying (by value in and out, large and small), unions, bitfields, flexible arrays. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

struct small { char c; short s; };
struct mid { int a; double b; char name[13]; };
struct large { uint64_t w[40]; struct mid m[3]; };
struct bits { unsigned a : 3; signed b : 5; unsigned c : 12; unsigned long long d : 41; };
union pun { double d; uint64_t u; uint8_t b[8]; float f[2]; };
struct flex { int n; int v[]; };

__attribute__((noinline)) static struct large make(int seed) {
    struct large l;
    for (int i = 0; i < 40; i++) l.w[i] = (uint64_t)seed * 0x9e3779b97f4a7c15ULL + i;
    for (int i = 0; i < 3; i++) { l.m[i].a = seed + i; l.m[i].b = seed / (i + 1.0); snprintf(l.m[i].name, 13, "m%d_%d", seed, i); }
    return l;
}
__attribute__((noinline)) static uint64_t digest(struct large l) {
    uint64_t h = 0;
    l.w[0] ^= 1; /* the caller's copy must not change */
    for (int i = 0; i < 40; i++) h = h * 31 + l.w[i];
    for (int i = 0; i < 3; i++) h = h * 31 + (uint64_t)l.m[i].a + (uint64_t)(l.m[i].b * 1000) + (uint8_t)l.m[i].name[2];
    return h;
}
__attribute__((noinline)) static struct small swap(struct small s) { struct small r = {(char)(s.s & 0x7f), s.c}; return r; }
__attribute__((noinline)) static struct mid pass_mid(struct mid m, int k) { m.a += k; m.b *= k; m.name[0] = 'X'; return m; }

int main(void) {
    uint64_t acc = 0;
    for (int s = 0; s < 200; s++) {
        struct large l = make(s), copy = l;
        acc += digest(l);
        if (memcmp(&l, &copy, sizeof l)) { printf("copy changed\n"); return 1; }
        struct large arr[2]; arr[s & 1] = l; arr[!(s & 1)] = copy;
        acc ^= arr[0].w[s % 40];
    }
    printf("acc %016llx\n", (unsigned long long)acc);
    struct small sm = swap((struct small){'a', 300});
    printf("small %d %d\n", sm.c, sm.s);
    struct mid m0 = {1, 2.5, "hello world!"};
    struct mid m1 = pass_mid(m0, 3);
    printf("mid %d %g %s / %d %g %s\n", m0.a, m0.b, m0.name, m1.a, m1.b, m1.name);
    struct bits b = {0};
    for (int i = 0; i < 20; i++) {
        b.a += 3; b.b -= 7; b.c = b.c * 5 + 11; b.d = b.d * 3 + 1;
        printf("bits %u %d %u %llu\n", b.a, b.b, b.c, (unsigned long long)b.d);
    }
    printf("sizeof bits %zu small %zu mid %zu large %zu\n", sizeof(struct bits), sizeof(struct small), sizeof(struct mid), sizeof(struct large));
    union pun p; p.d = -1.5;
    printf("pun %016llx %02x %a\n", (unsigned long long)p.u, p.b[7], p.d);
    p.f[0] = 1.0f; p.f[1] = -0.0f;
    printf("pun f %016llx\n", (unsigned long long)p.u);
    struct flex *f = malloc(sizeof *f + 100 * sizeof(int));
    f->n = 100;
    for (int i = 0; i < f->n; i++) f->v[i] = i * i;
    long sum = 0; for (int i = 0; i < f->n; i++) sum += f->v[i];
    printf("flex sum %ld\n", sum);
    free(f);
    struct mid arr[10];
    for (int i = 0; i < 10; i++) arr[i] = (struct mid){i, i * 0.25, "x"};
    struct mid tmp = arr[3]; arr[3] = arr[7]; arr[7] = tmp;
    printf("swapped %d %d %g\n", arr[3].a, arr[7].a, arr[3].b);
    return 0;
}
