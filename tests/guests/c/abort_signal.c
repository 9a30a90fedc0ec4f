/* abort(): SIGABRT (status 134) after writing to stderr. */
#include <stdio.h>
#include <stdlib.h>
int main(void) {
    fprintf(stderr, "about to abort\n");
    printf("stdout line\n");
    fflush(stdout);
    abort();
}
