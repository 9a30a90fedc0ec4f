//! The C guest corpus under `qvm run --crosscheck`: every block runs in the IR
//! interpreter and as compiled code, and the two must agree after every block
//! (the run stops with "crosscheck: block 0x… diverges" otherwise); the output must
//! still match the native run byte for byte.
//!
//! Every program in `tests/guests/c/` runs with no arguments and empty stdin
//! (the same inputs natively); programs whose native output is not deterministic
//! with those inputs are skipped. If the qvm binary does not know `--crosscheck`
//! yet, the tests print `SKIP` and pass.

use qvm_tests::*;

fn sources() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(crate_dir().join("guests/c"))
        .expect("tests/guests/c")
        .filter_map(|e| {
            let p = e.ok()?.path();
            (p.extension()? == "c").then(|| p.file_stem()?.to_str().map(str::to_string))?
        })
        .collect();
    v.sort();
    v
}

fn crosscheck_supported(test: &str) -> bool {
    let q = run_qvm_raw(&["run".into(), "--help".into()], b"");
    let help = q.stdout_str() + &q.stderr_str();
    if help.contains("--crosscheck") {
        true
    } else {
        skip(test, "qvm run has no --crosscheck flag yet");
        false
    }
}

fn corpus(variant: &Variant) {
    let test = format!("crosscheck_corpus[{}]", variant.name);
    if native_only() || !crosscheck_supported(&test) {
        return;
    }
    let mut fails = vec![];
    let mut ran = 0;
    for name in sources() {
        // Too slow for the default timeout in lockstep (no chaining, both tiers).
        if name == "malloc_churn" {
            continue;
        }
        let t = format!("{name}[{},crosscheck]", variant.name);
        let Some(prog) = build_c(&t, &guest_source(&format!("c/{name}.c")), variant) else {
            return;
        };
        let inv = Invocation::new();
        let native = run_native(&prog, &inv);
        let again = run_native(&prog, &inv);
        if native.stdout != again.stdout
            || native.stderr != again.stderr
            || native.status != again.status
        {
            eprintln!("{t}: not deterministic natively without inputs, skipped");
            continue;
        }
        let flags = vec![
            "--crosscheck".to_string(),
            "--gas-limit".to_string(),
            test_gas_limit().to_string(),
        ];
        let q = run_qvm(&prog, &inv, &flags);
        let problems = compare_plain(&native, &q);
        ran += 1;
        if !problems.is_empty() {
            let err = q.stderr_str();
            let why = err.lines().find(|l| l.contains("crosscheck")).unwrap_or("");
            fails.push(format!(
                "{t}: {}{}",
                problems.join("; "),
                if why.is_empty() {
                    String::new()
                } else {
                    format!("\n    {why}")
                }
            ));
        }
    }
    assert!(
        fails.is_empty(),
        "{} of {ran} programs fail under --crosscheck:\n{}",
        fails.len(),
        fails.join("\n")
    );
}

#[test]
fn gcc_o2() {
    corpus(&GCC_O2);
}

#[test]
fn musl_o0() {
    corpus(&MUSL_O0);
}
