//! Write qvm contracts in Rust.
//!
//! A contract is an ordinary program (`fn main`) built static:
//! `rustc --edition 2021 -O -C target-feature=+crt-static contract.rs` (or cargo with the same flag).
//! This crate has no dependencies and is one file, so a contract built with plain
//! `rustc` can include it with `#[path = ".../sdk/rust/src/lib.rs"] mod qvm_sdk;`.
//!
//! The ABI (see the `qvm-contract` crate, module `abi`): arguments in argv, declared
//! state in `DB_<KEY>` environment variables, writes as `DBW=`/`DBP=` stdout lines,
//! events as `OUT=` lines, failure = anything on stderr or a non-zero exit.
//!
//! ```no_run
//! use qvm_sdk as qvm;
//! let n: u64 = qvm::get("count").map_or(0, |v| v.parse().unwrap_or(0));
//! qvm::set("count", &(n + 1).to_string());
//! qvm::event(&format!("count is {}", n + 1));
//! ```
//!
//! [`host`] holds the host calls (every key readable, hashes, signatures); they need an
//! engine that routes them (they return [`host::HostError::Unavailable`] otherwise).

#![deny(missing_docs)]

use std::io::Write;

/// The call's arguments after the program name (`["construct", …]` during deploy).
pub fn args() -> Vec<String> {
    std::env::args().skip(1).collect()
}

/// Whether this run is the constructor (`argv[1] == "construct"` and not yet initialized).
pub fn is_construct() -> bool {
    !initialized() && std::env::args().nth(1).as_deref() == Some("construct")
}

/// Whether the constructor has succeeded before (`DB_QVM_INITIALIZED=true`).
pub fn initialized() -> bool {
    std::env::var("DB_QVM_INITIALIZED").as_deref() == Ok("true")
}

/// The keys this call declared for reading.
pub fn declared_keys() -> Vec<String> {
    std::env::var("QVM_READ_KEYS")
        .unwrap_or_default()
        .split(',')
        .filter(|k| !k.is_empty())
        .map(str::to_string)
        .collect()
}

/// A key's value (`None`: no value stored). Reverts the call, naming the key, if the
/// caller did not declare it: an undeclared key is never silently empty.
pub fn get(key: &str) -> Option<String> {
    if key != "QVM_INITIALIZED" && !declared_keys().iter().any(|k| k == key) {
        revert(&format!(
            "key {key:?} was read but not declared (declare it: qvm contract call -r {key} ...)"
        ));
    }
    std::env::var(format!("DB_{key}")).ok()
}

/// A key's value parsed as a number (absent → 0); reverts if it is not one.
pub fn get_u128(key: &str) -> u128 {
    match get(key) {
        None => 0,
        Some(v) => v
            .parse()
            .unwrap_or_else(|_| revert(&format!("key {key:?} holds {v:?}, not a number"))),
    }
}

/// Whether `key` is a valid state key (1–256 bytes of printable ASCII without `=`, `,`,
/// not starting with `QVM_`).
pub fn valid_key(key: &str) -> bool {
    !key.is_empty()
        && key.len() <= 256
        && !key.starts_with("QVM_")
        && key
            .bytes()
            .all(|b| (0x21..=0x7e).contains(&b) && b != b'=' && b != b',')
}

/// Writes a stdout line, reverting if stdout fails.
fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").is_err() {
        drop(out);
        revert("cannot write to stdout");
    }
}

/// Sets `key` to `value` (kept only if the call succeeds).
pub fn set(key: &str, value: &str) {
    if !valid_key(key) || value.contains(['\n', '\0']) {
        revert(&format!("invalid write of key {key:?}"));
    }
    line(&format!("DBW={key}={value}"));
}

/// Deletes `key`.
pub fn delete(key: &str) {
    if !valid_key(key) {
        revert(&format!("invalid delete of key {key:?}"));
    }
    line(&format!("DBP={key}"));
}

/// Emits an event.
pub fn event(text: &str) {
    if text.contains(['\n', '\0']) {
        revert("an event must be one line");
    }
    line(&format!("OUT={text}"));
}

/// Prints call output (anything not starting with `DBW=`, `DBP=` or `OUT=`).
pub fn output(text: &str) {
    line(text);
}

/// Fails the call: `reason` goes to stderr, nothing written is kept.
pub fn revert(reason: &str) -> ! {
    let _ = std::io::stdout().flush();
    let _ = writeln!(std::io::stderr(), "{reason}");
    std::process::exit(1)
}

/// The caller's address (40 hex digits).
pub fn caller() -> String {
    std::env::var("QVM_CALLER").unwrap_or_default()
}

