/* A contract for the contract layer's tests: each command exercises one ABI path. */
#include "qvm.h"
#include <sys/random.h>

int main(int argc, char **argv) {
    if (qvm_is_construct(argc, argv)) {
        for (int i = 2; i + 1 < argc; i += 2) qvm_set(argv[i], argv[i + 1]);
        return 0;
    }
    const char *cmd = argc > 1 ? argv[1] : "";
    if (!strcmp(cmd, "write")) { for (int i = 2; i + 1 < argc; i += 2) qvm_set(argv[i], argv[i + 1]); return 0; }
    if (!strcmp(cmd, "del")) { qvm_del(argv[2]); return 0; }
    if (!strcmp(cmd, "stderr")) { qvm_set("x", "1"); fflush(stdout); fputs("bad thing\n", stderr); return 0; }
    if (!strcmp(cmd, "exit")) { qvm_set("x", "1"); fflush(stdout); return atoi(argv[2]); }
    if (!strcmp(cmd, "fault")) { qvm_set("x", "1"); fflush(stdout); return *(volatile int *)8; }
    if (!strcmp(cmd, "spin")) { qvm_set("x", "1"); fflush(stdout); for (volatile unsigned long i = 0;; i++) {} }
    if (!strcmp(cmd, "raw")) { fputs(argv[2], stdout); return 0; }
    if (!strcmp(cmd, "rawbyte")) { qvm_set("x", "1"); putchar(0xff); putchar('\n'); return 0; }
    if (!strcmp(cmd, "big")) {
        size_t n = strtoul(argv[3], NULL, 10);
        char *v = malloc(n + 1);
        memset(v, 'x', n); v[n] = 0;
        qvm_set(argv[2], v);
        return 0;
    }
    if (!strcmp(cmd, "getenv")) { const char *v = getenv(argv[2]); printf("%s\n", v ? v : "(unset)"); return 0; }
    if (!strcmp(cmd, "get")) { const char *v = qvm_get(argv[2]); printf("%s\n", v ? v : "(none)"); return 0; }
    if (!strcmp(cmd, "rand")) {
        unsigned char b[8];
        if (getrandom(b, 8, 0) != 8) qvm_revert("getrandom");
        for (int i = 0; i < 8; i++) printf("%02x", b[i]);
        printf("\n");
        return 0;
    }
    if (!strcmp(cmd, "host")) { uint8_t h[32]; printf("%ld\n", qvm_host_sha3_256("abc", 3, h)); return 0; }
    if (!strcmp(cmd, "event")) { qvm_event("%s", argv[2]); return 0; }
    qvm_revert("unknown command %s", cmd);
}
