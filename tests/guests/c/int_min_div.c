/* INT_MIN / -1 traps on x86 (#DE): SIGFPE, like division by zero. */
#include <stdio.h>
#include <limits.h>
int main(void) {
    volatile long long a = LLONG_MIN, b = -1;
    printf("dividing %lld by %lld\n", a, b);
    fflush(stdout);
    long long c = a / b;
    printf("unreachable %lld\n", c);
    return 0;
}
