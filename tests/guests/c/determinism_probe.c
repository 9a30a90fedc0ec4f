/* Prints every source of nondeterminism a Linux process has: getrandom, AT_RANDOM,
 * /dev/urandom, /dev/random, time(), clock_gettime (REALTIME, MONOTONIC), gettimeofday.
 * Used by the determinism tests (not compared with native: the values differ there). */
#include <stdio.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <sys/time.h>

static void hex(const char *label, const unsigned char *p, long n) {
    printf("%s ", label);
    for (long i = 0; i < n; i++) printf("%02x", p[i]);
    printf("\n");
}

static void dev(const char *label, const char *path) {
    unsigned char b[16] = {0};
    int fd = open(path, O_RDONLY);
    long n = fd >= 0 ? (long)read(fd, b, sizeof b) : -1;
    if (fd >= 0) close(fd);
    printf("%s_count %ld\n", label, n);
    hex(label, b, sizeof b);
}

int main(void) {
    unsigned char buf[32] = {0};
    long n = (long)getrandom(buf, sizeof buf, 0);
    printf("getrandom_count %ld\n", n);
    hex("getrandom", buf, sizeof buf);
    const unsigned char *at = (const unsigned char *)getauxval(AT_RANDOM);
    if (at) hex("at_random", at, 16); else printf("at_random missing\n");
    dev("urandom", "/dev/urandom");
    dev("random", "/dev/random");
    printf("time %lld\n", (long long)time(NULL));
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    printf("realtime_sec %lld\n", (long long)ts.tv_sec);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("gettimeofday_sec %lld\n", (long long)tv.tv_sec);
    clock_gettime(CLOCK_MONOTONIC, &ts);
    printf("monotonic %lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
    return 0;
}
