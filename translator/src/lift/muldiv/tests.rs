//! Multiply/divide tests: the host CPU vs qvm on random inputs, and #DE cases.

use crate::lift::shift::native::*;
use crate::testing::SnippetEnd;
use iced_x86::code_asm::*;

fn data_for(rng: &mut Rng) -> Vec<u8> {
    (0..32).map(|_| rng.next().to_le_bytes()[0]).collect()
}

#[test]
fn multiplies_match_the_cpu() {
    let snippets: Vec<(&'static str, Vec<u8>)> = vec![
        ("mul8", asm(|a| a.mul(bl))),
        ("mul8h", asm(|a| a.mul(bh))),
        ("mul16", asm(|a| a.mul(bx))),
        ("mul32", asm(|a| a.mul(ebx))),
        ("mul64", asm(|a| a.mul(rbx))),
        ("mul8m", asm(|a| a.mul(byte_ptr(rsi)))),
        ("mul64m", asm(|a| a.mul(qword_ptr(rsi)))),
        ("imul8", asm(|a| a.imul(bl))),
        ("imul16", asm(|a| a.imul(bx))),
        ("imul32", asm(|a| a.imul(ebx))),
        ("imul64", asm(|a| a.imul(rbx))),
        ("imul32m", asm(|a| a.imul(dword_ptr(rsi)))),
        ("imul2_16", asm(|a| a.imul_2(cx, bx))),
        ("imul2_32", asm(|a| a.imul_2(ecx, ebx))),
        ("imul2_64", asm(|a| a.imul_2(rcx, rbx))),
        ("imul2_64m", asm(|a| a.imul_2(rcx, qword_ptr(rsi)))),
        ("imul3_16", asm(|a| a.imul_3(cx, bx, -3))),
        ("imul3_32", asm(|a| a.imul_3(ecx, ebx, 0x1234_5678))),
        ("imul3_64", asm(|a| a.imul_3(rcx, rbx, -0x7654_3210))),
        ("imul3_64i8", asm(|a| a.imul_3(rcx, rbx, 100))),
        ("imul3_32m", asm(|a| a.imul_3(ecx, dword_ptr(rsi), 77))),
        ("mulx32", asm(|a| a.mulx(ecx, ebx, edi))),
        ("mulx64", asm(|a| a.mulx(rcx, rbx, rdi))),
        ("mulx64m", asm(|a| a.mulx(rcx, rbx, qword_ptr(rsi)))),
        ("mulx64same", asm(|a| a.mulx(rcx, rcx, rdi))),
    ];
    let mut rng = Rng(0x5eed_0001_0002_0003);
    let mut stats = UndefStats::default();
    for (name, code) in &snippets {
        for _ in 0..300 {
            let mut regs = random_regs(&mut rng);
            regs.gpr[6] = DATA;
            let data = data_for(&mut rng);
            let def = if name.starts_with("mulx") {
                STATUS
            } else {
                CF | OF
            };
            let (n, q) = compare(name, code, &regs, &data, def);
            stats.record(name, &n, &q, STATUS & !def);
        }
    }
    stats.report_and_check_on_intel();
}

/// Whether the division traps (#DE), by plain arithmetic on the dividend and
/// divisor (not by qvm's helper).
fn traps(signed: bool, bits: u32, hi: u64, lo: u64, d: u64) -> bool {
    let m = if bits == 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    let (hi, lo, d) = (hi & m, lo & m, d & m);
    if d == 0 {
        return true;
    }
    let n = (u128::from(hi) << bits) | u128::from(lo);
    if !signed {
        return n / u128::from(d) > u128::from(m);
    }
    let sh = 128 - 2 * bits;
    let n = (n << sh).cast_signed() >> sh;
    let dsh = 128 - bits;
    let d = (u128::from(d) << dsh).cast_signed() >> dsh;
    if n == i128::MIN && d == -1 {
        return true;
    }
    let q = n / d;
    let lim = 1i128 << (bits - 1);
    q < -lim || q >= lim
}

