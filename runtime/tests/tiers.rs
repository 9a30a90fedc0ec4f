//! Gas is defined per instruction, so how the engine executes a program — which
//! tier runs a block, how blocks are grouped into regions, whether they chain, how
//! long a block may be — must change neither its output nor its gas. This test runs
//! real programs (built from source here) under every configuration and compares.

use qvm_runtime::run::{run_with, RunOptions};
use qvm_runtime::RunConfig;
use qvm_translator::TranslatorConfig;

mod support;

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
    ] {
        let Some((_, elf)) = support::c_guest(&dir, name) else {
            return;
        };
        let mut seen: Option<(String, Vec<u8>, u64)> = None;
        for (what, cfg) in configs() {
            let config = RunConfig {
                gas_limit: 1 << 40,
                ..RunConfig::new(
                    elf.clone(),
                    format!("/{name}"),
                    vec![name.as_bytes().to_vec()],
                )
            };
            let opts = RunOptions {
                stdin: Some(Vec::new()),
                translator: Some(cfg),
                ..Default::default()
            };
            let (r, _) = run_with(config, &opts).unwrap_or_else(|e| panic!("{name} ({what}): {e}"));
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
