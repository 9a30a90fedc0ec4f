//! Gas: reproducible `gas_used`, the exact limit boundary (limit = gas_used succeeds,
//! gas_used − 1 runs out), the out-of-gas report, and hand-computed gas of nasm guests
//! from the schedule constants (`qvm_gas::Schedule::V1`) by instruction class.

use qvm_gas::{InsnClass, Schedule};
use qvm_tests::*;
use std::path::Path;

const S: Schedule = Schedule::V1;

fn cost(class: InsnClass) -> u64 {
    S.class_costs[class as usize]
}

fn json_run(prog: &Path, inv: &Invocation, limit: u64) -> (QvmRun, JsonReport) {
    let q = run_qvm(
        prog,
        inv,
        &["--json".into(), "--gas-limit".into(), limit.to_string()],
    );
    assert!(
        q.host_signal.is_none() && !q.stderr_str().contains("panicked"),
        "qvm crashed: {} {:?}\n{}",
        q.command,
        q.host_signal,
        q.stderr_str()
    );
    let r = parse_json_report(&q);
    (q, r)
}

/// The native half (the guest runs and ends as written) plus a check that qvm is there;
/// returns false in native-only mode.
fn prepare(test: &str, prog: &Path, case: &Case) -> Option<Output> {
    let native = native_half(test, prog, case);
    if native_only() {
        eprintln!("{test}: native-only mode, qvm half skipped");
        return None;
    }
    Some(native)
}

/// gas_used is identical across runs; limit = gas_used succeeds with the same output;
/// gas_used − 1 is out of gas, in JSON and in plain mode.
fn boundary(test: &str, prog: &Path, case: &Case) {
    let Some(native) = prepare(test, prog, case) else {
        return;
    };
    let big = test_gas_limit();
    let (q1, r1) = json_run(prog, &case.inv, big);
    let problems = compare_json(&native, &r1);
    assert!(
        problems.is_empty(),
        "{test}: first run differs from native: {problems:?}\n{}",
        q1.stdout_str()
    );
    let (_, r2) = json_run(prog, &case.inv, big);
    assert_eq!(
        r1.gas_used, r2.gas_used,
        "{test}: gas_used differs between two identical runs"
    );
    assert_eq!(
        r1.gas_limit, big,
        "{test}: gas_limit in the report is not the one passed"
    );
    let used = r1.gas_used;

    let (q3, r3) = json_run(prog, &case.inv, used);
    assert_eq!(
        r3.outcome,
        r1.outcome,
        "{test}: with --gas-limit {used} (= gas_used) the run did not end the same\n{}",
        q3.stdout_str()
    );
    assert_eq!(r3.gas_used, used, "{test}: gas_used changed with the limit");
    assert!(
        compare_json(&native, &r3).is_empty(),
        "{test}: output with limit = gas_used differs from native"
    );

    let (q4, r4) = json_run(prog, &case.inv, used - 1);
    assert_eq!(
        r4.outcome,
        "out_of_gas",
        "{test}: with --gas-limit {} (gas_used − 1) the run was not out of gas\n{}",
        used - 1,
        q4.stdout_str()
    );
    assert_eq!(r4.gas_limit, used - 1);
    assert_eq!(
        r4.gas_used,
        used - 1,
        "{test}: out of gas must consume the whole limit"
    );
    assert!(
        r4.exit_code.is_none() && r4.signal.is_none(),
        "{test}: out_of_gas report has an exit code or signal: {}",
        r4.value
    );

    let q5 = run_qvm(
        prog,
        &case.inv,
        &["--gas-limit".into(), (used - 1).to_string()],
    );
    let line = format!("qvm: out of gas (limit {})", used - 1);
    assert!(
        q5.stderr_str().lines().any(|l| l == line),
        "{test}: plain-mode stderr lacks the line {line:?}:\n{}",
        q5.stderr_str()
    );
    assert!(
        q5.code.is_some_and(|c| c != 0),
        "{test}: out of gas exited with {:?}",
        q5.code
    );
    let q6 = run_qvm(prog, &case.inv, &["--gas-limit".into(), used.to_string()]);
    assert!(
        compare_plain(&native, &q6).is_empty(),
        "{test}: plain run with limit = gas_used differs from native: {:?}",
        compare_plain(&native, &q6)
    );
}

