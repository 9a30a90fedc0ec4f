/* Interleaved stdout/stderr, perror, strerror, unbuffered and line-buffered streams,
 * raw write(2) on fds 1 and 2, and stdout left unflushed until exit. */
#include <stdio.h>
#include <string.h>
#include <errno.h>
#include <unistd.h>
#include <fcntl.h>

int main(void) {
    fprintf(stderr, "to stderr %d\n", 1);
    printf("to stdout %d\n", 1);
    write(2, "raw stderr\n", 11);
    write(1, "raw stdout\n", 11);
    errno = ENOENT;
    perror("perror test");
    for (int e = 1; e < 40; e++) fprintf(stderr, "%d:%s\n", e, strerror(e));
    int fd = open("/nonexistent/path/for/qvm", O_RDONLY);
    fprintf(stderr, "open: %d %s\n", fd, strerror(errno));
    printf("bad fd write: %zd errno %d\n", write(99, "x", 1), errno);
    printf("close bad fd: %d errno %d\n", close(99), errno);
    setvbuf(stdout, NULL, _IOFBF, 1 << 16);
    for (int i = 0; i < 2000; i++) printf("line %d of a long buffered stdout\n", i);
    for (int i = 0; i < 2000; i++) fprintf(stderr, "e%d ", i);
    fputc('\n', stderr);
    return 0;
}
