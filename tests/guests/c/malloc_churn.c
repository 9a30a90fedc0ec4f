/* malloc/calloc/realloc/free churn driven by a deterministic PRNG; verifies contents. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint64_t s = 88172645463325252ULL;
static uint64_t rnd(void) { s ^= s << 13; s ^= s >> 7; s ^= s << 17; return s; }

#define SLOTS 512
static unsigned char *ptr[SLOTS];
static size_t len[SLOTS];
static unsigned char tag[SLOTS];

static size_t pick_size(void) {
    uint64_t r = rnd() % 100;
    if (r < 60) return rnd() % 64;
    if (r < 90) return rnd() % 4096;
    if (r < 99) return rnd() % 65536;
    return 100000 + rnd() % 400000; /* large: the mmap path */
}

static int verify(int i) {
    /* the ends fully, the middle sampled */
    for (size_t k = 0; k < len[i]; k += (k < 64 || k + 64 >= len[i]) ? 1 : 61)
        if (ptr[i][k] != (unsigned char)(tag[i] + k)) return 0;
    return 1;
}

int main(void) {
    uint64_t checksum = 0;
    long ops[4] = {0};
    for (int step = 0; step < 12000; step++) {
        int i = (int)(rnd() % SLOTS);
        int op = (int)(rnd() % 4);
        if (ptr[i] && !verify(i)) { printf("corruption at step %d slot %d\n", step, i); return 1; }
        if (op == 0 || !ptr[i]) {
            free(ptr[i]);
            len[i] = pick_size();
            if (rnd() & 1) {
                ptr[i] = malloc(len[i] ? len[i] : 1);
            } else {
                ptr[i] = calloc(len[i] ? len[i] : 1, 1);
                for (size_t k = 0; k < len[i]; k++)
                    if (ptr[i][k]) { printf("calloc not zero\n"); return 1; }
            }
            if (!ptr[i]) { printf("alloc failed\n"); return 1; }
            tag[i] = (unsigned char)rnd();
            for (size_t k = 0; k < len[i]; k++) ptr[i][k] = (unsigned char)(tag[i] + k);
            ops[0]++;
        } else if (op == 1) {
            size_t nl = pick_size();
            unsigned char *np = realloc(ptr[i], nl ? nl : 1);
            if (!np) { printf("realloc failed\n"); return 1; }
            size_t keep = nl < len[i] ? nl : len[i];
            for (size_t k = 0; k < keep; k++)
                if (np[k] != (unsigned char)(tag[i] + k)) { printf("realloc lost data\n"); return 1; }
            for (size_t k = keep; k < nl; k++) np[k] = (unsigned char)(tag[i] + k);
            ptr[i] = np; len[i] = nl;
            ops[1]++;
        } else if (op == 2) {
            free(ptr[i]); ptr[i] = NULL; len[i] = 0;
            ops[2]++;
        } else {
            for (size_t k = 0; k < len[i]; k += 7) checksum = checksum * 31 + ptr[i][k];
            ops[3]++;
        }
    }
    size_t live = 0, bytes = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (ptr[i]) { if (!verify(i)) { printf("final corruption\n"); return 1; } live++; bytes += len[i]; }
        free(ptr[i]);
    }
    /* many small blocks, freed in reverse */
    void *many[10000];
    for (int i = 0; i < 10000; i++) { many[i] = malloc(16 + i % 48); memset(many[i], i, 16); }
    for (int i = 9999; i >= 0; i--) free(many[i]);
    /* one big block */
    size_t big = 64u << 20;
    char *b = malloc(big);
    if (!b) { printf("big malloc failed\n"); return 1; }
    for (size_t k = 0; k < big; k += 4096) b[k] = (char)k;
    unsigned long bs = 0;
    for (size_t k = 0; k < big; k += 4096) bs += (unsigned char)b[k];
    free(b);
    printf("ops %ld %ld %ld %ld live %zu bytes %zu checksum %016llx big %lu\n", ops[0], ops[1],
           ops[2], ops[3], live, bytes, (unsigned long long)checksum, bs);
    return 0;
}
