//! The C guest corpus through `qvm diff`: every program of `tests/guests/c/` (the list
//! of `c_corpus.rs`, with the same inputs), in each build variant, runs on the `jit`
//! backend and on the `kvm` oracle, which must agree on the exit status, stdout,
//! stderr, the syscall trace and the final memory. A few small programs also run with
//! `qvm diff --lockstep`, which compares registers at every block boundary and requires
//! the gas of the two sides to be equal.
//!
//! Tests that need KVM print `SKIP: … /dev/kvm …` and pass where `/dev/kvm` is absent
//! or cannot be opened.

use qvm_tests::*;
use std::time::Duration;

/// Whether /dev/kvm can be opened read-write (else a skip message).
fn kvm_available(test: &str) -> bool {
    match std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/kvm")
    {
        Ok(_) => true,
        Err(e) => {
            skip(
                test,
                &format!("/dev/kvm is not usable here ({e}); the kvm backend cannot run"),
            );
            false
        }
    }
}

/// Runs `qvm diff [--lockstep] --gas-limit … <prog> <args>` with the case's inputs;
/// returns (exit code, stdout, stderr).
fn qvm_diff(
    prog: &std::path::Path,
    inv: &Invocation,
    lockstep: bool,
) -> (Option<i32>, String, String) {
    let mut leading = vec!["diff".to_string()];
    if lockstep {
        leading.push("--lockstep".into());
    }
    leading.push("--gas-limit".into());
    leading.push(test_gas_limit().to_string());
    let cmd = qvm_command(&leading, prog, inv);
    let desc = format!("{cmd:?}");
    let (st, out, err) = run_command(cmd, &inv.stdin, Duration::from_secs(600))
        .unwrap_or_else(|e| panic!("{desc}: {e}"));
    (
        st.code(),
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

fn check_diff(name: &str, source: &str, variant: &Variant, case: Case, lockstep: bool) {
    let test = format!(
        "{name}[{}{}]",
        variant.name,
        if lockstep { ",lockstep" } else { "" }
    );
    if native_only() {
        eprintln!("{test}: native-only mode, skipped");
        return;
    }
    if !kvm_available(&test) {
        return;
    }
    let src = guest_source(&format!("c/{source}.c"));
    let Some(prog) = build_c(&test, &src, variant) else {
        return;
    };
    let (code, out, err) = qvm_diff(&prog, &case.inv, lockstep);
    assert!(
        code == Some(0) && out.starts_with("same"),
        "{test}: qvm diff reports a difference (exit {code:?}) for {}:\n{out}\n{err}",
        prog.display()
    );
    if lockstep {
        // "… gas jit N (instructions …), kvm N (instructions …)": equal totals.
        let number_after = |pat: &str| {
            out.find(pat).and_then(|i| {
                out[i + pat.len()..]
                    .split(|c: char| !c.is_ascii_digit())
                    .next()?
                    .parse::<u64>()
                    .ok()
            })
        };
        let (j, k) = (number_after("gas jit "), number_after("), kvm "));
        assert!(
            j.is_some() && j == k,
            "{test}: lockstep gas differs or is missing: {out}"
        );
        eprintln!("{test}: {}", out.trim());
    }
}

/// One module per guest program, one test per build variant.
macro_rules! corpus {
    (@src $name:ident) => { stringify!($name) };
    (@src $name:ident $src:literal) => { $src };
    ($($name:ident $(($src:literal))? => $case:expr;)*) => {
        $(
            mod $name {
                use super::*;
                fn case() -> Case {
                    $case
                }
                fn check(variant: &Variant) {
                    check_diff(stringify!($name), corpus!(@src $name $($src)?), variant, case(), false)
                }
                #[test]
                fn gcc_o0() {
                    check(&GCC_O0)
                }
                #[test]
                fn gcc_o2() {
                    check(&GCC_O2)
                }
                #[test]
                fn musl_o0() {
                    check(&MUSL_O0)
                }
                #[test]
                fn musl_o2() {
                    check(&MUSL_O2)
                }
                #[test]
                fn gcc_static_pie_o2() {
                    check(&GCC_PIE_O2)
                }
            }
        )*
    };
}

// The list of c_corpus.rs (inputs only: expectations are checked there, against native).
corpus! {
    printf_ints => Case::new();
    printf_floats => Case::new();
    malloc_churn => Case::new();
    qsort_bsearch => Case::new();
    string_funcs => Case::new();
    recursion => Case::new();
    setjmp_longjmp => Case::new();
    int_edge => Case::new();
    div_by_zero => Case::new();
    int_min_div => Case::new();
    wc_stdin => Case::new().stdin(generated_text(7, 40_000));
    wc_stdin_empty ("wc_stdin") => Case::new();
    argv_env => Case::new()
        .args(["one", "", "two words", "ünï", "--flag=x", "a\tb"])
        .env("HOME", "/home/guest")
        .env("PATH", "/bin:/usr/bin")
        .env("QVM_A", "1")
        .env("QVM_EMPTY", "")
        .env("QVM_EQ", "a=b=c");
    tmp_fileio => Case::new().arg(format!("/tmp/{}", unique_name("qvm-diff-fileio")));
    mmap_anon => Case::new();
    write_readonly => Case::new();
    stack_overflow => Case::new();
    libm => Case::new().env("GLIBC_TUNABLES", BASELINE_TUNABLES);
    strtod_strtol => Case::new();
    sprintf_sscanf => Case::new();
    time_checks => Case::new();
    getrandom_count => Case::new();
    sha256 => Case::new();
    sha_ni => Case::new();
    bignum => Case::new();
    hashtable_sort => Case::new();
    structs_unions => Case::new();
    switch_fnptr => Case::new();
    dispatch_loop => Case::new();
    late_paths => Case::new();
    variadic => Case::new();
    bits => Case::new();
    fp_conversions => Case::new().env("GLIBC_TUNABLES", BASELINE_TUNABLES);
    long_double => Case::new();
    atomics => Case::new();
    exit3 => Case::new();
    return42 => Case::new();
    return42_args ("return42") => Case::new().arg("x");
    abort_signal => Case::new();
    stderr_mix => Case::new();
}

/// Small programs in lockstep (each at most ~50 k instructions: the oracle single-steps
/// at ~7 k instructions/s): registers at every block boundary, equal gas.
mod lockstep {
    use super::*;

    #[test]
    fn return42_musl() {
        check_diff("return42", "return42", &MUSL_O2, Case::new(), true)
    }
    #[test]
    fn return42_gcc() {
        check_diff("return42", "return42", &GCC_O2, Case::new(), true)
    }
    #[test]
    fn exit3_musl() {
        check_diff("exit3", "exit3", &MUSL_O2, Case::new(), true)
    }
    #[test]
    fn variadic_musl() {
        check_diff("variadic", "variadic", &MUSL_O2, Case::new(), true)
    }
    #[test]
    fn atomics_musl() {
        check_diff("atomics", "atomics", &MUSL_O2, Case::new(), true)
    }
    #[test]
    fn getrandom_count_musl() {
        check_diff(
            "getrandom_count",
            "getrandom_count",
            &MUSL_O2,
            Case::new(),
            true,
        )
    }
    #[test]
    fn div_by_zero_musl() {
        check_diff("div_by_zero", "div_by_zero", &MUSL_O2, Case::new(), true)
    }
    #[test]
    fn wc_stdin_musl() {
        check_diff(
            "wc_stdin",
            "wc_stdin",
            &MUSL_O2,
            Case::new().stdin(generated_text(7, 300)),
            true,
        )
    }
}
