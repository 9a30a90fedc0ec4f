/* Reads an iteration count from stdin, prints it, then runs a hot loop that
 * faults on its last iteration: a store to page 0 (never mapped) at an address
 * that depends on everything the loop computed. Long enough that the loop is
 * compiled as a region while it runs, so the fault lands in region code or
 * not depending on the compile thread's timing. */
#include <stdio.h>

int main(void) {
    long n = 0;
    if (scanf("%ld", &n) != 1)
        return 2;
    printf("n=%ld\n", n);
    fflush(stdout);
    unsigned long s = 1;
    volatile unsigned long sink = 0;
    for (long i = 0;; i++) {
        s = s * 6364136223846793005UL + 1442695040888963407UL;
        sink += s >> 33;
        if (i == n)
            *(volatile unsigned long *)(0x10 + (s & 0xff0)) = sink;
    }
}
