//! `suite --compare A,B[,C…]`: the same workloads under two or more qvm binaries,
//! interleaved, to tell whether a change to qvm made it faster.
//!
//! On a shared machine the noise between two runs minutes apart (±10–40% here)
//! exceeds most changes worth measuring. So each round runs every binary once,
//! back to back, and the report gives, besides each binary's medians, the median
//! over rounds of the ratio of adjacent runs (B's time ÷ A's in the same round):
//! a slow phase of the machine then slows both sides of a pair alike. Outputs are
//! checked against one native run, as in the suite. Nothing is written to
//! BENCHMARKS.md; the numbers back the A/B claims quoted there.

use super::{median, run_once, workloads, End, Libc, Opts, GAS_LIMIT};
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One binary's samples on one workload.
#[derive(Default)]
struct Side {
    walls: Vec<f64>,
    users: Vec<f64>,
    failure: Option<String>,
}

fn qvm_argv(qvm: &Path, exe: &Path, args: &[String]) -> Vec<OsString> {
    let mut v: Vec<OsString> = vec![
        qvm.into(),
        "run".into(),
        "--gas-limit".into(),
        GAS_LIMIT.to_string().into(),
        exe.into(),
    ];
    v.extend(args.iter().map(OsString::from));
    v
}

/// Median over rounds of `b[i] / a[i]` (rounds both sides completed).
fn paired_ratio(a: &[f64], b: &[f64]) -> Option<f64> {
    let r: Vec<f64> = a
        .iter()
        .zip(b)
        .filter(|(x, _)| **x > 0.0)
        .map(|(x, y)| y / x)
        .collect();
    (!r.is_empty()).then(|| median(&r))
}

fn print_row(tag: &str, qvms: &[PathBuf], sides: &[Side], unit: &str, ratios: &mut [Vec<f64>]) {
    println!("{tag}");
    for (i, (q, s)) in qvms.iter().zip(sides).enumerate() {
        let name = q.display();
        if let Some(f) = &s.failure {
            println!("  {name}: FAILED {f}");
            continue;
        }
        if s.walls.is_empty() {
            println!("  {name}: no runs");
            continue;
        }
        let mut line = format!(
            "  {name}: wall {:.3} {unit} (min {:.3}), user {:.3} {unit}",
            median(&s.walls),
            s.walls.iter().copied().fold(f64::INFINITY, f64::min),
            median(&s.users)
        );
        if i > 0 && sides[0].failure.is_none() {
            if let Some(rw) = paired_ratio(&sides[0].walls, &s.walls) {
                let ru = paired_ratio(&sides[0].users, &s.users).unwrap_or(f64::NAN);
                line.push_str(&format!(
                    " — paired ratio to the first: wall {rw:.3}, user {ru:.3}"
                ));
                ratios[i].push(rw);
            }
        }
        println!("{line}");
    }
}

/// Runs the comparison and prints it on stdout.
pub(super) fn compare(qvms: &[PathBuf], corpus: &Path, tmp: &Path, opts: &Opts) {
    let wanted =
        |tag: &str| opts.filter.is_empty() || opts.filter.iter().any(|f| tag.contains(f.as_str()));
    // Per binary (after the first): the paired wall ratios of every workload.
    let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); qvms.len()];
    for w in workloads(corpus) {
        let tag = format!("{}-{}", w.name, w.libc.name());
        if !wanted(&tag) {
            continue;
        }
        eprintln!("suite: compare {tag}");
        let out = tmp.join(format!("{tag}.cmp.out"));
        let err = tmp.join(format!("{tag}.cmp.err"));
        let mut native_argv: Vec<OsString> = vec![w.exe.clone().into()];
        native_argv.extend(w.args.iter().map(OsString::from));
        let n = run_once(&native_argv, w.stdin.as_deref(), &out, &err, opts.timeout);
        if n.end != End::Exited(0) {
            println!("{tag}\n  native run ended with {}: skipped", n.end);
            continue;
        }
        let want = fs::read(&out).unwrap_or_default();
        let mut sides: Vec<Side> = qvms.iter().map(|_| Side::default()).collect();
        for _ in 0..opts.runs {
            for (q, side) in qvms.iter().zip(sides.iter_mut()) {
                if side.failure.is_some() {
                    continue;
                }
                let argv = qvm_argv(q, &w.exe, &w.args);
                let s = run_once(&argv, w.stdin.as_deref(), &out, &err, opts.timeout);
                let got = fs::read(&out).unwrap_or_default();
                if s.end != End::Exited(0) || got != want {
                    side.failure = Some(format!(
                        "{} (output {})",
                        s.end,
                        if got == want { "same" } else { "differs" }
                    ));
                    continue;
                }
                side.walls.push(s.wall);
                side.users.push(s.user);
            }
        }
        print_row(&tag, qvms, &sides, "s", &mut ratios);
    }
    if opts.filter.is_empty() || opts.filter.iter().any(|f| "hello".contains(f.as_str())) {
        for libc in [Libc::Musl, Libc::Glibc] {
            let exe = corpus.join("bin").join(format!("hello-{}", libc.name()));
            let tag = format!(
                "hello-{} (start-up, ms, {} runs)",
                libc.name(),
                opts.startup_runs
            );
            let out = tmp.join("hello.cmp.out");
            let err = tmp.join("hello.cmp.err");
            let mut sides: Vec<Side> = qvms.iter().map(|_| Side::default()).collect();
            for _ in 0..opts.startup_runs {
                for (q, side) in qvms.iter().zip(sides.iter_mut()) {
                    if side.failure.is_some() {
                        continue;
                    }
                    let s = run_once(
                        &qvm_argv(q, &exe, &[]),
                        None,
                        &out,
                        &err,
                        Duration::from_secs(30),
                    );
                    if s.end != End::Exited(0)
                        || fs::read(&out)
                            .map(|o| o != b"hello, world\n")
                            .unwrap_or(true)
                    {
                        side.failure = Some(format!("{}", s.end));
                        continue;
                    }
                    side.walls.push(s.wall * 1e3);
                    side.users.push((s.user + s.sys) * 1e3);
                }
            }
            // Start-up rows stay out of the workloads' geometric mean.
            let mut unused = vec![Vec::new(); qvms.len()];
            print_row(&tag, qvms, &sides, "ms", &mut unused);
        }
        println!("(start-up rows: \"user\" is user + system CPU)");
    }
    for (q, r) in qvms.iter().zip(&ratios).skip(1) {
        if let Some(g) = super::geomean(r) {
            println!(
                "geometric mean of the paired wall ratios, {} ÷ {}: {g:.3} over {} workloads",
                q.display(),
                qvms[0].display(),
                r.len()
            );
        }
    }
}