#[test]
fn boundary_sha256_c() {
    let Some(prog) = build_c("gas_sha256", &guest_source("c/sha256.c"), &GCC_O2) else {
        return;
    };
    boundary("gas_sha256", &prog, &Case::new());
}

#[test]
fn boundary_malloc_musl() {
    let Some(prog) = build_c(
        "gas_malloc_musl",
        &guest_source("c/malloc_churn.c"),
        &MUSL_O2,
    ) else {
        return;
    };
    boundary("gas_malloc_musl", &prog, &Case::new());
}

/// A fault consumes the whole limit (DESIGN.md, Gas), whatever the limit; the output
/// still matches native.
#[test]
fn fault_consumes_the_whole_limit() {
    for (name, variant) in [("abort_signal", MUSL_O0), ("div_by_zero", GCC_O2)] {
        let test = format!("gas_fault_{name}");
        let Some(prog) = build_c(&test, &guest_source(&format!("c/{name}.c")), &variant) else {
            return;
        };
        let sig = if name == "abort_signal" {
            libc::SIGABRT
        } else {
            libc::SIGFPE
        };
        let Some(native) = prepare(&test, &prog, &Case::new().signal(sig)) else {
            return;
        };
        for limit in [test_gas_limit(), 50_000_000] {
            let (q, r) = json_run(&prog, &Invocation::new(), limit);
            let problems = compare_json(&native, &r);
            assert!(
                problems.is_empty(),
                "{test}: {problems:?}\n{}",
                q.stdout_str()
            );
            assert_eq!(
                r.gas_used, limit,
                "{test}: a fault must consume the whole limit {limit}"
            );
            assert!(
                r.has_fault,
                "{test}: signaled run without a fault object: {}",
                r.value
            );
        }
    }
}

#[test]
fn boundary_busybox_with_stdin() {
    let Some(bb) = busybox("gas_busybox") else {
        return;
    };
    let case = Case::new()
        .args(["sha256sum"])
        .stdin(pseudo_random_bytes(3, 100_000));
    boundary("gas_busybox", &bb, &case);
}

#[test]
fn boundary_asm_loop() {
    let Some(prog) = build_asm_with(
        "gas_loop",
        &guest_source("asm/gas_loop.asm"),
        &[("ITERS", "1000")],
    ) else {
        return;
    };
    boundary("gas_asm_loop", &prog, &Case::new());
}

/// gas of `asm/gas_loop.asm` with ITERS iterations, by hand from the schedule.
fn loop_gas(iters: u64) -> u64 {
    let simple = cost(InsnClass::Simple);
    let branch = cost(InsnClass::Branch);
    let setup = 2 * simple; // xor eax,eax; mov ecx,ITERS
    let body = iters * (simple + simple + branch); // add; dec; jnz
    let exit = 2 * simple + cost(InsnClass::System) + S.syscall_cost(0); // mov; xor; syscall
    setup + body + exit
}

fn measured_loop_gas(iters: u64) -> Option<u64> {
    let test = format!("gas_loop_{iters}");
    let n = iters.to_string();
    let prog = build_asm_with(&test, &guest_source("asm/gas_loop.asm"), &[("ITERS", &n)])?;
    prepare(&test, &prog, &Case::new())?;
    let (q, r) = json_run(&prog, &Invocation::new(), test_gas_limit());
    assert_eq!(r.outcome, "exited", "{test}: {}", q.stdout_str());
    Some(r.gas_used)
}

