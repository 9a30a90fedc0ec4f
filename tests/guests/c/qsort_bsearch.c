/* qsort and bsearch over ints, strings and structs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static uint32_t s = 12345;
static uint32_t rnd(void) { s = s * 1103515245u + 12345u; return s >> 1; }

static int cmp_int(const void *a, const void *b) {
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }
struct rec { int key; char name[12]; double w; };
static int cmp_rec(const void *a, const void *b) {
    const struct rec *x = a, *y = b;
    if (x->key != y->key) return (x->key > y->key) - (x->key < y->key);
    return strcmp(x->name, y->name);
}

int main(void) {
    enum { N = 20000 };
    static int a[N];
    for (int i = 0; i < N; i++) a[i] = (int)(rnd() % 100000) - 50000;
    qsort(a, N, sizeof *a, cmp_int);
    unsigned long long h = 0;
    for (int i = 0; i < N; i++) {
        if (i && a[i - 1] > a[i]) { printf("not sorted\n"); return 1; }
        h = h * 1000003 + (unsigned)a[i];
    }
    printf("ints %d..%d hash %016llx\n", a[0], a[N - 1], h);
    int found = 0;
    for (int k = -50000; k < 50000; k += 37) found += bsearch(&k, a, N, sizeof *a, cmp_int) != NULL;
    printf("bsearch found %d\n", found);

    static char bufs[3000][16];
    static char *strs[3000];
    for (int i = 0; i < 3000; i++) {
        int l = 1 + rnd() % 14;
        for (int j = 0; j < l; j++) bufs[i][j] = (char)('a' + rnd() % 26);
        bufs[i][l] = 0;
        strs[i] = bufs[i];
    }
    qsort(strs, 3000, sizeof *strs, cmp_str);
    for (int i = 0; i < 3000; i += 150) printf("%s ", strs[i]);
    printf("\n");
    char *key = strs[1234];
    char **hit = bsearch(&key, strs, 3000, sizeof *strs, cmp_str);
    printf("bsearch str %s\n", hit ? *hit : "(none)");

    static struct rec r[5000];
    for (int i = 0; i < 5000; i++) {
        r[i].key = rnd() % 100;
        snprintf(r[i].name, sizeof r[i].name, "n%u", rnd() % 100000);
        r[i].w = i * 0.5;
    }
    qsort(r, 5000, sizeof *r, cmp_rec);
    for (int i = 0; i < 5000; i += 250) printf("%d:%s ", r[i].key, r[i].name);
    printf("\n");
    /* already sorted, reverse sorted, all equal, tiny arrays */
    for (int n = 0; n < 10; n++) {
        int t[10];
        for (int i = 0; i < n; i++) t[i] = n - i;
        qsort(t, n, sizeof *t, cmp_int);
        for (int i = 0; i < n; i++) printf("%d", t[i]);
        printf(";");
    }
    printf("\n");
    return 0;
}
