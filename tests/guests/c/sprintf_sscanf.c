/* snprintf truncation and return values; sscanf conversions. */
#include <stdio.h>
#include <string.h>

int main(void) {
    char buf[16];
    for (size_t n = 0; n <= 16; n += 3) {
        memset(buf, '#', sizeof buf);
        int r = snprintf(buf, n, "%s-%d-%x", "truncate", 123456, 0xfeed);
        printf("n=%zu r=%d buf=%.*s\n", n, r, (int)sizeof buf, buf);
    }
    char big[256];
    int r = sprintf(big, "%5.2f|%-6s|%03d|%c%c|%%|%lu", 3.14159, "ab", 7, 'x', 'y', 123456789UL);
    printf("%d %s\n", r, big);
    int a, b; unsigned u; char word[32], rest[64]; double d; float f; long l; char c;
    int n = sscanf("  42 -17 0x1f hello 3.5e2 2.25 999999 Z tail end", "%d %d %x %31s %lf %f %ld %c %63[^\n]",
                   &a, &b, &u, word, &d, &f, &l, &c, rest);
    printf("n=%d a=%d b=%d u=%u word=%s d=%g f=%g l=%ld c=%c rest=[%s]\n", n, a, b, u, word, d, f, l, c, rest);
    n = sscanf("12abc", "%d%n", &a, &b);
    printf("n=%d a=%d consumed=%d\n", n, a, b);
    n = sscanf("abc", "%d", &a);
    printf("mismatch n=%d\n", n);
    n = sscanf("", "%d", &a);
    printf("empty n=%d\n", n);
    n = sscanf("key=value;other", "%31[^=]=%63[^;]", word, rest);
    printf("n=%d key=%s value=%s\n", n, word, rest);
    n = sscanf("2024-01-15T10:20:30", "%4d-%2d-%2dT%2d:%2d:%2d", &a, &b, (int *)&u, &a, &b, (int *)&u);
    printf("date n=%d\n", n);
    unsigned char h1, h2; short sh;
    n = sscanf("255 256 -32768", "%hhu %hhu %hd", &h1, &h2, &sh);
    printf("n=%d %u %u %d\n", n, h1, h2, sh);
    n = sscanf("0777 0x10 10", "%i %i %i", &a, &b, (int *)&u);
    printf("%%i: %d %d %d\n", a, b, (int)u);
    n = sscanf("inf nan -0.0", "%lf %f %lf", &d, &f, &d);
    printf("n=%d %g\n", n, d);
    for (int i = 0; i < 20; i++) {
        char t[64];
        snprintf(t, sizeof t, "%d:%.*f:%e", i * 37 - 100, i % 7, i / 7.0, i * 1e10);
        int x; double y, z;
        sscanf(t, "%d:%lf:%lf", &x, &y, &z);
        printf("%s -> %d %.17g %.17g\n", t, x, y, z);
    }
    return 0;
}