#[test]
fn asm_loop_gas_matches_schedule() {
    // the schedule the arithmetic below assumes
    assert_eq!(S.syscall_base, 100);
    for iters in [1u64, 1000, 5000] {
        let Some(used) = measured_loop_gas(iters) else {
            return;
        };
        assert_eq!(
            used,
            loop_gas(iters),
            "gas of the {iters}-iteration loop: qvm {used}, schedule by hand {} (= 2 Simple + {iters} x (2 Simple + Branch) + 2 Simple + System + syscall base)",
            loop_gas(iters)
        );
    }
}

#[test]
fn asm_loop_gas_is_linear_in_iterations() {
    // independent of any fixed overhead (startup, exit): each iteration costs 2 Simple + 1 Branch
    let (Some(a), Some(b)) = (measured_loop_gas(2000), measured_loop_gas(3000)) else {
        return;
    };
    let per_iter = 2 * cost(InsnClass::Simple) + cost(InsnClass::Branch);
    assert_eq!(
        b - a,
        1000 * per_iter,
        "1000 more iterations cost {} gas, expected {}",
        b - a,
        1000 * per_iter
    );
}

#[test]
fn asm_hello_gas_matches_schedule() {
    let Some(prog) = build_asm("gas_hello", &guest_source("asm/hello.asm")) else {
        return;
    };
    let Some(native) = prepare("gas_hello", &prog, &Case::new()) else {
        return;
    };
    let (q, r) = json_run(&prog, &Invocation::new(), test_gas_limit());
    assert!(compare_json(&native, &r).is_empty(), "{}", q.stdout_str());
    let written = native.stdout.len() as u64; // "hello, world\n"
    assert_eq!(written, 13);
    // mov, mov, lea, mov, syscall(write 13 bytes), mov, xor, syscall(exit)
    let expected = 6 * cost(InsnClass::Simple)
        + 2 * cost(InsnClass::System)
        + S.syscall_cost(written)
        + S.syscall_cost(0);
    assert_eq!(
        r.gas_used, expected,
        "hello.asm gas: qvm {}, schedule by hand {expected}",
        r.gas_used
    );
}

#[test]
fn asm_mix_gas_matches_schedule() {
    let Some(prog) = build_asm("gas_mix", &guest_source("asm/gas_mix.asm")) else {
        return;
    };
    let Some(native) = prepare("gas_mix", &prog, &Case::new()) else {
        return;
    };
    let (q, r) = json_run(&prog, &Invocation::new(), test_gas_limit());
    assert!(compare_json(&native, &r).is_empty(), "{}", q.stdout_str());
    let simple = cost(InsnClass::Simple);
    let expected = 3 * simple
        + 200 * (4 * simple + cost(InsnClass::Mul) + cost(InsnClass::Div) + cost(InsnClass::Branch))
        + 3 * simple
        + cost(InsnClass::String) + 100 * S.rep_iteration
        + 2 * cost(InsnClass::Branch) // call, ret
        + 4 * simple + cost(InsnClass::System) + S.syscall_cost(3)
        + 2 * simple + cost(InsnClass::System) + S.syscall_cost(0);
    assert_eq!(
        r.gas_used, expected,
        "gas_mix.asm gas: qvm {}, schedule by hand {expected}",
        r.gas_used
    );
}

#[test]
fn out_of_gas_in_a_tight_loop() {
    let Some(prog) = build_asm_with(
        "gas_loop_oog",
        &guest_source("asm/gas_loop.asm"),
        &[("ITERS", "100000")],
    ) else {
        return;
    };
    if prepare("gas_loop_oog", &prog, &Case::new()).is_none() {
        return;
    }
    let limit = loop_gas(100_000) / 2;
    let (q, r) = json_run(&prog, &Invocation::new(), limit);
    assert_eq!(r.outcome, "out_of_gas", "{}", q.stdout_str());
    assert_eq!(r.gas_used, limit);
    let q = run_qvm(
        &prog,
        &Invocation::new(),
        &["--gas-limit".into(), limit.to_string()],
    );
    assert!(
        q.stderr_str()
            .contains(&format!("qvm: out of gas (limit {limit})")),
        "stderr: {}",
        q.stderr_str()
    );
}
