//! Guest programs for the runtime's integration tests, built from source here.

use std::path::{Path, PathBuf};
use std::process::Command;

/// A scratch directory for one test binary's builds.
pub fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("qvm-{tag}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Builds `src` with `gcc -static -O2` into `out`; false if gcc cannot.
pub fn gcc_static(src: &Path, out: &Path) -> bool {
    Command::new("gcc")
        .args(["-static", "-O2", "-o"])
        .arg(out)
        .arg(src)
        .arg("-lm")
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Builds the C guest `tests/guests/c/<name>.c` into `dir`: its path and ELF
/// bytes, or `None` after a SKIP message when gcc cannot build it.
pub fn c_guest(dir: &Path, name: &str) -> Option<(PathBuf, Vec<u8>)> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/guests/c")
        .join(format!("{name}.c"));
    let exe = dir.join(name);
    if !gcc_static(&src, &exe) {
        eprintln!("SKIP: cannot build {} with gcc -static", src.display());
        return None;
    }
    let elf = std::fs::read(&exe).unwrap();
    Some((exe, elf))
}
