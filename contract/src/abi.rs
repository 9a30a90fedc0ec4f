//! The contract ABI: what a contract sees (argv, environment) and what it says (stdout).
//!
//! It is QAN's QVM ABI, so QAN contracts run unchanged, plus a few things QAN left open:
//!
//! **In.** Deploy runs the program once with argv `[NAME, "construct", ARGS...]`; a call
//! runs it with `[NAME, ARGS...]`. `NAME` is the contract address (40 hex digits). The
//! environment holds exactly:
//!
//! | variable | value |
//! |---|---|
//! | `DB_<KEY>` | the stored value of each key the caller declared for reading that exists |
//! | `DB_QVM_INITIALIZED` | `true` once the constructor succeeded (absent while it runs) |
//! | `QVM_READ_KEYS` | the declared keys, comma-separated: lets an SDK tell "declared but absent" from "not declared" |
//! | `QVM_CALLER`, `QVM_CONTRACT` | 40 hex digits |
//! | `QVM_BLOCK_HEIGHT`, `QVM_BLOCK_TIMESTAMP` | decimal |
//! | `QVM_BLOCK_HASH` | 64 hex digits |
//!
//! A declared key that has no value is *absent* from the environment (`getenv` → NULL).
//! An undeclared key is absent too — an environment cannot fail a lookup — so the SDKs
//! check `QVM_READ_KEYS` and fail the call with an error naming the key (see `sdk/`).
//!
//! **Out.** Stdout is read line by line (`\n`; a last line without one counts):
//!
//! | line | meaning |
//! |---|---|
//! | `DBW=<KEY>=<VALUE>` | set KEY (split at the first `=` after the key) |
//! | `DBP=<KEY1>,<KEY2>,…` | delete keys |
//! | `OUT=<TEXT>` | an event |
//! | anything else | the call's output, kept as is |
//!
//! Lines apply in order (a later write to a key wins). The call **fails** — nothing it
//! wrote is kept, stderr becomes the reason — when it writes anything to stderr, exits
//! non-zero, faults, runs out of gas, or breaks this protocol: stdout that is not UTF-8,
//! a malformed `DBW`/`DBP` line, a bad key, an oversized value, a write to a reserved key.
//!
//! **Keys** are 1 to [`Limits::max_key_len`] (256) bytes of printable ASCII other than
//! `=` and `,` (so they fit `DB_<KEY>=` and `DBP` lists), and must not start with `QVM_`
//! (reserved for the engine: `QVM_INITIALIZED`). **Values** are UTF-8 of at most
//! [`Limits::max_value_len`] (64 KiB) bytes without NUL or newline (so they fit an
//! environment entry and one stdout line); events have the same limit.

use std::collections::BTreeMap;

/// The state key the engine sets to `true` when the constructor succeeds.
pub const INITIALIZED_KEY: &str = "QVM_INITIALIZED";
/// Keys starting with this are the engine's.
pub const RESERVED_PREFIX: &str = "QVM_";

/// Size limits of the ABI (configurable per engine; the defaults belong to vm_version 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Longest key, bytes.
    pub max_key_len: usize,
    /// Longest value or event, bytes.
    pub max_value_len: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_key_len: 256,
            max_value_len: 64 * 1024,
        }
    }
}

/// A protocol violation: the call fails with this as the reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AbiError {
    /// Stdout is not UTF-8.
    #[error("stdout is not valid UTF-8 (first bad byte at offset {0})")]
    NotUtf8(usize),
    /// A `DBW` line without the second `=`.
    #[error("stdout line {line}: malformed DBW line (expected DBW=KEY=VALUE): {text:?}")]
    MalformedWrite {
        /// 1-based line number.
        line: usize,
        /// The line (cut to 80 characters).
        text: String,
    },
    /// A `DBP` line with an empty entry.
    #[error("stdout line {line}: malformed DBP line (expected DBP=KEY1,KEY2,...): {text:?}")]
    MalformedDelete {
        /// 1-based line number.
        line: usize,
        /// The line (cut to 80 characters).
        text: String,
    },
    /// A bad key.
    #[error("{context}: {reason}")]
    BadKey {
        /// Where it came from.
        context: String,
        /// What is wrong.
        reason: String,
    },
    /// A bad value.
    #[error("{context}: {reason}")]
    BadValue {
        /// Where it came from.
        context: String,
        /// What is wrong.
        reason: String,
    },
}

