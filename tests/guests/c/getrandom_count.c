/* getrandom and /dev/urandom: print only the counts (the bytes differ natively). */
#include <stdio.h>
#include <sys/random.h>
#include <fcntl.h>
#include <unistd.h>

int main(void) {
    unsigned char buf[300];
    printf("getrandom 64 -> %zd\n", getrandom(buf, 64, 0));
    printf("getrandom 0 -> %zd\n", getrandom(buf, 0, 0));
    printf("getrandom 256 nonblock -> %zd\n", getrandom(buf, 256, GRND_NONBLOCK));
    int fd = open("/dev/urandom", O_RDONLY);
    printf("open /dev/urandom %s\n", fd >= 0 ? "ok" : "failed");
    printf("read 16 -> %zd\n", read(fd, buf, 16));
    printf("read 300 -> %zd\n", read(fd, buf, 300));
    close(fd);
    /* a 64-byte value that is all zero is astronomically unlikely */
    getrandom(buf, 64, 0);
    int nz = 0;
    for (int i = 0; i < 64; i++) nz |= buf[i];
    printf("non-zero %d\n", nz != 0);
    return 0;
}
