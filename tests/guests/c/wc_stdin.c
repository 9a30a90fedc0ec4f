/* Word/line/byte count of stdin, plus a byte histogram checksum and the longest line. */
#include <stdio.h>
#include <ctype.h>
#include <unistd.h>

int main(void) {
    unsigned long lines = 0, words = 0, bytes = 0, longest = 0, cur = 0, hist[256] = {0};
    int inword = 0;
    unsigned char buf[1000];
    ssize_t n;
    unsigned long reads = 0;
    /* raw read(2) in odd-sized chunks */
    while ((n = read(0, buf, sizeof buf)) > 0) {
        reads++;
        for (ssize_t i = 0; i < n; i++) {
            unsigned char c = buf[i];
            bytes++; hist[c]++;
            if (c == '\n') { lines++; if (cur > longest) longest = cur; cur = 0; } else cur++;
            if (isspace(c)) inword = 0; else if (!inword) { inword = 1; words++; }
        }
    }
    if (n < 0) { perror("read"); return 1; }
    unsigned long long h = 0;
    for (int i = 0; i < 256; i++) h = h * 1000003 + hist[i];
    printf("%lu %lu %lu longest %lu hist %016llx\n", lines, words, bytes, longest, h);
    printf("read after EOF: %zd\n", read(0, buf, sizeof buf));
    return reads == 0 ? 3 : 0;
}
