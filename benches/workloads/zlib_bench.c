/* zlib (Debian's libz.a): deflate level 6 and inflate generated data.
 * argv[1]: MiB of input (default 24). */
#include "gen.h"
#include <zlib.h>

int main(int argc, char **argv) {
    size_t len = (size_t)(argc > 1 ? atoi(argv[1]) : 24) << 20;
    unsigned char *in = gen_data(len);
    uLongf clen = compressBound(len);
    unsigned char *c = malloc(clen);
    if (compress2(c, &clen, in, len, 6) != Z_OK) { fprintf(stderr, "compress failed\n"); return 1; }
    unsigned char *d = malloc(len);
    uLongf dlen = len;
    if (uncompress(d, &dlen, c, clen) != Z_OK || dlen != len || memcmp(d, in, len)) { fprintf(stderr, "roundtrip failed\n"); return 1; }
    printf("zlib in=%zu out=%lu adler=%08lx crc=%08lx fnv=%016llx\n", len, (unsigned long)clen,
        adler32(1, c, clen), crc32(0, in, len), (unsigned long long)fnv(c, clen));
    return 0;
}
