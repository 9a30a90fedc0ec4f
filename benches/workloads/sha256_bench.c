/* SHA-256 through OpenSSL's libcrypto.a (EVP): hash a buffer repeatedly, chained.
 * argv[1]: MiB of input (default 64), argv[2]: rounds (default 4). */
#include "gen.h"
#include <openssl/evp.h>

int main(int argc, char **argv) {
    size_t len = (size_t)(argc > 1 ? atoi(argv[1]) : 64) << 20;
    int rounds = argc > 2 ? atoi(argv[2]) : 4;
    unsigned char *in = gen_data(len);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    for (int r = 0; r < rounds; r++) {
        EVP_MD_CTX *ctx = EVP_MD_CTX_new();
        if (!ctx || !EVP_DigestInit_ex(ctx, EVP_sha256(), NULL)) { fprintf(stderr, "init failed\n"); return 1; }
        if (r) EVP_DigestUpdate(ctx, md, mdlen);
        EVP_DigestUpdate(ctx, in, len);
        EVP_DigestFinal_ex(ctx, md, &mdlen);
        EVP_MD_CTX_free(ctx);
    }
    printf("sha256 %zu bytes x %d: ", len, rounds);
    for (unsigned i = 0; i < mdlen; i++) printf("%02x", md[i]);
    printf("\n");
    return 0;
}
