/* exit(3) runs atexit handlers (in reverse) and flushes stdio. */
#include <stdio.h>
#include <stdlib.h>
static void h1(void) { printf("handler 1\n"); }
static void h2(void) { printf("handler 2\n"); fprintf(stderr, "handler 2 on stderr\n"); }
int main(void) {
    atexit(h1);
    atexit(h2);
    printf("buffered, not flushed");
    exit(3);
}
