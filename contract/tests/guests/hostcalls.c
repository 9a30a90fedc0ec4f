/* Exercises the host calls: storage get/set/remove of undeclared keys, events with a
 * topic, and hashing — the parts of the ABI that env vars and stdout cannot do. */
#include <stdio.h>
#include <string.h>
#include "../../../sdk/c/qvm.h"

int main(int argc, char **argv) {
    if (argc >= 2 && strcmp(argv[1], "construct") == 0) {
        qvm_host_set("greeting", "hello");
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "read") == 0) {
        char buf[64];
        long n = qvm_host_get("greeting", buf, sizeof buf);
        if (n < 0) { fprintf(stderr, "get failed %ld\n", n); return 1; }
        printf("greeting=%.*s\n", (int)n, buf);
        long m = qvm_host_get("missing", buf, sizeof buf);
        printf("missing=%ld\n", m);
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "write") == 0) {
        qvm_host_set("counter", "1");
        qvm_host_remove("greeting");
        qvm_host_emit("topic-a", "payload");
        uint8_t h[32];
        qvm_host_sha3_256("abc", 3, h);
        for (int i = 0; i < 4; i++) printf("%02x", h[i]);
        printf("\n");
        return 0;
    }
    if (argc >= 2 && strcmp(argv[1], "badptr") == 0) {
        long r = qvm_host4(QVM_HOST_BASE + 1, 16, 1, (long)"x", 1);
        printf("badptr=%ld\n", r);
        return 0;
    }
    return 2;
}
