//! SSE data movement: full-register moves, MOVD/MOVQ, scalar moves, half moves,
//! duplicating moves, mask extraction, non-temporal stores (plain stores in qvm),
//! and MXCSR loads/stores.

use super::operand::{
    dst_xmm, is_mem, mem_addr, read_v, reg_op, scalar_to_v128, write_gpr_zext, xmm_op,
};
use super::soft;
use crate::ir::{Lanes, Special, Type};
use crate::lift::{gpr_part, LiftResult, Lifter};
use iced_x86::{Code, Mnemonic as M};

/// Lifts the SSE moves.
pub(super) fn lift(l: &mut Lifter<'_>) -> LiftResult {
    match l.insn.mnemonic() {
        M::Movaps
        | M::Movapd
        | M::Movdqa
        | M::Movups
        | M::Movupd
        | M::Movdqu
        | M::Lddqu
        | M::Movntps
        | M::Movntpd
        | M::Movntdq
        | M::Movntdqa => full_move(l),
        M::Movd | M::Movq => movd_movq(l),
        M::Movss => scalar_move(l, Type::F32),
        M::Movsd => match l.insn.code() {
            Code::Movsd_xmm_xmmm64 | Code::Movsd_xmmm64_xmm => scalar_move(l, Type::F64),
            _ => Ok(false), // the string instruction
        },
        M::Movlps | M::Movlpd => half_move(l, 0),
        M::Movhps | M::Movhpd => half_move(l, 1),
        M::Movhlps => {
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let r = l.b.shuffle(
                s,
                dv,
                [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31],
            );
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Movlhps => {
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let r = l.b.shuffle(
                dv,
                s,
                [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23],
            );
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Movddup => dup(l, [0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7]),
        M::Movshdup => dup(l, [4, 5, 6, 7, 4, 5, 6, 7, 12, 13, 14, 15, 12, 13, 14, 15]),
        M::Movsldup => dup(l, [0, 1, 2, 3, 0, 1, 2, 3, 8, 9, 10, 11, 8, 9, 10, 11]),
        M::Movmskps => movmsk(l, Lanes::I32x4),
        M::Movmskpd => movmsk(l, Lanes::I64x2),
        M::Pmovmskb => movmsk(l, Lanes::I8x16),
        M::Movnti => {
            let v = l.read_op(1);
            let a = l.mem_address();
            l.b.store(a, v);
            Ok(true)
        }
        M::Ldmxcsr => {
            let a = l.mem_address();
            let v = l.b.load(Type::I32, a);
            let w = l.b.zext(Type::I64, v);
            l.b.call(crate::helper!("sse_check_mxcsr", soft::check_mxcsr), &[w]);
            l.b.set_special(Special::Mxcsr, v);
            Ok(true)
        }
        M::Stmxcsr => {
            let a = l.mem_address();
            let v = l.b.get_special(Special::Mxcsr);
            l.b.store(a, v);
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// MOVAPS/MOVDQU/…: 128-bit register or memory move (alignment per instruction).
fn full_move(l: &mut Lifter<'_>) -> LiftResult {
    if let Some(d) = xmm_op(l, 0) {
        let v = read_v(l, 1)?;
        l.b.set_xmm(d, v);
    } else {
        let Some(s) = xmm_op(l, 1) else {
            return l.unsupported("source is not XMM");
        };
        let v = l.b.get_xmm(s);
        let a = mem_addr(l);
        l.b.store(a, v);
    }
    Ok(true)
}

/// MOVD/MOVQ between GPRs, XMM registers and memory.
fn movd_movq(l: &mut Lifter<'_>) -> LiftResult {
    match l.insn.code() {
        Code::Movd_xmm_rm32 | Code::Movq_xmm_rm64 | Code::Movq_xmm_xmmm64 => {
            let d = dst_xmm(l)?;
            let r = if let Some(g) = reg_op(l, 1).filter(|r| r.is_gpr()) {
                let v = l.read_gpr(g);
                scalar_to_v128(l, v)
            } else if let Some(s) = xmm_op(l, 1) {
                let sv = l.b.get_xmm(s);
                let lo = l.b.extract_lane(Lanes::I64x2, sv, 0);
                scalar_to_v128(l, lo)
            } else {
                // Memory: the loaded 4 or 8 bytes, upper bytes zero.
                read_v(l, 1)?
            };
            l.b.set_xmm(d, r);
        }
        Code::Movd_rm32_xmm | Code::Movq_rm64_xmm | Code::Movq_xmmm64_xmm => {
            let Some(s) = xmm_op(l, 1) else {
                return l.unsupported("source is not XMM");
            };
            let sv = l.b.get_xmm(s);
            let ty = if l.insn.code() == Code::Movd_rm32_xmm {
                Type::I32
            } else {
                Type::I64
            };
            let lanes = if ty == Type::I32 {
                Lanes::I32x4
            } else {
                Lanes::I64x2
            };
            let v = l.b.extract_lane(lanes, sv, 0);
            if let Some(d) = xmm_op(l, 0) {
                let r = scalar_to_v128(l, v);
                l.b.set_xmm(d, r);
            } else if let Some(r) = reg_op(l, 0).filter(|r| gpr_part(*r).is_some()) {
                write_gpr_zext(l, r, v);
            } else {
                let a = l.mem_address();
                l.b.store(a, v);
            }
        }
        _ => return Ok(false), // MMX forms
    }
    Ok(true)
}

/// MOVSS/MOVSD: register-register merges the low lane; a load zeroes the rest; a
/// store writes the low lane.
fn scalar_move(l: &mut Lifter<'_>, ty: Type) -> LiftResult {
    let lanes = if ty == Type::F32 {
        Lanes::I32x4
    } else {
        Lanes::I64x2
    };
    let ity = if ty == Type::F32 {
        Type::I32
    } else {
        Type::I64
    };
    match (xmm_op(l, 0), xmm_op(l, 1)) {
        (Some(d), Some(s)) => {
            let sv = l.b.get_xmm(s);
            let lo = l.b.extract_lane(lanes, sv, 0);
            let dv = l.b.get_xmm(d);
            let r = l.b.insert_lane(lanes, dv, lo, 0);
            l.b.set_xmm(d, r);
        }
        (Some(d), None) => {
            let a = mem_addr(l);
            let v = l.b.load(ity, a);
            let r = scalar_to_v128(l, v);
            l.b.set_xmm(d, r);
        }
        (None, Some(s)) => {
            let sv = l.b.get_xmm(s);
            let lo = l.b.extract_lane(lanes, sv, 0);
            let a = mem_addr(l);
            l.b.store(a, lo);
        }
        (None, None) => return l.unsupported("movss/movsd operands"),
    }
    Ok(true)
}

/// MOVLPS/MOVLPD/MOVHPS/MOVHPD: load or store quadword `half` of an XMM register.
fn half_move(l: &mut Lifter<'_>, half: u8) -> LiftResult {
    if let Some(d) = xmm_op(l, 0) {
        if !is_mem(l, 1) {
            return l.unsupported("register form");
        }
        let a = mem_addr(l);
        let v = l.b.load(Type::I64, a);
        let dv = l.b.get_xmm(d);
        let r = l.b.insert_lane(Lanes::I64x2, dv, v, half);
        l.b.set_xmm(d, r);
    } else {
        let Some(s) = xmm_op(l, 1) else {
            return l.unsupported("source is not XMM");
        };
        let sv = l.b.get_xmm(s);
        let v = l.b.extract_lane(Lanes::I64x2, sv, half);
        let a = mem_addr(l);
        l.b.store(a, v);
    }
    Ok(true)
}

/// MOVDDUP/MOVSHDUP/MOVSLDUP: a fixed byte shuffle of the source.
fn dup(l: &mut Lifter<'_>, mask: [u8; 16]) -> LiftResult {
    let d = dst_xmm(l)?;
    let s = read_v(l, 1)?;
    let r = l.b.shuffle(s, s, mask);
    l.b.set_xmm(d, r);
    Ok(true)
}

/// MOVMSKPS/MOVMSKPD/PMOVMSKB: sign bits into a GPR (upper bits zero).
fn movmsk(l: &mut Lifter<'_>, lanes: Lanes) -> LiftResult {
    let Some(r) = reg_op(l, 0).filter(|r| r.is_gpr()) else {
        return l.unsupported("destination");
    };
    let Some(s) = xmm_op(l, 1) else {
        return Ok(false);
    };
    let sv = l.b.get_xmm(s);
    let m = l.b.move_mask(lanes, sv);
    write_gpr_zext(l, r, m);
    Ok(true)
}
