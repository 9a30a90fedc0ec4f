/* Deep recursion: 100k frames, non-tail, with a little data in each frame. */
#include <stdio.h>

__attribute__((noinline)) static unsigned long depth_sum(unsigned long n, volatile unsigned long *sink) {
    volatile unsigned long local = n * 2654435761u;
    if (n == 0) return *sink;
    unsigned long r = depth_sum(n - 1, sink) + (local & 0xff);
    *sink += 1;
    return r;
}

__attribute__((noinline)) static int ackermann(int m, int n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static int is_even(unsigned n);
__attribute__((noinline)) static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
__attribute__((noinline)) static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }

int main(void) {
    volatile unsigned long sink = 0;
    printf("depth_sum(100000) = %lu sink %lu\n", depth_sum(100000, &sink), (unsigned long)sink);
    printf("ackermann(2, 300) = %d\n", ackermann(2, 300));
    printf("ackermann(3, 5) = %d\n", ackermann(3, 5));
    printf("fib(24) = %d\n", fib(24));
    printf("is_even(50001) = %d\n", is_even(50001));
    return 0;
}
