// A hot loop calls a small leaf function whose other paths first run long after
// the loop was compiled as a region. qvm copies a leaf callee into its caller's
// region with only the paths that have run so far; a path taken later leaves the
// region from inside the copy, continues in the callee's own code and returns to
// the loop. The output must be the native one.
#include <stdio.h>

static __attribute__((noinline)) unsigned long leaf(unsigned long x, unsigned long phase) {
    unsigned long r = x * 2654435761u;
    if (phase != 0) {
        // Divisions are not if-converted: each test stays a branch, so the
        // callee has more blocks than run in its first phase.
        if (x & 1)
            r ^= x / (phase | 1);
        if (x & 2)
            r += phase / ((x >> 2) | 1);
        if (x & 4)
            r -= x / 7 + phase % 13;
        if (x & 8)
            r ^= (r << 13) / ((phase >> 3) | 1);
        if (x & 16)
            r += r / 17;
        if (x & 32)
            r ^= phase / 5;
        if (x & 64)
            r -= x / 3;
    }
    if (x % 3 == 0)
        r += 11;
    return r;
}

int main(void) {
    unsigned long acc = 0;
    for (unsigned long i = 0; i < 600000; i++) {
        acc += leaf(i, i >= 400000 ? i : 0);
        acc = (acc << 1) | (acc >> 63);
    }
    printf("late paths %lu\n", acc);
    return 0;
}
