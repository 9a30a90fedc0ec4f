//! The integer ISA against the host CPU: ALU, shifts, multiply/divide, bit
//! instructions (BMI1, BMI2, ADX, LZCNT, POPCNT, MOVBE), data moves, stack,
//! control flow inside the snippet, atomics (XCHG, XADD, CMPXCHG, CMPXCHG8B/16B),
//! CMOVcc/SETcc/Jcc, LAHF/SAHF, PUSHF/POPF, string instructions — every snippet run
//! natively and under qvm with blocks of 1, 64 and 256 instructions (see
//! `isa_common`).

mod isa_common;
use isa_common::*;

const N: usize = 12;

const W8: [&str; 6] = ["al", "bl", "cl", "ah", "r9b", "dh"];
const W16: [&str; 4] = ["ax", "bx", "r10w", "dx"];
const W32: [&str; 4] = ["eax", "ebx", "r11d", "edx"];
const W64: [&str; 4] = ["rax", "rbx", "r12", "rdx"];

fn regs(w: u32) -> &'static [&'static str] {
    match w {
        8 => &W8,
        16 => &W16,
        32 => &W32,
        _ => &W64,
    }
}

fn ptr(w: u32) -> &'static str {
    match w {
        8 => "byte",
        16 => "word",
        32 => "dword",
        _ => "qword",
    }
}

#[test]
fn alu() {
    let mut cases = vec![];
    for op in [
        "add", "adc", "sub", "sbb", "and", "or", "xor", "cmp", "test",
    ] {
        let undef = if matches!(op, "and" | "or" | "xor" | "test") {
            AF
        } else {
            0
        };
        for w in [8, 16, 32, 64] {
            let r = regs(w);
            let p = ptr(w);
            cases.push(u(format!("{op} {}, {}", r[0], r[1]), undef));
            cases.push(u(format!("{op} {}, {}", r[2], r[3]), undef));
            cases.push(u(format!("{op} {}, {}", r[1], r[1]), undef));
            cases.push(u(format!("{op} {p} [rsi+8], {}", r[3]), undef));
            if op != "test" {
                cases.push(u(format!("{op} {}, {p} [rsi+16]", r[0]), undef));
            }
            cases.push(u(format!("{op} {}, 0x7f", r[2]), undef));
            cases.push(u(format!("{op} {}, -1", r[0]), undef));
            cases.push(u(format!("{op} {p} [rsi], -128",), undef));
            if w >= 16 {
                cases.push(u(
                    format!(
                        "{op} {}, {}",
                        r[1],
                        if w == 16 { "0x8000" } else { "0x7fffffff" }
                    ),
                    undef,
                ));
            }
        }
    }
    for op in ["inc", "dec", "neg", "not"] {
        for w in [8, 16, 32, 64] {
            cases.push(c(format!("{op} {}", regs(w)[0])));
            cases.push(c(format!("{op} {}", regs(w)[3])));
            cases.push(c(format!("{op} {} [rsi+4]", ptr(w))));
        }
    }
    // Carry chains: add/adc, sub/sbb across 128 bits, and flag-consuming sequences.
    cases.push(c("add rax, rbx\nadc rdx, rcx\nsetc r8b\nseto r9b"));
    cases.push(c("sub rax, rbx\nsbb rdx, rcx\nsbb r8, r8"));
    cases.push(c("cmp eax, ebx\nsbb ecx, ecx\nadc edx, 0"));
    cases.push(c("neg rax\nsbb rbx, rbx"));
    cases.push(c("xor eax, eax\nsetz al\ndec al"));
    check_all(&cases, N);
}

