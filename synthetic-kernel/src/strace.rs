//! strace-style trace lines: one per syscall, `name(arg, ...) = result`.
//!
//! Arguments are printed as numbers (small ones in decimal, values ≥ 0x10000 and
//! negative-looking ones in hex), as many as the syscall takes (all six for unknown
//! syscalls, named `syscall_<nr>`). Errors print as `-<errno> <NAME>`, e.g.
//! `syscall_999(0, 0, 0, 0, 0, 0) = -38 ENOSYS`. Exits print `= ?`, and runs ended by a
//! signal or by running out of gas say so.

use std::fmt::Write as _;

use crate::errno::Errno;
use crate::SyscallOutcome;

fn arg(out: &mut String, v: u64) {
    if v < 0x10000 {
        let _ = write!(out, "{v}");
    } else {
        let _ = write!(out, "{v:#x}");
    }
}

/// Formats one trace line (with its newline).
pub fn line(name: Option<&str>, nr: u64, args: &[u64], outcome: &SyscallOutcome) -> String {
    let mut s = String::new();
    match name {
        Some(n) => s.push_str(n),
        None => {
            let _ = write!(s, "syscall_{nr}");
        }
    }
    s.push('(');
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            s.push_str(", ");
        }
        arg(&mut s, a);
    }
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
