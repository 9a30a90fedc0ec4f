//! `qvm fuzz` from the real binary: its native harness maps a data window at a
//! fixed address inside the `qvm` process, so the way `qvm` is linked (non-PIE,
//! its image and heap low in the address space) matters, and only the binary
//! itself can show that.

use std::process::Command;

#[test]
fn fuzz_runs_without_divergences() {
    let out = Command::new(env!("CARGO_BIN_EXE_qvm"))
        .args(["fuzz", "--seconds", "3", "--seed", "7"])
        .output()
        .expect("run qvm fuzz");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "qvm fuzz failed:\n{text}");
    assert!(
        text.contains(" 0 distinct divergences"),
        "qvm fuzz reported divergences:\n{text}"
    );
    assert!(!text.contains("cannot map"), "{text}");
}
