//! String instructions: MOVS, STOS, LODS, CMPS, SCAS in every width (B/W/D/Q), with
//! and without REP/REPE/REPNE.
//!
//! Without a prefix they are straight IR. With one, the whole instruction is one
//! call to [`string_rep::rep_helper`], which loops in Rust: every iteration first pays
//! the schedule's `rep_iteration` gas (ending the run with OutOfGas, registers
//! consistent, when it cannot), then does the iteration and updates RCX/RSI/RDI in
//! the state. So gas is exactly `rep_iteration × iterations executed`, whatever the
//! fast paths do.
//!
//! Addressing is 64-bit (RSI/RDI/RCX); the 0x67 (32-bit address size) forms are
//! unsupported. The source of MOVS, LODS and CMPS honours a segment override (FS/GS
//! bases); the destination is always ES, whose base is 0.
//!
//! An F2 (REPNE) prefix on MOVS/STOS/LODS acts as REP, as on the hardware.
//!
//! Flags: CMPS and SCAS set all six status flags exactly as CMP does; with a REP
//! prefix from the last comparison executed, and not at all when RCX was 0. The
//! other string instructions write no flags.

use super::{LiftResult, Lifter};
use crate::ir::{Helper, Type, Value};
use crate::state::{gpr, Flag};
use iced_x86::{Mnemonic, OpKind, Register};

#[path = "string_rep.rs"]
pub mod string_rep;

#[cfg(test)]
#[path = "string_tests.rs"]
mod tests;

/// Which string operation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum StrOp {
    /// MOVS: `[RDI]` ← `[seg:RSI]`.
    Movs = 0,
    /// STOS: `[RDI]` ← rAX.
    Stos = 1,
    /// LODS: rAX ← `[seg:RSI]`.
    Lods = 2,
    /// CMPS: flags of `[seg:RSI]` − `[RDI]`.
    Cmps = 3,
    /// SCAS: flags of rAX − `[RDI]`.
    Scas = 4,
}

/// The repeat prefix of a string instruction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Rep {
    /// Repeat RCX times.
    Rep = 0,
    /// Repeat while equal (ZF = 1), at most RCX times.
    Repe = 1,
    /// Repeat while not equal (ZF = 0), at most RCX times.
    Repne = 2,
}

fn classify(m: Mnemonic) -> Option<StrOp> {
    use Mnemonic as M;
    Some(match m {
        M::Movsb | M::Movsw | M::Movsd | M::Movsq => StrOp::Movs,
        M::Stosb | M::Stosw | M::Stosd | M::Stosq => StrOp::Stos,
        M::Lodsb | M::Lodsw | M::Lodsd | M::Lodsq => StrOp::Lods,
        M::Cmpsb | M::Cmpsw | M::Cmpsd | M::Cmpsq => StrOp::Cmps,
        M::Scasb | M::Scasw | M::Scasd | M::Scasq => StrOp::Scas,
        _ => None?,
    })
}

/// Flags that iced's metadata lists as written by `insn` but that qvm may leave
/// unchanged, for flag-liveness analyses: REP/REPE/REPNE CMPS and SCAS do not touch
/// the flags when RCX is 0.
pub fn flags_kept(insn: &iced_x86::Instruction) -> crate::state::FlagSet {
    let cmp = matches!(classify(insn.mnemonic()), Some(StrOp::Cmps | StrOp::Scas));
    let string_form = (0..insn.op_count())
        .any(|i| matches!(insn.op_kind(i), OpKind::MemorySegRSI | OpKind::MemoryESRDI));
    if cmp && string_form && (insn.has_rep_prefix() || insn.has_repne_prefix()) {
        crate::state::FlagSet::STATUS
    } else {
        crate::state::FlagSet::NONE
    }
}