#[test]
fn shifts_and_rotates() {
    let mut cases = vec![];
    for op in ["shl", "shr", "sar", "rol", "ror", "rcl", "rcr"] {
        let rot = matches!(op, "rol" | "ror" | "rcl" | "rcr");
        // Shifts: AF undefined for a non-zero count; OF undefined unless the count is 1.
        // Rotates: AF is not affected; OF undefined unless the count is 1.
        // Shifts (not rotates) by a count >= the width leave CF undefined.
        for w in [8, 16, 32, 64] {
            let cmask = if w == 64 { 63 } else { 31 };
            let undef = |count: Option<u32>| -> u64 {
                match count.map(|k| k & cmask) {
                    Some(0) => 0,
                    Some(k) => {
                        let mut m = if rot { 0 } else { AF };
                        if k != 1 {
                            m |= OF;
                        }
                        if !rot && k >= w {
                            m |= CF;
                        }
                        m
                    }
                    None => (if rot { OF } else { AF | OF }) | if !rot && w <= 16 { CF } else { 0 },
                }
            };
            let r = regs(w);
            cases.push(u(format!("{op} {}, 1", r[0]), undef(Some(1))));
            cases.push(u(format!("{op} {} [rsi+8], 1", ptr(w)), undef(Some(1))));
            for imm in [0, 3, w - 1, w, w + 1, 31, 63] {
                cases.push(u(format!("{op} {}, {imm}", r[3]), undef(Some(imm))));
            }
            cases.push(u(format!("{op} {}, cl", r[1]), undef(None)));
            cases.push(u(format!("and ecx, 7\n{op} {}, cl", r[2]), undef(None)));
            cases.push(u(format!("{op} {} [rsi], cl", ptr(w)), undef(None)));
        }
    }
    for op in ["shld", "shrd"] {
        for w in [32, 64] {
            let r = regs(w);
            for imm in [0, 1, 5, w - 1] {
                let undef = if imm == 0 {
                    0
                } else {
                    AF | if imm == 1 { 0 } else { OF }
                };
                cases.push(u(format!("{op} {}, {}, {imm}", r[0], r[1]), undef));
            }
            cases.push(u(format!("{op} {}, {}, cl", r[2], r[3]), AF | OF));
            cases.push(u(format!("{op} {} [rsi], {}, cl", ptr(w), r[3]), AF | OF));
        }
        // 16-bit forms with counts up to 16 (larger counts leave the result undefined).
        cases.push(u(format!("and ecx, 15\n{op} ax, bx, cl"), AF | OF));
        cases.push(u(format!("{op} word [rsi], dx, 9"), AF | OF));
    }
    for op in ["sarx", "shlx", "shrx"] {
        cases.push(c(format!("{op} rax, rbx, rcx")));
        cases.push(c(format!("{op} eax, ebx, ecx")));
        cases.push(c(format!("{op} r9, [rsi], rdx")));
    }
    for imm in [0, 1, 13, 31, 63] {
        cases.push(c(format!("rorx rax, rbx, {imm}")));
        cases.push(c(format!("rorx eax, [rsi], {}", imm & 31)));
    }
    check_all(&cases, N);
}

