//! Hand-written nasm guests (`tests/guests/asm/`), built with `nasm -f elf64` +
//! `ld -static`, run natively and under qvm (plain and `--json`), compared byte for byte.

use qvm_tests::*;

fn check_asm(name: &str, case: Case) {
    let src = guest_source(&format!("asm/{name}.asm"));
    let Some(prog) = build_asm(name, &src) else {
        return;
    };
    check_case(name, &prog, &case);
    check_case_json(&format!("{name}[json]"), &prog, &case);
}

#[test]
fn hello() {
    check_asm("hello", Case::new().contains("hello, world\n"));
}

#[test]
fn exit_code() {
    check_asm("exit_code", Case::new().exit(77));
}

#[test]
fn ud2_is_sigill() {
    check_asm(
        "ud2",
        Case::new().signal(libc::SIGILL).contains("before ud2"),
    );
}

#[test]
fn int3_is_sigtrap() {
    check_asm(
        "int3",
        Case::new().signal(libc::SIGTRAP).contains("before int3"),
    );
}

#[test]
fn hlt_is_sigsegv() {
    check_asm(
        "hlt",
        Case::new().signal(libc::SIGSEGV).contains("before hlt"),
    );
}

#[test]
fn null_read_is_sigsegv() {
    check_asm("null_read", Case::new().signal(libc::SIGSEGV));
}

#[test]
fn div_zero_is_sigfpe() {
    check_asm("div_zero", Case::new().signal(libc::SIGFPE));
}

#[test]
fn gas_mix_runs_natively_like_under_qvm() {
    check_asm("gas_mix", Case::new().contains("ok\n"));
}

#[test]
fn gas_loop_runs_natively_like_under_qvm() {
    let src = guest_source("asm/gas_loop.asm");
    let Some(prog) = build_asm_with("gas_loop", &src, &[("ITERS", "1000")]) else {
        return;
    };
    check_case("gas_loop", &prog, &Case::new());
}

#[test]
fn returns_off_the_call_site_and_flags_across_ret() {
    // Hot enough for regions with copied leaf callees. The checksum by hand, over
    // 200000 iterations: carries 100000 (bit 1 set in half of 1..=200000) +
    // skipped 200000 + detours 200000 + plain 2 × 200000 + odd 3 × 100000 =
    // 1200000, and 1200000 mod 256 = 128.
    check_asm(
        "ret_tricks",
        Case::new().exit(128).contains("ret tricks done\n"),
    );
}
