/* Anonymous mmap, mremap (grow/shrink/move), mprotect (RW->R->RW), munmap, MAP_FIXED. */
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

static uint64_t sum(const unsigned char *p, size_t n) { uint64_t s = 0; for (size_t i = 0; i < n; i++) s = s * 131 + p[i]; return s; }

int main(void) {
    long pg = sysconf(_SC_PAGESIZE);
    printf("page size %ld\n", pg);
    size_t n = 16 * (size_t)pg;
    unsigned char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { perror("mmap"); return 1; }
    int zero = 1;
    for (size_t i = 0; i < n; i++) zero &= p[i] == 0;
    printf("fresh mapping zeroed %d\n", zero);
    for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(i ^ (i >> 9));
    uint64_t s1 = sum(p, n);
    printf("sum %016llx\n", (unsigned long long)s1);
    unsigned char *q = mremap(p, n, 64 * (size_t)pg, MREMAP_MAYMOVE);
    if (q == MAP_FAILED) { perror("mremap"); return 1; }
    printf("grown keeps data %d\n", sum(q, n) == s1);
    zero = 1;
    for (size_t i = n; i < 64 * (size_t)pg; i++) zero &= q[i] == 0;
    printf("grown tail zeroed %d\n", zero);
    memset(q + n, 0x5a, 48 * (size_t)pg);
    uint64_t s8 = sum(q, 8 * (size_t)pg);
    q = mremap(q, 64 * (size_t)pg, 8 * (size_t)pg, 0);
    printf("shrunk %s keeps %d\n", q == MAP_FAILED ? "failed" : "ok", q != MAP_FAILED && sum(q, 8 * (size_t)pg) == s8);
    printf("mprotect R %d\n", mprotect(q, 8 * (size_t)pg, PROT_READ));
    printf("read under PROT_READ %u\n", q[100]);
    printf("mprotect RW %d\n", mprotect(q, 8 * (size_t)pg, PROT_READ | PROT_WRITE));
    q[100] = 7;
    printf("write after RW %u\n", q[100]);
    /* MAP_FIXED over part of our own mapping replaces it with zeros */
    unsigned char *r = mmap(q + 2 * pg, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    printf("fixed at expected place %d zero %d neighbours kept %d\n", r == q + 2 * pg, r[0] == 0 && r[pg - 1] == 0, q[pg] == (unsigned char)(pg ^ (pg >> 9)));
    printf("munmap middle %d\n", munmap(q + 4 * pg, pg));
    printf("munmap all %d\n", munmap(q, 8 * (size_t)pg));
    printf("munmap bad align: %d\n", munmap((char *)q + 1, pg));
    /* many mappings */
    void *maps[200];
    for (int i = 0; i < 200; i++) {
        maps[i] = mmap(NULL, (size_t)pg * (1 + i % 5), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (maps[i] == MAP_FAILED) { printf("mmap %d failed\n", i); return 1; }
        memset(maps[i], i, (size_t)pg * (1 + i % 5));
    }
    int ok = 1;
    for (int i = 0; i < 200; i++) { ok &= ((unsigned char *)maps[i])[pg - 1] == (unsigned char)i; munmap(maps[i], (size_t)pg * (1 + i % 5)); }
    printf("200 mappings ok %d\n", ok);
    void *huge = mmap(NULL, 256u << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    printf("256 MiB reserve %s\n", huge == MAP_FAILED ? "failed" : "ok");
    if (huge != MAP_FAILED) { ((char *)huge)[(256u << 20) - 1] = 1; printf("last byte %d\n", ((char *)huge)[(256u << 20) - 1]); }
    return 0;
}
