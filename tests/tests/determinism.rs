//! Determinism: randomness (getrandom, AT_RANDOM, /dev/urandom, /dev/random) comes from
//! the block hash and time from the block timestamp. Two runs with the same block
//! context are identical; another hash changes every random value; the clocks read the
//! declared timestamp (compared with the declared input, not with native, where these
//! values differ by nature).

use qvm_tests::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const HASH_A: &str = "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
const HASH_B: &str = "0xfedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210";
const RANDOM_KEYS: [&str; 4] = ["getrandom", "at_random", "urandom", "random"];
const TIME_KEYS: [&str; 3] = ["time", "realtime_sec", "gettimeofday_sec"];

fn probe(test: &str, variant: &Variant) -> Option<PathBuf> {
    build_c(test, &guest_source("c/determinism_probe.c"), variant)
}

fn parse(out: &[u8]) -> BTreeMap<String, String> {
    String::from_utf8_lossy(out)
        .lines()
        .filter_map(|l| {
            l.split_once(' ')
                .map(|(k, v)| (k.to_string(), v.to_string()))
        })
        .collect()
}

fn run_with(prog: &Path, hash: &str, timestamp: u64) -> (Vec<u8>, BTreeMap<String, String>) {
    let flags = vec![
        "--gas-limit".to_string(),
        test_gas_limit().to_string(),
        "--block-hash".into(),
        hash.into(),
        "--block-timestamp".into(),
        timestamp.to_string(),
        "--block-height".into(),
        "1000".into(),
    ];
    let q = run_qvm(prog, &Invocation::new(), &flags);
    assert_eq!(
        q.code,
        Some(0),
        "probe failed under qvm: {}\n{}",
        q.command,
        q.stderr_str()
    );
    let map = parse(&q.stdout);
    for key in RANDOM_KEYS.iter().chain(TIME_KEYS.iter()) {
        assert!(
            map.contains_key(*key),
            "probe output lacks {key}:\n{}",
            q.stdout_str()
        );
    }
    (q.stdout, map)
}

