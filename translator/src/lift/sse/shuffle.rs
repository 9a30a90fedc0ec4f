//! Data rearrangement: unpacks, immediate shuffles, byte shifts, PALIGNR, PSHUFB,
//! lane extracts and inserts, widening moves (PMOVZX/PMOVSX) and blends.

use super::operand::{dst_xmm, is_mem, mem_addr, read_v, reg_op, write_gpr_zext, xmm_op};
use crate::ir::{Lanes, Type, Value, VecOp, VecShift};
use crate::lift::{LiftResult, Lifter};
use iced_x86::Mnemonic as M;

/// Lifts the shuffles, unpacks, inserts/extracts, widening moves and blends.
pub(super) fn lift(l: &mut Lifter<'_>) -> LiftResult {
    let m = l.insn.mnemonic();
    match m {
        M::Punpcklbw => unpack(l, 1, false),
        M::Punpcklwd => unpack(l, 2, false),
        M::Punpckldq | M::Unpcklps => unpack(l, 4, false),
        M::Punpcklqdq | M::Unpcklpd => unpack(l, 8, false),
        M::Punpckhbw => unpack(l, 1, true),
        M::Punpckhwd => unpack(l, 2, true),
        M::Punpckhdq | M::Unpckhps => unpack(l, 4, true),
        M::Punpckhqdq | M::Unpckhpd => unpack(l, 8, true),
        M::Pshufd => {
            let imm = l.insn.immediate8();
            let sel: [u8; 4] = core::array::from_fn(|i| (imm >> (2 * i)) & 3);
            unary_shuffle(l, elems(4, &sel))
        }
        M::Pshuflw | M::Pshufhw => {
            let imm = l.insn.immediate8();
            let base = if m == M::Pshuflw { 0 } else { 4 };
            let mut sel: [u8; 8] = core::array::from_fn(|i| u8::try_from(i).unwrap_or(0));
            for i in 0..4 {
                sel[base + i] = u8::try_from(base).unwrap_or(0) + ((imm >> (2 * i)) & 3);
            }
            unary_shuffle(l, elems(2, &sel))
        }
        M::Shufps => {
            let imm = l.insn.immediate8();
            let sel = [
                imm & 3,
                (imm >> 2) & 3,
                4 + ((imm >> 4) & 3),
                4 + ((imm >> 6) & 3),
            ];
            binary_shuffle(l, elems(4, &sel))
        }
        M::Shufpd => {
            let imm = l.insn.immediate8();
            binary_shuffle(l, elems(8, &[imm & 1, 2 + ((imm >> 1) & 1)]))
        }
        M::Pslldq | M::Psrldq => {
            let d = dst_xmm(l)?;
            let n = l.insn.immediate8();
            let mask: [u8; 16] = core::array::from_fn(|i| {
                let i = u8::try_from(i).unwrap_or(0);
                let j = if m == M::Pslldq {
                    i.checked_sub(n)
                } else {
                    i.checked_add(n).filter(|j| *j < 16)
                };
                j.unwrap_or(16)
            });
            let dv = l.b.get_xmm(d);
            let z = l.b.vconst(0);
            let r = l.b.shuffle(dv, z, mask);
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Palignr => {
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let n = l.insn.immediate8();
            let z = l.b.vconst(0);
            // The 32 bytes dst:src (src low) shifted right by n bytes.
            let r = if n < 16 {
                l.b.shuffle(
                    s,
                    dv,
                    core::array::from_fn(|i| u8::try_from(i).unwrap_or(0) + n),
                )
            } else if n < 32 {
                l.b.shuffle(
                    dv,
                    z,
                    core::array::from_fn(|i| u8::try_from(i).unwrap_or(0) + n - 16),
                )
            } else {
                z
            };
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Pshufb => {
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let r = l.b.vector(VecOp::ShuffleBytes, Lanes::I8x16, dv, s);
            l.b.set_xmm(d, r);
            Ok(true)
        }
        M::Pextrb => extract(l, Lanes::I8x16),
        M::Pextrw => extract(l, Lanes::I16x8),
        M::Pextrd | M::Extractps => extract(l, Lanes::I32x4),
        M::Pextrq => extract(l, Lanes::I64x2),
        M::Pinsrb => insert(l, Lanes::I8x16),
        M::Pinsrw => insert(l, Lanes::I16x8),
        M::Pinsrd => insert(l, Lanes::I32x4),
        M::Pinsrq => insert(l, Lanes::I64x2),
        M::Insertps => insertps(l),
        M::Pmovzxbw => widen(l, 1, 2, false),
        M::Pmovzxbd => widen(l, 1, 4, false),
        M::Pmovzxbq => widen(l, 1, 8, false),
        M::Pmovzxwd => widen(l, 2, 4, false),
        M::Pmovzxwq => widen(l, 2, 8, false),
        M::Pmovzxdq => widen(l, 4, 8, false),
        M::Pmovsxbw => widen(l, 1, 2, true),
        M::Pmovsxbd => widen(l, 1, 4, true),
        M::Pmovsxbq => widen(l, 1, 8, true),
        M::Pmovsxwd => widen(l, 2, 4, true),
        M::Pmovsxwq => widen(l, 2, 8, true),
        M::Pmovsxdq => widen(l, 4, 8, true),
        M::Blendps | M::Blendpd | M::Pblendw => {
            let size = match m {
                M::Blendps => 4,
                M::Blendpd => 8,
                _ => 2,
            };
            let imm = l.insn.immediate8();
            let n = 16 / size;
            let sel: Vec<u8> = (0..n)
                .map(|i| if imm >> i & 1 != 0 { n + i } else { i })
                .collect();
            binary_shuffle(l, elems(size, &sel))
        }
        M::Blendvps | M::Blendvpd | M::Pblendvb => {
            let lanes = match m {
                M::Blendvps => Lanes::I32x4,
                M::Blendvpd => Lanes::I64x2,
                _ => Lanes::I8x16,
            };
            let d = dst_xmm(l)?;
            let s = read_v(l, 1)?;
            let dv = l.b.get_xmm(d);
            let x0 = l.b.get_xmm(0);
            let z = l.b.vconst(0);
            // All-ones lanes where XMM0's lane is negative.
            let mask = l.b.vector(VecOp::CmpGtS, lanes, z, x0);
            let from_s = l.b.vector(VecOp::And, Lanes::I64x2, mask, s);
            let from_d = l.b.vector(VecOp::AndNot, Lanes::I64x2, mask, dv);
            let r = l.b.vector(VecOp::Or, Lanes::I64x2, from_s, from_d);
            l.b.set_xmm(d, r);
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Byte mask selecting elements of `size` bytes: element i of the result is element
/// `sel[i]` of the 32-byte `a ++ b`.
fn elems(size: u8, sel: &[u8]) -> [u8; 16] {
    let mut m = [0u8; 16];
    for (i, s) in sel.iter().enumerate() {
        for j in 0..size {
            let k = usize::from(j) + i * usize::from(size);
            if let Some(x) = m.get_mut(k) {
                *x = s * size + j;
            }
        }
    }
    m
}

/// `dst = shuffle(src)`.
fn unary_shuffle(l: &mut Lifter<'_>, mask: [u8; 16]) -> LiftResult {
    let d = dst_xmm(l)?;
    let s = read_v(l, 1)?;
    let r = l.b.shuffle(s, s, mask);
    l.b.set_xmm(d, r);
    Ok(true)
}

/// `dst = shuffle(dst ++ src)`.
fn binary_shuffle(l: &mut Lifter<'_>, mask: [u8; 16]) -> LiftResult {
    let d = dst_xmm(l)?;
    let s = read_v(l, 1)?;
    let dv = l.b.get_xmm(d);
    let r = l.b.shuffle(dv, s, mask);
    l.b.set_xmm(d, r);
    Ok(true)
}

/// PUNPCKL*/PUNPCKH*/UNPCK*: interleave elements of `size` bytes from the low or
/// high halves of dst and src.
fn unpack(l: &mut Lifter<'_>, size: u8, high: bool) -> LiftResult {
    let n = 8 / size;
    let base = if high { n } else { 0 };
    let sel: Vec<u8> = (0..n).flat_map(|k| [base + k, 2 * n + base + k]).collect();
    binary_shuffle(l, elems(size, &sel))
}

/// PEXTRB/W/D/Q and EXTRACTPS: a lane to a GPR (zero-extended) or memory.
fn extract(l: &mut Lifter<'_>, lanes: Lanes) -> LiftResult {
    let Some(s) = xmm_op(l, 1) else {
        return l.unsupported("source is not XMM");
    };
    let count = u8::try_from(lanes.count()).unwrap_or(1);
    let idx = l.insn.immediate8() % count;
    let sv = l.b.get_xmm(s);
    let v = l.b.extract_lane(lanes, sv, idx);
    if let Some(r) = reg_op(l, 0).filter(|r| r.is_gpr()) {
        write_gpr_zext(l, r, v);
    } else if is_mem(l, 0) {
        let a = mem_addr(l);
        l.b.store(a, v);
    } else {
        return l.unsupported("destination");
    }
    Ok(true)
}

/// PINSRB/W/D/Q: a GPR's low bits or a memory value into one lane.
fn insert(l: &mut Lifter<'_>, lanes: Lanes) -> LiftResult {
    let d = dst_xmm(l)?;
    let ty = lanes.lane_type();
    let count = u8::try_from(lanes.count()).unwrap_or(1);
    let idx = l.insn.immediate8() % count;
    let v = if let Some(r) = reg_op(l, 1).filter(|r| r.is_gpr()) {
        let g = l.read_gpr(r);
        let g = l.b.zext(Type::I64, g);
        l.b.trunc(ty, g)
    } else if is_mem(l, 1) {
        let a = mem_addr(l);
        l.b.load(ty, a)
    } else {
        return l.unsupported("source");
    };
    let dv = l.b.get_xmm(d);
    let r = l.b.insert_lane(lanes, dv, v, idx);
    l.b.set_xmm(d, r);
    Ok(true)
}

/// INSERTPS: one dword (from a register lane or memory) into a lane, then zero the
/// lanes of imm bits 3:0.
fn insertps(l: &mut Lifter<'_>) -> LiftResult {
    let d = dst_xmm(l)?;
    let imm = l.insn.immediate8();
    let v = if let Some(s) = xmm_op(l, 1) {
        let sv = l.b.get_xmm(s);
        l.b.extract_lane(Lanes::I32x4, sv, (imm >> 6) & 3)
    } else {
        let a = mem_addr(l);
        l.b.load(Type::I32, a)
    };
    let dv = l.b.get_xmm(d);
    let mut r = l.b.insert_lane(Lanes::I32x4, dv, v, (imm >> 4) & 3);
    if imm & 15 != 0 {
        let mut keep: u128 = 0;
        for i in 0..4 {
            if imm >> i & 1 == 0 {
                keep |= 0xffff_ffffu128 << (32 * i);
            }
        }
        let k = l.b.vconst(keep);
        r = l.b.vector(VecOp::And, Lanes::I64x2, r, k);
    }
    l.b.set_xmm(d, r);
    Ok(true)
}

/// PMOVZX/PMOVSX: widen the low elements of `from` bytes to `to` bytes.
fn widen(l: &mut Lifter<'_>, from: u8, to: u8, signed: bool) -> LiftResult {
    let d = dst_xmm(l)?;
    let s = read_v(l, 1)?;
    let n = 16 / to;
    let mut mask = [16u8; 16];
    for k in 0..n {
        for j in 0..to {
            // Signed: the element goes to the top of the wide lane, then shifts down.
            let pos = if signed {
                j.checked_sub(to - from)
            } else {
                Some(j).filter(|j| *j < from)
            };
            if let Some(p) = pos {
                mask[usize::from(k * to + j)] = k * from + p;
            }
        }
    }
    let z = l.b.vconst(0);
    let mut r: Value = l.b.shuffle(s, z, mask);
    if signed {
        let lanes = match to {
            2 => Lanes::I16x8,
            4 => Lanes::I32x4,
            _ => Lanes::I64x2,
        };
        let c = l.b.iconst(Type::I64, u64::from(8 * (to - from)));
        r = l.b.vector_shift(VecShift::AShr, lanes, r, c);
    }
    l.b.set_xmm(d, r);
    Ok(true)
}
