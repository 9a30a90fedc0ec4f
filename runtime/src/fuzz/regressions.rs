//! Regression tests: the divergences the fuzzer found, as fixed cases (the ignored ones
//! are open issues in code this module does not own: see each test), plus a bounded
//! fuzzing run with a fixed seed.

use super::*;

fn bytes(hex: &str) -> Vec<u8> {
    (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect()
}

/// Runs machine code from `inp` on the CPU and under qvm (blocks of 64 and of 1);
/// panics on a difference. Compares everything, FSW C0–C3 and MXCSR flags included.
fn same(code_hex: &str, inp: &Inputs) {
    same_but(code_hex, inp, 0);
}

/// [`same`], except the RFLAGS bits in `undefined`: flags the manuals leave
/// undefined, which differ between CPU vendors (DIV changes AF on AMD EPYC and
/// leaves it on the Intel Xeons these machines also have).
fn same_but(code_hex: &str, inp: &Inputs, undefined: u64) {
    let code = bytes(code_hex);
    let cpu = native_final(&code, inp).expect("native run");
    for max in [64, 1] {
        let (q, _) = jit_final(&code, inp, max).expect("qvm run");
        let mut d = compare(&cpu, &q, undefined);
        if cpu.fsw != q.fsw && !d.iter().any(|x| x.starts_with("x87:")) {
            d.push(format!("fsw: cpu {:#x}, qvm {:#x}", cpu.fsw, q.fsw));
        }
        assert!(d.is_empty(), "{code_hex} (blocks of {max}): {d:#?}");
    }
}

fn f64x2(lo: f64, hi: f64) -> [u64; 2] {
    [lo.to_bits(), hi.to_bits()]
}

#[test]
fn harness_agrees_on_simple_code() {
    let mut inp = Inputs::zeroed();
    inp.gpr[0] = 5;
    inp.gpr[1] = 7;
    same("4801c849894708", &inp); // add rax, rcx ; mov [r15+8], rax
    same("5058", &inp); // push rax ; pop rax

    // div ecx: every status flag is undefined.
    same_but(
        "f7f1",
        &{
            let mut i = inp.clone();
            i.gpr[1] = 3;
            i
        },
        0x8d5,
    );
}

/// The generator's output is valid: every pool entry encodes, and snippets assemble to
/// what they list.
#[test]
fn generator_is_deterministic_and_valid() {
    assert!(
        gen::pool().len() > 500,
        "pool has {} codes",
        gen::pool().len()
    );
    let (a, _) = case(7, 3, 20);
    let (b, _) = case(7, 3, 20);
    assert_eq!(gen::assemble(&a), gen::assemble(&b));
    for i in 0..200 {
        let (s, _) = case(1, i, 20);
        assert!(gen::undefined_flags(&s).is_some());
        let code = gen::assemble(&s);
        let mut d = iced_x86::Decoder::new(64, &code, iced_x86::DecoderOptions::NONE);
        while d.can_decode() {
            assert!(!d.decode().is_invalid(), "case {i}: {}", gen::listing(&s));
        }
    }
}

/// Cases the fuzzer found and that are fixed or were harness bugs: kept as plain tests.
#[test]
fn found_and_agreeing() {
    // fst m64 + fucomi st,st(0): C1 handling of FUCOMI (masked in fuzzing, exact here
    // only for the registers and flags).
    let mut inp = Inputs::zeroed();
    inp.x87 = vec![[1 << 63, X87_EXP_BIAS], [3 << 62, X87_EXP_BIAS + 1]];
    let code = bytes("41dd5776dbe8");
    let cpu = native_final(&code, &inp).unwrap();
    let (q, _) = jit_final(&code, &inp, 64).unwrap();
    assert!(compare(&cpu, &q, 0).is_empty());
}

// ---- Open issues (reported; ignored until fixed) --------------------------------------

/// MAXSD/MINSD (and the PS/PD/SS forms) raise MXCSR.IE for a QNaN operand on the CPU;
/// qvm lowers them to a compare-and-select (translator/src/lower.rs) that does not.
#[test]
fn maxsd_qnan_raises_invalid() {
    let mut inp = Inputs::zeroed();
    inp.xmm[0] = f64x2(1.0, 0.0);
    inp.xmm[1] = [0x7ff8_0000_0000_0000, 0];
    same("f20f5fc1", &inp); // maxsd xmm0, xmm1
}

/// With MXCSR.DAZ, MAXPS returns the source operand as flushed to zero; qvm returns
/// the denormal's original bits.
#[test]
fn maxps_daz_returns_flushed_source() {
    let mut inp = Inputs::zeroed();
    inp.mxcsr = 0x1fc0;
    inp.xmm[1] = [0xac, 0];
    same("0f5fc1", &inp); // maxps xmm0, xmm1
}

/// CVTTSD2SI of a denormal sets PE only; qvm also sets DE (its lowering compares the
/// input against range constants on the host, which flags the denormal).
#[test]
fn cvttsd2si_denormal_sets_no_de() {
    let mut inp = Inputs::zeroed();
    inp.xmm[0] = [1, 0];
    same("f20f2cc0", &inp); // cvttsd2si eax, xmm0
}

/// An FP instruction whose result is dead is removed together with its MXCSR flags
/// (blocks of 64 only): DIVSD 0/0 must still set IE.
#[test]
fn dead_divsd_still_sets_invalid() {
    let inp = Inputs::zeroed();
    same("f2450f5edb66440f3a0fd8ff", &inp); // divsd xmm11,xmm11 ; palignr xmm11,xmm0,0xff
}

/// FCMOVcc leaves C1 unchanged on this CPU (the manual only says it is cleared on stack
/// underflow); qvm clears it.
#[test]
fn fcmov_keeps_c1() {
    let mut inp = Inputs::zeroed();
    inp.fcw = 0x0b7f; // round up: 1/3 rounds up, C1 = 1
    inp.x87 = vec![[1 << 63, X87_EXP_BIAS], [3 << 62, X87_EXP_BIAS + 1]];
    same("d8f1dac1", &inp); // fdiv st, st(1) ; fcmovb st, st(1) (CF = 0: not taken)
}

/// FCHS of an empty register: the CPU's masked stack-underflow response stores the
/// default NaN (sign set) in ST(0); qvm stores it with the sign flipped.
#[test]
fn fchs_of_empty_register() {
    let inp = Inputs::zeroed();
    same("d9e0", &inp); // fchs
}

/// DPPS with NaN lanes: the CPU's NaN propagation through the dot product differs
/// from qvm's.
#[test]
#[ignore = "open: lift/sse dpps/dppd NaN propagation order"]
fn dpps_nan_propagation() {
    let mut inp = Inputs::zeroed();
    inp.xmm[0] = [0x7fc0_0001_3f80_0000, 0x3f80_0000_7fc0_0002];
    inp.xmm[1] = [0x3f80_0000_3f80_0000, 0x7fc0_0003_3f80_0000];
    same("660f3a40c1ff", &inp); // dpps xmm0, xmm1, 0xff
}

#[test]
fn bounded_fuzz_run_finds_nothing() {
    let cases = std::env::var("QVM_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3000);
    let seed = std::env::var("QVM_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0x5eed);
    let rep = fuzz(&FuzzOptions {
        seed,
        cases,
        duration: None,
        max_insns: 20,
        stop_on_first: false,
        log: true,
    });
    eprintln!("{rep}");
    assert!(rep.findings.is_empty(), "{rep}");
}

/// FCMOVcc with an empty operand is a stack underflow: the masked response writes the
/// default NaN to ST(0) even when the condition is false (found by `qvm fuzz`, seed 7).
#[test]
fn fcmov_underflow_writes_indefinite_when_not_taken() {
    let inp = Inputs::zeroed();
    same("dbcedbe2", &inp); // fcmovne st, st(6) ; fnclex
}