#[test]
fn multiply_divide() {
    let mut cases = vec![];
    // MUL/IMUL: SF ZF AF PF undefined (CF = OF = high half non-zero / not sign).
    for w in [8, 16, 32, 64] {
        let r = regs(w);
        let un = SF | ZF | AF | PF;
        cases.push(u(format!("mul {}", r[1]), un));
        cases.push(u(format!("imul {}", r[3]), un));
        cases.push(u(format!("mul {} [rsi]", ptr(w)), un));
        cases.push(u(format!("imul {} [rsi+8]", ptr(w)), un));
        if w > 8 {
            cases.push(u(format!("imul {}, {}", r[0], r[1]), un));
            cases.push(u(format!("imul {}, {p} [rsi]", r[2], p = ptr(w)), un));
            cases.push(u(format!("imul {}, {}, -7", r[0], r[3]), un));
            cases.push(u(format!("imul {}, {}, 0x1234", r[1], r[2]), un));
        }
    }
    cases.push(c("mulx rax, rbx, rcx"));
    cases.push(c("mulx r8d, r9d, [rsi]"));
    cases.push(c("mov rdx, rbx\nmulx rdx, rax, rdx"));
    // DIV/IDIV: every flag undefined; divisors arranged so no #DE.
    let all = STATUS;
    cases.push(u("xor edx, edx\nor rbx, 1\ndiv rbx", all));
    cases.push(u("shr rdx, 1\nor rbx, rdx\nbts rbx, 63\ndiv rbx", all));
    cases.push(u("xor edx, edx\nor ebx, 1\ndiv ebx", all));
    cases.push(u("and edx, 0x7fff\nor bx, 0x8000\ndiv bx", all));
    cases.push(u("movzx eax, al\nor bl, 1\ndiv bl", all));
    cases.push(u(
        "and eax, 0x7fff\nor byte [rsi], 0x80\ndiv byte [rsi]",
        all,
    ));
    cases.push(u("shr rbx, 1\nor rbx, 2\ncqo\nidiv rbx", all));
    cases.push(u("shr rbx, 1\nor rbx, 2\nneg rbx\ncqo\nidiv rbx", all));
    cases.push(u("shr ebx, 1\nor ebx, 2\ncdq\nidiv ebx", all));
    cases.push(u("shr bx, 1\nor bx, 2\ncwd\nidiv bx", all));
    cases.push(u("shr bl, 1\nor bl, 2\ncbw\nidiv bl", all));
    cases.push(u("mov qword [rsi], 7\ncqo\nidiv qword [rsi]", all));
    check_all(&cases, N);
}