/// Lifts this family's instructions.
pub fn lift(l: &mut Lifter<'_>) -> LiftResult {
    let Some(op) = classify(l.insn.mnemonic()) else {
        return Ok(false);
    };
    // MOVSD and CMPSD are also SSE mnemonics: only the string forms are ours.
    let mut string_form = false;
    for i in 0..l.insn.op_count() {
        match l.insn.op_kind(i) {
            OpKind::MemorySegRSI | OpKind::MemoryESRDI => string_form = true,
            OpKind::MemorySegESI
            | OpKind::MemoryESEDI
            | OpKind::MemorySegSI
            | OpKind::MemoryESDI => {
                return l.unsupported("string instruction with 32-bit address size");
            }
            _ => {}
        }
    }
    if !string_form {
        return Ok(false);
    }
    let bytes = u32::try_from(l.insn.memory_size().size()).unwrap_or(0);
    if !matches!(bytes, 1 | 2 | 4 | 8) {
        return l.unsupported("string element size");
    }
    let rep = if l.insn.has_repne_prefix() {
        Some(if matches!(op, StrOp::Cmps | StrOp::Scas) {
            Rep::Repne
        } else {
            Rep::Rep
        })
    } else if l.insn.has_rep_prefix() {
        Some(if matches!(op, StrOp::Cmps | StrOp::Scas) {
            Rep::Repe
        } else {
            Rep::Rep
        })
    } else {
        None
    };
    let seg =
        matches!(op, StrOp::Movs | StrOp::Lods | StrOp::Cmps).then(|| l.insn.memory_segment());
    match rep {
        Some(rep) => lift_rep(l, op, rep, bytes, seg),
        None => lift_once(l, op, bytes, seg),
    }
    Ok(true)
}

/// The accumulator register of a width.
fn acc(bytes: u32) -> Register {
    match bytes {
        1 => Register::AL,
        2 => Register::AX,
        4 => Register::EAX,
        _ => Register::RAX,
    }
}

/// One iteration in IR.
fn lift_once(l: &mut Lifter<'_>, op: StrOp, bytes: u32, seg: Option<Register>) {
    let ty = Type::int_of_bytes(bytes);
    let df = l.b.get_flag(Flag::DF);
    let up = l.b.iconst(Type::I64, u64::from(bytes));
    let down = l.b.iconst(Type::I64, u64::from(bytes).wrapping_neg());
    let step = l.b.select(df, down, up);
    let rsi = matches!(op, StrOp::Movs | StrOp::Lods | StrOp::Cmps).then(|| l.b.get_reg(6));
    let rdi =
        matches!(op, StrOp::Movs | StrOp::Stos | StrOp::Cmps | StrOp::Scas).then(|| l.b.get_reg(7));
    let src = |l: &mut Lifter<'_>, rsi: Option<Value>| -> Value {
        let rsi = rsi.expect("source operand");
        let addr = l.add_segment_base(rsi, seg.unwrap_or(Register::DS));
        l.b.load(ty, addr)
    };
    match op {
        StrOp::Movs => {
            let v = src(l, rsi);
            l.b.store(rdi.expect("dst"), v);
        }
        StrOp::Stos => {
            let v = l.read_gpr(acc(bytes));
            l.b.store(rdi.expect("dst"), v);
        }
        StrOp::Lods => {
            let v = src(l, rsi);
            l.write_gpr(acc(bytes), v);
        }
        StrOp::Cmps => {
            let a = src(l, rsi);
            let b = l.b.load(ty, rdi.expect("dst"));
            let r = l.b.sub(a, b);
            l.set_flags_sub(a, b, r, None, true);
        }
        StrOp::Scas => {
            let a = l.read_gpr(acc(bytes));
            let b = l.b.load(ty, rdi.expect("dst"));
            let r = l.b.sub(a, b);
            l.set_flags_sub(a, b, r, None, true);
        }
    }
    if let Some(r) = rsi {
        let n = l.b.add(r, step);
        l.b.set_reg(6, n);
    }
    if let Some(r) = rdi {
        let n = l.b.add(r, step);
        l.b.set_reg(7, n);
    }
}

/// The REP helper.
const REP: Helper = Helper {
    name: "rep_string",
    func: string_rep::rep_helper,
    // RCX, RSI, RDI, and RAX (LODS writes it, STOS and SCAS read it); the flags
    // (DF read; CMPS and SCAS write the status flags); the gas it charges.
    state: crate::ir::HelperState::Only {
        gprs: (1 << gpr::RAX) | (1 << gpr::RCX) | (1 << gpr::RSI) | (1 << gpr::RDI),
        flags: true,
        gas: true,
        may_end: true,
    },
};

/// The whole repeated instruction as one helper call.
fn lift_rep(l: &mut Lifter<'_>, op: StrOp, rep: Rep, bytes: u32, seg: Option<Register>) {
    let base = match seg {
        Some(s @ (Register::FS | Register::GS)) => {
            let zero = l.b.iconst(Type::I64, 0);
            l.add_segment_base(zero, s)
        }
        _ => l.b.iconst(Type::I64, 0),
    };
    let cost = l.b.iconst(Type::I64, l.config.schedule.rep_iteration);
    let packed = l.b.iconst(Type::I64, string_rep::pack(op, rep, bytes));
    l.b.call(&REP, &[base, cost, packed]);
}