/// Natively, the probe really observes fresh randomness on every run (so identical
/// output under qvm is qvm's doing, not the probe's).
#[test]
fn probe_sees_randomness_natively() {
    for v in [GCC_O2, MUSL_O2] {
        let test = format!("determinism_native[{}]", v.name);
        let Some(prog) = probe(&test, &v) else {
            continue;
        };
        let a = parse(&run_native(&prog, &Invocation::new()).stdout);
        let b = parse(&run_native(&prog, &Invocation::new()).stdout);
        assert_eq!(a["getrandom_count"], "32");
        assert_eq!(a["urandom_count"], "16");
        for key in RANDOM_KEYS {
            assert_ne!(
                a[key], b[key],
                "{test}: {key} is the same in two native runs"
            );
            assert_eq!(
                a[key].len(),
                if key == "getrandom" { 64 } else { 32 },
                "{test}: {key}"
            );
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let t: u64 = a["time"].parse().unwrap();
        assert!(
            t.abs_diff(now) < 600,
            "{test}: native time {t} far from now {now}"
        );
    }
}

#[test]
fn same_block_context_same_output() {
    for v in [GCC_O2, MUSL_O2, GCC_PIE_O2] {
        let test = format!("determinism_same[{}]", v.name);
        let Some(prog) = probe(&test, &v) else {
            continue;
        };
        if native_only() {
            skip(&test, "native-only mode");
            return;
        }
        let (out1, _) = run_with(&prog, HASH_A, 1_700_000_000);
        let (out2, _) = run_with(&prog, HASH_A, 1_700_000_000);
        assert!(
            out1 == out2,
            "{test}: two runs with the same block context differ:\n{}\n---\n{}",
            String::from_utf8_lossy(&out1),
            String::from_utf8_lossy(&out2)
        );
    }
}

#[test]
fn another_hash_changes_randomness_only() {
    for v in [GCC_O2, MUSL_O2] {
        let test = format!("determinism_hash[{}]", v.name);
        let Some(prog) = probe(&test, &v) else {
            continue;
        };
        if native_only() {
            skip(&test, "native-only mode");
            return;
        }
        let (_, a) = run_with(&prog, HASH_A, 1_700_000_000);
        let (_, b) = run_with(&prog, HASH_B, 1_700_000_000);
        for key in RANDOM_KEYS {
            assert_ne!(
                a[key], b[key],
                "{test}: {key} did not change with the block hash"
            );
            assert_ne!(
                a[key].trim_start_matches('0'),
                "",
                "{test}: {key} is all zero"
            );
        }
        for key in TIME_KEYS {
            assert_eq!(a[key], b[key], "{test}: {key} changed with the block hash");
        }
        assert_eq!(a["getrandom_count"], "32");
        assert_eq!(a["urandom_count"], "16");
        // one stream: what getrandom gave is not simply repeated by /dev/urandom
        assert_ne!(
            &a["getrandom"][..32],
            a["urandom"],
            "{test}: getrandom and /dev/urandom returned the same bytes"
        );
    }
}

#[test]
fn clocks_read_the_block_timestamp() {
    for v in [GCC_O2, MUSL_O2] {
        let test = format!("determinism_time[{}]", v.name);
        let Some(prog) = probe(&test, &v) else {
            continue;
        };
        if native_only() {
            skip(&test, "native-only mode");
            return;
        }
        for ts in [1_700_000_000u64, 1_234_567_890, 4_000_000_000] {
            let (_, m) = run_with(&prog, HASH_A, ts);
            for key in TIME_KEYS {
                assert_eq!(
                    m[key],
                    ts.to_string(),
                    "{test}: {key} is not --block-timestamp {ts}"
                );
            }
        }
    }
}

#[test]
fn same_context_same_gas_and_json() {
    let Some(prog) = probe("determinism_json", &GCC_O2) else {
        return;
    };
    if native_only() {
        skip("determinism_json", "native-only mode");
        return;
    }
    let flags: Vec<String> = [
        "--json",
        "--block-hash",
        HASH_B,
        "--block-timestamp",
        "1600000000",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain(["--gas-limit".to_string(), test_gas_limit().to_string()])
    .collect();
    let r1 = parse_json_report(&run_qvm(&prog, &Invocation::new(), &flags));
    let r2 = parse_json_report(&run_qvm(&prog, &Invocation::new(), &flags));
    assert_eq!(
        r1.value, r2.value,
        "two --json runs with the same block context differ"
    );
    assert_eq!(r1.outcome, "exited");
}

/// A fault inside a hot loop reports the same `--json` object — registers
/// included — on every run, although whether the faulting iteration runs in the
/// background-compiled region depends on timing: the CLI replays a faulting run
/// with synchronous compilation (fed the stdin the first run consumed: the fault
/// address depends on it, so a replay without it would end differently and be
/// reported as a warning).
#[test]
fn a_fault_in_hot_code_reports_the_same_registers_every_run() {
    let Some(prog) = build_c("hot_fault", &guest_source("c/hot_fault.c"), &GCC_O2) else {
        return;
    };
    let inv = Invocation::new().stdin("3000000\n");
    let native = run_native(&prog, &inv);
    assert!(
        matches!(native.status, Status::Signaled(11)),
        "natively the guest must fault: {:?}",
        native.status.shell_code()
    );
    if native_only() {
        skip("hot_fault", "native-only mode");
        return;
    }
    let flags = vec![
        "--json".to_string(),
        "--gas-limit".to_string(),
        test_gas_limit().to_string(),
    ];
    let runs: Vec<_> = (0..3).map(|_| run_qvm(&prog, &inv, &flags)).collect();
    for q in &runs {
        assert!(
            !q.stderr_str().contains("warning"),
            "{}\nstderr: {}",
            q.command,
            q.stderr_str()
        );
    }
    let reports: Vec<_> = runs.iter().map(parse_json_report).collect();
    let r = &reports[0];
    assert_eq!(r.outcome, "signaled");
    assert_eq!(r.signal, Some(11));
    assert_eq!(
        r.value["stdout"].as_str(),
        Some(String::from_utf8_lossy(&native.stdout).as_ref()),
        "output before the fault differs from native"
    );
    assert!(r.value["fault"]["registers"]["rax"].is_string());
    for other in &reports[1..] {
        assert_eq!(r.value, other.value, "two --json runs of a fault differ");
    }
}