#[test]
fn bit_instructions() {
    let mut cases = vec![];
    // BT*: OF SF AF PF undefined, ZF unaffected.
    let bt = OF | SF | AF | PF;
    for op in ["bt", "bts", "btr", "btc"] {
        for w in [16, 32, 64] {
            let r = regs(w);
            cases.push(u(format!("{op} {}, {}", r[0], r[1]), bt));
            cases.push(u(format!("{op} {}, {}", r[3], (w - 1)), bt));
            cases.push(u(format!("{op} {} [rsi], 5", ptr(w)), bt));
            cases.push(u(format!("{op} {} [rsi+8], {}", ptr(w), w + 3), bt));
            // Register offsets into memory are signed and reach beyond the operand.
            let cx = match w {
                16 => "cx",
                32 => "ecx",
                _ => "rcx",
            };
            cases.push(u(
                format!(
                    "and ecx, 0x3ff\nsub rcx, 0x200\n{op} {} [rsi+0x80], {cx}",
                    ptr(w)
                ),
                bt,
            ));
        }
    }
    // BSF/BSR: CF OF SF AF PF undefined; a zero source leaves the destination.
    let bs = CF | OF | SF | AF | PF;
    for op in ["bsf", "bsr"] {
        for w in [16, 32, 64] {
            let r = regs(w);
            cases.push(u(format!("{op} {}, {}", r[0], r[1]), bs));
            cases.push(u(format!("{op} {}, {p} [rsi]", r[2], p = ptr(w)), bs));
            cases.push(u(format!("xor ebx, ebx\n{op} {}, {}", r[0], r[1]), bs));
        }
    }
    // LZCNT/TZCNT: OF SF AF PF undefined. POPCNT: all defined.
    for op in ["lzcnt", "tzcnt", "popcnt"] {
        let un = if op == "popcnt" { 0 } else { OF | SF | AF | PF };
        for w in [16, 32, 64] {
            let r = regs(w);
            cases.push(u(format!("{op} {}, {}", r[0], r[1]), un));
            cases.push(u(format!("{op} {}, {p} [rsi+8]", r[3], p = ptr(w)), un));
            cases.push(u(
                format!(
                    "xor ecx, ecx\n{op} {}, {}",
                    r[0],
                    match w {
                        16 => "cx",
                        32 => "ecx",
                        _ => "rcx",
                    }
                ),
                un,
            ));
        }
    }
    for w in [32, 64] {
        let r = regs(w);
        let cx = if w == 32 { "ecx" } else { "rcx" };
        cases.push(u(format!("andn {}, {}, {}", r[0], r[1], r[3]), AF | PF));
        cases.push(u(
            format!("andn {}, {}, {p} [rsi]", r[2], r[1], p = ptr(w)),
            AF | PF,
        ));
        cases.push(u(format!("bextr {}, {}, {cx}", r[0], r[1]), AF | SF | PF));
        cases.push(u(
            format!("and ecx, 0x7f7f\nbextr {}, {}, {cx}", r[0], r[1]),
            AF | SF | PF,
        ));
        cases.push(u(
            format!("bextr {}, {p} [rsi], {cx}", r[2], p = ptr(w)),
            AF | SF | PF,
        ));
        for op in ["blsi", "blsmsk", "blsr"] {
            cases.push(u(format!("{op} {}, {}", r[0], r[1]), AF | PF));
            cases.push(u(
                format!("{op} {}, {p} [rsi+8]", r[2], p = ptr(w)),
                AF | PF,
            ));
        }
        cases.push(u(format!("bzhi {}, {}, {cx}", r[0], r[1]), AF | PF));
        cases.push(u(
            format!("and ecx, 0x47\nbzhi {}, {}, {cx}", r[0], r[1]),
            AF | PF,
        ));
        cases.push(c(format!("pdep {}, {}, {}", r[0], r[1], r[3])));
        cases.push(c(format!("pext {}, {}, {}", r[0], r[1], r[3])));
        cases.push(c(format!("pdep {}, {}, {p} [rsi]", r[0], r[2], p = ptr(w))));
        cases.push(c(format!("pext {}, {}, {p} [rsi]", r[0], r[2], p = ptr(w))));
        cases.push(c(format!("adcx {}, {}", r[0], r[1])));
        cases.push(c(format!("adox {}, {}", r[0], r[1])));
        cases.push(c(format!("adcx {}, {p} [rsi]", r[2], p = ptr(w))));
        cases.push(c(format!("adox {}, {p} [rsi]", r[2], p = ptr(w))));
        cases.push(c(format!("bswap {}", r[0])));
        cases.push(c(format!("bswap {}", r[2])));
    }
    // ADX chains: two independent carry chains interleaved.
    cases.push(c(
        "xor r8d, r8d\nadcx rax, rbx\nadox rcx, rdx\nadcx r9, r10\nadox r11, r12\nadcx r8, r8",
    ));
    for w in [16, 32, 64] {
        let r = regs(w);
        cases.push(c(format!("movbe {}, {p} [rsi+3]", r[0], p = ptr(w))));
        cases.push(c(format!("movbe {p} [rsi+5], {}", r[1], p = ptr(w))));
    }
    for s in ["clc", "stc", "cmc", "cld", "std\nmov eax, 1\ncld", "std"] {
        cases.push(c(s));
    }
    for w in [8u32, 16, 32, 64] {
        let r = ["bl", "bx", "ebx", "rbx"][w.trailing_zeros() as usize - 3];
        let (o, s) = if w == 64 {
            ("rax", "q")
        } else {
            (
                "eax",
                if w == 8 {
                    "b"
                } else if w == 16 {
                    "w"
                } else {
                    "d"
                },
            )
        };
        cases.push(c(format!("crc32 {o}, {r}")));
        cases.push(c(format!("crc32 {o}, {} [rsi+1]", ptr(w))));
        let _ = s;
    }
    check_all(&cases, N);
}

