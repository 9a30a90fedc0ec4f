/* bzip2 (Debian's libbz2.a): compress (block size 9) and decompress.
 * argv[1]: MiB of input (default 8). */
#include "gen.h"
#include <bzlib.h>

int main(int argc, char **argv) {
    size_t len = (size_t)(argc > 1 ? atoi(argv[1]) : 8) << 20;
    unsigned char *in = gen_data(len);
    unsigned int clen = (unsigned int)(len + len / 100 + 600);
    char *c = malloc(clen);
    if (BZ2_bzBuffToBuffCompress(c, &clen, (char *)in, (unsigned int)len, 9, 0, 0) != BZ_OK) { fprintf(stderr, "compress failed\n"); return 1; }
    char *d = malloc(len);
    unsigned int dlen = (unsigned int)len;
    if (BZ2_bzBuffToBuffDecompress(d, &dlen, c, clen, 0, 0) != BZ_OK || dlen != len || memcmp(d, in, len)) { fprintf(stderr, "roundtrip failed\n"); return 1; }
    printf("bzip2 in=%zu out=%u fnv=%016llx\n", len, clen, (unsigned long long)fnv((unsigned char *)c, clen));
    return 0;
}
