//! Bad inputs: qvm exits with status 2 and one clear line on stderr naming the problem,
//! never panics, never runs anything.

use qvm_tests::*;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// Runs `qvm <args>` and checks: exit status 2, nothing on stdout, exactly one
/// non-empty line on stderr, no panic, and the line contains one of `any_of`
/// (case-insensitive).
fn expect_rejected(test: &str, args: &[OsString], any_of: &[&str]) {
    if native_only() {
        skip(test, "native-only mode");
        return;
    }
    let q = run_qvm_raw(args, b"");
    let err = q.stderr_str();
    let ctx = format!(
        "{test}: {}\nexit {:?} host signal {:?}\nstdout: {:?}\nstderr: {err:?}",
        q.command,
        q.code,
        q.host_signal,
        q.stdout_str()
    );
    assert!(!err.contains("panicked"), "{ctx}\nqvm panicked");
    assert_eq!(q.host_signal, None, "{ctx}\nqvm crashed");
    assert_eq!(q.code, Some(2), "{ctx}\nexit status is not 2");
    assert!(
        q.stdout.is_empty(),
        "{ctx}\nsomething was written to stdout"
    );
    let lines: Vec<&str> = err.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(lines.len(), 1, "{ctx}\nstderr is not exactly one line");
    let lower = lines[0].to_lowercase();
    assert!(
        any_of.iter().any(|k| lower.contains(&k.to_lowercase())),
        "{ctx}\nthe message does not name the problem (expected one of {any_of:?})"
    );
}

fn run_args(elf: &Path) -> Vec<OsString> {
    vec!["run".into(), elf.as_os_str().to_owned()]
}

fn static_binary(test: &str) -> Option<PathBuf> {
    build_c(test, &guest_source("c/return42.c"), &GCC_O2)
}

fn patched(test: &str, prefix: &str, patch: impl FnOnce(&mut Vec<u8>)) -> Option<ScratchFile> {
    let src = static_binary(test)?;
    let mut bytes = std::fs::read(&src).unwrap();
    patch(&mut bytes);
    Some(scratch_file(prefix, &bytes))
}

fn u16_at(b: &[u8], o: usize) -> usize {
    usize::from(u16::from_le_bytes([b[o], b[o + 1]]))
}
fn u64_at(b: &[u8], o: usize) -> u64 {
    u64::from_le_bytes(b[o..o + 8].try_into().unwrap())
}

/// Offsets of the PT_LOAD program headers of an ELF64 image.
fn load_phdrs(b: &[u8]) -> Vec<usize> {
    let phoff = usize::try_from(u64_at(b, 32)).unwrap();
    let (entsize, num) = (u16_at(b, 54), u16_at(b, 56));
    (0..num)
        .map(|i| phoff + i * entsize)
        .filter(|&o| u32::from_le_bytes(b[o..o + 4].try_into().unwrap()) == 1)
        .collect()
}

#[test]
fn sanity_the_unpatched_binary_runs() {
    // the patched inputs below start from this binary, which is fine as it is
    let Some(p) = static_binary("bad_input_sanity") else {
        return;
    };
    check_case("bad_input_sanity", &p, &Case::new().exit(42));
}

#[test]
fn text_file() {
    let p = scratch_file("text", b"#!/bin/sh\necho this is not an ELF file\n");
    expect_rejected(
        "text_file",
        &run_args(p.path()),
        &["not an elf", "elf magic", "not elf"],
    );
}

#[test]
fn empty_file() {
    let p = scratch_file("empty", b"");
    expect_rejected(
        "empty_file",
        &run_args(p.path()),
        &["empty", "truncated", "not an elf", "too short"],
    );
}

#[test]
fn elf32_patched_class() {
    let Some(p) = patched("elf32_patched", "elf32", |b| b[4] = 1) else {
        return;
    };
    expect_rejected(
        "elf32_patched_class",
        &run_args(p.path()),
        &["32-bit", "elfclass32", "32 bit", "elf32"],
    );
}

#[test]
fn elf32_handmade() {
    // a complete i386 executable: exit(42) via int 0x80
    let code: [u8; 12] = [0xb8, 1, 0, 0, 0, 0xbb, 42, 0, 0, 0, 0xcd, 0x80];
    let mut b = Vec::new();
    b.extend_from_slice(b"\x7fELF\x01\x01\x01\0\0\0\0\0\0\0\0\0");
    b.extend_from_slice(&2u16.to_le_bytes()); // ET_EXEC
    b.extend_from_slice(&3u16.to_le_bytes()); // EM_386
    b.extend_from_slice(&1u32.to_le_bytes());
    b.extend_from_slice(&(0x0804_8000u32 + 52 + 32).to_le_bytes()); // entry
    b.extend_from_slice(&52u32.to_le_bytes()); // phoff
    b.extend_from_slice(&0u32.to_le_bytes()); // shoff
    b.extend_from_slice(&0u32.to_le_bytes()); // flags
    for v in [52u16, 32, 1, 40, 0, 0] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    let total = 52 + 32 + code.len() as u32;
    for v in [1u32, 0, 0x0804_8000, 0x0804_8000, total, total, 5, 0x1000] {
        b.extend_from_slice(&v.to_le_bytes());
    }
    b.extend_from_slice(&code);
    let p = scratch_file("elf32hand", &b);
    expect_rejected(
        "elf32_handmade",
        &run_args(p.path()),
        &["32-bit", "elfclass32", "32 bit", "elf32"],
    );
}

