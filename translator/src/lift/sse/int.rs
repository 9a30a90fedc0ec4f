//! Integer SSE: lane-wise arithmetic, saturation, logic, compares, min/max, averages,
//! multiplies (the widening ones through helpers), horizontal adds, absolute values
//! and shifts, plus PTEST.

use super::operand::{call_vec_helper, dst_xmm, read_v, same_regs, xmm_op};
use super::soft;
use crate::ir::{Helper, IntCC, Lanes, Type, Value, VecOp, VecShift};
use crate::lift::{LiftResult, Lifter};
use crate::state::Flag;
use iced_x86::{Mnemonic as M, OpKind};

/// A plain lane-wise op `dst = op(dst, src)` for `m`, if it is one.
fn lane_op(m: M) -> Option<(VecOp, Lanes)> {
    use Lanes::{I16x8 as W, I32x4 as D, I64x2 as Q, I8x16 as B};
    Some(match m {
        M::Paddb => (VecOp::Add, B),
        M::Paddw => (VecOp::Add, W),
        M::Paddd => (VecOp::Add, D),
        M::Paddq => (VecOp::Add, Q),
        M::Psubb => (VecOp::Sub, B),
        M::Psubw => (VecOp::Sub, W),
        M::Psubd => (VecOp::Sub, D),
        M::Psubq => (VecOp::Sub, Q),
        M::Paddsb => (VecOp::AddSatS, B),
        M::Paddsw => (VecOp::AddSatS, W),
        M::Paddusb => (VecOp::AddSatU, B),
        M::Paddusw => (VecOp::AddSatU, W),
        M::Psubsb => (VecOp::SubSatS, B),
        M::Psubsw => (VecOp::SubSatS, W),
        M::Psubusb => (VecOp::SubSatU, B),
        M::Psubusw => (VecOp::SubSatU, W),
        M::Pmullw => (VecOp::Mul, W),
        M::Pmulld => (VecOp::Mul, D),
        M::Pminub => (VecOp::MinU, B),
        M::Pminuw => (VecOp::MinU, W),
        M::Pminud => (VecOp::MinU, D),
        M::Pminsb => (VecOp::MinS, B),
        M::Pminsw => (VecOp::MinS, W),
        M::Pminsd => (VecOp::MinS, D),
        M::Pmaxub => (VecOp::MaxU, B),
        M::Pmaxuw => (VecOp::MaxU, W),
        M::Pmaxud => (VecOp::MaxU, D),
        M::Pmaxsb => (VecOp::MaxS, B),
        M::Pmaxsw => (VecOp::MaxS, W),
        M::Pmaxsd => (VecOp::MaxS, D),
        M::Pcmpeqb => (VecOp::CmpEq, B),
        M::Pcmpeqw => (VecOp::CmpEq, W),
        M::Pcmpeqd => (VecOp::CmpEq, D),
        M::Pcmpeqq => (VecOp::CmpEq, Q),
        M::Pcmpgtb => (VecOp::CmpGtS, B),
        M::Pcmpgtw => (VecOp::CmpGtS, W),
        M::Pcmpgtd => (VecOp::CmpGtS, D),
        M::Pcmpgtq => (VecOp::CmpGtS, Q),
        M::Pavgb => (VecOp::AvgU, B),
        M::Pavgw => (VecOp::AvgU, W),
        M::Pand | M::Andps | M::Andpd => (VecOp::And, Q),
        M::Por | M::Orps | M::Orpd => (VecOp::Or, Q),
        M::Pxor | M::Xorps | M::Xorpd => (VecOp::Xor, Q),
        M::Pandn | M::Andnps | M::Andnpd => (VecOp::AndNot, Q),
        M::Packsswb => (VecOp::NarrowSatS, W),
        M::Packssdw => (VecOp::NarrowSatS, D),
        M::Packuswb => (VecOp::NarrowSatU, W),
        M::Packusdw => (VecOp::NarrowSatU, D),
        _ => return None,
    })
}

