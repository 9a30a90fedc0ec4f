/* Unbounded recursion exhausts the stack: SIGSEGV (status 139). */
#include <stdio.h>
__attribute__((noinline)) static unsigned long down(unsigned long n, volatile char *prev) {
    volatile char frame[256];
    frame[0] = (char)n;
    frame[255] = prev ? prev[0] : 0;
    return down(n + 1, frame) + frame[n & 255];
}
int main(void) {
    printf("recursing forever\n");
    fflush(stdout);
    return (int)down(0, 0);
}
