/* A write to a PROT_READ page: SIGSEGV (status 139). */
#include <stdio.h>
#include <sys/mman.h>
int main(void) {
    volatile char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) return 1;
    p[10] = 42;
    if (mprotect((void *)p, 4096, PROT_READ)) return 2;
    printf("read %d, now writing\n", p[10]);
    fflush(stdout);
    p[10] = 43;
    printf("unreachable\n");
    return 0;
}
