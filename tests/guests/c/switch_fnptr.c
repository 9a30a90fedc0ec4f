/* Dense switch (jump tables), sparse switch, function pointer tables, computed goto,
 * a tiny bytecode interpreter. */
#include <stdio.h>
#include <stdint.h>

__attribute__((noinline)) static int dense(int x) {
    switch (x) {
    case 0: return 11; case 1: return 23; case 2: return 37; case 3: return 41; case 4: return 53;
    case 5: return 67; case 6: return 71; case 7: return 89; case 8: return 97; case 9: return 101;
    case 10: return 113; case 11: return 127; case 12: return 131; case 13: return 149;
    case 14: return 151; case 15: return 163; case 16: return 173; case 17: return 181;
    case 18: return 191; case 19: return 199; case 20: return 211; case 21: return 223;
    default: return -x;
    }
}
__attribute__((noinline)) static int sparse(long x) {
    switch (x) {
    case -1000000: return 1; case -7: return 2; case 0: return 3; case 99: return 4;
    case 1024: return 5; case 65536: return 6; case 1L << 40: return 7; default: return 0;
    }
}
static long f_add(long a, long b) { return a + b; }
static long f_sub(long a, long b) { return a - b; }
static long f_mul(long a, long b) { return a * b; }
static long f_xor(long a, long b) { return a ^ b; }
static long f_max(long a, long b) { return a > b ? a : b; }
static long (*const ops[])(long, long) = {f_add, f_sub, f_mul, f_xor, f_max};

enum { PUSH, ADD, MUL, DUP, SWAP, JNZ, DEC, HALT, OVER, POP };
static long run(const long *code) {
    static void *labels[] = {&&push, &&add, &&mul, &&dup, &&swap, &&jnz, &&dec, &&halt, &&over, &&pop};
    long stack[64]; int sp = 0; const long *pc = code;
#define NEXT goto *labels[*pc++]
    NEXT;
push: stack[sp++] = *pc++; NEXT;
add: sp--; stack[sp - 1] += stack[sp]; NEXT;
mul: sp--; stack[sp - 1] *= stack[sp]; NEXT;
dup: stack[sp] = stack[sp - 1]; sp++; NEXT;
swap: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } NEXT;
jnz: { long off = *pc++; if (stack[--sp]) pc = code + off; } NEXT;
dec: stack[sp - 1]--; NEXT;
over: stack[sp] = stack[sp - 2]; sp++; NEXT;
pop: sp--; NEXT;
halt: return stack[sp - 1];
}

int main(void) {
    long acc = 0;
    for (int i = -5; i < 30; i++) { acc = acc * 7 + dense(i); printf("%d ", dense(i)); }
    printf("\ndense acc %ld\n", acc);
    long sp[] = {-1000000, -7, 0, 99, 1024, 65536, 1L << 40, 5, -1};
    for (int i = 0; i < 9; i++) printf("%d", sparse(sp[i]));
    printf("\n");
    long v = 1;
    for (int i = 0; i < 1000; i++) v = ops[i % 5](v, i + 3) & 0xffffffff;
    printf("fnptr %ld\n", v);
    /* acc = 1; n = 20; loop: acc *= n; n--; while n */
    long prog[] = {PUSH, 1, PUSH, 20, /*4*/ DUP, PUSH, 0, ADD, SWAP, OVER, MUL, SWAP, POP, SWAP, POP, PUSH, 0, POP,
                   /*18*/ HALT};
    (void)prog;
    long fact[] = {PUSH, 1, PUSH, 20, /*4:*/ SWAP, OVER, MUL, SWAP, DEC, DUP, JNZ, 4, POP, HALT};
    printf("bytecode 20! = %ld\n", run(fact));
    long cnt[] = {PUSH, 0, PUSH, 100000, /*4:*/ SWAP, PUSH, 3, ADD, SWAP, DEC, DUP, JNZ, 4, POP, HALT};
    printf("bytecode loop = %ld\n", run(cnt));
    return 0;
}
