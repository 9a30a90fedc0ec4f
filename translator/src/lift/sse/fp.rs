//! Floating-point SSE: packed and scalar arithmetic, square roots, x86 MIN/MAX,
//! compares (CMPxx predicates, COMISS/UCOMISS), horizontal adds, ADDSUB, dot
//! products, rounding and the reciprocal estimates.

use super::int::horizontal_pairs;
use super::operand::{call_vec_helper, dst_xmm, read_scalar, read_v, scalar_to_v128, xmm_op};
use super::soft_fp;
use crate::ir::{BinOp, FloatCC, Lanes, Type, UnOp, VecOp};
use crate::lift::{LiftResult, Lifter};
use crate::state::Flag;
use iced_x86::{Code, Mnemonic as M};

/// Shape of an SSE float instruction.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Four singles.
    Ps,
    /// Two doubles.
    Pd,
    /// Lane 0 single, upper lanes of the destination kept.
    Ss,
    /// Lane 0 double, upper lane of the destination kept.
    Sd,
}

impl Shape {
    fn lanes(self) -> Lanes {
        match self {
            Shape::Ps | Shape::Ss => Lanes::F32x4,
            Shape::Pd | Shape::Sd => Lanes::F64x2,
        }
    }
    fn scalar(self) -> Type {
        match self {
            Shape::Ps | Shape::Ss => Type::F32,
            Shape::Pd | Shape::Sd => Type::F64,
        }
    }
    fn packed(self) -> bool {
        matches!(self, Shape::Ps | Shape::Pd)
    }
}

/// Arithmetic mnemonics: (vector op, scalar op, shape).
fn arith(m: M) -> Option<(VecOp, BinOp, Shape)> {
    use Shape::{Pd, Ps, Sd, Ss};
    Some(match m {
        M::Addps => (VecOp::FAdd, BinOp::FAdd, Ps),
        M::Addpd => (VecOp::FAdd, BinOp::FAdd, Pd),
        M::Addss => (VecOp::FAdd, BinOp::FAdd, Ss),
        M::Addsd => (VecOp::FAdd, BinOp::FAdd, Sd),
        M::Subps => (VecOp::FSub, BinOp::FSub, Ps),
        M::Subpd => (VecOp::FSub, BinOp::FSub, Pd),
        M::Subss => (VecOp::FSub, BinOp::FSub, Ss),
        M::Subsd => (VecOp::FSub, BinOp::FSub, Sd),
        M::Mulps => (VecOp::FMul, BinOp::FMul, Ps),
        M::Mulpd => (VecOp::FMul, BinOp::FMul, Pd),
        M::Mulss => (VecOp::FMul, BinOp::FMul, Ss),
        M::Mulsd => (VecOp::FMul, BinOp::FMul, Sd),
        M::Divps => (VecOp::FDiv, BinOp::FDiv, Ps),
        M::Divpd => (VecOp::FDiv, BinOp::FDiv, Pd),
        M::Divss => (VecOp::FDiv, BinOp::FDiv, Ss),
        M::Divsd => (VecOp::FDiv, BinOp::FDiv, Sd),
        M::Minps => (VecOp::FMinX86, BinOp::FMinX86, Ps),
        M::Minpd => (VecOp::FMinX86, BinOp::FMinX86, Pd),
        M::Minss => (VecOp::FMinX86, BinOp::FMinX86, Ss),
        M::Minsd => (VecOp::FMinX86, BinOp::FMinX86, Sd),
        M::Maxps => (VecOp::FMaxX86, BinOp::FMaxX86, Ps),
        M::Maxpd => (VecOp::FMaxX86, BinOp::FMaxX86, Pd),
        M::Maxss => (VecOp::FMaxX86, BinOp::FMaxX86, Ss),
        M::Maxsd => (VecOp::FMaxX86, BinOp::FMaxX86, Sd),
        _ => return None,
    })
}

