/* Two bytecode interpreters hot enough to be compiled as regions: one threaded
 * (computed goto, a dispatch at the end of every handler) and one switch-based
 * (one jump table at the top of the loop). Regions continue at the targets a
 * computed jump was seen to take; every opcode here runs often, a few only in
 * some programs, so those regions hold some handlers and exit for the others. */
#include <stdint.h>
#include <stdio.h>

enum { PUSH, ADD, SUB, MUL, XOR, SHR, DUP, SWAP, OVER, DROP, DEC, JNZ, LOAD, STORE, HALT };

static long mem[16];

static long threaded(const long *code) {
    static void *labels[] = {&&push, &&add, &&sub, &&mul,  &&xor,   &&shr, &&dup, &&swap,
                             &&over, &&drop, &&dec, &&jnz, &&load, &&store, &&halt};
    long stack[64];
    int sp = 0;
    const long *pc = code;
#define NEXT goto *labels[*pc++]
    NEXT;
push: stack[sp++] = *pc++; NEXT;
add: sp--; stack[sp - 1] += stack[sp]; NEXT;
sub: sp--; stack[sp - 1] -= stack[sp]; NEXT;
mul: sp--; stack[sp - 1] *= stack[sp]; NEXT;
xor: sp--; stack[sp - 1] ^= stack[sp]; NEXT;
shr: sp--; stack[sp - 1] = (long)((unsigned long)stack[sp - 1] >> (stack[sp] & 63)); NEXT;
dup: stack[sp] = stack[sp - 1]; sp++; NEXT;
swap: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } NEXT;
over: stack[sp] = stack[sp - 2]; sp++; NEXT;
drop: sp--; NEXT;
dec: stack[sp - 1]--; NEXT;
jnz: { long off = *pc++; if (stack[--sp]) pc = code + off; } NEXT;
load: stack[sp - 1] = mem[stack[sp - 1] & 15]; NEXT;
store: sp -= 2; mem[stack[sp + 1] & 15] = stack[sp]; NEXT;
halt: return stack[sp - 1];
#undef NEXT
}

static long switched(const long *code) {
    long stack[64];
    int sp = 0;
    const long *pc = code;
    for (;;) {
        switch (*pc++) {
        case PUSH: stack[sp++] = *pc++; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case SHR: sp--; stack[sp - 1] = (long)((unsigned long)stack[sp - 1] >> (stack[sp] & 63)); break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { long t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; } break;
        case OVER: stack[sp] = stack[sp - 2]; sp++; break;
        case DROP: sp--; break;
        case DEC: stack[sp - 1]--; break;
        case JNZ: { long off = *pc++; if (stack[--sp]) pc = code + off; } break;
        case LOAD: stack[sp - 1] = mem[stack[sp - 1] & 15]; break;
        case STORE: sp -= 2; mem[stack[sp + 1] & 15] = stack[sp]; break;
        case HALT: return stack[sp - 1];
        default: return -1;
        }
    }
}

int main(int argc, char **argv) {
    long n = 20000 + argc; /* not a compile-time constant */
    (void)argv;
    /* h = 1469598103; i = n; loop: h = (h ^ i) * 1099511; h ^= h >> 29; i--; while i; */
    long hash[] = {PUSH, 1469598103, PUSH, 0, /*4:*/ SWAP, OVER, XOR, PUSH, 1099511, MUL,
                   DUP, PUSH, 29, SHR, XOR, SWAP, DEC, DUP, JNZ, 4, DROP, HALT};
    hash[3] = n;
    /* mem[i & 15] += i for i = n..1, then the sum of mem through LOAD. */
    long table[] = {PUSH, 0, /*2:*/ DUP, DUP, LOAD, ADD, OVER, STORE, DEC, DUP, JNZ, 2,
                    DROP, PUSH, 0, PUSH, 3, LOAD, ADD, PUSH, 7, LOAD, SUB, HALT};
    table[1] = n;
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < 16; i++) mem[i] = i * round;
        long a = threaded(hash), b = switched(hash);
        printf("round %d hash threaded %ld switched %ld\n", round, a, b);
        long c = threaded(table);
        for (int i = 0; i < 16; i++) mem[i] = i * round;
        long d = switched(table);
        printf("round %d table threaded %ld switched %ld mem[5] %ld\n", round, c, d, mem[5]);
        hash[1] += c & 0xffff;
    }
    return 0;
}