#[test]
fn dynamically_linked() {
    let Some(p) = build_c("dynamic", &guest_source("c/return42.c"), &GCC_DYNAMIC) else {
        return;
    };
    assert!(
        !is_static_elf(&p),
        "gcc's default output should be dynamically linked"
    );
    // natively it is a fine program
    assert_eq!(
        run_native(&p, &Invocation::new()).status,
        Status::Exited(42)
    );
    expect_rejected(
        "dynamically_linked",
        &run_args(&p),
        &["dynamic", "pt_interp", "interpreter"],
    );
}

#[test]
fn aarch64_machine() {
    let Some(p) = patched("aarch64", "aarch64", |b| {
        b[18..20].copy_from_slice(&183u16.to_le_bytes())
    }) else {
        return;
    };
    expect_rejected(
        "aarch64_machine",
        &run_args(p.path()),
        &["machine", "aarch64", "x86-64", "x86_64", "arm"],
    );
}

#[test]
fn truncated_binary() {
    let Some(p) = patched("truncated", "truncated", |b| b.truncate(b.len() / 3)) else {
        return;
    };
    expect_rejected(
        "truncated_binary",
        &run_args(p.path()),
        &[
            "truncated",
            "beyond the end",
            "past the end",
            "out of bounds",
            "too short",
        ],
    );
}

#[test]
fn truncated_header() {
    let Some(p) = patched("truncated_header", "truncated-hdr", |b| b.truncate(40)) else {
        return;
    };
    expect_rejected(
        "truncated_header",
        &run_args(p.path()),
        &["truncated", "too short", "not an elf"],
    );
}

#[test]
fn overlapping_segments() {
    let Some(p) = patched("overlap", "overlap", |b| {
        let loads = load_phdrs(b);
        assert!(loads.len() >= 2, "need two PT_LOAD segments");
        let first_vaddr = u64_at(b, loads[0] + 16);
        let second_off = u64_at(b, loads[1] + 8);
        let align = u64_at(b, loads[1] + 48).max(1);
        // same page offset as the file offset, so only the overlap is wrong
        let vaddr = first_vaddr + second_off % align;
        b[loads[1] + 16..loads[1] + 24].copy_from_slice(&vaddr.to_le_bytes());
        b[loads[1] + 24..loads[1] + 32].copy_from_slice(&vaddr.to_le_bytes());
    }) else {
        return;
    };
    expect_rejected("overlapping_segments", &run_args(p.path()), &["overlap"]);
}

#[test]
fn missing_file() {
    let p = corpus_dir().join(unique_name("does-not-exist"));
    expect_rejected(
        "missing_file",
        &run_args(&p),
        &[
            "no such file",
            "not found",
            "does not exist",
            "cannot open",
            "can't open",
            "missing",
        ],
    );
}

#[test]
fn directory_as_program() {
    let p = corpus_dir();
    std::fs::create_dir_all(&p).unwrap();
    expect_rejected(
        "directory_as_program",
        &run_args(&p),
        &["directory", "not a regular file", "not a file"],
    );
}

fn with_elf(test: &str, flags: &[&str], any_of: &[&str]) {
    let Some(elf) = static_binary(test) else {
        return;
    };
    let mut args: Vec<OsString> = vec!["run".into()];
    args.extend(flags.iter().map(OsString::from));
    args.push(elf.into_os_string());
    expect_rejected(test, &args, any_of);
}

#[test]
fn bad_gas_limit() {
    with_elf(
        "bad_gas_limit_abc",
        &["--gas-limit", "abc"],
        &["gas-limit", "gas limit"],
    );
    with_elf(
        "bad_gas_limit_negative",
        &["--gas-limit=-5"],
        &["gas-limit", "gas limit"],
    );
    with_elf(
        "bad_gas_limit_overflow",
        &["--gas-limit", "99999999999999999999999"],
        &["gas-limit", "gas limit"],
    );
}

#[test]
fn bad_block_hash() {
    with_elf(
        "bad_block_hash_short",
        &["--block-hash", "0x1234"],
        &["block-hash", "block hash"],
    );
    with_elf(
        "bad_block_hash_nonhex",
        &[
            "--block-hash",
            "0xzz23456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        ],
        &["block-hash", "block hash"],
    );
    with_elf(
        "bad_block_hash_long",
        &[
            "--block-hash",
            "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef00",
        ],
        &["block-hash", "block hash"],
    );
}

#[test]
fn bad_block_timestamp_and_height() {
    with_elf(
        "bad_block_timestamp",
        &["--block-timestamp", "yesterday"],
        &["block-timestamp", "timestamp"],
    );
    with_elf(
        "bad_block_height",
        &["--block-height", "-1"],
        &["block-height", "height"],
    );
}

#[test]
fn bad_env_and_file_flags() {
    with_elf("bad_env", &["--env", "NO_EQUALS_SIGN"], &["env"]);
    with_elf("bad_file_syntax", &["--file", "/guest/only"], &["file"]);
    let missing = corpus_dir().join(unique_name("missing-host-file"));
    let spec = format!("/data/x={}", missing.display());
    with_elf(
        "bad_file_missing_host",
        &["--file", &spec],
        &[
            "no such file",
            "not found",
            "does not exist",
            "cannot open",
            "can't open",
            "missing",
        ],
    );
}

#[test]
fn unknown_flag_and_missing_program() {
    with_elf(
        "unknown_flag",
        &["--frobnicate"],
        &["frobnicate", "unknown", "unexpected"],
    );
    expect_rejected(
        "no_program",
        &["run".into()],
        &["elf", "program", "required", "missing", "usage"],
    );
    expect_rejected(
        "unknown_subcommand",
        &["fly".into()],
        &["fly", "unknown", "unrecognized", "subcommand", "usage"],
    );
}
