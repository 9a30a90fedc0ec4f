//! Text form of the IR, for dumps and golden tests.

use crate::ir::{Block, Op, Terminator};
use std::fmt::Write;

/// One op per line, values as `vN:type`.
pub fn block_to_string(block: &Block) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "block {:#x}..{:#x} ({} insns, gas {}, live-out flags {:#04x}):",
        block.start, block.end, block.insns, block.gas, block.live_out_flags.0
    );
    for op in &block.ops {
        let line = match op {
            Op::Insn { rip, len } => format!("  ; {rip:#x} ({len} bytes)"),
            other => {
                let dst = crate::passes::op_dst(other)
                    .map(|v| format!("v{}:{:?} = ", v.0, block.ty(v)))
                    .unwrap_or_default();
                let mut body = format!("{other:?}");
                // Drop the `dst: Value(N), ` noise the dst prefix already shows.
                if let Some(i) = body.find("dst: ") {
                    if let Some(j) = body[i..].find(", ") {
                        body.replace_range(i..i + j + 2, "");
                    } else if let Some(j) = body[i..].find(" }") {
                        body.replace_range(i..i + j, "");
                    }
                }
                format!("    {dst}{body}")
            }
        };
        let _ = writeln!(s, "{line}");
    }
    let term = match &block.term {
        Terminator::Jump(t) => format!("jump {t:#x}"),
        Terminator::Branch {
            cond,
            taken,
            not_taken,
        } => format!("branch v{} ? {taken:#x} : {not_taken:#x}", cond.0),
        Terminator::Indirect(v) => format!("jump *v{}", v.0),
        Terminator::Syscall { next } => format!("syscall, then {next:#x}"),
        Terminator::Fault { signal, rip, addr } => {
            format!("fault signal {signal} at {rip:#x} (addr {addr:#x})")
        }
    };
    let _ = writeln!(s, "  {term}");
    s
}
