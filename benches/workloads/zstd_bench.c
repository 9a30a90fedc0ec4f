/* zstd (Debian's libzstd.a): compress at levels 3 and 9, decompress.
 * argv[1]: MiB of input (default 32). */
#include "gen.h"
#include <zstd.h>

int main(int argc, char **argv) {
    size_t len = (size_t)(argc > 1 ? atoi(argv[1]) : 32) << 20;
    unsigned char *in = gen_data(len);
    size_t cap = ZSTD_compressBound(len);
    unsigned char *c = malloc(cap);
    unsigned char *d = malloc(len);
    int levels[] = {3, 9};
    for (int li = 0; li < 2; li++) {
        size_t clen = ZSTD_compress(c, cap, in, len, levels[li]);
        if (ZSTD_isError(clen)) { fprintf(stderr, "compress: %s\n", ZSTD_getErrorName(clen)); return 1; }
        size_t dlen = ZSTD_decompress(d, len, c, clen);
        if (ZSTD_isError(dlen) || dlen != len || memcmp(d, in, len)) { fprintf(stderr, "roundtrip failed\n"); return 1; }
        printf("zstd level %d in=%zu out=%zu fnv=%016llx\n", levels[li], len, clen, (unsigned long long)fnv(c, clen));
    }
    return 0;
}
