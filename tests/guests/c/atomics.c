/* C11 atomics, single thread: fetch ops, CAS loops, exchange, flags, all widths. */
#include <stdio.h>
#include <stdatomic.h>
#include <stdint.h>

int main(void) {
    _Atomic uint8_t a8 = 250; _Atomic uint16_t a16 = 65530; _Atomic uint32_t a32 = 0; _Atomic uint64_t a64 = 1;
    _Atomic int64_t s64 = -5;
    for (int i = 0; i < 1000; i++) {
        atomic_fetch_add(&a8, 3);
        atomic_fetch_sub_explicit(&a16, 7, memory_order_relaxed);
        atomic_fetch_or(&a32, 1u << (i % 32));
        atomic_fetch_xor(&a64, (uint64_t)i * 0x9e3779b97f4a7c15ULL);
        atomic_fetch_and(&a32, ~(1u << ((i * 7) % 32)));
        uint64_t old = atomic_load(&a64), want;
        do { want = old * 3 + 1; } while (!atomic_compare_exchange_weak(&a64, &old, want));
        atomic_fetch_add(&s64, i % 2 ? -i : i);
    }
    printf("%u %u %08x %016llx %lld\n", (unsigned)a8, (unsigned)a16, (unsigned)a32, (unsigned long long)a64, (long long)s64);
    uint32_t expected = 12345;
    int ok = atomic_compare_exchange_strong(&a32, &expected, 1);
    printf("cas fail %d expected now %08x\n", ok, expected);
    ok = atomic_compare_exchange_strong(&a32, &expected, 77);
    printf("cas ok %d value %u\n", ok, (unsigned)atomic_load(&a32));
    unsigned old32 = (unsigned)atomic_exchange(&a32, 5);
    printf("exchange old %u new %u\n", old32, (unsigned)a32);
    atomic_flag f = ATOMIC_FLAG_INIT;
    int f1 = atomic_flag_test_and_set(&f);
    int f2 = atomic_flag_test_and_set(&f);
    printf("flag %d %d\n", f1, f2);
    atomic_flag_clear(&f);
    printf("flag after clear %d\n", atomic_flag_test_and_set(&f));
    atomic_thread_fence(memory_order_seq_cst);
    _Atomic double ad = 0.5;
    for (int i = 0; i < 10; i++) { double o = ad; while (!atomic_compare_exchange_weak(&ad, &o, o * 1.5 + 1)); }
    printf("double %.17g lock-free %d %d\n", (double)ad, atomic_is_lock_free(&a64), atomic_is_lock_free(&a8));
    __int128 v = 5;
    __atomic_add_fetch(&a32, 3, __ATOMIC_SEQ_CST);
    printf("builtin %u %lld\n", (unsigned)a32, (long long)v);
    return 0;
}
