/* argv and the environment: printing, getenv, setenv, unsetenv, putenv. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static void dump(const char *title) {
    int n = 0;
    printf("%s:\n", title);
    for (char **e = environ; *e; e++, n++) printf("  env[%d] = \"%s\"\n", n, *e);
}

int main(int argc, char **argv) {
    printf("argc = %d\n", argc);
    for (int i = 0; i < argc; i++) printf("argv[%d] = \"%s\" (%zu)\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is %s\n", argv[argc] ? "non-null" : "NULL");
    dump("initial");
    const char *names[] = {"HOME", "PATH", "QVM_A", "QVM_EMPTY", "QVM_EQ", "NOPE"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const char *v = getenv(names[i]);
        printf("getenv(%s) = %s%s%s\n", names[i], v ? "\"" : "", v ? v : "NULL", v ? "\"" : "");
    }
    setenv("QVM_NEW", "fresh", 0);
    setenv("QVM_A", "overwritten", 1);
    setenv("QVM_EMPTY", "not-overwritten", 0);
    unsetenv("QVM_EQ");
    static char put[] = "QVM_PUT=via putenv";
    putenv(put);
    for (int i = 0; i < 50; i++) {
        char k[32], v[32];
        snprintf(k, sizeof k, "K%02d", i);
        snprintf(v, sizeof v, "v%d", i * i);
        setenv(k, v, 1);
    }
    for (int i = 0; i < 50; i += 2) { char k[32]; snprintf(k, sizeof k, "K%02d", i); unsetenv(k); }
    dump("after");
    clearenv();
    printf("after clearenv: %s\n", environ == NULL || *environ == NULL ? "empty" : "not empty");
    return 0;
}