/// This contract's address (40 hex digits).
pub fn contract() -> String {
    std::env::var("QVM_CONTRACT").unwrap_or_default()
}

/// The block height.
pub fn block_height() -> u64 {
    std::env::var("QVM_BLOCK_HEIGHT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The block timestamp (unix seconds).
pub fn block_timestamp() -> u64 {
    std::env::var("QVM_BLOCK_TIMESTAMP")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Host calls: the reserved syscall range `0x5156_0000..` (see `qvm_contract::host_calls`).
pub mod host {
    /// First host-call number.
    pub const BASE: u64 = 0x5156_0000;

    /// A host call failed.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum HostError {
        /// The engine does not route host calls (`-ENOSYS`).
        Unavailable,
        /// Bad key/value or pointer (`-errno`).
        Errno(i64),
    }

    /// A raw 4-argument syscall.
    #[cfg(all(target_arch = "x86_64", target_os = "linux"))]
    fn syscall4(nr: u64, a: u64, b: u64, c: u64, d: u64) -> i64 {
        let ret: i64;
        // SAFETY: a syscall instruction with the Linux calling convention; the host
        // call reads and writes only the buffers passed, whose lengths are passed too.
        unsafe {
            std::arch::asm!("syscall", inlateout("rax") nr.cast_signed() => ret, in("rdi") a, in("rsi") b,
                in("rdx") c, in("r10") d, lateout("rcx") _, lateout("r11") _, options(nostack));
        }
        ret
    }

    #[cfg(not(all(target_arch = "x86_64", target_os = "linux")))]
    fn syscall4(_: u64, _: u64, _: u64, _: u64, _: u64) -> i64 {
        -38
    }

    fn check(r: i64) -> Result<u64, HostError> {
        match r {
            -38 => Err(HostError::Unavailable),
            r if r < 0 => Err(HostError::Errno(r)),
            r => Ok(r.unsigned_abs()),
        }
    }

    fn ptr(s: &[u8]) -> u64 {
        s.as_ptr() as u64
    }

    fn len(s: &[u8]) -> u64 {
        s.len() as u64
    }

    /// Reads any key (declared or not). `Ok(None)`: no value.
    pub fn storage_get(key: &str) -> Result<Option<String>, HostError> {
        let mut buf = vec![0u8; 256];
        loop {
            let r = syscall4(
                BASE,
                ptr(key.as_bytes()),
                len(key.as_bytes()),
                buf.as_mut_ptr() as u64,
                len(&buf),
            );
            if r == -2 {
                return Ok(None);
            }
            let n = usize::try_from(check(r)?).unwrap_or(usize::MAX);
            if n <= buf.len() {
                buf.truncate(n);
                return Ok(Some(String::from_utf8_lossy(&buf).into_owned()));
            }
            buf.resize(n, 0);
        }
    }

    /// Sets a key.
    pub fn storage_set(key: &str, value: &str) -> Result<(), HostError> {
        let (k, v) = (key.as_bytes(), value.as_bytes());
        check(syscall4(BASE + 1, ptr(k), len(k), ptr(v), len(v))).map(drop)
    }

    /// Deletes a key.
    pub fn storage_remove(key: &str) -> Result<(), HostError> {
        let k = key.as_bytes();
        check(syscall4(BASE + 2, ptr(k), len(k), 0, 0)).map(drop)
    }

    /// Emits an event with a topic.
    pub fn emit(topic: &str, data: &str) -> Result<(), HostError> {
        let (t, d) = (topic.as_bytes(), data.as_bytes());
        check(syscall4(BASE + 3, ptr(t), len(t), ptr(d), len(d))).map(drop)
    }

    /// SHA3-256.
    pub fn sha3_256(data: &[u8]) -> Result<[u8; 32], HostError> {
        let mut out = [0u8; 32];
        check(syscall4(
            BASE + 6,
            ptr(data),
            len(data),
            out.as_mut_ptr() as u64,
            0,
        ))?;
        Ok(out)
    }

    /// Keccak-256 (Ethereum's).
    pub fn keccak_256(data: &[u8]) -> Result<[u8; 32], HostError> {
        let mut out = [0u8; 32];
        check(syscall4(
            BASE + 7,
            ptr(data),
            len(data),
            out.as_mut_ptr() as u64,
            0,
        ))?;
        Ok(out)
    }

    /// Verifies an Ed25519 signature.
    pub fn ed25519_verify(
        public_key: &[u8; 32],
        msg: &[u8],
        sig: &[u8; 64],
    ) -> Result<bool, HostError> {
        check(syscall4(
            BASE + 8,
            ptr(public_key),
            ptr(msg),
            len(msg),
            ptr(sig),
        ))
        .map(|r| r == 1)
    }
}