#[test]
fn data_moves_and_stack() {
    let mut cases = vec![];
    for s in [
        "mov al, bh",
        "mov ah, bl",
        "mov ch, dh",
        "mov r9b, al",
        "mov ax, bx",
        "mov eax, ebx",
        "mov rax, rbx",
        "mov eax, -1",
        "mov rax, -1",
        "mov ax, 0x8000",
        "mov ah, 0xff",
        "mov rax, 0x123456789abcdef0",
        "mov [rsi], al",
        "mov [rsi+1], ah",
        "mov [rsi+2], bx",
        "mov [rsi+4], ecx",
        "mov [rsi+8], rdx",
        "mov al, [rsi+3]",
        "mov bh, [rsi+7]",
        "mov cx, [rsi+9]",
        "mov edx, [rsi+11]",
        "mov r8, [rsi+13]",
        "mov byte [rsi], 0x80",
        "mov word [rsi], -2",
        "mov dword [rsi], 0x7fffffff",
        "mov qword [rsi], -5",
        "movzx eax, bl",
        "movzx eax, bh",
        "movzx rax, word [rsi]",
        "movzx ax, cl",
        "movsx eax, bl",
        "movsx eax, bh",
        "movsx rax, word [rsi]",
        "movsx ax, cl",
        "movsxd rax, ebx",
        "movsxd rcx, dword [rsi+4]",
        "movzx r10d, r11b",
        "lea rax, [rbx+rcx*4+0x12]",
        "lea eax, [rbx+rcx*8-1]",
        "lea ax, [rbx+rdx]",
        "lea rax, [rsi+rdi*2]",
        "lea eax, [ebx+ecx*4+7]",
        "lea rax, [ebx+ecx]",
        "lea r9, [r10+r11*1+0x7fffffff]",
        "lea rax, [rel $]",
        "cbw",
        "cwde",
        "cdqe",
        "cwd",
        "cdq",
        "cqo",
        "xchg rax, rbx",
        "xchg eax, ebx",
        "xchg ax, bx",
        "xchg al, ah",
        "xchg bh, cl",
        "xchg [rsi], rcx",
        "xchg [rsi+1], dl",
        "xchg eax, eax",
        "xchg [rsi+2], ax",
        "nop",
        "pause",
        "lfence\nmfence\nsfence",
        "prefetcht0 [rsi]\nprefetchnta [rsi+64]\nprefetchw [rsi]",
        // Wild addresses (the registers are random): a prefetch never faults.
        "prefetcht0 [rax+rbx*8]\nprefetcht1 [rcx-4096]\nprefetcht2 [rdx]\nprefetchnta [rbp+rdi]",
        "prefetcht0 [fs:rax]\nprefetchnta [gs:rbx+8]\nprefetcht0 [0x7fffffff]\nprefetcht0 [rel $]",
        "clflush [rsi]",
        "push rax\npop rbx",
        "push ax\npop bx",
        "push qword [rsi]\npop qword [rsi+8]",
        "push -1\npop rcx",
        "push 0x7f\npop rcx",
        "push word 0x1234\npop dx",
        "push rsp\npop rax",
        "pop rax\npush rax",
        "push rbp\nmov rbp, rsp\nsub rsp, 32\nmov [rbp-8], rax\nleave",
        "enter 16, 0\nmov [rbp-8], rbx\nleave",
        "pop rsp",
        "mov rsp, rsi\npush rax",
    ] {
        cases.push(c(s));
    }
    for cc in [
        "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g",
    ] {
        cases.push(c(format!("set{cc} al")));
        cases.push(c(format!("set{cc} ah")));
        cases.push(c(format!("set{cc} byte [rsi]")));
        cases.push(c(format!("cmov{cc} rax, rbx")));
        cases.push(c(format!("cmov{cc} eax, ebx")));
        cases.push(c(format!("cmov{cc} ax, bx")));
        cases.push(c(format!("cmov{cc} ecx, [rsi]")));
        cases.push(c(format!("cmp rax, rbx\nset{cc} cl\ncmov{cc} rdx, r8")));
        cases.push(c(format!("cmp eax, ebx\nset{cc} cl\ncmov{cc} edx, r8d")));
        cases.push(c(format!("cmp al, bl\nset{cc} cl")));
        cases.push(c(format!("test rax, rbx\nset{cc} cl\ncmov{cc} rdx, r8")));
        cases.push(c(format!("add rax, rbx\nset{cc} cl")));
        cases.push(c(format!("sub ax, bx\nset{cc} cl")));
        cases.push(u(format!("and eax, ebx\nset{cc} cl"), AF));
        cases.push(c(format!("dec rax\nset{cc} cl")));
    }
    // LAHF/SAHF, PUSHF/POPF.
    for s in [
        "lahf",
        "sahf",
        "mov ah, 0xff\nsahf",
        "mov ah, 0\nsahf\nlahf",
        "add eax, ebx\nlahf",
        "pushfq\npop rax",
        "pushfw\npop ax",
        "and rax, 0xcd5\nor rax, 0x202\npush rax\npopfq",
        "and rax, 0xcd5\nor rax, 0x202\npush rax\npopfq\npushfq\npop rbx",
        "and ax, 0x8d5\nor ax, 0x202\npush ax\npopfw\npushfw\npop bx",
        "pushfq\nxor eax, eax\npopfq",
    ] {
        cases.push(c(s));
    }
    check_all(&cases, N);
}

