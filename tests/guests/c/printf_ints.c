/* printf integer formatting: every conversion, flag, width and precision. */
#include <stdio.h>
#include <limits.h>
#include <stdint.h>
#include <inttypes.h>
#include <stddef.h>
#include <sys/types.h>

int main(void) {
    long long vals[] = {0, 1, -1, 7, -7, 42, 255, 256, -256, 1000000, -999999,
                        INT_MAX, INT_MIN, UINT_MAX, LLONG_MAX, LLONG_MIN,
                        0x7fffffffffffLL, 123456789012345LL, SHRT_MIN, SCHAR_MIN};
    const char *ifmts[] = {"%d", "%i", "%5d", "%-5d|", "%+d", "% d", "%05d", "%.3d",
                           "%8.3d", "%-+8.3d|", "%x", "%X", "%#x", "%#o", "%o", "%u",
                           "%#10x", "%-#10X|", "%010x", "%.0d", "%hhd", "%hd", "%hhu", "%hx"};
    for (size_t i = 0; i < sizeof vals / sizeof *vals; i++) {
        int v = (int)vals[i];
        for (size_t f = 0; f < sizeof ifmts / sizeof *ifmts; f++) {
            printf(ifmts[f], v);
            putchar(' ');
        }
        printf("| %lld %llx %llo %20lld %-20lld| %+lld %llu\n", vals[i], vals[i], vals[i],
               vals[i], vals[i], vals[i], (unsigned long long)vals[i]);
        printf("  %ld %lx %" PRId64 " %" PRIu64 " %" PRIx64 " %jd %zd %td\n", (long)vals[i],
               (unsigned long)vals[i], (int64_t)vals[i], (uint64_t)vals[i], (uint64_t)vals[i],
               (intmax_t)vals[i], (ssize_t)vals[i], (ptrdiff_t)vals[i]);
    }
    /* widths and precisions from arguments */
    for (int w = -12; w <= 12; w += 3)
        for (int p = -1; p <= 6; p += 2)
            printf("[%*.*d][%*.*x]\n", w, p, 4242, w, p, 0xbeef);
    /* characters and strings */
    const char *strs[] = {"", "a", "hello", "hello, world", "tab\there", "\x7f\x01"};
    for (size_t i = 0; i < sizeof strs / sizeof *strs; i++)
        printf("[%s][%10s][%-10s][%.3s][%10.2s][%-*.*s][%c]\n", strs[i], strs[i], strs[i],
               strs[i], strs[i], 7, 4, strs[i], 'A' + (int)i);
    for (int c = 32; c < 127; c++) putchar(c);
    printf("\n%%|%c|%5c|%-5c|\n", 'x', 'y', 'z');
    int n1 = 0, n2 = 0;
    printf("abc%ndef%n\n", &n1, &n2);
    printf("n=%d %d\n", n1, n2);
    int r = printf("%s %d %x\n", "ret", 12345, 0xabc);
    printf("printf returned %d\n", r);
    return 0;
}
