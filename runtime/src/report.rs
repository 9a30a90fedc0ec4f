//! Reporting a finished run: the process exit status `qvm run` returns, the one-line
//! messages on stderr, and the `--json` object.
//!
//! # Exit status
//!
//! | outcome | status |
//! |---|---|
//! | the guest exited with `n` | `n & 0xff` (as a shell sees it) |
//! | killed by signal `s` (a fault) | `128 + s`, as a shell reports a killed process |
//! | out of gas | [`OUT_OF_GAS_STATUS`] = 124 (what `timeout(1)` returns when the budget runs out) |
//! | qvm itself could not run it (bad flag, unreadable file, ELF rejected) | [`ERROR_STATUS`] = 2 |
//!
//! A guest may of course exit with 2 or 124 itself; `--json` tells the cases apart.
//!
//! # `--json`
//!
//! One object on stdout (keys in this order):
//!
//! ```json
//! {"outcome": "exited" | "signaled" | "out_of_gas",
//!  "exit_code": 0 | null, "signal": 11 | null, "signal_name": "SIGSEGV" | null,
//!  "gas_used": 123, "gas_limit": 10000000000,
//!  "stdout": "...", "stderr": "...",
//!  "fault": null | {"addr": "0x0", "rip": "0x401000", "instruction": "mov eax,[rbx]",
//!                   "registers": {"rax": "0x0", ..., "r15": "0x0", "rip": "0x…", "rflags": "0x246"}}}
//! ```
//!
//! A fault's `registers` are those the translated code last stored — the state at the
//! start of the faulting block, or at an earlier point of a compiled loop region.
//! Whether the faulting code ran in a region depends on when the background compile
//! thread finished it, so `qvm run --json` replays a faulting run with synchronous
//! compilation (fed the stdin the first run consumed, which `--json` keeps in memory as
//! it keeps the output; the replay's own output is discarded) and
//! reports that run's registers, which are a function of the inputs like the rest
//! of the object ([`crate::run::replay_fault`]). A faulting run thus costs up to
//! twice its time under `--json`.
//!
//! `stdout`/`stderr` are the captured bytes as a string; when they are not valid UTF-8
//! the string is the lossy conversion (U+FFFD for bad bytes) and an extra key
//! `stdout_base64`/`stderr_base64` (standard alphabet, padded) holds the exact bytes.
//! When qvm cannot run the program at all, the object is
//! `{"outcome": "error", "error": "<the message>"}` (and the status is 2).

use serde::Serialize;

use crate::run::{FaultInfo, Outcome, RunResult};

/// Exit status of `qvm run` when the guest ran out of gas.
pub const OUT_OF_GAS_STATUS: u8 = 124;
/// Exit status of `qvm` when it could not run the program (usage, I/O, ELF errors).
pub const ERROR_STATUS: u8 = 2;

/// The Linux name of signal `sig` (x86-64 numbering).
pub fn signal_name(sig: u32) -> Option<&'static str> {
    const NAMES: [&str; 31] = [
        "SIGHUP",
        "SIGINT",
        "SIGQUIT",
        "SIGILL",
        "SIGTRAP",
        "SIGABRT",
        "SIGBUS",
        "SIGFPE",
        "SIGKILL",
        "SIGUSR1",
        "SIGSEGV",
        "SIGUSR2",
        "SIGPIPE",
        "SIGALRM",
        "SIGTERM",
        "SIGSTKFLT",
        "SIGCHLD",
        "SIGCONT",
        "SIGSTOP",
        "SIGTSTP",
        "SIGTTIN",
        "SIGTTOU",
        "SIGURG",
        "SIGXCPU",
        "SIGXFSZ",
        "SIGVTALRM",
        "SIGPROF",
        "SIGWINCH",
        "SIGIO",
        "SIGPWR",
        "SIGSYS",
    ];
    let i = usize::try_from(sig).ok()?.checked_sub(1)?;
    NAMES.get(i).copied()
}

/// A signal's name, or `signal N` for numbers without one.
fn signal_label(sig: u32) -> String {
    signal_name(sig).map_or_else(|| format!("signal {sig}"), str::to_string)
}

/// The exit status `qvm run` returns for an outcome (see the module documentation).
pub fn exit_status(outcome: &Outcome) -> u8 {
    match outcome {
        Outcome::Exited(code) => code.to_le_bytes()[0],
        Outcome::Signaled(sig) => u8::try_from(128 + sig.min(&127)).unwrap_or(255),
        Outcome::OutOfGas => OUT_OF_GAS_STATUS,
    }
}

