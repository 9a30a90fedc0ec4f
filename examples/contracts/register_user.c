/*
 * A QAN-style contract in C: users register a name, anyone looks them up.
 *
 *   construct            -> TOTAL_USERS=0
 *   register NAME        (reads TOTAL_USERS, NAME_<NAME>)  -> USER_<n>=NAME, NAME_<NAME>=n, event
 *   getuser N            (reads USER_<N>)                   -> prints the name
 *   count                (reads TOTAL_USERS)                -> prints the count
 *
 * Build: gcc -static -O2 -I ../../sdk/c register_user.c -o register_user
 */
#include "qvm.h"

static int valid_name(const char *s) {
    size_t n = strlen(s);
    if (n == 0 || n > 64) return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

int main(int argc, char **argv) {
    char key[128];
    if (qvm_is_construct(argc, argv)) {
        qvm_set("TOTAL_USERS", "0");
        return 0;
    }
    if (argc < 2) qvm_revert("usage: register NAME | getuser N | count");
    if (strcmp(argv[1], "register") == 0) {
        if (argc != 3 || !valid_name(argv[2])) qvm_revert("register: expected one name of 1-64 letters, digits or _");
        snprintf(key, sizeof key, "NAME_%s", argv[2]);
        if (qvm_get(key)) qvm_revert("register: %s is already registered", argv[2]);
        unsigned long long n = qvm_get_u64("TOTAL_USERS");
        char id[32];
        snprintf(id, sizeof id, "%llu", n);
        qvm_set(key, id);
        snprintf(key, sizeof key, "USER_%llu", n);
        qvm_set(key, argv[2]);
        qvm_set_u64("TOTAL_USERS", n + 1);
        qvm_event("registered %s as %llu by %s", argv[2], n, qvm_caller());
        printf("%llu\n", n);
        return 0;
    }
    if (strcmp(argv[1], "getuser") == 0) {
        if (argc != 3) qvm_revert("getuser: expected a user number");
        snprintf(key, sizeof key, "USER_%s", argv[2]);
        const char *name = qvm_get(key);
        if (!name) qvm_revert("getuser: no user %s", argv[2]);
        printf("%s\n", name);
        return 0;
    }
    if (strcmp(argv[1], "count") == 0) {
        printf("%llu\n", qvm_get_u64("TOTAL_USERS"));
        return 0;
    }
    qvm_revert("unknown command %s", argv[1]);
}