#[test]
fn atomics() {
    let mut cases = vec![];
    for w in [8, 16, 32, 64] {
        let r = regs(w);
        let p = ptr(w);
        let acc = match w {
            8 => "al",
            16 => "ax",
            32 => "eax",
            _ => "rax",
        };
        cases.push(c(format!("xadd {}, {}", r[1], r[3])));
        cases.push(c(format!("xadd {p} [rsi], {}", r[3])));
        cases.push(c(format!("lock xadd {p} [rsi+8], {}", r[1])));
        // CMPXCHG: both outcomes (equal when the accumulator is loaded first).
        cases.push(c(format!("cmpxchg {}, {}", r[1], r[3])));
        cases.push(c(format!("cmpxchg {p} [rsi], {}", r[3])));
        cases.push(c(format!(
            "mov {acc}, [rsi]\nlock cmpxchg {p} [rsi], {}",
            r[3]
        )));
        cases.push(c(format!(
            "mov {acc}, {}\ncmpxchg {}, {}",
            r[1], r[1], r[3]
        )));
    }
    cases.push(c("cmpxchg8b [rsi]"));
    cases.push(c("mov eax, [rsi]\nmov edx, [rsi+4]\nlock cmpxchg8b [rsi]"));
    cases.push(c("cmpxchg16b [rsi]"));
    cases.push(c(
        "mov rax, [rsi+16]\nmov rdx, [rsi+24]\nlock cmpxchg16b [rsi+16]",
    ));
    cases.push(c("mov rax, [rsi+16]\nlock cmpxchg16b [rsi+16]"));
    cases.push(c("lock add qword [rsi], 1\nlock inc dword [rsi+8]\nlock or byte [rsi+3], al\nlock btc qword [rsi], 7"));
    check_all(&cases, N);
}