/// The stderr line for a fault:
/// `qvm: guest killed by SIGSEGV at rip 0x401000 (mov eax,[rbx]) addr 0x0`.
pub fn fault_line(fault: &FaultInfo) -> String {
    format!(
        "qvm: guest killed by {} at rip {:#x} ({}) addr {:#x}",
        signal_label(fault.signal),
        fault.rip,
        fault.insn,
        fault.addr
    )
}

/// The stderr line for a signal without fault details (e.g. `abort()`).
pub fn signal_line(sig: u32) -> String {
    format!("qvm: guest killed by {}", signal_label(sig))
}

/// The stderr line for running out of gas.
pub fn out_of_gas_line(gas_limit: u64) -> String {
    format!("qvm: out of gas (limit {gas_limit})")
}

/// The `--json` object for a finished run.
#[derive(Serialize)]
pub struct JsonReport {
    /// `exited`, `signaled` or `out_of_gas`.
    pub outcome: &'static str,
    /// The exit status when exited.
    pub exit_code: Option<i32>,
    /// The signal number when signaled.
    pub signal: Option<u32>,
    /// Its name.
    pub signal_name: Option<&'static str>,
    /// Gas used.
    pub gas_used: u64,
    /// Gas limit.
    pub gas_limit: u64,
    /// Captured stdout (lossy UTF-8).
    pub stdout: String,
    /// Exact stdout bytes, only when they are not valid UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stdout_base64: Option<String>,
    /// Captured stderr (lossy UTF-8).
    pub stderr: String,
    /// Exact stderr bytes, only when they are not valid UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stderr_base64: Option<String>,
    /// Fault details.
    pub fault: Option<JsonFault>,
}

/// Fault details in the `--json` object.
#[derive(Serialize)]
pub struct JsonFault {
    /// Faulting data address.
    pub addr: String,
    /// Faulting instruction address.
    pub rip: String,
    /// The instruction, disassembled.
    pub instruction: String,
    /// Registers at the fault.
    pub registers: JsonRegisters,
}

/// Registers, as `0x…` strings, in x86 encoding order then rip and rflags.
#[derive(Serialize)]
#[allow(missing_docs)]
pub struct JsonRegisters {
    pub rax: String,
    pub rcx: String,
    pub rdx: String,
    pub rbx: String,
    pub rsp: String,
    pub rbp: String,
    pub rsi: String,
    pub rdi: String,
    pub r8: String,
    pub r9: String,
    pub r10: String,
    pub r11: String,
    pub r12: String,
    pub r13: String,
    pub r14: String,
    pub r15: String,
    pub rip: String,
    pub rflags: String,
}

fn hex(v: u64) -> String {
    format!("{v:#x}")
}

/// A captured stream: the (lossy) string and, if it was not UTF-8, the exact bytes in base64.
fn text_and_base64(bytes: &[u8]) -> (String, Option<String>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(_) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(base64(bytes)),
        ),
    }
}

impl JsonReport {
    /// The report for `result`.
    pub fn new(result: &RunResult) -> JsonReport {
        let (outcome, exit_code, signal) = match result.outcome {
            Outcome::Exited(c) => ("exited", Some(c), None),
            Outcome::Signaled(s) => ("signaled", None, Some(s)),
            Outcome::OutOfGas => ("out_of_gas", None, None),
        };
        let (stdout, stdout_base64) = text_and_base64(&result.stdout);
        let (stderr, stderr_base64) = text_and_base64(&result.stderr);
        JsonReport {
            outcome,
            exit_code,
            signal,
            signal_name: signal.and_then(signal_name),
            gas_used: result.gas_used,
            gas_limit: result.gas_limit,
            stdout,
            stdout_base64,
            stderr,
            stderr_base64,
            fault: result.fault.as_ref().map(json_fault),
        }
    }

    /// The object as one line of JSON.
    pub fn to_json(&self) -> String {
        // Serializing plain strings and integers cannot fail.
        serde_json::to_string(self).unwrap_or_else(|e| error_json(&e.to_string()))
    }
}

#[cfg(test)]
mod error_tests {
    #[test]
    fn error_object_starts_with_outcome() {
        assert_eq!(
            super::error_json("bad \"x\""),
            r#"{"outcome":"error","error":"bad \"x\""}"#
        );
    }
}

