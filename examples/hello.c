/* A small program to try qvm with: prints its arguments, a float and a checksum. */
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv) {
    unsigned long h = 5381;
    for (int i = 1; i < argc; i++) {
        printf("hello, %s!\n", argv[i]);
        for (const char *p = argv[i]; *p; p++) h = h * 33 + (unsigned char)*p;
    }
    printf("pi is about %.6f, checksum %lu\n", 355.0 / 113.0, h);
    return argc > 1 ? 0 : 1;
}
