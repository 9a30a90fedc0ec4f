//! Bit instruction tests: the host CPU vs qvm on random inputs.

use crate::lift::shift::native::*;
use iced_x86::code_asm::*;

fn data_for(rng: &mut Rng) -> Vec<u8> {
    (0..256).map(|_| rng.next().to_le_bytes()[0]).collect()
}

/// Runs each snippet on random inputs; `def` is the set of SDM-defined flags
/// (the rest are checked against this host when it is an Intel CPU).
fn run_all(
    seed: u64,
    snippets: &[(&'static str, u64, Vec<u8>)],
    fix: impl Fn(&mut Regs, &mut Rng),
) {
    let mut rng = Rng(seed);
    let mut stats = UndefStats::default();
    for (name, def, code) in snippets {
        for _ in 0..200 {
            let mut regs = random_regs(&mut rng);
            regs.gpr[3] = DATA + 128;
            fix(&mut regs, &mut rng);
            let data = data_for(&mut rng);
            let (n, q) = compare(name, code, &regs, &data, *def);
            stats.record(name, &n, &q, STATUS & !def);
        }
    }
    stats.report_and_check_on_intel();
}

#[test]
fn bit_tests_match_the_cpu() {
    let d = CF | ZF; // ZF is unchanged: defined.
    let snippets: Vec<(&'static str, u64, Vec<u8>)> = vec![
        ("bt16rr", d, asm(|a| a.bt(dx, cx))),
        ("bt32rr", d, asm(|a| a.bt(edx, ecx))),
        ("bt64rr", d, asm(|a| a.bt(rdx, rcx))),
        ("bts64rr", d, asm(|a| a.bts(rdx, rcx))),
        ("btr32rr", d, asm(|a| a.btr(edx, ecx))),
        ("btc16rr", d, asm(|a| a.btc(dx, cx))),
        ("bt32ri", d, asm(|a| a.bt(edx, 45))),
        ("bts64ri", d, asm(|a| a.bts(rdx, 63))),
        ("btr16ri", d, asm(|a| a.btr(dx, 19))),
        ("btc64ri", d, asm(|a| a.btc(rdx, 200))),
        ("bt16mi", d, asm(|a| a.bt(word_ptr(rbx), 21))),
        ("bts32mi", d, asm(|a| a.bts(dword_ptr(rbx), 31))),
        ("btc64mi", d, asm(|a| a.btc(qword_ptr(rbx + 8), 70))),
        ("bt16mr", d, asm(|a| a.bt(word_ptr(rbx), cx))),
        ("bt32mr", d, asm(|a| a.bt(dword_ptr(rbx), ecx))),
        ("bt64mr", d, asm(|a| a.bt(qword_ptr(rbx), rcx))),
        ("bts16mr", d, asm(|a| a.bts(word_ptr(rbx), cx))),
        ("btr32mr", d, asm(|a| a.btr(dword_ptr(rbx + 3), ecx))),
        ("btc64mr", d, asm(|a| a.btc(qword_ptr(rbx), rcx))),
    ];
    let (mem, reg): (Vec<_>, Vec<_>) = snippets.into_iter().partition(|s| s.0.ends_with("mr"));
    // Register forms: any offset (taken mod the width).
    run_all(0xb17_0001, &reg, |_, _| {});
    // Memory forms with a register offset: within ±1000 bits of rbx (the window
    // around it is ±128 bytes).
    run_all(0xb17_0005, &mem, |r, rng| {
        let off = (rng.next() % 2000).cast_signed() - 1000;
        r.gpr[1] = off.cast_unsigned();
    });
}

#[test]
fn scans_and_counts_match_the_cpu() {
    let snippets: Vec<(&'static str, u64, Vec<u8>)> = vec![
        ("bsf16", ZF, asm(|a| a.bsf(dx, cx))),
        ("bsf32", ZF, asm(|a| a.bsf(edx, ecx))),
        ("bsf64", ZF, asm(|a| a.bsf(rdx, rcx))),
        ("bsr16", ZF, asm(|a| a.bsr(dx, cx))),
        ("bsr32", ZF, asm(|a| a.bsr(edx, ecx))),
        ("bsr64", ZF, asm(|a| a.bsr(rdx, rcx))),
        ("bsf32m", ZF, asm(|a| a.bsf(edx, dword_ptr(rbx)))),
        ("lzcnt16", CF | ZF, asm(|a| a.lzcnt(dx, cx))),
        ("lzcnt32", CF | ZF, asm(|a| a.lzcnt(edx, ecx))),
        ("lzcnt64", CF | ZF, asm(|a| a.lzcnt(rdx, rcx))),
        ("tzcnt16", CF | ZF, asm(|a| a.tzcnt(dx, cx))),
        ("tzcnt32", CF | ZF, asm(|a| a.tzcnt(edx, ecx))),
        ("tzcnt64m", CF | ZF, asm(|a| a.tzcnt(rdx, qword_ptr(rbx)))),
        ("popcnt16", STATUS, asm(|a| a.popcnt(dx, cx))),
        ("popcnt32", STATUS, asm(|a| a.popcnt(edx, ecx))),
        ("popcnt64", STATUS, asm(|a| a.popcnt(rdx, rcx))),
        ("bswap32", STATUS, asm(|a| a.bswap(edx))),
        ("bswap64", STATUS, asm(|a| a.bswap(rdx))),
        ("bswap16", STATUS, vec![0x66, 0x0f, 0xca]),
    ];
    run_all(0xb17_0002, &snippets, |r, rng| {
        if rng.next() % 4 == 0 {
            r.gpr[1] = 0;
        }
        if rng.next() % 8 == 0 {
            r.gpr[1] = 1 << 32;
        }
    });
}

#[test]
fn bmi_matches_the_cpu() {
    let snippets: Vec<(&'static str, u64, Vec<u8>)> = vec![
        ("andn32", CF | OF | SF | ZF, asm(|a| a.andn(eax, ecx, edx))),
        (
            "andn64",
            CF | OF | SF | ZF,
            asm(|a| a.andn(rax, rcx, qword_ptr(rbx))),
        ),
        ("bextr32", CF | OF | ZF, asm(|a| a.bextr(eax, edx, ecx))),
        ("bextr64", CF | OF | ZF, asm(|a| a.bextr(rax, rdx, rcx))),
        (
            "bextr64m",
            CF | OF | ZF,
            asm(|a| a.bextr(rax, qword_ptr(rbx), rcx)),
        ),
        ("blsi32", CF | OF | SF | ZF, asm(|a| a.blsi(eax, edx))),
        ("blsi64", CF | OF | SF | ZF, asm(|a| a.blsi(rax, rdx))),
        ("blsmsk32", CF | OF | SF | ZF, asm(|a| a.blsmsk(eax, edx))),
        ("blsmsk64", CF | OF | SF | ZF, asm(|a| a.blsmsk(rax, rdx))),
        ("blsr32", CF | OF | SF | ZF, asm(|a| a.blsr(eax, edx))),
        (
            "blsr64m",
            CF | OF | SF | ZF,
            asm(|a| a.blsr(rax, qword_ptr(rbx))),
        ),
        ("bzhi32", CF | OF | SF | ZF, asm(|a| a.bzhi(eax, edx, ecx))),
        ("bzhi64", CF | OF | SF | ZF, asm(|a| a.bzhi(rax, rdx, rcx))),
        ("pdep32", STATUS, asm(|a| a.pdep(eax, edx, ecx))),
        ("pdep64", STATUS, asm(|a| a.pdep(rax, rdx, rcx))),
        ("pext32", STATUS, asm(|a| a.pext(eax, edx, ecx))),
        ("pext64", STATUS, asm(|a| a.pext(rax, rdx, qword_ptr(rbx)))),
        ("adcx32", STATUS, asm(|a| a.adcx(eax, edx))),
        ("adcx64", STATUS, asm(|a| a.adcx(rax, rdx))),
        ("adox32", STATUS, asm(|a| a.adox(eax, edx))),
        ("adox64", STATUS, asm(|a| a.adox(rax, qword_ptr(rbx)))),
    ];
    run_all(0xb17_0003, &snippets, |r, rng| {
        // Control words with start/length/index in and around the operand width.
        let start = rng.next() % 80;
        let len = rng.next() % 80;
        if rng.next() % 2 == 0 {
            r.gpr[1] = (r.gpr[1] & !0xffff) | (len << 8) | start;
        }
        if rng.next() % 4 == 0 {
            r.gpr[2] = 0;
        }
    });
}

#[test]
fn flag_instructions_match_the_cpu() {
    let snippets: Vec<(&'static str, u64, Vec<u8>)> = vec![
        ("clc", STATUS, asm(|a| a.clc())),
        ("stc", STATUS, asm(|a| a.stc())),
        ("cmc", STATUS, asm(|a| a.cmc())),
        ("std", STATUS | 0x400, asm(|a| a.std())),
        (
            "std_cld",
            STATUS | 0x400,
            asm(|a| {
                a.std()?;
                a.cld()
            }),
        ),
        ("lahf", STATUS, asm(|a| a.lahf())),
        ("sahf", STATUS, asm(|a| a.sahf())),
        (
            "lahf_sahf",
            STATUS,
            asm(|a| {
                a.lahf()?;
                a.xor(ah, 0xd5)?;
                a.sahf()
            }),
        ),
    ];
    run_all(0xb17_0004, &snippets, |_, _| {});
}
