//! strace-style trace lines: one per syscall, `name(arg, ...) = result`.
//!
//! Arguments are printed as the syscall table describes them
//! ([`crate::syscalls::Entry::args`]): `int` arguments (fds, pids, signals) signed, so
//! `AT_FDCWD` reads `-100`; paths as quoted strings (escaped, cut at 64 bytes); other
//! numbers in decimal below 0x10000 and hex above — as many as the syscall takes (all
//! six for unknown syscalls, named `syscall_<nr>`). Errors print as `-<errno> <NAME>`, e.g.
//! `syscall_999(0, 0, 0, 0, 0, 0) = -38 ENOSYS`. Exits print `= ?`, and runs ended by a
//! signal or by running out of gas say so.

use std::fmt::Write as _;

use crate::errno::Errno;
use crate::SyscallOutcome;

/// A plain number: decimal below 0x10000, hex above.
pub fn num_arg(v: u64) -> String {
    let mut s = String::new();
    arg(&mut s, v);
    s
}

/// An `int` argument (low 32 bits, signed).
pub fn int_arg(v: u64) -> String {
    crate::syscalls::fs::int_arg(v).to_string()
}

/// A path argument: the string if readable, else the address.
pub fn path_arg(v: u64, s: Option<&[u8]>) -> String {
    let Some(s) = s else { return num_arg(v) };
    let mut out = String::from("\"");
    for &b in s.iter().take(64) {
        match b {
            b'"' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7e => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\x{b:02x}");
            }
        }
    }
    out.push('"');
    if s.len() > 64 {
        out.push_str("...");
    }
    out
}

fn arg(out: &mut String, v: u64) {
    if v < 0x10000 {
        let _ = write!(out, "{v}");
    } else {
        let _ = write!(out, "{v:#x}");
    }
}

/// Formats one trace line (with its newline).
pub fn line(name: Option<&str>, nr: u64, args: &[String], outcome: &SyscallOutcome) -> String {
    let mut s = String::new();
    match name {
        Some(n) => s.push_str(n),
        None => {
            let _ = write!(s, "syscall_{nr}");
        }
    }
    s.push('(');
    s.push_str(&args.join(", "));
    s.push_str(") = ");
    match outcome {
        SyscallOutcome::Return(v) => {
            let signed = v.cast_signed();
            if (-4095..0).contains(&signed) {
                let e = i32::try_from(-signed).unwrap_or(0);
                let _ = write!(s, "{signed} {}", Errno(e).name().unwrap_or("E?"));
            } else {
                arg(&mut s, *v);
            }
        }
        SyscallOutcome::Exit(code) => {
            let _ = write!(s, "? (exit {code})");
        }
        SyscallOutcome::OutOfGas => s.push_str("? (out of gas)"),
        SyscallOutcome::Fault { signal, .. } => {
            let _ = write!(s, "? (killed by signal {signal})");
        }
    }
    s.push('\n');
    s
}