#[test]
fn divides_match_the_cpu_and_trap_like_it() {
    let snippets: Vec<(&'static str, bool, u32, Vec<u8>)> = vec![
        ("div8", false, 8, asm(|a| a.div(bl))),
        ("div8h", false, 8, asm(|a| a.div(bh))),
        ("div16", false, 16, asm(|a| a.div(bx))),
        ("div32", false, 32, asm(|a| a.div(ebx))),
        ("div64", false, 64, asm(|a| a.div(rbx))),
        ("div64m", false, 64, asm(|a| a.div(qword_ptr(rsi)))),
        ("idiv8", true, 8, asm(|a| a.idiv(bl))),
        ("idiv16", true, 16, asm(|a| a.idiv(bx))),
        ("idiv32", true, 32, asm(|a| a.idiv(ebx))),
        ("idiv64", true, 64, asm(|a| a.idiv(rbx))),
        ("idiv32m", true, 32, asm(|a| a.idiv(dword_ptr(rsi)))),
    ];
    let mut rng = Rng(0xd170_0000_0000_0001);
    let mut stats = UndefStats::default();
    let (mut ok, mut trapped) = (0, 0);
    for (name, signed, bits, code) in &snippets {
        for i in 0..400 {
            let mut regs = random_regs(&mut rng);
            regs.gpr[6] = DATA;
            let mut data = data_for(&mut rng);
            // Make about half the cases non-trapping: small high halves.
            if i % 2 == 0 {
                regs.gpr[2] = if *signed && rng.next().is_multiple_of(2) {
                    u64::MAX
                } else {
                    0
                };
                if *bits == 8 {
                    regs.gpr[0] &= !0xff00;
                }
            }
            let divisor = if name.ends_with('m') {
                u64::from_le_bytes(data[0..8].try_into().unwrap())
            } else if name.ends_with('h') {
                regs.gpr[3] >> 8
            } else {
                regs.gpr[3]
            };
            let (hi, lo) = if *bits == 8 {
                (regs.gpr[0] >> 8, regs.gpr[0])
            } else {
                (regs.gpr[2], regs.gpr[0])
            };
            if traps(*signed, *bits, hi, lo, divisor) {
                trapped += 1;
                let (r, s, end) = run_qvm_full(code, &regs, &mut data, 1 << 30);
                assert_eq!(
                    end,
                    SnippetEnd::Fault(8),
                    "{name}: #DE expected from {regs:x?}"
                );
                assert_eq!(s.fault_rip, 0x1000, "{name}: fault at the divide");
                assert_eq!(
                    r.gpr, regs.gpr,
                    "{name}: registers unchanged by a trapping divide"
                );
            } else {
                ok += 1;
                let (n, q) = compare(name, code, &regs, &data, 0);
                stats.record(name, &n, &q, STATUS);
            }
        }
    }
    // The most negative dividend by -1, at every width.
    for (bits, code) in [
        (8, asm(|a| a.idiv(bl))),
        (16, asm(|a| a.idiv(bx))),
        (32, asm(|a| a.idiv(ebx))),
        (64, asm(|a| a.idiv(rbx))),
    ] {
        let mut regs = Regs::default();
        regs.gpr[3] = u64::MAX;
        match bits {
            8 => regs.gpr[0] = 0x8000,
            16 => regs.gpr[2] = 0x8000,
            32 => regs.gpr[2] = 0x8000_0000,
            _ => regs.gpr[2] = 1 << 63,
        }
        let (_, _, end) = run_qvm_full(&code, &regs, &mut [], 1 << 30);
        assert_eq!(end, SnippetEnd::Fault(8), "idiv{bits} MIN / -1");
    }
    assert!(
        ok > 1000 && trapped > 500,
        "coverage: {ok} ok, {trapped} trapped"
    );
    stats.report_and_check_on_intel();
}

/// The 64-bit shortcut gives the 128-bit computation's answers, #DE included, on
/// the edge values of every width (most negative, -1, zero, one, largest).
#[test]
fn narrow_division_agrees_with_the_wide_one() {
    let edges = |bits: u32| -> Vec<u64> {
        let m = if bits == 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        let min = 1u64 << (bits - 1);
        vec![
            0,
            1,
            2,
            3,
            7,
            m,
            m - 1,
            min,
            min - 1,
            min + 1,
            m / 3,
            0x1234_5678_9abc_def0 & m,
        ]
    };
    let mut checked = 0;
    for bits in [8u32, 16, 32, 64] {
        let e = edges(bits);
        for signed in [false, true] {
            for &lo in &e {
                for &hi in &e {
                    for &d in &e {
                        if let Some(n) = super::x86_div_narrow(lo, hi, d, bits, signed) {
                            let w = super::x86_div_wide(lo, hi, d, bits, signed);
                            assert_eq!(
                                n, w,
                                "bits {bits} signed {signed} {hi:#x}:{lo:#x} / {d:#x}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
    }
    assert!(checked > 5000, "only {checked} cases took the shortcut");
}