#[test]
fn control_flow() {
    let mut cases = vec![];
    for cc in [
        "o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g",
    ] {
        cases.push(c(format!("mov r8d, 1\nj{cc} .t\nmov r8d, 2\n.t:")));
        cases.push(c(format!(
            "cmp rax, rbx\nj{cc} .t\nmov r8d, 2\njmp .e\n.t: mov r8d, 3\n.e:"
        )));
        cases.push(c(format!(
            "cmp ecx, 7\nj{cc} near .t\ntimes 200 nop\n.t: mov r9, rsp"
        )));
    }
    for s in [
        // Loops and jcc chains.
        "and ecx, 63\ninc ecx\nxor eax, eax\n.l: add rax, rcx\nloop .l",
        "and ecx, 63\nxor eax, eax\njrcxz .e\n.l: add rax, rcx\ndec rcx\njnz .l\n.e:",
        "and ecx, 15\ninc ecx\n.l: imul rax, rbx\nadd rax, rcx\ncmp rax, rdx\njb .s\nsub rax, rdx\n.s: dec ecx\njg .l",
        "and ecx, 7\ninc ecx\n.l: add al, 3\ncmp al, 20\nloopne .l",
        "and ecx, 7\ninc ecx\nmov eax, 1\n.l: shl eax, 1\ntest eax, 0x10\nloope .l",
        "mov ecx, 100\n.l: xor rax, rbx\nror rax, 7\nadd rbx, rax\njecxz .e\ndec ecx\njmp .l\n.e:",
        // Calls and returns inside the snippet (return addresses land in memory).
        "call .f\njmp .e\n.f: mov rax, [rsp]\nadd rbx, 1\nret\n.e:",
        "call .f\ncall .f\njmp .e\n.f: add rbx, rcx\nret\n.e:",
        "push 5\ncall .f\njmp .e\n.f: ret 8\n.e:",
        "and ecx, 15\ncall .fib\njmp .e\n.fib: cmp ecx, 2\njb .base\npush rcx\ndec ecx\ncall .fib\npop rcx\npush rax\nsub ecx, 2\ncall .fib\npop rdx\nadd rax, rdx\nret\n.base: mov eax, ecx\nret\n.e:",
        "lea rax, [rel .t]\njmp rax\nmov ebx, 1\n.t: mov ecx, 2",
        "lea rax, [rel .t]\nmov [rsi], rax\njmp [rsi]\nmov ebx, 1\n.t: mov ecx, 2",
        "lea rax, [rel .f]\ncall rax\njmp .e\n.f: mov ebx, 7\nret\n.e:",
        "lea rax, [rel .f]\nmov [rsi+8], rax\ncall [rsi+8]\njmp .e\n.f: pop rdx\npush rdx\nret\n.e:",
        // A jump table.
        "and eax, 3\nlea rbx, [rel .tab]\nmovsxd rcx, dword [rbx+rax*4]\nadd rcx, rbx\njmp rcx\n.tab: dd .a-.tab, .b-.tab, .c-.tab, .d-.tab\n.a: mov edx, 10\njmp .e\n.b: mov edx, 11\njmp .e\n.c: mov edx, 12\njmp .e\n.d: mov edx, 13\n.e:",
        // Conditional moves in a loop (branchless max).
        "mov ecx, 40\nxor eax, eax\n.l: mov rdx, [rsi+rcx*8]\ncmp rdx, rax\ncmovg rax, rdx\ndec ecx\njns .l",
    ] {
        cases.push(c(s));
    }
    check_all(&cases, N);
}

#[test]
fn strings() {
    let mut cases = vec![];
    for s in [
        "movsb", "movsw", "movsd", "movsq", "stosb", "stosw", "stosd", "stosq", "lodsb", "lodsw",
        "lodsd", "lodsq",
    ] {
        cases.push(c(s.to_string()));
        cases.push(c(format!("and ecx, 31\nrep {s}")));
        cases.push(c(format!("xor ecx, ecx\nrep {s}")));
    }
    for s in [
        "cmpsb", "cmpsw", "cmpsd", "cmpsq", "scasb", "scasw", "scasd", "scasq",
    ] {
        cases.push(c(s.to_string()));
        cases.push(c(format!("and ecx, 31\nrepe {s}")));
        cases.push(c(format!("and ecx, 31\nrepne {s}")));
        // Equal strings: compare a region with a copy of itself.
        cases.push(c(format!("and ecx, 31\npush rcx\npush rsi\npush rdi\ncld\nrep movsb\npop rdi\npop rsi\npop rcx\nrepe {s}")));
        cases.push(c(format!("xor ecx, ecx\nrepe {s}")));
    }
    check_all(&cases, N);
}

