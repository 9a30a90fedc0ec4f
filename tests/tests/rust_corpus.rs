//! The Rust std corpus: every program in `tests/guests/rust/` compiled at test time
//! with `rustc -C opt-level=2 -C target-feature=+crt-static --target
//! x86_64-unknown-linux-gnu` (a static-pie glibc executable), run natively and under
//! qvm, compared byte for byte (stdout, stderr, exit status); and again at opt-level 3
//! for the whole CPU model (`-C target-cpu=x86-64-v2` plus BMI1/BMI2/LZCNT/MOVBE/ADX).
//!
//! Guests avoid what differs between native runs: HashMaps with std's RandomState
//! are printed sorted, and panics go through a custom hook (the default hook prints
//! the thread id, which is the host's TID natively).

use qvm_tests::*;
use std::path::{Path, PathBuf};
use std::process::Command;

const FLAGS: &[&str] = &[
    "-C",
    "opt-level=2",
    "-C",
    "target-feature=+crt-static",
    "--target",
    "x86_64-unknown-linux-gnu",
];
/// The same, with code generated for the whole CPU model (x86-64-v2 + BMI1/2, LZCNT, MOVBE, ADX).
const FLAGS_MODEL: &[&str] = &[
    "-C",
    "opt-level=3",
    "-C",
    "target-feature=+crt-static,+bmi1,+bmi2,+lzcnt,+movbe,+adx",
    "-C",
    "target-cpu=x86-64-v2",
    "--target",
    "x86_64-unknown-linux-gnu",
];

fn rustc() -> Option<PathBuf> {
    find_tool("rustc").or_else(|| {
        let home = std::env::var_os("CARGO_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")))?;
        let p = home.join("bin").join("rustc");
        p.exists().then_some(p)
    })
}

/// Builds `guests/rust/<name>.rs` (cached by rustc version, flags and source).
fn build_rust(test: &str, name: &str, flags: &[&str]) -> Option<PathBuf> {
    let Some(rustc) = rustc() else {
        skip(test, "`rustc` not found");
        return None;
    };
    let source = guest_source(&format!("rust/{name}.rs"));
    let src = std::fs::read(&source).unwrap_or_else(|e| panic!("read {}: {e}", source.display()));
    let version = Command::new(&rustc)
        .arg("-vV")
        .output()
        .map(|o| o.stdout)
        .unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [&version[..], flags.join(" ").as_bytes(), &src[..]] {
        for &b in part.iter().chain(&(part.len() as u64).to_le_bytes()) {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let dir = corpus_dir().join(format!("rust-{h:016x}"));
    let out = dir.join(name);
    if out.exists() {
        return Some(out);
    }
    std::fs::create_dir_all(&dir).expect("create corpus dir");
    let tmp_dir = dir.join(unique_name(".build"));
    std::fs::create_dir_all(&tmp_dir).expect("create build dir");
    let tmp = tmp_dir.join(name);
    let o = Command::new(&rustc)
        .args(flags)
        .args(["-C", "debuginfo=0", "-A", "warnings", "-o"])
        .arg(&tmp)
        .arg(&source)
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run rustc");
    if !o.status.success() {
        let err = String::from_utf8_lossy(&o.stderr);
        if err.contains("can't find crate for `std`")
            || err.contains("cannot find -l")
            || err.contains("static") && err.contains("not found")
        {
            skip(
                test,
                &format!(
                    "rustc cannot build static gnu executables here: {}",
                    err.lines().next().unwrap_or("")
                ),
            );
            let _ = std::fs::remove_dir_all(&tmp_dir);
            return None;
        }
        panic!("rustc {flags:?} {} failed:\n{err}", source.display());
    }
    std::fs::rename(&tmp, &out).expect("rename built artifact");
    let _ = std::fs::remove_dir_all(&tmp_dir);
    assert!(
        is_static_elf(&out),
        "{}: not a static executable",
        out.display()
    );
    Some(out)
}

/// Checks the guest built both ways.
fn check(name: &str, case: Case) {
    for (label, flags) in [("baseline", FLAGS), ("model", FLAGS_MODEL)] {
        let test = format!("rust/{name}[{label}]");
        let Some(prog) = build_rust(&test, name, flags) else {
            return;
        };
        check_case(&test, &prog, &case);
    }
}

#[test]
fn fmt() {
    check(
        "fmt",
        Case::new()
            .contains("0.10000000000000001")
            .contains("1.7976931348623157e308")
            .contains("5e-324")
            .contains("-170141183460469231731687303715884105728"),
    );
}

#[test]
fn collections() {
    check(
        "collections",
        Case::new()
            .contains("sorted equal true")
            .contains("fixed-hasher order")
            .contains("siphash "),
    );
}

#[test]
fn panics() {
    check(
        "panics",
        Case::new()
            .exit(7)
            .contains("unwrap none: caught")
            .contains("drop even")
            .contains("resume_unwind payload Some(17)")
            .contains("exiting with 7"),
    );
}

#[test]
fn uncaught_panic() {
    check(
        "uncaught",
        Case::new().arg("one").exit(101).contains("before"),
    );
}

#[test]
fn workload() {
    check(
        "workload",
        Case::new()
            .contains("primes 17984")
            .contains("34! = 295232799039604140847618609643520000000"),
    );
}
