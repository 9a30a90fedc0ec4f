/* mandelbrot (after the Computer Language Benchmarks Game): computes the n×n
 * bitmap and prints its size and FNV-1a hash. argv[1]: n (default 4000). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 4000;
    int rowbytes = (n + 7) / 8;
    unsigned char *bits = calloc((size_t)rowbytes * n, 1);
    for (int y = 0; y < n; y++) {
        double ci = 2.0 * y / n - 1.0;
        for (int x = 0; x < n; x++) {
            double cr = 2.0 * x / n - 1.5;
            double zr = 0, zi = 0, tr = 0, ti = 0;
            int i = 0;
            for (; i < 50 && tr + ti <= 4.0; i++) {
                zi = 2.0 * zr * zi + ci;
                zr = tr - ti + cr;
                tr = zr * zr;
                ti = zi * zi;
            }
            if (tr + ti <= 4.0) bits[(size_t)y * rowbytes + x / 8] |= (unsigned char)(0x80 >> (x % 8));
        }
    }
    uint64_t h = 1469598103934665603ULL;
    size_t set = 0;
    for (size_t i = 0; i < (size_t)rowbytes * n; i++) {
        h ^= bits[i]; h *= 1099511628211ULL;
        set += (size_t)__builtin_popcount(bits[i]);
    }
    printf("P4 %d %d set=%zu fnv=%016llx\n", n, n, set, (unsigned long long)h);
    return 0;
}
