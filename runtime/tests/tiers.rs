//! Gas is defined per instruction, so how the engine executes a program — which
//! tier runs a block, how blocks are grouped into regions, whether they chain, how
//! long a block may be — must change neither its output nor its gas. This test runs
//! real programs (built from source here) under every configuration and compares.

use qvm_runtime::run::{run_with, RunOptions};
use qvm_runtime::RunConfig;
use qvm_translator::TranslatorConfig;
use std::path::{Path, PathBuf};
use std::process::Command;

fn build(src: &Path, out: &Path) -> bool {
    Command::new("gcc")
        .args(["-static", "-O2", "-o"])
        .arg(out)
        .arg(src)
        .arg("-lm")
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
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
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let dir = std::env::temp_dir().join(format!("qvm-tiers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for name in [
        "sha256",
        "qsort_bsearch",
        "printf_floats",
        "recursion",
        "string_funcs",
    ] {
        let src = root.join("tests/guests/c").join(format!("{name}.c"));
        let exe = dir.join(name);
        if !build(&src, &exe) {
            eprintln!("SKIP: cannot build {} with gcc -static", src.display());
            return;
        }
        let elf = std::fs::read(&exe).unwrap();
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
