/* Pairs of accesses off one base register in one basic block: the first is in
 * bounds, the second, a constant distance away, faults. qvm's compiled code
 * checks only the first of such a pair and lets the host guard or the never-mapped
 * last page of the guest space catch the second: its fault must be exactly the one
 * an explicit check reports. Case 7 is a single access, checked, that faults
 * itself; cases 8 and 9 are single accesses a small distance off their base.
 * Usage: near_faults CASE BASE (BASE in hex). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>

int main(int argc, char **argv) {
    if (argc < 3)
        return 2;
    int c = atoi(argv[1]);
    uintptr_t b = strtoul(argv[2], 0, 16);
    if (b < 0x20000) {
        /* A page of our own at the lowest address the kernel maps. */
        if (mmap((void *)0x10000, 4096, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED)
            return 3;
    }
    volatile long *p = (volatile long *)b;
    long x = 0;
    switch (c) {
    case 0: x = p[0]; x += *(volatile long *)(b + 0x10); break;
    case 1: x = p[0]; x += *(volatile long *)(b + 0x1000c); break;
    case 2: x = p[0]; x += *(volatile long *)(b + 0x10018); break;
    case 3: x = p[0]; x += *(volatile long *)(b - 0x10008); break;
    case 4: x = p[0]; x += *(volatile long *)(b - 0x8000); break;
    case 5: x = p[0]; x += *(volatile long *)(b - 0x10004); break;
    case 6: p[0] = 1; *(volatile int *)(b + 0x1000e) = 2; break;
    case 7: x = p[0]; break; /* one access, checked: it faults itself */
    /* One access a small distance off its base register: compiled code tests the
     * register against a bound moved by the distance. */
    case 8: x = *(volatile long *)(b + 0x18); break;
    case 9: x = *(volatile long *)(b - 0x18); break;
    }
    printf("%ld\n", x);
    return 0;
}
