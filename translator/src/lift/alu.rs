//! ADD, ADC, SUB, SBB, CMP, AND, OR, XOR, TEST, INC, DEC, NEG, NOT.
//!
//! Flags are exact. The one flag the manuals leave undefined here, AF after
//! AND/OR/XOR/TEST, is cleared (qvm's general rule). LOCK prefixes change nothing:
//! a guest has one thread, so every read-modify-write is already atomic.

use super::{LiftResult, Lifter};
use crate::ir::Type;
use crate::state::Flag;
use iced_x86::Mnemonic;

/// Lifts this family's instructions.
pub fn lift(l: &mut Lifter<'_>) -> LiftResult {
    use Mnemonic as M;
    let m = l.insn.mnemonic();
    match m {
        M::Add | M::Adc | M::Sub | M::Sbb | M::Cmp | M::And | M::Or | M::Xor | M::Test => {
            binary(l, m);
        }
        M::Inc | M::Dec | M::Neg | M::Not => unary(l, m),
        _ => return Ok(false),
    }
    Ok(true)
}

fn binary(l: &mut Lifter<'_>, m: Mnemonic) {
    use Mnemonic as M;
    let ty = Type::int_of_bytes(l.op_bytes(0));
    // `xor r, r` / `sub r, r`: the result is 0 whatever r holds.
    let same_reg = l.insn.op0_kind() == iced_x86::OpKind::Register
        && l.insn.op1_kind() == iced_x86::OpKind::Register
        && l.insn.op0_register() == l.insn.op1_register();
    let addr = l.op_address(0);
    let a = l.read_op_at(0, addr, ty);
    let b = if same_reg { a } else { l.read_op_as(1, ty) };
    let res = match m {
        M::Add => {
            let r = l.b.add(a, b);
            l.set_flags_add(a, b, r, None, true);
            r
        }
        M::Adc => {
            let c = l.b.get_flag(Flag::CF);
            let cw = l.b.zext(ty, c);
            let t = l.b.add(a, b);
            let r = l.b.add(t, cw);
            l.set_flags_add(a, b, r, Some(c), true);
            r
        }
        M::Sub | M::Cmp => {
            let r = if same_reg {
                l.b.iconst(ty, 0)
            } else {
                l.b.sub(a, b)
            };
            l.set_flags_sub(a, b, r, None, true);
            r
        }
        M::Sbb => {
            let c = l.b.get_flag(Flag::CF);
            let cw = l.b.zext(ty, c);
            let t = l.b.sub(a, b);
            let r = l.b.sub(t, cw);
            l.set_flags_sub(a, b, r, Some(c), true);
            r
        }
        M::And | M::Test => {
            let r = l.b.and(a, b);
            l.set_flags_logic(r);
            r
        }
        M::Or => {
            let r = l.b.or(a, b);
            l.set_flags_logic(r);
            r
        }
        M::Xor => {
            let r = if same_reg {
                l.b.iconst(ty, 0)
            } else {
                l.b.xor(a, b)
            };
            l.set_flags_logic(r);
            r
        }
        _ => unreachable!(),
    };
    if !matches!(m, M::Cmp | M::Test) {
        l.write_op_at(0, addr, res);
    }
}

fn unary(l: &mut Lifter<'_>, m: Mnemonic) {
    use Mnemonic as M;
    let ty = Type::int_of_bytes(l.op_bytes(0));
    let addr = l.op_address(0);
    let a = l.read_op_at(0, addr, ty);
    let res = match m {
        M::Inc => {
            let one = l.b.iconst(ty, 1);
            let r = l.b.add(a, one);
            l.set_flags_add(a, one, r, None, false);
            r
        }
        M::Dec => {
            let one = l.b.iconst(ty, 1);
            let r = l.b.sub(a, one);
            l.set_flags_sub(a, one, r, None, false);
            r
        }
        M::Neg => {
            let zero = l.b.iconst(ty, 0);
            let r = l.b.sub(zero, a);
            l.set_flags_sub(zero, a, r, None, true);
            r
        }
        M::Not => l.b.not(a),
        _ => unreachable!(),
    };
    l.write_op_at(0, addr, res);
}
