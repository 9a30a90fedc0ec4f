/*
 * qvm.h — write qvm contracts in C or C++ (header only; build with gcc/g++ -static).
 *
 * The ABI (qvm-contract, module abi): arguments in argv ("construct" as argv[1] during
 * deploy), declared state in DB_<KEY> environment variables, writes as "DBW=KEY=VALUE"
 * and "DBP=KEY" stdout lines, events as "OUT=TEXT", failure = anything on stderr or a
 * non-zero exit (nothing written is kept).
 *
 *   const char *v = qvm_get("count");          // NULL: no value; reverts if undeclared
 *   qvm_set("count", "1");
 *   qvm_event("count is 1");
 *   qvm_revert("not allowed: %s", qvm_caller());
 *
 * Host calls (qvm_host_*) use the reserved syscall range 0x51560000..; they return
 * -38 (ENOSYS) on an engine that does not route them.
 */
#ifndef QVM_H
#define QVM_H

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Fails the call: the message goes to stderr, the exit status is 1. */
static inline void qvm_revert(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
static inline void qvm_revert(const char *fmt, ...) {
    va_list ap;
    fflush(stdout);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

/* Whether the constructor succeeded before (DB_QVM_INITIALIZED=true). */
static inline int qvm_initialized(void) {
    const char *v = getenv("DB_QVM_INITIALIZED");
    return v && strcmp(v, "true") == 0;
}

/* Whether this run is the constructor. */
static inline int qvm_is_construct(int argc, char **argv) {
    return !qvm_initialized() && argc > 1 && strcmp(argv[1], "construct") == 0;
}

/* Whether `key` is in QVM_READ_KEYS (the keys the caller declared). */
static inline int qvm_declared(const char *key) {
    const char *list = getenv("QVM_READ_KEYS");
    size_t n = strlen(key);
    if (!list) return 0;
    while (*list) {
        const char *end = strchr(list, ',');
        size_t len = end ? (size_t)(end - list) : strlen(list);
        if (len == n && strncmp(list, key, n) == 0) return 1;
        if (!end) break;
        list = end + 1;
    }
    return 0;
}

/* A key's value, or NULL if none is stored. Reverts, naming the key, if the caller did
 * not declare it: an undeclared key is never silently empty. */
static inline const char *qvm_get(const char *key) {
    char name[300];
    if (strcmp(key, "QVM_INITIALIZED") != 0 && !qvm_declared(key))
        qvm_revert("key \"%s\" was read but not declared (declare it: qvm contract call -r %s ...)", key, key);
    if (snprintf(name, sizeof name, "DB_%s", key) >= (int)sizeof name)
        qvm_revert("key \"%.40s...\" is too long", key);
    return getenv(name);
}

/* A key's value as an unsigned number (absent: 0); reverts if it is not one. */
static inline unsigned long long qvm_get_u64(const char *key) {
    const char *v = qvm_get(key);
    char *end;
    unsigned long long n;
    if (!v) return 0;
    n = strtoull(v, &end, 10);
    if (*v == '\0' || *end != '\0') qvm_revert("key \"%s\" holds \"%s\", not a number", key, v);
    return n;
}

/* Sets a key (kept only if the call succeeds). */
static inline void qvm_set(const char *key, const char *value) {
    if (strchr(value, '\n')) qvm_revert("value of \"%s\" contains a newline", key);
    printf("DBW=%s=%s\n", key, value);
}

/* Sets a key to a number. */
static inline void qvm_set_u64(const char *key, unsigned long long value) {
    printf("DBW=%s=%llu\n", key, value);
}

/* Deletes a key. */
static inline void qvm_del(const char *key) { printf("DBP=%s\n", key); }

/* Emits an event (one line). */
static inline void qvm_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void qvm_event(const char *fmt, ...) {
    va_list ap;
    fputs("OUT=", stdout);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
}

/* Context: addresses are 40 hex digits. */
static inline const char *qvm_caller(void) { const char *v = getenv("QVM_CALLER"); return v ? v : ""; }
static inline const char *qvm_contract(void) { const char *v = getenv("QVM_CONTRACT"); return v ? v : ""; }
static inline unsigned long long qvm_block_height(void) {
    const char *v = getenv("QVM_BLOCK_HEIGHT"); return v ? strtoull(v, NULL, 10) : 0;
}
static inline unsigned long long qvm_block_timestamp(void) {
    const char *v = getenv("QVM_BLOCK_TIMESTAMP"); return v ? strtoull(v, NULL, 10) : 0;
}

/* ---- host calls ---- */

#define QVM_HOST_BASE 0x51560000L

static inline long qvm_host4(long nr, long a, long b, long c, long d) {
    long ret;
    register long r10 __asm__("r10") = d;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
    return ret;
}

/* Reads any key (declared or not) into buf: the value's length, -2 if absent. */
static inline long qvm_host_get(const char *key, char *buf, size_t cap) {
    return qvm_host4(QVM_HOST_BASE + 0, (long)key, (long)strlen(key), (long)buf, (long)cap);
}
static inline long qvm_host_set(const char *key, const char *value) {
    return qvm_host4(QVM_HOST_BASE + 1, (long)key, (long)strlen(key), (long)value, (long)strlen(value));
}
static inline long qvm_host_remove(const char *key) {
    return qvm_host4(QVM_HOST_BASE + 2, (long)key, (long)strlen(key), 0, 0);
}
static inline long qvm_host_emit(const char *topic, const char *data) {
    return qvm_host4(QVM_HOST_BASE + 3, (long)topic, (long)strlen(topic), (long)data, (long)strlen(data));
}
static inline long qvm_host_sha3_256(const void *data, size_t len, uint8_t out[32]) {
    return qvm_host4(QVM_HOST_BASE + 6, (long)data, (long)len, (long)out, 0);
}
static inline long qvm_host_keccak_256(const void *data, size_t len, uint8_t out[32]) {
    return qvm_host4(QVM_HOST_BASE + 7, (long)data, (long)len, (long)out, 0);
}
/* 1 valid, 0 invalid, negative: error. */
static inline long qvm_host_ed25519_verify(const uint8_t pk[32], const void *msg, size_t len, const uint8_t sig[64]) {
    return qvm_host4(QVM_HOST_BASE + 8, (long)pk, (long)msg, (long)len, (long)sig);
}

#ifdef __cplusplus
}
#endif

#endif /* QVM_H */
