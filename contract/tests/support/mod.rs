//! Builds contracts from source at test time (cached by a hash of the inputs).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Builds `rel` (relative to the workspace root) with the compiler its extension
/// names: `.c` gcc -static, `.cpp` g++ -static, `.rs` rustc +crt-static.
/// Returns `None` (and prints SKIP) if the compiler is missing.
pub fn build(rel: &str) -> Option<PathBuf> {
    let src = root().join(rel);
    let header = std::fs::read(root().join("sdk/c/qvm.h")).unwrap();
    let sdk_rs = std::fs::read(root().join("sdk/rust/src/lib.rs")).unwrap();
    let source = std::fs::read(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    let mut key = source.clone();
    key.extend_from_slice(&header);
    key.extend_from_slice(&sdk_rs);
    let hash = qvm_contract::address::to_hex(&qvm_contract::address::sha3(&key)[..8]);
    let stem = src.file_stem().unwrap().to_string_lossy().into_owned();
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("contracts");
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join(format!("{stem}-{hash}"));
    if out.exists() {
        return Some(out);
    }
    static N: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // Unique per process and call: parallel tests may build the same source at once.
    let tmp = dir.join(format!("{stem}-{hash}.tmp{}-{n}", std::process::id()));
    let include = root().join("sdk/c");
    let mut cmd = match src.extension().and_then(|e| e.to_str()) {
        Some("c") => {
            let mut c = Command::new("gcc");
            c.args(["-static", "-O2", "-I"]).arg(&include);
            c
        }
        Some("cpp") => {
            let mut c = Command::new("g++");
            c.args(["-static", "-O2", "-I"]).arg(&include);
            c
        }
        Some("rs") => {
            let mut c = Command::new("rustc");
            c.args([
                "--edition",
                "2021",
                "-O",
                "-C",
                "target-feature=+crt-static",
            ]);
            c
        }
        _ => panic!("unknown source kind {rel}"),
    };
    cmd.arg(&src).arg("-o").arg(&tmp);
    match cmd.output() {
        Err(e) => {
            eprintln!("SKIP: cannot run compiler for {rel}: {e}");
            None
        }
        Ok(o) if !o.status.success() => panic!(
            "building {rel} failed:\n{}",
            String::from_utf8_lossy(&o.stderr)
        ),
        Ok(_) => {
            std::fs::rename(&tmp, &out).unwrap();
            Some(out)
        }
    }
}

/// `build` and read the ELF.
pub fn code(rel: &str) -> Option<Vec<u8>> {
    build(rel).map(|p| std::fs::read(p).unwrap())
}