/// Lifts the integer SSE instructions.
pub(super) fn lift(l: &mut Lifter<'_>) -> LiftResult {
    let m = l.insn.mnemonic();
    if let Some((op, lanes)) = lane_op(m) {
        let d = dst_xmm(l)?;
        // Zero and all-ones idioms do not depend on the register's old value.
        if same_regs(l)
            && matches!(
                op,
                VecOp::Xor | VecOp::Sub | VecOp::SubSatS | VecOp::SubSatU | VecOp::AndNot
            )
        {
            let z = l.b.vconst(0);
            l.b.set_xmm(d, z);
            return Ok(true);
        }
        if same_regs(l) && op == VecOp::CmpEq {
            let ones = l.b.vconst(u128::MAX);
            l.b.set_xmm(d, ones);
            return Ok(true);
        }
        let s = read_v(l, 1)?;
        let dv = l.b.get_xmm(d);
        let r = l.b.vector(op, lanes, dv, s);
        l.b.set_xmm(d, r);
        return Ok(true);
    }
    match m {
        M::Pmulhw => via_helper(l, crate::helper!("sse_pmulhw", soft::h_pmulhw), 0),
        M::Pmulhuw => via_helper(l, crate::helper!("sse_pmulhuw", soft::h_pmulhuw), 0),
        M::Pmulhrsw => via_helper(l, crate::helper!("sse_pmulhrsw", soft::h_pmulhrsw), 0),
        M::Pmaddwd => via_helper(l, crate::helper!("sse_pmaddwd", soft::h_pmaddwd), 0),
        M::Pmaddubsw => via_helper(l, crate::helper!("sse_pmaddubsw", soft::h_pmaddubsw), 0),
        M::Psadbw => via_helper(l, crate::helper!("sse_psadbw", soft::h_psadbw), 0),
        M::Phminposuw => via_helper(l, crate::helper!("sse_phminposuw", soft::h_phminposuw), 0),
        M::Mpsadbw => {
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let imm = l.insn.immediate8();
            call_vec_helper(
                l,
                crate::helper!("sse_mpsadbw", soft::h_mpsadbw),
                d,
                s,
                imm,
                0,
            );
            Ok(true)
        }
        M::Psignb => via_helper(l, crate::helper!("sse_psign", soft::h_psign), 1),
        M::Psignw => via_helper(l, crate::helper!("sse_psign", soft::h_psign), 2),
        M::Psignd => via_helper(l, crate::helper!("sse_psign", soft::h_psign), 4),
        M::Pmuludq | M::Pmuldq => {
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let (a, b) = if m == M::Pmuludq {
                let mask = l.b.vconst(0x0000_0000_ffff_ffff_0000_0000_ffff_ffff);
                (
                    l.b.vector(VecOp::And, Lanes::I64x2, dv, mask),
                    l.b.vector(VecOp::And, Lanes::I64x2, s, mask),
                )
            } else {
                (sext_low_dwords(l, dv), sext_low_dwords(l, s))
            };
            let r = l.b.vector(VecOp::Mul, Lanes::I64x2, a, b);
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Pabsb | M::Pabsw | M::Pabsd => {
            let lanes = match m {
                M::Pabsb => Lanes::I8x16,
                M::Pabsw => Lanes::I16x8,
                _ => Lanes::I32x4,
            };
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let z = l.b.vconst(0);
            let n = l.b.vector(VecOp::Sub, lanes, z, s);
            // max(x, -x) signed: MIN stays MIN, which read unsigned is |MIN|.
            let r = l.b.vector(VecOp::MaxS, lanes, s, n);
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Phaddw | M::Phaddd | M::Phaddsw | M::Phsubw | M::Phsubd | M::Phsubsw => {
            let (op, lanes) = match m {
                M::Phaddw => (VecOp::Add, Lanes::I16x8),
                M::Phaddd => (VecOp::Add, Lanes::I32x4),
                M::Phaddsw => (VecOp::AddSatS, Lanes::I16x8),
                M::Phsubw => (VecOp::Sub, Lanes::I16x8),
                M::Phsubd => (VecOp::Sub, Lanes::I32x4),
                _ => (VecOp::SubSatS, Lanes::I16x8),
            };
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let (ev, od) = horizontal_pairs(l, dv, s, lanes);
            let r = l.b.vector(op, lanes, ev, od);
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Psllw | M::Pslld | M::Psllq | M::Psrlw | M::Psrld | M::Psrlq | M::Psraw | M::Psrad => {
            shift(l, m)
        }
        M::Ptest => {
            let Some(d) = xmm_op(l, 0) else {
                return l.unsupported("ptest operand");
            };
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let and = l.b.vector(VecOp::And, Lanes::I64x2, dv, s);
            let zf = is_zero(l, and);
            let andn = l.b.vector(VecOp::AndNot, Lanes::I64x2, dv, s);
            let cf = is_zero(l, andn);
            l.b.set_flag(Flag::ZF, zf);
            l.b.set_flag(Flag::CF, cf);
            for f in [Flag::OF, Flag::SF, Flag::AF, Flag::PF] {
                l.b.set_flag_const(f, false);
            }
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// `dst = helper(dst, src)` through a vector helper.
fn via_helper(l: &mut Lifter<'_>, h: &'static Helper, extra: u8) -> LiftResult {
    let d = dst_xmm(l)?;
    let s = read_v(l, 1)?;
    call_vec_helper(l, h, d, s, 0, extra);
    Ok(true)
}

/// The low dword of each quadword, sign-extended to 64 bits (PMULDQ's inputs).
fn sext_low_dwords(l: &mut Lifter<'_>, v: Value) -> Value {
    let c = l.b.iconst(Type::I64, 32);
    let up = l.b.vector_shift(VecShift::Shl, Lanes::I64x2, v, c);
    l.b.vector_shift(VecShift::AShr, Lanes::I64x2, up, c)
}

/// For horizontal ops on `a ++ b`: the even lanes and the odd lanes, each packed
/// into one vector (the pairs of `a` then the pairs of `b`).
pub(super) fn horizontal_pairs(
    l: &mut Lifter<'_>,
    a: Value,
    b: Value,
    lanes: Lanes,
) -> (Value, Value) {
    let size = u8::try_from(16 / lanes.count()).unwrap_or(1);
    let n = u8::try_from(lanes.count()).unwrap_or(1);
    let mut ev = [0u8; 16];
    let mut od = [0u8; 16];
    for k in 0..n {
        for j in 0..size {
            let i = usize::from(k * size + j);
            ev[i] = 2 * k * size + j;
            od[i] = (2 * k + 1) * size + j;
        }
    }
    let e = l.b.shuffle(a, b, ev);
    let o = l.b.shuffle(a, b, od);
    (e, o)
}

/// Whether all 128 bits are zero, as I8 0/1.
pub(super) fn is_zero(l: &mut Lifter<'_>, v: Value) -> Value {
    let lo = l.b.extract_lane(Lanes::I64x2, v, 0);
    let hi = l.b.extract_lane(Lanes::I64x2, v, 1);
    let o = l.b.or(lo, hi);
    l.b.icmp_imm(IntCC::Eq, o, 0)
}

/// PSLL/PSRL/PSRA by an immediate or by the low quadword of an XMM/m128 operand.
fn shift(l: &mut Lifter<'_>, m: M) -> LiftResult {
    let (op, lanes) = match m {
        M::Psllw => (VecShift::Shl, Lanes::I16x8),
        M::Pslld => (VecShift::Shl, Lanes::I32x4),
        M::Psllq => (VecShift::Shl, Lanes::I64x2),
        M::Psrlw => (VecShift::LShr, Lanes::I16x8),
        M::Psrld => (VecShift::LShr, Lanes::I32x4),
        M::Psrlq => (VecShift::LShr, Lanes::I64x2),
        M::Psraw => (VecShift::AShr, Lanes::I16x8),
        _ => (VecShift::AShr, Lanes::I32x4),
    };
    let d = dst_xmm(l)?;
    let count = if l.insn.op_kind(1) == OpKind::Immediate8 {
        l.b.iconst(Type::I64, u64::from(l.insn.immediate8()))
    } else {
        let s = read_v(l, 1)?;
        l.b.extract_lane(Lanes::I64x2, s, 0)
    };
    let dv = l.b.get_xmm(d);
    let r = l.b.vector_shift(op, lanes, dv, count);
    l.b.set_xmm(d, r);
    Ok(true)
}
