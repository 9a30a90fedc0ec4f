//! Conversions: integer ↔ float (scalar and packed), single ↔ double.
//!
//! Truncating conversions use `Conv::FloatToSIntTrunc` (NaN and out-of-range give
//! the integer indefinite); conversions rounded by MXCSR.RC go through helpers that
//! run the host instruction under the guest's MXCSR (its result is defined by IEEE
//! and the SDM, identical on every x86-64).

use super::operand::{
    call_vec_helper, dst_xmm, is_mem, read_scalar, read_v, reg_op, write_gpr_zext,
};
use super::soft_fp;
use crate::ir::{Conv, Lanes, Type, Value};
use crate::lift::{LiftResult, Lifter};
use iced_x86::Mnemonic as M;

/// Lifts the conversions.
pub(super) fn lift(l: &mut Lifter<'_>) -> LiftResult {
    let m = l.insn.mnemonic();
    match m {
        M::Cvtsi2ss | M::Cvtsi2sd => {
            let d = dst_xmm(l)?;
            let v = if let Some(r) = reg_op(l, 1).filter(|r| r.is_gpr()) {
                l.read_gpr(r)
            } else if is_mem(l, 1) {
                let ty = if l.mem_bytes() == 8 {
                    Type::I64
                } else {
                    Type::I32
                };
                let a = l.mem_address();
                l.b.load(ty, a)
            } else {
                return l.unsupported("source");
            };
            let (ty, lanes) = if m == M::Cvtsi2ss {
                (Type::F32, Lanes::F32x4)
            } else {
                (Type::F64, Lanes::F64x2)
            };
            let f = l.b.convert(Conv::SIntToFloat, ty, v);
            let dv = l.b.get_xmm(d);
            let r = l.b.insert_lane(lanes, dv, f, 0);
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Cvttss2si | M::Cvttsd2si | M::Cvtss2si | M::Cvtsd2si => {
            let Some(r) = reg_op(l, 0).filter(|r| r.is_gpr()) else {
                return l.unsupported("destination");
            };
            let fty = if matches!(m, M::Cvttss2si | M::Cvtss2si) {
                Type::F32
            } else {
                Type::F64
            };
            let ity = if r.size() == 8 { Type::I64 } else { Type::I32 };
            let x = read_scalar(l, 1, fty)?;
            let v = if matches!(m, M::Cvttss2si | M::Cvttsd2si) {
                l.b.convert(Conv::FloatToSIntTrunc, ity, x)
            } else {
                let bty = if fty == Type::F32 {
                    Type::I32
                } else {
                    Type::I64
                };
                let bits = l.b.bitcast(bty, x);
                let bits = l.b.zext(Type::I64, bits);
                let kind = u64::from(ity == Type::I64) | (u64::from(fty == Type::F64) << 1);
                let k = l.b.iconst(Type::I64, kind);
                let res =
                    l.b.call(crate::helper!("sse_cvt2si", soft_fp::h_cvt2si), &[bits, k]);
                l.b.trunc(ity, res)
            };
            write_gpr_zext(l, r, v);
            Ok(true)
        }
        M::Cvtss2sd | M::Cvtsd2ss => {
            let d = dst_xmm(l)?;
            let (from, to, lanes) = if m == M::Cvtss2sd {
                (Type::F32, Type::F64, Lanes::F64x2)
            } else {
                (Type::F64, Type::F32, Lanes::F32x4)
            };
            let x = read_scalar(l, 1, from)?;
            let y = l.b.convert(Conv::FloatToFloat, to, x);
            let dv = l.b.get_xmm(d);
            let r = l.b.insert_lane(lanes, dv, y, 0);
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Cvtdq2ps => packed(l, Lanes::I32x4, Lanes::F32x4, Conv::SIntToFloat, 4),
        M::Cvtdq2pd => packed(l, Lanes::I32x4, Lanes::F64x2, Conv::SIntToFloat, 2),
        M::Cvtps2pd => packed(l, Lanes::F32x4, Lanes::F64x2, Conv::FloatToFloat, 2),
        M::Cvtpd2ps => packed(l, Lanes::F64x2, Lanes::F32x4, Conv::FloatToFloat, 2),
        M::Cvttps2dq => packed(l, Lanes::F32x4, Lanes::I32x4, Conv::FloatToSIntTrunc, 4),
        M::Cvttpd2dq => packed(l, Lanes::F64x2, Lanes::I32x4, Conv::FloatToSIntTrunc, 2),
        M::Cvtps2dq | M::Cvtpd2dq => {
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let kind = u8::from(m == M::Cvtpd2dq);
            call_vec_helper(
                l,
                crate::helper!("sse_cvt2dq", soft_fp::h_cvt2dq),
                d,
                s,
                0,
                kind,
            );
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Converts lanes `0..n` of the source (`from` shape) into lanes `0..n` of a zeroed
/// result (`to` shape): unconverted result lanes are zero, as the SDM specifies for
/// the narrowing forms.
fn packed(l: &mut Lifter<'_>, from: Lanes, to: Lanes, conv: Conv, n: u8) -> LiftResult {
    let d = dst_xmm(l)?;
    let s = read_v(l, 1)?;
    let mut r: Value = l.b.vconst(0);
    for i in 0..n {
        let x = l.b.extract_lane(from, s, i);
        let y = l.b.convert(conv, to.lane_type(), x);
        r = l.b.insert_lane(to, r, y, i);
    }
    l.b.set_xmm(d, r);
    Ok(true)
}
