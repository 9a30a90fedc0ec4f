/* time(), clock_gettime, gettimeofday, clock: print only facts that hold natively and
 * under qvm (the values themselves are never printed). */
#include <stdio.h>
#include <time.h>
#include <sys/time.h>

int main(void) {
    time_t t = time(NULL), t2;
    time(&t2);
    printf("time positive %d consistent %d\n", t > 0, t2 >= t);
    struct timespec ts, mono1, mono2, res;
    printf("realtime rc %d\n", clock_gettime(CLOCK_REALTIME, &ts));
    printf("realtime nsec in range %d sec positive %d\n", ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000, ts.tv_sec > 0);
    printf("realtime close to time() %d\n", ts.tv_sec - t < 100 && t - ts.tv_sec < 100);
    printf("monotonic rc %d\n", clock_gettime(CLOCK_MONOTONIC, &mono1));
    volatile unsigned long spin = 0;
    for (int i = 0; i < 100000; i++) spin += i;
    clock_gettime(CLOCK_MONOTONIC, &mono2);
    printf("monotonic non-decreasing %d\n", mono2.tv_sec > mono1.tv_sec || (mono2.tv_sec == mono1.tv_sec && mono2.tv_nsec >= mono1.tv_nsec));
    printf("clock_getres rc %d\n", clock_getres(CLOCK_REALTIME, &res));
    struct timeval tv;
    int rc = gettimeofday(&tv, NULL);
    printf("gettimeofday rc %d usec in range %d\n", rc, tv.tv_usec >= 0 && tv.tv_usec < 1000000);
    printf("clock() non-negative %d\n", clock() >= 0);
    struct tm tmv;
    time_t fixed = 1700000000;
    gmtime_r(&fixed, &tmv);
    char buf[64];
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %j %a %b", &tmv);
    printf("gmtime(1700000000) = %s\n", buf);
    printf("mktime round trip %d\n", timegm(&tmv) == fixed);
    struct timespec nap = {0, 1000000};
    printf("nanosleep rc %d\n", nanosleep(&nap, NULL));
    return 0;
}
