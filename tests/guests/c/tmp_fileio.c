/* File I/O in a private directory under /tmp (argv[1]): fopen/fwrite/fseek/fread,
 * rename, unlink, stat, opendir/readdir (sorted), rmdir. Prints no absolute names. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

static char path[4096];
static const char *at(const char *dir, const char *name) { snprintf(path, sizeof path, "%s/%s", dir, name); return path; }
static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) { printf("opendir failed: %s\n", strerror(errno)); exit(1); }
    char *names[64]; int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 64) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, cmp);
    printf("listing (%d):", n);
    for (int i = 0; i < n; i++) {
        struct stat st;
        if (strcmp(names[i], ".") && strcmp(names[i], "..")) {
            if (stat(at(dir, names[i]), &st)) { printf(" stat failed"); continue; }
            /* a directory's st_size is file-system specific: not printed */
            if (S_ISDIR(st.st_mode)) printf(" %s(dir)", names[i]);
            else printf(" %s(%lld)", names[i], (long long)st.st_size);
        } else printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: tmp_fileio DIR\n"); return 2; }
    const char *dir = argv[1];
    if (mkdir(dir, 0700)) { printf("mkdir: %s\n", strerror(errno)); return 1; }
    printf("mkdir again: %s\n", mkdir(dir, 0700) ? strerror(errno) : "succeeded?!");
    FILE *f = fopen(at(dir, "data.bin"), "w+b");
    if (!f) { printf("fopen: %s\n", strerror(errno)); return 1; }
    unsigned char buf[10000];
    for (int i = 0; i < 10000; i++) buf[i] = (unsigned char)(i * 31 + (i >> 8));
    printf("fwrite %zu\n", fwrite(buf, 1, sizeof buf, f));
    printf("ftell %ld\n", ftell(f));
    printf("fseek %d\n", fseek(f, 1234, SEEK_SET));
    unsigned char rd[100];
    printf("fread %zu\n", fread(rd, 1, 100, f));
    printf("match %d\n", memcmp(rd, buf + 1234, 100) == 0);
    fseek(f, -10, SEEK_END);
    size_t got = fread(rd, 1, 100, f);
    printf("tail fread %zu ftell %ld\n", got, ftell(f));
    printf("eof %d\n", feof(f) != 0);
    fseek(f, 20000, SEEK_SET);
    fputs("past the end", f);
    fclose(f);
    struct stat st;
    stat(at(dir, "data.bin"), &st);
    printf("size after sparse write %lld\n", (long long)st.st_size);
    f = fopen(at(dir, "data.bin"), "rb");
    fseek(f, 15000, SEEK_SET);
    int zeros = 0;
    for (int i = 0; i < 5000; i++) zeros += fgetc(f) == 0;
    printf("hole zeros %d\n", zeros);
    fclose(f);

    f = fopen(at(dir, "text.txt"), "w");
    for (int i = 0; i < 100; i++) fprintf(f, "line %d: %s\n", i, i % 3 ? "fizz" : "buzz");
    fclose(f);
    f = fopen(at(dir, "text.txt"), "a");
    fprintf(f, "appended\n");
    fclose(f);
    f = fopen(at(dir, "text.txt"), "r");
    char line[256]; int lines = 0; unsigned long sum = 0;
    while (fgets(line, sizeof line, f)) { lines++; for (char *c = line; *c; c++) sum += (unsigned char)*c; }
    fclose(f);
    printf("text lines %d sum %lu\n", lines, sum);

    /* raw fds */
    int fd = open(at(dir, "raw"), O_CREAT | O_EXCL | O_RDWR, 0644);
    printf("open raw %s\n", fd >= 0 ? "ok" : strerror(errno));
    printf("write %zd\n", write(fd, "0123456789", 10));
    printf("lseek %lld\n", (long long)lseek(fd, 3, SEEK_SET));
    char c4[5] = {0};
    printf("read %zd '%s'\n", read(fd, c4, 4), c4);
    printf("pread %zd\n", pread(fd, c4, 2, 8));
    printf("ftruncate %d\n", ftruncate(fd, 4));
    fstat(fd, &st);
    printf("fstat size %lld\n", (long long)st.st_size);
    close(fd);
    printf("open excl again: %s\n", open(at(dir, "raw"), O_CREAT | O_EXCL | O_RDWR, 0644) < 0 ? strerror(errno) : "succeeded?!");

    list(dir);
    char from[4096];
    snprintf(from, sizeof from, "%s/text.txt", dir);
    printf("rename %d\n", rename(from, at(dir, "renamed.txt")));
    printf("open old name: %s\n", fopen(from, "r") ? "exists?!" : strerror(errno));
    printf("mkdir sub %d\n", mkdir(at(dir, "sub"), 0755));
    list(dir);
    printf("rmdir non-empty: %s\n", rmdir(dir) ? strerror(errno) : "succeeded?!");
    printf("unlink %d %d %d\n", unlink(at(dir, "renamed.txt")), unlink(at(dir, "data.bin")), unlink(at(dir, "raw")));
    printf("unlink missing: %s\n", unlink(at(dir, "raw")) ? strerror(errno) : "succeeded?!");
    printf("rmdir sub %d\n", rmdir(at(dir, "sub")));
    list(dir);
    printf("rmdir %d\n", rmdir(dir));
    printf("stat removed: %s\n", stat(dir, &st) ? strerror(errno) : "exists?!");
    return 0;
}
