//! The SHA extensions against the host CPU: every instruction, register and memory
//! forms, all four SHA1RNDS4 functions, and SHA-1/SHA-256 round sequences in which
//! each result feeds the next — run compiled with the host's own instructions,
//! compiled through the software helper (`host_sha: false`), and in the IR
//! interpreter, with blocks of 1 and 256 instructions. Skips (saying so) on a host
//! without SHA, where there is no CPU to compare with.

mod isa_common;
use isa_common::*;
use qvm_translator::TranslatorConfig;

const N: usize = 24;

fn host_has_sha() -> bool {
    if std::is_x86_feature_detected!("sha") {
        return true;
    }
    eprintln!("skipping: the host CPU has no SHA extensions to compare with");
    false
}

/// Every qvm configuration a case runs in: compiled with the host's instructions,
/// compiled through the software helper, and interpreted, with blocks of 1 and 256.
fn runs() -> Vec<QvmRun> {
    let mut runs = vec![];
    for (what, host_sha, interpret) in [
        ("compiled, host instructions", true, false),
        ("compiled, software helper", false, false),
        ("interpreted", true, true),
    ] {
        for cap in [1, 256] {
            runs.push(QvmRun {
                label: format!("{what}, cap {cap}"),
                config: TranslatorConfig {
                    max_block_insns: cap,
                    host_sha,
                    ..TranslatorConfig::default()
                },
                interpret,
            });
        }
    }
    runs
}

/// Runs each snippet natively and in every configuration on `N` random states.
fn check_cases(cases: &[String]) {
    let runs = runs();
    let fails: Vec<String> = cases
        .iter()
        .flat_map(|src| check_case_in(&c(src.as_str()), N, &[0x1f80], &runs))
        .collect();
    assert!(
        fails.is_empty(),
        "{} failures:\n{}",
        fails.len(),
        fails.join("\n")
    );
}

#[test]
fn every_instruction_register_and_memory_forms() {
    if !host_has_sha() {
        return;
    }
    let mut cases = vec![];
    for m in [
        "sha1nexte",
        "sha1msg1",
        "sha1msg2",
        "sha256rnds2",
        "sha256msg1",
        "sha256msg2",
    ] {
        cases.push(format!("{m} xmm1, xmm2"));
        cases.push(format!("{m} xmm3, xmm3"));
        cases.push(format!("{m} xmm9, oword [rsi]"));
        // XMM0 as an explicit operand too (SHA256RNDS2 reads it again implicitly).
        cases.push(format!("{m} xmm0, xmm14"));
        cases.push(format!("{m} xmm15, xmm0"));
    }
    for f in 0..4 {
        cases.push(format!("sha1rnds4 xmm1, xmm2, {f}"));
        cases.push(format!("sha1rnds4 xmm12, oword [rdi + 16], {f}"));
    }
    // Immediates with more than two bits: only the low two select the function.
    cases.push("sha1rnds4 xmm1, xmm2, 0xfe".into());
    check_cases(&cases);
}

#[test]
fn dependent_round_sequences() {
    if !host_has_sha() {
        return;
    }
    // SHA-256: message schedule and four rounds, as OpenSSL's SHA-NI loop does them.
    let sha256 = "movdqa xmm0, xmm3
paddd xmm0, xmm7
sha256rnds2 xmm2, xmm1
pshufd xmm0, xmm0, 0x0e
sha256rnds2 xmm1, xmm2
sha256msg1 xmm3, xmm4
movdqa xmm8, xmm6
palignr xmm8, xmm5, 4
paddd xmm3, xmm8
sha256msg2 xmm3, xmm6
movdqa xmm0, xmm3
sha256rnds2 xmm2, xmm1
pshufd xmm0, xmm0, 0x0e
sha256rnds2 xmm1, xmm2";
    // SHA-1: E carried by SHA1NEXTE, the schedule by MSG1/PXOR/MSG2.
    let sha1 = "movdqa xmm9, xmm1
sha1nexte xmm2, xmm4
sha1rnds4 xmm1, xmm2, 0
sha1msg1 xmm4, xmm5
pxor xmm4, xmm6
sha1msg2 xmm4, xmm7
sha1nexte xmm9, xmm5
movdqa xmm2, xmm1
sha1rnds4 xmm1, xmm9, 1
sha1nexte xmm2, xmm6
sha1rnds4 xmm1, xmm2, 2
sha1rnds4 xmm1, xmm4, 3";
    // Results stored, reloaded and combined with plain SSE.
    let mixed = "sha256msg1 xmm1, oword [rsi]
movdqa oword [rdi], xmm1
sha256msg2 xmm2, oword [rdi]
sha1msg1 xmm3, xmm2
movdqa xmm0, xmm3
sha256rnds2 xmm4, oword [rsi + 32]
paddd xmm4, xmm0
movdqa oword [rdi + 48], xmm4";
    check_cases(&[sha256.into(), sha1.into(), mixed.into()]);
}

#[test]
fn misaligned_memory_operands_are_taken() {
    if !host_has_sha() {
        return;
    }
    // qvm's definition: no alignment check (what AMD hosts do; Intel lists the SHA
    // instructions under exception class 4, so only a non-Intel host is compared).
    let cases = [
        "sha256rnds2 xmm1, oword [rsi + 4]",
        "sha1rnds4 xmm1, oword [rsi + 8], 1",
        "sha256msg2 xmm1, oword [rsi + 1]",
        "sha1msg1 xmm7, oword [rdi + 15]",
    ];
    if qvm_translator::cpuid::host_is_intel() {
        for src in cases {
            let code = assemble(src);
            let (ctx, data) = random_state(&mut Rng(7), Kind::Int, &[0x1f80], true);
            for interpret in [false, true] {
                let r = run_qvm_tier(&code, &ctx, &data, TranslatorConfig::default(), interpret);
                assert!(r.is_ok(), "{src} (interpreted: {interpret}) faulted");
            }
        }
    } else {
        check_cases(&cases.map(String::from));
    }
}