/// CPUID answers the synthetic model, whatever the host, and every advertised
/// feature bit is one whose instructions are tested in this file, `isa_sse.rs` or
/// `isa_sha.rs`.
#[test]
fn cpuid_is_the_model() {
    use qvm_translator::cpuid::cpuid;
    for (leaf, sub) in [
        (0u32, 0u32),
        (1, 0),
        (7, 0),
        (7, 1),
        (0xd, 0),
        (0x8000_0000, 0),
        (0x8000_0001, 0),
        (0x8000_0002, 0),
        (4, 2),
    ] {
        let code = assemble(&format!("mov eax, {leaf:#x}\nmov ecx, {sub}\ncpuid"));
        let (ctx, data) = random_state(&mut Rng(leaf as u64 + 1), Kind::Int, &[0x1f80], false);
        let q = run_qvm(&code, &ctx, &data, 64).unwrap_or_else(|e| panic!("cpuid: {e:?}"));
        let (a, b, c, d) = cpuid(leaf, sub);
        assert_eq!(
            [q.ctx.gpr[0], q.ctx.gpr[3], q.ctx.gpr[1], q.ctx.gpr[2]],
            [a, b, c, d].map(u64::from),
            "cpuid({leaf:#x}, {sub})"
        );
    }
    // Feature bits the tests cover; anything else advertised must be added here with
    // tests first.
    let (_, _, c1, d1) = cpuid(1, 0);
    let tested_c1 = (1 << 0) | (1 << 9) | (1 << 13) | (1 << 19) | (1 << 20) | (1 << 22) | (1 << 23);
    assert_eq!(
        c1 & !tested_c1,
        0,
        "untested leaf 1 ECX bits {:#x}",
        c1 & !tested_c1
    );
    let baseline_d1 =
        (1 << 0) | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 19) | (1 << 24) | (1 << 25) | (1 << 26);
    // Baseline less MMX (bit 23): MMX instructions are not executed, so not advertised.
    assert_eq!(d1, baseline_d1);
    let (_, b7, c7, d7) = cpuid(7, 0);
    // BMI1, BMI2, ADX here; SHA (bit 29) in `isa_sha.rs`.
    assert_eq!(
        (b7 & !((1 << 3) | (1 << 8) | (1 << 19) | (1 << 29)), c7, d7),
        (0, 0, 0)
    );
    let (_, _, ce, _) = cpuid(0x8000_0001, 0);
    assert_eq!(ce & !0b10_0001, 0);
}

/// The harness can fail: CPUID leaf 1 on the host is not the model's.
#[test]
fn harness_detects_differences() {
    let code = assemble("mov eax, 1\nxor ecx, ecx\ncpuid");
    let (ctx, data) = random_state(&mut Rng(3), Kind::Int, &[0x1f80], false);
    let (n, _) = run_native(&code, &ctx, &data);
    let q = run_qvm(&code, &ctx, &data, 64).unwrap_or_else(|e| panic!("{e:?}"));
    assert_ne!(
        (n.gpr[0], n.gpr[1]),
        (q.ctx.gpr[0], q.ctx.gpr[1]),
        "host CPUID leaf 1 equals the model's?"
    );
    assert!(!check_case(
        &c("rdtsc\nshl rdx, 32\nor rax, rdx\nmov rdx, 0"),
        1,
        &[0x1f80]
    )
    .is_empty());
}

/// Runs `$QVM_ISA_SRC` once natively (with `$QVM_ISA_NATIVE`) and under qvm, printing
/// both, with inputs from `$QVM_ISA_SEED`: a debugging aid.
#[test]
#[ignore = "debugging aid"]
fn debug_one() {
    let code = assemble(&std::env::var("QVM_ISA_SRC").unwrap_or_default());
    let seed: u64 = std::env::var("QVM_ISA_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let (ctx, data) = random_state(&mut Rng(seed), Kind::Int, &[0x1f80], true);
    eprintln!("in {:x?} rflags {:#x}", ctx.gpr, ctx.rflags);
    if std::env::var_os("QVM_ISA_NATIVE").is_some() {
        let (n, _) = run_native(&code, &ctx, &data);
        eprintln!("native {:x?} rflags {:#x}", n.gpr, n.rflags);
    }
    match run_qvm(&code, &ctx, &data, 64) {
        Ok(q) => eprintln!(
            "qvm    {:x?} rflags {:#x} gas {}",
            q.ctx.gpr, q.ctx.rflags, q.gas
        ),
        Err(e) => eprintln!("qvm ended {e:?}"),
    }
}
