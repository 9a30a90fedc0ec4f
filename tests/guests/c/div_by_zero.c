/* Integer division by zero: SIGFPE (status 136). Output is flushed first. */
#include <stdio.h>
int main(void) {
    volatile int a = 42, b = 0;
    printf("about to divide %d by %d\n", a, b);
    fflush(stdout);
    int c = a / b;
    printf("unreachable %d\n", c);
    return 0;
}
