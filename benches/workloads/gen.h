/* Deterministic, compressible test data: pseudo-random "log lines". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *gen_words[] = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel",
    "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra",
    "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu", "GET", "POST", "/index.html",
    "/api/v1/items", "200", "404", "500", "user", "session", "token"};

static unsigned char *gen_data(size_t len) {
    unsigned char *buf = malloc(len);
    uint64_t s = 0x9E3779B97F4A7C15ULL;
    size_t i = 0;
    unsigned line = 0;
    while (i < len) {
        char tmp[160];
        s ^= s << 13; s ^= s >> 7; s ^= s << 17;
        int n = snprintf(tmp, sizeof tmp, "%08u %s %s %s id=%llu t=%u\n", line++,
            gen_words[s % 36], gen_words[(s >> 8) % 36], gen_words[(s >> 16) % 36],
            (unsigned long long)((s >> 24) % 100000), (unsigned)((s >> 40) % 1000));
        for (int j = 0; j < n && i < len; j++) buf[i++] = (unsigned char)tmp[j];
    }
    return buf;
}

/* FNV-1a 64 over a buffer. */
static uint64_t fnv(const unsigned char *p, size_t n) {
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 1099511628211ULL; }
    return h;
}