/// Checks a key against the ABI rules (`reserved_ok`: the engine's own keys allowed).
pub fn check_key(key: &str, limits: &Limits, reserved_ok: bool) -> Result<(), String> {
    if key.is_empty() {
        return Err("empty key".into());
    }
    if key.len() > limits.max_key_len {
        return Err(format!(
            "key of {} bytes exceeds the limit of {} bytes",
            key.len(),
            limits.max_key_len
        ));
    }
    if let Some(b) = key
        .bytes()
        .find(|&b| !(0x21..=0x7e).contains(&b) || b == b'=' || b == b',')
    {
        return Err(format!(
            "key {:?} contains {:?} (keys are printable ASCII without space, '=' and ',')",
            cut(key),
            char::from(b)
        ));
    }
    if !reserved_ok && key.starts_with(RESERVED_PREFIX) {
        return Err(format!(
            "key {key:?} is reserved (keys starting with {RESERVED_PREFIX} belong to the engine)"
        ));
    }
    Ok(())
}

/// Checks a value against the ABI rules.
pub fn check_value(value: &str, limits: &Limits) -> Result<(), String> {
    if value.len() > limits.max_value_len {
        return Err(format!(
            "value of {} bytes exceeds the limit of {} bytes",
            value.len(),
            limits.max_value_len
        ));
    }
    if value.contains(['\0', '\n']) {
        return Err("value contains NUL or newline".into());
    }
    Ok(())
}

/// The first 80 characters of `s` (for messages).
fn cut(s: &str) -> String {
    if s.chars().count() <= 80 {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(80).collect();
        t.push('…');
        t
    }
}

/// What a finished program said on stdout, decoded.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Decoded {
    /// The final effect per key: `Some(value)` set, `None` deleted.
    pub writes: BTreeMap<String, Option<String>>,
    /// `OUT=` lines, in order.
    pub events: Vec<String>,
    /// Every other line, newlines kept.
    pub output: String,
}

/// Decodes a program's stdout (see the module documentation).
pub fn decode_stdout(stdout: &[u8], limits: &Limits) -> Result<Decoded, AbiError> {
    let text = std::str::from_utf8(stdout).map_err(|e| AbiError::NotUtf8(e.valid_up_to()))?;
    let mut d = Decoded::default();
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line_no = i + 1;
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        if let Some(rest) = line.strip_prefix("DBW=") {
            let Some((key, value)) = rest.split_once('=') else {
                return Err(AbiError::MalformedWrite {
                    line: line_no,
                    text: cut(line),
                });
            };
            let context = || format!("stdout line {line_no}: DBW");
            check_key(key, limits, false).map_err(|reason| AbiError::BadKey {
                context: context(),
                reason,
            })?;
            check_value(value, limits).map_err(|reason| AbiError::BadValue {
                context: format!("{} {key}", context()),
                reason,
            })?;
            d.writes.insert(key.to_string(), Some(value.to_string()));
        } else if let Some(rest) = line.strip_prefix("DBP=") {
            let keys: Vec<&str> = rest.split(',').collect();
            if keys.iter().any(|k| k.is_empty()) {
                return Err(AbiError::MalformedDelete {
                    line: line_no,
                    text: cut(line),
                });
            }
            for key in keys {
                check_key(key, limits, false).map_err(|reason| AbiError::BadKey {
                    context: format!("stdout line {line_no}: DBP"),
                    reason,
                })?;
                d.writes.insert(key.to_string(), None);
            }
        } else if let Some(text) = line.strip_prefix("OUT=") {
            check_value(text, limits).map_err(|reason| AbiError::BadValue {
                context: format!("stdout line {line_no}: OUT event"),
                reason,
            })?;
            d.events.push(text.to_string());
        } else {
            d.output.push_str(raw);
        }
    }
    Ok(d)
}

/// Everything the environment is built from.
pub struct EnvInputs<'a> {
    /// The declared keys with their values (`None`: no value stored).
    pub reads: &'a [(String, Option<String>)],
    /// Whether the constructor has succeeded.
    pub initialized: bool,
    /// Caller, 40 hex digits.
    pub caller: String,
    /// Contract, 40 hex digits.
    pub contract: String,
    /// The block.
    pub block: qvm_kernel::BlockContext,
}

