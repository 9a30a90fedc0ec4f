/* Returning 42 from main. */
#include <stdio.h>
int main(int argc, char **argv) {
    (void)argv;
    printf("returning %d\n", 40 + argc + 1);
    return 40 + argc + 1;
}
