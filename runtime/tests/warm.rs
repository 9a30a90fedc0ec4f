//! Warm starts ([`qvm_runtime::CodeCache`]): a program run again with its code
//! already translated must behave exactly as a cold run — same output as the
//! native run, same gas — and code the guest generated at run time must never be
//! reused by a later run.

use qvm_runtime::run::{run_with, RunOptions};
use qvm_runtime::{CodeCache, RunConfig, RunResult};
use std::path::Path;
use std::process::Command;

mod support;

fn config(elf: &[u8], name: &str, args: &[&str]) -> RunConfig {
    let mut argv = vec![name.as_bytes().to_vec()];
    argv.extend(args.iter().map(|a| a.as_bytes().to_vec()));
    RunConfig {
        gas_limit: 1 << 40,
        ..RunConfig::new(elf.to_vec(), format!("/{name}"), argv)
    }
}

fn opts() -> RunOptions {
    RunOptions {
        stdin: Some(Vec::new()),
        ..Default::default()
    }
}

fn native(exe: &Path, args: &[&str]) -> (Vec<u8>, i32) {
    let out = Command::new(exe).args(args).output().unwrap();
    (out.stdout, out.status.code().unwrap_or(-1))
}

/// Runs `elf` (as `/name args…`) through `cache` under `id`.
fn warm_run(cache: &mut CodeCache, id: &str, elf: &[u8], name: &str, args: &[&str]) -> RunResult {
    cache
        .run_with(id.as_bytes(), config(elf, name, args), &opts())
        .unwrap()
        .0
}

fn exit_code(r: &RunResult) -> String {
    format!("{:?}", r.outcome)
}

#[test]
fn warm_runs_match_native_and_cold_runs() {
    let dir = support::scratch("warm");
    let mut cache = CodeCache::new();
    for name in ["sha256", "recursion", "qsort_bsearch"] {
        let Some((exe, elf)) = support::c_guest(&dir, name) else {
            return;
        };
        let (want_out, want_code) = native(&exe, &[]);
        let (cold, _) = run_with(config(&elf, name, &[]), &opts()).unwrap();
        assert_eq!(
            cold.stdout, want_out,
            "{name}: cold run differs from native"
        );
        assert_eq!(exit_code(&cold), format!("Exited({want_code})"));
        for round in 0..3 {
            let r = warm_run(&mut cache, name, &elf, name, &[]);
            assert_eq!(
                r.stdout, want_out,
                "{name}: run {round} differs from native"
            );
            assert_eq!(
                exit_code(&r),
                exit_code(&cold),
                "{name}: run {round} outcome"
            );
            assert_eq!(r.gas_used, cold.gas_used, "{name}: run {round} gas");
        }
    }
    assert_eq!(cache.len(), 3, "every program's code is kept");
    let _ = std::fs::remove_dir_all(&dir);
}

const JIT_C: &str = r#"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
int main(int argc, char **argv) {
    int n = atoi(argv[1]);
    unsigned char *p = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                            MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) { puts("mmap failed"); return 1; }
    unsigned char code[] = {0xb8, 0, 0, 0, 0, 0xc3}; /* mov eax, imm32; ret */
    memcpy(code + 1, &n, 4);
    memcpy(p, code, sizeof code);
    int (*f)(void) = (int (*)(void))p;
    int s = 0;
    for (int i = 0; i < 5000; i++) s += f(); /* hot: compiled, even as a region */
    printf("%d\n", s);
    return 0;
}
"#;

/// Builds `source` with gcc -static in a scratch directory: (directory, exe, ELF
/// bytes), or None (after saying SKIP) without a compiler.
fn build_c(name: &str, source: &str) -> Option<(std::path::PathBuf, std::path::PathBuf, Vec<u8>)> {
    let dir = support::scratch(&format!("warm-{name}"));
    let src = dir.join(format!("{name}.c"));
    std::fs::write(&src, source).unwrap();
    let exe = dir.join(name);
    if !support::gcc_static(&src, &exe) {
        eprintln!("SKIP: cannot build a C program with gcc -static");
        return None;
    }
    let elf = std::fs::read(&exe).unwrap();
    Some((dir, exe, elf))
}

#[test]
fn code_generated_at_run_time_is_not_reused() {
    let Some((dir, exe, elf)) = build_c("jit", JIT_C) else {
        return;
    };
    let mut cache = CodeCache::new();
    // The same program twice with different generated code at the same address:
    // a translation kept from the first run would make the second print 25000.
    for n in ["5", "7", "5"] {
        let (want, code) = native(&exe, &[n]);
        assert_eq!(code, 0);
        let r = warm_run(&mut cache, "jit", &elf, "jit", &[n]);
        assert_eq!(
            String::from_utf8_lossy(&r.stdout),
            String::from_utf8_lossy(&want),
            "generated code {n}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

const DIRTY_C: &str = r#"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
static unsigned char bss[1 << 16];
static int all_zero(const unsigned char *p, size_t n) {
    for (size_t i = 0; i < n; i++) if (p[i]) return 0;
    return 1;
}
int main(void) {
    size_t n = 1 << 20;
    unsigned char *m = mmap(0, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    unsigned char *h = malloc(100000);
    if (m == MAP_FAILED || !h) { puts("no memory"); return 1; }
    printf("bss %d mmap %d heap %d\n", all_zero(bss, sizeof bss), all_zero(m, n), all_zero(h, 100000));
    /* Leave every page dirty for whoever runs next in this address space. */
    memset(bss, 0xaa, sizeof bss);
    memset(m, 0xaa, n);
    memset(h, 0xaa, 100000);
    return 0;
}
"#;

/// [`CodeCache`] reuses one address space for every run: a run must find it as a
/// fresh one, all zero, whatever the run before it left there.
#[test]
fn a_reused_address_space_is_clean() {
    let Some((dir, exe, elf)) = build_c("dirty", DIRTY_C) else {
        return;
    };
    let (want, code) = native(&exe, &[]);
    assert_eq!(
        (String::from_utf8_lossy(&want).as_ref(), code),
        ("bss 1 mmap 1 heap 1\n", 0)
    );
    let mut cache = CodeCache::new();
    // Warm runs of the program, and a cold one (another id) in the same space.
    for id in ["dirty", "dirty", "other", "dirty"] {
        let r = warm_run(&mut cache, id, &elf, "dirty", &[]);
        assert_eq!(
            String::from_utf8_lossy(&r.stdout),
            String::from_utf8_lossy(&want),
            "run as {id}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}
