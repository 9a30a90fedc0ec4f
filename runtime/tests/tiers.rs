//! Gas is defined per instruction, so how the engine executes a program — which
//! tier runs a block, how blocks are grouped into regions, whether regions compile on
//! a second thread (and so arrive at times that vary run to run), whether they chain,
//! how long a block may be — must change neither its output nor its gas. This test runs
//! real programs (built from source here) under every configuration and compares.

use qvm_runtime::run::{run_with, RunOptions};
use qvm_runtime::RunConfig;
use qvm_translator::TranslatorConfig;

mod support;

/// Runs the guest `elf` (as `/name` with `args`, empty stdin) under `cfg`,
/// recording syscalls and hashing memory when `record`.
fn run_guest(
    elf: &[u8],
    name: &str,
    args: Vec<Vec<u8>>,
    gas_limit: u64,
    cfg: TranslatorConfig,
    record: bool,
) -> (qvm_runtime::run::RunResult, qvm_runtime::run::RunRecord) {
    let config = RunConfig {
        gas_limit,
        ..RunConfig::new(elf.to_vec(), format!("/{name}"), args)
    };
    let opts = RunOptions {
        stdin: Some(Vec::new()),
        translator: Some(cfg),
        record_syscalls: record,
        hash_memory: record,
        ..RunOptions::default()
    };
    run_with(config, &opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn configs() -> Vec<(&'static str, TranslatorConfig)> {
    let d = TranslatorConfig::default();
    vec![
        ("default", d.clone()),
        (
            "no cold tier",
            TranslatorConfig {
                cold_tier: false,
                ..d.clone()
            },
        ),
        (
            "no regions",
            TranslatorConfig {
                regions: false,
                ..d.clone()
            },
        ),
        (
            "regions compiled on the run loop's thread",
            TranslatorConfig {
                background: false,
                ..d.clone()
            },
        ),
        (
            "no chaining",
            TranslatorConfig {
                chain: false,
                cold_tier: false,
                ..d.clone()
            },
        ),
        (
            "1-instruction blocks",
            TranslatorConfig {
                max_block_insns: 1,
                ..d.clone()
            },
        ),
        (
            "256-instruction blocks",
            TranslatorConfig {
                max_block_insns: 256,
                cold_tier: false,
                ..d
            },
        ),
    ]
}

#[test]
fn output_and_gas_do_not_depend_on_tiers_regions_or_block_size() {
    let dir = support::scratch("tiers");
    for name in [
        "sha256",
        "qsort_bsearch",
        "printf_floats",
        "recursion",
        "string_funcs",
        "dispatch_loop",
        "late_paths",
    ] {
        let Some((_, elf)) = support::c_guest(&dir, name) else {
            return;
        };
        let mut seen: Option<(String, Vec<u8>, u64)> = None;
        for (what, cfg) in configs() {
            let (r, _) = run_guest(
                &elf,
                name,
                vec![name.as_bytes().to_vec()],
                1 << 40,
                cfg,
                false,
            );
            let now = (format!("{:?}", r.outcome), r.stdout, r.gas_used);
            match &seen {
                None => {
                    assert!(now.2 > 0, "{name}: no gas used");
                    seen = Some(now);
                }
                Some((outcome, out, gas)) => {
                    assert_eq!(&now.0, outcome, "{name}: outcome under {what}");
                    assert!(&now.1 == out, "{name}: stdout differs under {what}");
                    assert_eq!(now.2, *gas, "{name}: gas differs under {what}");
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Regions compare gas once per window, not per block (`gas_check`), and leave
/// for the interpreter when the window is not covered. Running out of gas must
/// still stop at exactly the block per-block checks stop at: for limits spread
/// over the run, every configuration ends with the same output, the same syscalls
/// and the same guest memory (what the guest had done when the gas ran out).
#[test]
fn running_out_of_gas_stops_at_the_same_block_under_every_configuration() {
    let dir = support::scratch("tiers-oog");
    for name in ["sha256", "qsort_bsearch", "string_funcs", "dispatch_loop"] {
        let Some((_, elf)) = support::c_guest(&dir, name) else {
            return;
        };
        let run = |limit: u64, cfg: TranslatorConfig| {
            let (r, rec) = run_guest(&elf, name, vec![name.as_bytes().to_vec()], limit, cfg, true);
            (
                format!("{:?}", r.outcome),
                r.stdout,
                r.gas_used,
                format!("{:?}", rec.syscalls),
                format!("{:?}", rec.memory),
            )
        };
        let used = run(1 << 40, TranslatorConfig::default()).2;
        // Odd fractions of the run, so the limits fall inside hot loops.
        for k in [1u64, 2, 3, 5, 8, 13] {
            let limit = used * k / 17 + k;
            let mut seen = None;
            // Block size is part of where gas runs out (a block that cannot pay
            // runs not at all), so only configurations with the default blocks
            // compare.
            for (what, cfg) in configs()
                .into_iter()
                .filter(|(_, c)| c.max_block_insns == TranslatorConfig::default().max_block_insns)
            {
                let now = run(limit, cfg);
                assert_eq!(now.0, "OutOfGas", "{name} (limit {limit}, {what})");
                match &seen {
                    None => seen = Some(now),
                    Some(s) => {
                        assert_eq!(&now.1, &s.1, "{name} (limit {limit}): stdout under {what}");
                        assert_eq!(now.2, s.2, "{name} (limit {limit}): gas under {what}");
                        assert_eq!(now.3, s.3, "{name} (limit {limit}): syscalls under {what}");
                        assert!(
                            now.4 == s.4,
                            "{name} (limit {limit}): guest memory differs under {what}"
                        );
                    }
                }
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// An access close to one already checked in its block is not checked itself
/// (`TranslatorConfig::guard`): where its check would fail, the host guard or the
/// guest's never-mapped last page must fault at the same address. Each case faults
/// on the second access of a pair; compiled with and without the elision and
/// interpreted, the fault is the same, and its address is the one the guest's
/// arithmetic gives.
#[test]
fn an_unchecked_access_faults_where_its_check_would() {
    let dir = support::scratch("tiers-near");
    let Some((_, elf)) = support::c_guest(&dir, "near_faults") else {
        return;
    };
    use qvm_kernel::layout::{GUEST_SPACE_SIZE as END, STACK_TOP};
    let top = STACK_TOP - 0x10; // 16 bytes below the stack's top (mapped)
    let low = 0x1_0000u64; // the page the guest maps at the lowest address allowed
    let cases: [(u32, u64, u64); 19] = [
        (0, top, top + 0x10),                 // the unmapped page above the stack
        (1, top, END - 4),                    // runs past the end of the space
        (2, top, END + 8),                    // beyond the space
        (3, low, low.wrapping_sub(0x1_0008)), // below 0: wraps
        (4, low, low - 0x8000),               // the never-mapped low pages
        (5, low, low.wrapping_sub(0x1_0004)), // straddles 0 from below
        (6, top, END - 2),                    // a 4-byte store past the end
        // A checked access faulting itself: compiled code with the guard tests only
        // `addr < GUEST_SPACE_SIZE` and leaves the last page to the MMU.
        (7, END - 4, END - 4),                             // runs past the end
        (7, END - 0x1000, END - 0x1000),                   // the last page
        (7, END + 8, END + 8),                             // beyond the space
        (7, 1 << 32, 1 << 32),                             // 4 GiB
        (7, 0x8000_0000_0000_0000, 0x8000_0000_0000_0000), // far beyond
        // A single access at base ± 0x18: compiled code with the guard tests the
        // base against a bound moved by the distance.
        (8, END - 0x20, END - 8),              // the last page
        (8, END - 0x10, END + 8),              // beyond the space
        (8, u64::MAX - 7, 0x10),               // wraps onto the first page
        (8, 1 << 32, (1 << 32) + 0x18),        // 4 GiB
        (9, 0x10, 0x10u64.wrapping_sub(0x18)), // below 0
        (9, END + 0x10, END - 8),              // from beyond into the last page
        (9, END + 0x1000, END + 0xfe8),        // beyond the space
    ];
    let configs = [
        (
            "compiled, checks elided",
            TranslatorConfig {
                cold_tier: false,
                ..TranslatorConfig::default()
            },
        ),
        (
            "compiled, every access checked",
            TranslatorConfig {
                cold_tier: false,
                elide_checks: false,
                ..TranslatorConfig::default()
            },
        ),
        ("interpreted", TranslatorConfig::default()),
    ];
    for (case, base, want) in cases {
        for (what, cfg) in &configs {
            let args = vec![
                b"near_faults".to_vec(),
                case.to_string().into_bytes(),
                format!("{base:x}").into_bytes(),
            ];
            let (r, _) = run_guest(&elf, "near_faults", args, 1 << 40, cfg.clone(), false);
            let f = r
                .fault
                .as_ref()
                .unwrap_or_else(|| panic!("case {case} ({what}): no fault: {:?}", r.outcome));
            assert_eq!(
                (f.signal, f.addr),
                (11, want),
                "case {case} ({what}): fault at {:#x}",
                f.addr
            );
            assert!(
                f.insn.contains("mov"),
                "case {case} ({what}): faulting instruction {:?}",
                f.insn
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