/// The guest environment, `KEY=VALUE` entries in a fixed order (determinism).
pub fn build_env(inputs: &EnvInputs<'_>) -> Vec<Vec<u8>> {
    let mut env = Vec::with_capacity(inputs.reads.len() + 8);
    for (key, value) in inputs.reads {
        if let Some(v) = value {
            env.push(format!("DB_{key}={v}").into_bytes());
        }
    }
    if inputs.initialized {
        env.push(format!("DB_{INITIALIZED_KEY}=true").into_bytes());
    }
    let declared: Vec<&str> = inputs.reads.iter().map(|(k, _)| k.as_str()).collect();
    env.push(format!("QVM_READ_KEYS={}", declared.join(",")).into_bytes());
    env.push(format!("QVM_CALLER={}", inputs.caller).into_bytes());
    env.push(format!("QVM_CONTRACT={}", inputs.contract).into_bytes());
    env.push(format!("QVM_BLOCK_HEIGHT={}", inputs.block.height).into_bytes());
    env.push(format!("QVM_BLOCK_TIMESTAMP={}", inputs.block.timestamp).into_bytes());
    env.push(
        format!(
            "QVM_BLOCK_HASH={}",
            crate::address::to_hex(&inputs.block.hash)
        )
        .into_bytes(),
    );
    env
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Result<Decoded, AbiError> {
        decode_stdout(s.as_bytes(), &Limits::default())
    }

    #[test]
    fn protocol_lines() {
        let d = dec("hello\nDBW=a=1=2\nOUT=ev\nDBW=b=\nDBP=a\nbye").unwrap();
        assert_eq!(d.output, "hello\nbye");
        assert_eq!(d.events, ["ev"]);
        assert_eq!(d.writes.get("a"), Some(&None));
        assert_eq!(d.writes.get("b"), Some(&Some(String::new())));
        let d = dec("DBW=a=1=2\n").unwrap();
        assert_eq!(d.writes.get("a"), Some(&Some("1=2".into())));
    }

    #[test]
    fn malformed_lines_fail_clearly() {
        assert!(matches!(
            dec("DBW=novalue\n"),
            Err(AbiError::MalformedWrite { line: 1, .. })
        ));
        assert!(matches!(
            dec("x\nDBP=a,,b\n"),
            Err(AbiError::MalformedDelete { line: 2, .. })
        ));
        assert!(matches!(
            dec("DBP=\n"),
            Err(AbiError::MalformedDelete { .. })
        ));
        let e = dec("DBW==v\n").unwrap_err().to_string();
        assert!(e.contains("empty key"), "{e}");
        let e = dec("DBW=QVM_INITIALIZED=false\n").unwrap_err().to_string();
        assert!(e.contains("reserved"), "{e}");
        let e = dec("DBW=a b=1\n").unwrap_err().to_string();
        assert!(e.contains("printable ASCII"), "{e}");
        let long = "k".repeat(257);
        let e = dec(&format!("DBW={long}=1\n")).unwrap_err().to_string();
        assert!(e.contains("257 bytes exceeds the limit of 256"), "{e}");
        let big = "v".repeat(64 * 1024 + 1);
        let e = dec(&format!("DBW=k={big}\n")).unwrap_err().to_string();
        assert!(e.contains("65537 bytes exceeds the limit of 65536"), "{e}");
        assert!(dec(&format!("DBW=k={}\n", "v".repeat(64 * 1024))).is_ok());
        assert_eq!(
            decode_stdout(b"ok\n\xff\n", &Limits::default()),
            Err(AbiError::NotUtf8(3))
        );
    }

    #[test]
    fn environment_order_and_contents() {
        let reads = vec![
            ("a".to_string(), Some("1".to_string())),
            ("b".to_string(), None),
        ];
        let env = build_env(&EnvInputs {
            reads: &reads,
            initialized: true,
            caller: "c".repeat(40),
            contract: "d".repeat(40),
            block: qvm_kernel::BlockContext {
                height: 7,
                timestamp: 9,
                hash: [0xab; 32],
            },
        });
        let env: Vec<String> = env
            .into_iter()
            .map(|e| String::from_utf8(e).unwrap())
            .collect();
        assert_eq!(env[0], "DB_a=1");
        assert_eq!(env[1], "DB_QVM_INITIALIZED=true");
        assert_eq!(env[2], "QVM_READ_KEYS=a,b");
        assert!(env.contains(&format!("QVM_BLOCK_HASH={}", "ab".repeat(32))));
        assert!(env.contains(&"QVM_BLOCK_HEIGHT=7".to_string()));
    }
}
