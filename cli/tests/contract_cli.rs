//! `qvm contract …` end to end through the binary, with contracts built from source.

#[path = "../../contract/tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

fn qvm() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_qvm"));
    c.env_clear();
    c
}

fn state_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("qvm-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn run(args: &[&str]) -> Output {
    qvm().args(args).output().unwrap()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    })
}

fn deploy(state: &Path, elf: &Path, args: &[&str]) -> String {
    let s = state.to_str().unwrap();
    let mut a = vec![
        "contract",
        "deploy",
        "--state",
        s,
        "--json",
        elf.to_str().unwrap(),
    ];
    a.extend_from_slice(args);
    let o = run(&a);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j = json(&o);
    assert_eq!(j["status"], "success");
    assert!(j["gas_used"].as_u64().unwrap() > 0);
    j["address"].as_str().unwrap().to_string()
}

#[test]
fn register_user_through_the_cli() {
    let Some(elf) = support::build("examples/contracts/register_user.c") else {
        return;
    };
    let dir = state_dir("register");
    let s = dir.to_str().unwrap();
    let addr = deploy(&dir, &elf, &[]);
    let o = run(&[
        "contract",
        "call",
        "--state",
        s,
        "--json",
        "-r",
        "TOTAL_USERS",
        "-r",
        "NAME_ann",
        &addr,
        "register",
        "ann",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let j = json(&o);
    assert_eq!(j["status"], "success");
    assert_eq!(j["output"], "0\n");
    assert_eq!(j["writes"]["USER_0"], "ann");
    assert!(j["events"][0]["data"]
        .as_str()
        .unwrap()
        .starts_with("registered ann as 0"));
    let root = j["state_root"].as_str().unwrap().to_string();
    assert_eq!(root.len(), 64);
    // A failing call: exit status 1, reason on stderr, no change.
    let o = run(&[
        "contract",
        "call",
        "--state",
        s,
        "-r",
        "TOTAL_USERS,NAME_ann",
        &addr,
        "register",
        "ann",
    ]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ann is already registered"));
    // Plain output and query.
    let o = run(&[
        "contract", "query", "--state", s, "-r", "USER_0", &addr, "getuser", "0",
    ]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "ann\n");
    let o = run(&[
        "contract",
        "query",
        "--state",
        s,
        "--json",
        "-r",
        "TOTAL_USERS,NAME_zed",
        &addr,
        "register",
        "zed",
    ]);
    assert_eq!(json(&o)["state_root"], root.as_str());
    // State.
    let o = run(&["contract", "state", "--state", s, "--json", &addr]);
    let j = json(&o);
    assert_eq!(j["state"]["TOTAL_USERS"], "1");
    assert!(j["state"].get("USER_1").is_none());
    assert_eq!(j["state_root"], root.as_str());
    assert_eq!(j["vm_version"], 1);
    let o = run(&["contract", "state", "--state", s, &addr]);
    assert!(String::from_utf8_lossy(&o.stdout).contains("USER_0=ann\n"));
    // Errors: status 2, one line.
    let o = run(&["contract", "state", "--state", s, &"0".repeat(40)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).starts_with("qvm: error: no contract at address"));
    let o = run(&["contract", "call", "--state", s, "nothex"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["contract", "frob"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(run(&["contract", "--help"]).status.success());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn token_through_the_cli() {
    let Some(elf) = support::build("examples/contracts/token.rs") else {
        return;
    };
    let dir = state_dir("token");
    let s = dir.to_str().unwrap();
    let alice = "a".repeat(40);
    let bob = "b".repeat(40);
    let addr = {
        let o = run(&[
            "contract",
            "deploy",
            "--state",
            s,
            "--from",
            &alice,
            elf.to_str().unwrap(),
            "500",
        ]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        String::from_utf8(o.stdout).unwrap().trim().to_string()
    };
    let reads = format!("bal:{alice},bal:{bob}");
    let o = run(&[
        "contract", "call", "--state", s, "--from", &alice, "-r", &reads, &addr, "transfer", &bob,
        "120",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = run(&[
        "contract",
        "query",
        "--state",
        s,
        "-r",
        &format!("bal:{bob}"),
        &addr,
        "balance",
        &bob,
    ]);
    assert_eq!(String::from_utf8_lossy(&o.stdout), "120\n");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn kill_9_during_a_call_loses_no_committed_state() {
    let Some(elf) = support::build("contract/tests/guests/probe.c") else {
        return;
    };
    let dir = state_dir("kill");
    let s = dir.to_str().unwrap();
    let addr = deploy(&dir, &elf, &["a", "1"]);
    let o = run(&["contract", "call", "--state", s, &addr, "write", "b", "2"]);
    assert!(o.status.success());
    let before = json(&run(&["contract", "state", "--state", s, "--json", &addr]));
    let mut child = qvm()
        .args([
            "contract",
            "call",
            "--state",
            s,
            "--gas-limit",
            "100000000000000",
            &addr,
            "spin",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        child.try_wait().unwrap().is_none(),
        "the spinning call ended early"
    );
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let after = json(&run(&["contract", "state", "--state", s, "--json", &addr]));
    assert_eq!(before, after);
    assert_eq!(after["state"]["b"], "2");
    // The store is usable again.
    let o = run(&["contract", "call", "--state", s, &addr, "write", "c", "3"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn qvm_run_still_works() {
    let Some(elf) = support::build("contract/tests/guests/probe.c") else {
        return;
    };
    let o = run(&["run", "--env", "X=5", elf.to_str().unwrap(), "getenv", "X"]);
    assert!(o.status.success());
    assert_eq!(String::from_utf8_lossy(&o.stdout), "5\n");
}