/// The CMPxx predicate of imm bits 2:0 (legacy encodings use only those bits).
fn predicate(imm: u8) -> FloatCC {
    match imm & 7 {
        0 => FloatCC::Eq,
        1 => FloatCC::Lt,
        2 => FloatCC::Le,
        3 => FloatCC::Uno,
        4 => FloatCC::UneOrUno,
        5 => FloatCC::UnoOrGe,
        6 => FloatCC::UnoOrGt,
        _ => FloatCC::Ord,
    }
}

/// Lifts the floating-point SSE instructions.
pub(super) fn lift(l: &mut Lifter<'_>) -> LiftResult {
    let m = l.insn.mnemonic();
    if let Some((vop, sop, shape)) = arith(m) {
        let d = dst_xmm(l)?;
        if shape.packed() {
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let r = l.b.vector(vop, shape.lanes(), dv, s);
            l.b.set_xmm(d, r);
        } else {
            let s = read_scalar(l, 1, shape.scalar())?;
            let dv = l.b.get_xmm(d);
            let a = l.b.extract_lane(shape.lanes(), dv, 0);
            let r = l.b.binary(sop, a, s);
            let r = l.b.insert_lane(shape.lanes(), dv, r, 0);
            l.b.set_xmm(d, r);
        }
        return Ok(true);
    }
    match m {
        M::Sqrtps => sqrt(l, Shape::Ps),
        M::Sqrtpd => sqrt(l, Shape::Pd),
        M::Sqrtss => sqrt(l, Shape::Ss),
        M::Sqrtsd => sqrt(l, Shape::Sd),
        M::Cmpps => cmp(l, Shape::Ps),
        M::Cmppd => cmp(l, Shape::Pd),
        M::Cmpss => cmp(l, Shape::Ss),
        M::Cmpsd => match l.insn.code() {
            Code::Cmpsd_xmm_xmmm64_imm8 => cmp(l, Shape::Sd),
            _ => Ok(false), // the string instruction
        },
        M::Comiss => comis(l, Type::F32, true),
        M::Ucomiss => comis(l, Type::F32, false),
        M::Comisd => comis(l, Type::F64, true),
        M::Ucomisd => comis(l, Type::F64, false),
        M::Haddps | M::Haddpd | M::Hsubps | M::Hsubpd => {
            let lanes = if matches!(m, M::Haddps | M::Hsubps) {
                Lanes::F32x4
            } else {
                Lanes::F64x2
            };
            let op = if matches!(m, M::Haddps | M::Haddpd) {
                VecOp::FAdd
            } else {
                VecOp::FSub
            };
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let (ev, od) = horizontal_pairs(l, dv, s, lanes);
            let r = l.b.vector(op, lanes, ev, od);
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Addsubps | M::Addsubpd => {
            let (lanes, mask) = if m == M::Addsubps {
                // Lanes 0 and 2 from the difference, 1 and 3 from the sum.
                (
                    Lanes::F32x4,
                    [0, 1, 2, 3, 20, 21, 22, 23, 8, 9, 10, 11, 28, 29, 30, 31],
                )
            } else {
                (
                    Lanes::F64x2,
                    [0, 1, 2, 3, 4, 5, 6, 7, 24, 25, 26, 27, 28, 29, 30, 31],
                )
            };
            // Each operation sees only its own lanes (the others are +0, which raise
            // no MXCSR flag), so the discarded lanes cannot set exception flags.
            let (even, odd) = if m == M::Addsubps {
                (
                    [0, 1, 2, 3, 16, 17, 18, 19, 8, 9, 10, 11, 16, 17, 18, 19],
                    [16, 17, 18, 19, 4, 5, 6, 7, 16, 17, 18, 19, 12, 13, 14, 15],
                )
            } else {
                (
                    [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23],
                    [16, 17, 18, 19, 20, 21, 22, 23, 8, 9, 10, 11, 12, 13, 14, 15],
                )
            };
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let z = l.b.vconst(0);
            let (de, se) = (l.b.shuffle(dv, z, even), l.b.shuffle(s, z, even));
            let (do_, so) = (l.b.shuffle(dv, z, odd), l.b.shuffle(s, z, odd));
            let diff = l.b.vector(VecOp::FSub, lanes, de, se);
            let sum = l.b.vector(VecOp::FAdd, lanes, do_, so);
            let r = l.b.shuffle(diff, sum, mask);
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Dpps => dot(l, Shape::Ps),
        M::Dppd => dot(l, Shape::Pd),
        M::Roundss | M::Roundsd | M::Roundps | M::Roundpd => {
            let kind = match m {
                M::Roundss => 0,
                M::Roundsd => 1,
                M::Roundps => 2,
                _ => 3,
            };
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let imm = l.insn.immediate8();
            call_vec_helper(
                l,
                crate::helper!("sse_round", soft_fp::h_round),
                d,
                s,
                imm,
                kind,
            );
            Ok(true)
        }
        M::Rcpss | M::Rcpps | M::Rsqrtss | M::Rsqrtps => {
            let kind = match m {
                M::Rcpss => 0,
                M::Rsqrtss => 1,
                M::Rcpps => 2,
                _ => 3,
            };
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            call_vec_helper(l, crate::helper!("sse_rcp", soft_fp::h_rcp), d, s, 0, kind);
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// SQRTPS/PD lane by lane, SQRTSS/SD into lane 0 (destination's upper lanes kept).
fn sqrt(l: &mut Lifter<'_>, shape: Shape) -> LiftResult {
    let d = dst_xmm(l)?;
    let lanes = shape.lanes();
    if shape.packed() {
        let s = read_v(l, 1)?;
        let mut r = s;
        for i in 0..u8::try_from(lanes.count()).unwrap_or(0) {
            let x = l.b.extract_lane(lanes, s, i);
            let y = l.b.unary(UnOp::FSqrt, x);
            r = l.b.insert_lane(lanes, r, y, i);
        }
        l.b.set_xmm(d, r);
    } else {
        let x = read_scalar(l, 1, shape.scalar())?;
        let y = l.b.unary(UnOp::FSqrt, x);
        let dv = l.b.get_xmm(d);
        let r = l.b.insert_lane(lanes, dv, y, 0);
        l.b.set_xmm(d, r);
    }
    Ok(true)
}

/// CMPPS/CMPPD/CMPSS/CMPSD with the predicate in imm bits 2:0.
fn cmp(l: &mut Lifter<'_>, shape: Shape) -> LiftResult {
    let d = dst_xmm(l)?;
    let cc = predicate(l.insn.immediate8());
    let lanes = shape.lanes();
    if shape.packed() {
        let s = read_v(l, 1)?;
        let dv = l.b.get_xmm(d);
        let r = l.b.vector_fcmp(cc, lanes, dv, s);
        l.b.set_xmm(d, r);
    } else {
        // A vector compare of the two scalars padded with zeros: the host's CMPPS/PD
        // raises exactly the MXCSR flags CMPSS/SD would (zeros raise none), which a
        // scalar compare (UCOMISS) would not for the signaling predicates.
        let s = read_scalar(l, 1, shape.scalar())?;
        let dv = l.b.get_xmm(d);
        let a = l.b.extract_lane(lanes, dv, 0);
        let av = scalar_to_v128(l, a);
        let sv = scalar_to_v128(l, s);
        let c = l.b.vector_fcmp(cc, lanes, av, sv);
        let ilanes = if shape == Shape::Ss {
            Lanes::I32x4
        } else {
            Lanes::I64x2
        };
        let v = l.b.extract_lane(ilanes, c, 0);
        let r = l.b.insert_lane(ilanes, dv, v, 0);
        l.b.set_xmm(d, r);
    }
    Ok(true)
}

/// COMISS/COMISD/UCOMISS/UCOMISD: ZF, PF, CF from the comparison; OF, SF, AF cleared.
fn comis(l: &mut Lifter<'_>, ty: Type, signaling: bool) -> LiftResult {
    let Some(d) = xmm_op(l, 0) else {
        return l.unsupported("operand");
    };
    let s = read_scalar(l, 1, ty)?;
    let lanes = if ty == Type::F32 {
        Lanes::F32x4
    } else {
        Lanes::F64x2
    };
    let dv = l.b.get_xmm(d);
    let a = l.b.extract_lane(lanes, dv, 0);
    let zf = l.b.fcmp(FloatCC::UnoOrEq, a, s);
    let pf = l.b.fcmp(FloatCC::Uno, a, s);
    let cf = l.b.fcmp(FloatCC::UnoOrLt, a, s);
    if signaling {
        // COMISS/COMISD also signal invalid on QNaN. MINSS/MINSD raise exactly
        // COMISS/COMISD's exceptions (invalid for any NaN, denormal) and are one
        // scalar instruction (a zero-padded signaling CMPLTPS needed a merge into a
        // zero vector and a 16-byte keep-alive store). Its result is not needed — the
        // flags come from the quiet compares above, off this one's latency — only its
        // MXCSR effect (see `passes::fp_keepalive`).
        let _ = l.b.binary(BinOp::FMinX86, a, s);
    }
    l.b.set_flag(Flag::ZF, zf);
    l.b.set_flag(Flag::PF, pf);
    l.b.set_flag(Flag::CF, cf);
    for f in [Flag::OF, Flag::SF, Flag::AF] {
        l.b.set_flag_const(f, false);
    }
    Ok(true)
}

/// DPPS/DPPD: products of the lanes selected by imm bits 7:4 (others +0.0), summed
/// pairwise as the SDM orders it, broadcast to the lanes of imm bits 3:0 (others +0.0).
fn dot(l: &mut Lifter<'_>, shape: Shape) -> LiftResult {
    let d = dst_xmm(l)?;
    let s = read_v(l, 1)?;
    let dv = l.b.get_xmm(d);
    let imm = l.insn.immediate8();
    let lanes = shape.lanes();
    let n = lanes.count();
    let width = 128 / n;
    let lane_mask = |bits: u8| -> u128 {
        let mut m = 0u128;
        for i in 0..n {
            if bits >> i & 1 != 0 {
                m |= (u128::MAX >> (128 - width)) << (width * i);
            }
        }
        m
    };
    // Masked-out lanes multiply +0 by +0: +0.0 without raising any flag.
    let pm = l.b.vconst(lane_mask(imm >> 4));
    let dm = l.b.vector(VecOp::And, Lanes::I64x2, dv, pm);
    let sm = l.b.vector(VecOp::And, Lanes::I64x2, s, pm);
    let p = l.b.vector(VecOp::FMul, lanes, dm, sm);
    // The hardware sums per half: the low half gets t1 + t2, the high half t2 + t1
    // (this only shows in which NaN propagates).
    let r = if n == 4 {
        let (ev, od) = horizontal_pairs(l, p, p, lanes);
        let h = l.b.vector(VecOp::FAdd, lanes, ev, od); // [t1, t2, t1, t2]
        let g =
            l.b.shuffle(h, h, [0, 1, 2, 3, 0, 1, 2, 3, 4, 5, 6, 7, 4, 5, 6, 7]);
        let g2 =
            l.b.shuffle(h, h, [4, 5, 6, 7, 4, 5, 6, 7, 0, 1, 2, 3, 0, 1, 2, 3]);
        l.b.vector(VecOp::FAdd, lanes, g, g2)
    } else {
        let (ev, od) = horizontal_pairs(l, p, p, lanes);
        l.b.vector(VecOp::FAdd, lanes, ev, od)
    };
    let bm = l.b.vconst(lane_mask(imm & 15));
    let r = l.b.vector(VecOp::And, Lanes::I64x2, r, bm);
    l.b.set_xmm(d, r);
    Ok(true)
}
