/* mem and str functions at every alignment (0..63) and many lengths (0..300),
 * printing checksums of the results. */
#include <stdio.h>
#include <string.h>
#include <stdint.h>

#define MAXLEN 300
#define ALIGN 64
static unsigned char src[MAXLEN + 2 * ALIGN + 64];
static unsigned char dst[MAXLEN + 2 * ALIGN + 64];
static unsigned char big[2 * (MAXLEN + 2 * ALIGN) + 64];
static uint64_t h = 1469598103934665603ULL;
static void mix(uint64_t v) { h = (h ^ v) * 1099511628211ULL; }
static void mixbuf(const unsigned char *p, size_t n) { for (size_t i = 0; i < n; i++) mix(p[i]); }

static int sgn(int x) { return (x > 0) - (x < 0); }

int main(void) {
    for (size_t i = 0; i < sizeof src; i++) src[i] = (unsigned char)(i * 7 + 1);
    uint64_t per_op[10] = {0};
    for (int off = 0; off < ALIGN; off++) {
        int doff = (off * 5 + 3) % ALIGN;
        for (int len = 0; len <= MAXLEN; len += (len < 70 ? 1 : 13)) {
            uint64_t h0 = h;
            /* memcpy */
            memset(dst, 0xAA, sizeof dst);
            memcpy(dst + doff, src + off, len);
            mixbuf(dst + (doff ? doff - 1 : 0), len + 2);
            per_op[0] += h != h0;
            /* memset */
            memset(dst + off, off ^ len, len);
            mix(dst[off + len]); mix(len ? dst[off + len - 1] : 0); mix(dst[off ? off - 1 : 0]);
            /* memcmp */
            memcpy(dst + doff, src + off, len);
            mix(sgn(memcmp(dst + doff, src + off, len)) + 2);
            if (len) { dst[doff + len - 1] ^= 0x80; mix(sgn(memcmp(dst + doff, src + off, len)) + 2); }
            if (len > 1) { dst[doff + len / 2] = 0; mix(sgn(memcmp(dst + doff, src + off, len)) + 2); }
            /* memmove, overlapping both ways */
            memcpy(big, src, sizeof src);
            memmove(big + off + 5, big + off, len);
            memmove(big + doff, big + doff + 3, len);
            mixbuf(big + (off < doff ? off : doff), len + 8);
            /* strings: a NUL-terminated run of non-zero bytes */
            unsigned char *s = dst + off;
            for (int i = 0; i < len; i++) s[i] = (unsigned char)('a' + (i * 11 + off) % 26);
            s[len] = 0;
            mix(strlen((char *)s));
            mix(strnlen((char *)s, len / 2));
            char *p = strchr((char *)s, 'q'); mix(p ? (uint64_t)(p - (char *)s) : 999);
            p = strrchr((char *)s, 'q'); mix(p ? (uint64_t)(p - (char *)s) : 999);
            p = strchr((char *)s, 0); mix((uint64_t)(p - (char *)s));
            p = memchr(s, 'z', len); mix(p ? (uint64_t)(p - (char *)s) : 999);
            unsigned char *t = big + doff;
            memcpy(t, s, len + 1);
            mix(sgn(strcmp((char *)s, (char *)t)) + 2);
            if (len) { t[len - 1]++; mix(sgn(strcmp((char *)s, (char *)t)) + 2); mix(sgn(strncmp((char *)s, (char *)t, len - 1)) + 2); }
            p = strstr((char *)s, "klm"); mix(p ? (uint64_t)(p - (char *)s) : 999);
            p = strstr((char *)s, "xyzab"); mix(p ? (uint64_t)(p - (char *)s) : 999);
            p = strstr((char *)s, ""); mix((uint64_t)(p - (char *)s));
            strcpy((char *)t, (char *)s); mix(strlen((char *)t));
            strncpy((char *)t, (char *)s, len / 3 + 1); mix(t[len / 3]);
            mix(strspn((char *)s, "abcdefghijklm")); mix(strcspn((char *)s, "xyz"));
            t[0] = 0; strcat((char *)t, (char *)s); strcat((char *)t, "END"); mix(strlen((char *)t));
            per_op[1] += len;
        }
    }
    printf("checksum %016llx bytes %llu changed %llu\n", (unsigned long long)h,
           (unsigned long long)per_op[1], (unsigned long long)per_op[0]);
    /* some direct results */
    printf("%d %d %d\n", sgn(strcmp("abc", "abd")), sgn(strcmp("b", "abc")), sgn(memcmp("\x80", "\x01", 1)));
    printf("%zu %s %s\n", strlen("hello"), strstr("haystack with needle", "needle"), strrchr("a/b/c", '/'));
    char tok[] = "alpha,beta,,gamma delta";
    for (char *q = strtok(tok, ", "); q; q = strtok(NULL, ", ")) printf("[%s]", q);
    printf("\n");
    return 0;
}
