/* setjmp/longjmp: through many frames, with values, repeatedly, nested buffers. */
#include <stdio.h>
#include <setjmp.h>

static jmp_buf outer, inner;
static volatile int counter;

__attribute__((noinline)) static void dive(int depth, int target) {
    volatile char pad[64];
    pad[depth % 64] = (char)depth;
    if (depth == target) longjmp(outer, depth + pad[depth % 64] * 0 + 1);
    dive(depth + 1, target);
}

__attribute__((noinline)) static int try_inner(int v) {
    int r = setjmp(inner);
    if (r) return r * 10;
    if (v & 1) longjmp(inner, v);
    return -v;
}

int main(void) {
    for (int t = 0; t < 50; t += 7) {
        volatile int local = t * 3;
        int r = setjmp(outer);
        if (r == 0) {
            dive(0, t * 100);
            printf("unreachable\n");
        } else {
            printf("target %d returned %d local %d\n", t * 100, r, local);
        }
    }
    for (int v = 0; v < 8; v++) printf("try_inner(%d) = %d\n", v, try_inner(v));
    /* longjmp with 0 becomes 1 */
    int r = setjmp(outer);
    if (counter++ == 0) longjmp(outer, 0);
    printf("longjmp(0) gave %d after %d passes\n", r, counter);
    sigjmp_buf sj;
    volatile int n = 0;
    if (sigsetjmp(sj, 1) < 5) { n++; siglongjmp(sj, n); }
    printf("sigsetjmp loop ran %d times\n", n);
    return 0;
}
