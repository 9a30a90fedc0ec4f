//! Random syscall numbers and arguments must never panic the kernel.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]
mod support;

use qvm_kernel::layout::{MMAP_TOP, STACK_TOP};
use qvm_kernel::SyscallOutcome;
use support::*;

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn arg(rng: &mut XorShift, strings: &[u64]) -> u64 {
    let r = rng.next();
    match r % 12 {
        0 => 0,
        1 => r % 8,
        2 => DATA + (rng.next() % DATA_LEN),
        3 => strings[(rng.next() % strings.len() as u64) as usize],
        4 => u64::MAX - rng.next() % 4096,
        5 => rng.next() % (1 << 32),
        6 => MMAP_TOP - (rng.next() % 64) * 4096,
        7 => STACK_TOP - 4096,
        8 => 1 << (rng.next() % 64),
        9 => (-100i64) as u64,
        10 => rng.next() % 0x10000,
        _ => rng.next(),
    }
}

#[test]
fn random_syscalls_never_panic() {
    let seeds: u64 = std::env::var("FUZZ_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    for seed in 1..=seeds {
        // Successful calls and ended runs both happen, so the fuzz reaches real work.
        let mut h = H::with(|c| {
            c.max_memory = 64 << 20;
            c.max_output = 1 << 20;
        });
        let strings: Vec<u64> = [
            "/tmp/x",
            "/dev/zero",
            "/dev/urandom",
            "/tmp",
            "/",
            "/data/input.txt",
            "/proc/self/exe",
            "..",
            "/tmp/x/y",
            "/proc/self/maps",
            "/dev/stdout",
        ]
        .iter()
        .map(|s| h.cstr(s))
        .collect();
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15 ^ seed);
        let (mut ok, mut ended) = (0u32, 0u32);
        for _ in 0..20_000 {
            let table = qvm_kernel::syscalls::TABLE;
            let nr = if rng.next().is_multiple_of(8) {
                rng.next() % 1000
            } else {
                table[(rng.next() % table.len() as u64) as usize].nr
            };
            let mut args = [0u64; 6];
            for a in &mut args {
                *a = arg(&mut rng, &strings);
            }
            h.gas = 1 << 40;
            if std::env::var_os("FUZZ_VERBOSE").is_some() {
                eprintln!("{nr} {args:x?}");
            }
            match h.sys(nr, &args) {
                SyscallOutcome::Return(v) if (v as i64) >= 0 => ok += 1,
                SyscallOutcome::Return(_) => {}
                SyscallOutcome::Exit(_) | SyscallOutcome::Fault { .. } => ended += 1,
                SyscallOutcome::OutOfGas => {}
            }
        }
        eprintln!("seed {seed}: {ok} successful, {ended} ended the run");
        assert!(ok > 1500 && ended > 0);
    }
}

/// The same random syscall sequence gives the same results, gas, output and trace.
#[test]
fn random_syscalls_are_deterministic() {
    let run = || {
        let mut h = H::with(|c| {
            c.max_memory = 16 << 20;
            c.max_output = 1 << 16;
        });
        let strings: Vec<u64> = [
            "/tmp/a",
            "/dev/urandom",
            "/tmp",
            "/data/input.txt",
            "/proc/self/maps",
        ]
        .iter()
        .map(|s| h.cstr(s))
        .collect();
        let mut rng = XorShift(0x1234_5678);
        let mut results = Vec::new();
        for _ in 0..5_000 {
            let table = qvm_kernel::syscalls::TABLE;
            let e = &table[(rng.next() % table.len() as u64) as usize];
            if matches!(e.name, "exit" | "exit_group" | "kill" | "tkill" | "tgkill") {
                continue;
            }
            let mut args = [0u64; 6];
            for a in &mut args {
                *a = arg(&mut rng, &strings);
            }
            h.gas = 1 << 40;
            results.push((h.sys(e.nr, &args), h.gas));
        }
        let mem = h.get(DATA, 0x10000);
        (results, h.out.text(), h.err.text(), h.trace.text(), mem)
    };
    assert!(run() == run());
}