fn json_fault(f: &FaultInfo) -> JsonFault {
    let g = f.regs.gpr.map(hex);
    let [rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15] = g;
    JsonFault {
        addr: hex(f.addr),
        rip: hex(f.rip),
        instruction: f.insn.clone(),
        registers: JsonRegisters {
            rax,
            rcx,
            rdx,
            rbx,
            rsp,
            rbp,
            rsi,
            rdi,
            r8,
            r9,
            r10,
            r11,
            r12,
            r13,
            r14,
            r15,
            rip: hex(f.regs.rip),
            rflags: hex(f.regs.rflags()),
        },
    }
}

/// The `--json` object for a run qvm could not perform.
pub fn error_json(message: &str) -> String {
    #[derive(Serialize)]
    struct ErrorReport<'a> {
        outcome: &'static str,
        error: &'a str,
    }
    let report = ErrorReport {
        outcome: "error",
        error: message,
    };
    // A struct of two strings always serializes.
    serde_json::to_string(&report)
        .unwrap_or_else(|_| String::from(r#"{"outcome":"error","error":""}"#))
}

/// Standard base64 (RFC 4648, with padding).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(
                    ALPHABET[usize::try_from((n >> (18 - 6 * i)) & 63).unwrap_or(0)],
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use qvm_translator::CpuState;

    fn result(outcome: Outcome) -> RunResult {
        RunResult {
            outcome,
            gas_used: 42,
            gas_limit: 100,
            stdout: b"hi\n".to_vec(),
            stderr: vec![0xff, b'x'],
            fault: None,
        }
    }

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), enc);
        }
    }

    #[test]
    fn statuses_and_names() {
        assert_eq!(exit_status(&Outcome::Exited(0)), 0);
        assert_eq!(exit_status(&Outcome::Exited(300)), 44);
        assert_eq!(exit_status(&Outcome::Exited(-1)), 255);
        assert_eq!(exit_status(&Outcome::Signaled(11)), 139);
        assert_eq!(exit_status(&Outcome::OutOfGas), 124);
        assert_eq!(signal_name(11), Some("SIGSEGV"));
        assert_eq!(signal_name(6), Some("SIGABRT"));
        assert_eq!(signal_name(0), None);
        assert_eq!(signal_name(64), None);
        assert_eq!(out_of_gas_line(5), "qvm: out of gas (limit 5)");
    }

    #[test]
    fn json_exited_and_non_utf8() {
        let j: serde_json::Value =
            serde_json::from_str(&JsonReport::new(&result(Outcome::Exited(3))).to_json()).unwrap();
        assert_eq!(j["outcome"], "exited");
        assert_eq!(j["exit_code"], 3);
        assert!(j["signal"].is_null() && j["signal_name"].is_null() && j["fault"].is_null());
        assert_eq!(j["gas_used"], 42);
        assert_eq!(j["stdout"], "hi\n");
        assert!(j.get("stdout_base64").is_none());
        assert_eq!(j["stderr"], "\u{fffd}x");
        assert_eq!(j["stderr_base64"], "/3g=");
    }

    #[test]
    fn json_fault_has_registers() {
        let mut regs = CpuState::default();
        regs.gpr[0] = 0x10;
        regs.gpr[15] = 0xff;
        regs.rip = 0x401000;
        let mut r = result(Outcome::Signaled(11));
        r.fault = Some(FaultInfo {
            signal: 11,
            addr: 0,
            rip: 0x401000,
            insn: "mov eax,[rbx]".into(),
            regs: Box::new(regs),
        });
        let f = r.fault.as_ref().unwrap();
        assert_eq!(
            fault_line(f),
            "qvm: guest killed by SIGSEGV at rip 0x401000 (mov eax,[rbx]) addr 0x0"
        );
        let text = JsonReport::new(&r).to_json();
        let j: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(j["outcome"], "signaled");
        assert_eq!(j["signal_name"], "SIGSEGV");
        assert_eq!(j["fault"]["rip"], "0x401000");
        assert_eq!(j["fault"]["registers"]["rax"], "0x10");
        assert_eq!(j["fault"]["registers"]["r15"], "0xff");
        assert_eq!(j["fault"]["registers"]["rip"], "0x401000");
        assert!(j["fault"]["registers"]["rflags"]
            .as_str()
            .unwrap()
            .starts_with("0x"));
        assert!(text.find("\"rax\"").unwrap() < text.find("\"r15\"").unwrap());
    }
}
