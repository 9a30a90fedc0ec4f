/* A hash table with string keys (insert/lookup/delete, open addressing) and a merge sort. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

#define CAP 16384
static struct { char key[16]; int val; int state; } tab[CAP]; /* state 0 empty 1 used 2 deleted */

static uint32_t fnv(const char *s) { uint32_t h = 2166136261u; while (*s) h = (h ^ (uint8_t)*s++) * 16777619u; return h; }
static int *find(const char *k, int insert) {
    uint32_t i = fnv(k) & (CAP - 1); int tomb = -1;
    for (;;) {
        if (tab[i].state == 0) {
            if (!insert) return NULL;
            if (tomb >= 0) i = (uint32_t)tomb;
            strcpy(tab[i].key, k); tab[i].state = 1; tab[i].val = 0; return &tab[i].val;
        }
        if (tab[i].state == 2) { if (tomb < 0) tomb = (int)i; }
        else if (!strcmp(tab[i].key, k)) return &tab[i].val;
        i = (i + 1) & (CAP - 1);
    }
}
static int del(const char *k) {
    uint32_t i = fnv(k) & (CAP - 1);
    while (tab[i].state) { if (tab[i].state == 1 && !strcmp(tab[i].key, k)) { tab[i].state = 2; return 1; } i = (i + 1) & (CAP - 1); }
    return 0;
}

static void msort(int64_t *a, int64_t *tmp, int n) {
    if (n < 2) return;
    int m = n / 2;
    msort(a, tmp, m); msort(a + m, tmp, n - m);
    int i = 0, j = m, k = 0;
    while (i < m && j < n) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    while (i < m) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof *a);
}

int main(void) {
    uint64_t s = 42;
    char k[16];
    for (int i = 0; i < 30000; i++) {
        s = s * 6364136223846793005ULL + 1442695040888963407ULL;
        snprintf(k, sizeof k, "w%llu", (unsigned long long)(s >> 33) % 6000);
        int op = (int)(s >> 20) % 10;
        if (op < 7) (*find(k, 1))++;
        else if (op < 9) { int *v = find(k, 0); if (v) *v += 100; }
        else del(k);
    }
    int used = 0, tombs = 0; long long total = 0; uint32_t h = 0;
    for (int i = 0; i < CAP; i++) {
        if (tab[i].state == 1) { used++; total += tab[i].val; h ^= fnv(tab[i].key) * (uint32_t)tab[i].val; }
        else if (tab[i].state == 2) tombs++;
    }
    printf("used %d tombs %d total %lld xor %08x\n", used, tombs, total, h);
    int *v = find("w17", 0); printf("w17 -> %d\n", v ? *v : -1);
    static int64_t arr[50000], tmp[50000];
    for (int i = 0; i < 50000; i++) { s = s * 6364136223846793005ULL + 1; arr[i] = (int64_t)s >> 20; }
    msort(arr, tmp, 50000);
    uint64_t hs = 0; int sorted = 1;
    for (int i = 0; i < 50000; i++) { hs = hs * 1315423911u + (uint64_t)arr[i]; if (i && arr[i - 1] > arr[i]) sorted = 0; }
    printf("sorted %d min %lld max %lld hash %016llx median %lld\n", sorted, (long long)arr[0], (long long)arr[49999], (unsigned long long)hs, (long long)arr[25000]);
    return 0;
}
