//! SSE4.2: the packed string compares PCMPESTRI/PCMPESTRM/PCMPISTRI/PCMPISTRM and
//! CRC32 (both as Rust helpers).
//!
//! The string-compare helper returns `index | flags << 32` (flags: bit 0 CF, bit 1
//! ZF, bit 2 SF, bit 3 OF) so the IR writes ECX and the flags itself; the mask forms
//! write XMM0 in the state. AF and PF are cleared, as the SDM specifies.

use super::operand::{read_v, xmm_op};
use super::soft::{byte0, byte_at, join, split};
use crate::ir::{Lanes, Type, Value};
use crate::lift::{LiftResult, Lifter};
use crate::state::{CpuState, Flag};
use iced_x86::{Mnemonic as M, Register};

/// Lifts PCMPxSTRx and CRC32.
pub(super) fn lift(l: &mut Lifter<'_>) -> LiftResult {
    let m = l.insn.mnemonic();
    match m {
        M::Crc32 => crc32(l),
        M::Pcmpestri
        | M::Pcmpestri64
        | M::Pcmpestrm
        | M::Pcmpestrm64
        | M::Pcmpistri
        | M::Pcmpistrm => {
            let Some(d) = xmm_op(l, 0) else {
                return l.unsupported("operand");
            };
            let s = read_v(l, 1)?;
            let explicit = matches!(
                m,
                M::Pcmpestri | M::Pcmpestri64 | M::Pcmpestrm | M::Pcmpestrm64
            );
            let mask = matches!(m, M::Pcmpestrm | M::Pcmpestrm64 | M::Pcmpistrm);
            let wide = matches!(m, M::Pcmpestri64 | M::Pcmpestrm64);
            let variant = u64::from(explicit) | (u64::from(mask) << 1) | (u64::from(wide) << 2);
            let ctl = u64::from(d) | (u64::from(l.insn.immediate8()) << 8) | (variant << 16);
            let lo = l.b.extract_lane(Lanes::I64x2, s, 0);
            let hi = l.b.extract_lane(Lanes::I64x2, s, 1);
            let c = l.b.iconst(Type::I64, ctl);
            let res =
                l.b.call(crate::helper!("sse_pcmpstr", h_pcmpstr), &[lo, hi, c]);
            if !mask {
                let idx = l.b.trunc(Type::I32, res);
                l.write_gpr(Register::ECX, idx);
            }
            let fl = l.b.lshr_imm(res, 32);
            let fl = l.b.trunc(Type::I8, fl);
            for (k, f) in [Flag::CF, Flag::ZF, Flag::SF, Flag::OF]
                .into_iter()
                .enumerate()
            {
                let v = if k == 0 {
                    fl
                } else {
                    l.b.lshr_imm(fl, u64::try_from(k).unwrap_or(0))
                };
                let v = l.b.and_imm(v, 1);
                l.b.set_flag(f, v);
            }
            l.b.set_flag_const(Flag::AF, false);
            l.b.set_flag_const(Flag::PF, false);
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// CRC32 r32/r64, r/m8/16/32/64: CRC32C of the source bytes, continuing from the
/// destination's low 32 bits; the result is zero-extended into the full register.
fn crc32(l: &mut Lifter<'_>) -> LiftResult {
    let dst = l.insn.op0_register();
    if !dst.is_gpr() {
        return l.unsupported("destination");
    }
    let n = l.op_bytes(1);
    let src = l.read_op(1);
    let src: Value = l.b.zext(Type::I64, src);
    let crc = l.read_gpr(dst);
    let crc = l.b.zext(Type::I64, crc);
    let nv = l.b.iconst(Type::I64, u64::from(n));
    let r = l.b.call(
        crate::helper!("sse_crc32c", super::soft::crc32c),
        &[crc, src, nv],
    );
    let r32 = l.b.trunc(Type::I32, r);
    l.write_gpr(dst.full_register32(), r32);
    Ok(true)
}

/// Element `i` of `v` in the format of imm bits 1:0 (ub, uw, sb, sw).
fn elem(v: &[u8; 16], i: usize, fmt: u8) -> i32 {
    match fmt {
        0 => i32::from(v[i]),
        1 => i32::from(u16::from_le_bytes([v[2 * i], v[2 * i + 1]])),
        2 => i32::from(v[i].cast_signed()),
        _ => i32::from(i16::from_le_bytes([v[2 * i], v[2 * i + 1]])),
    }
}

/// The string-compare core: `IntRes2` and the two lengths, per the SDM's
/// definitions of aggregation, validity overrides and polarity.
fn compare(a: u128, b: u128, imm: u8, la: usize, lb: usize) -> u32 {
    let n = if imm & 1 == 0 { 16 } else { 8 };
    let fmt = imm & 3;
    let (va, vb) = (a.to_le_bytes(), b.to_le_bytes());
    let e1: Vec<i32> = (0..n).map(|i| elem(&va, i, fmt)).collect();
    let e2: Vec<i32> = (0..n).map(|i| elem(&vb, i, fmt)).collect();
    let mut res: u32 = 0;
    for j in 0..n {
        let bit = match (imm >> 2) & 3 {
            0 => j < lb && (0..la).any(|i| e1[i] == e2[j]),
            1 => {
                j < lb
                    && (0..n / 2)
                        .any(|p| 2 * p + 1 < la && e1[2 * p] <= e2[j] && e2[j] <= e1[2 * p + 1])
            }
            2 => match (j < la, j < lb) {
                (false, false) => true,
                (true, true) => e1[j] == e2[j],
                _ => false,
            },
            _ => (0..n - j).all(|i| {
                let k = j + i;
                if i >= la {
                    true
                } else if k >= lb {
                    false
                } else {
                    e1[i] == e2[k]
                }
            }),
        };
        if bit {
            res |= 1 << j;
        }
    }
    let all = (1u32 << n) - 1;
    match (imm >> 4) & 3 {
        1 => !res & all,
        3 => {
            let valid = (1u32 << lb) - 1;
            res ^ (valid & all)
        }
        _ => res,
    }
}

/// The length of an implicit (NUL-terminated) operand.
fn implicit_len(v: u128, imm: u8) -> usize {
    let n = if imm & 1 == 0 { 16 } else { 8 };
    let b = v.to_le_bytes();
    (0..n).find(|&i| elem(&b, i, imm & 1) == 0).unwrap_or(n)
}

/// The length of an explicit operand: |reg| saturated to the element count.
fn explicit_len(reg: u64, wide: bool, imm: u8) -> usize {
    let n: u64 = if imm & 1 == 0 { 16 } else { 8 };
    let abs = if wide {
        reg.cast_signed().unsigned_abs()
    } else {
        let lo = u32::from_le_bytes([
            byte_at(reg, 0),
            byte_at(reg, 1),
            byte_at(reg, 2),
            byte_at(reg, 3),
        ]);
        u64::from(lo.cast_signed().unsigned_abs())
    };
    usize::try_from(abs.min(n)).unwrap_or(0)
}

/// PCMPxSTRx helper (see the module doc for arguments and result).
///
/// # Safety
/// Called by compiled code only, with the live state.
unsafe extern "C" fn h_pcmpstr(state: *mut CpuState, lo: u64, hi: u64, ctl: u64) -> u64 {
    // SAFETY: compiled code passes the live state.
    let s = unsafe { &mut *state };
    let d = usize::from(byte0(ctl) & 15);
    let imm = byte_at(ctl, 1);
    let variant = byte_at(ctl, 2);
    let a = join(s.xmm[d]);
    let b = join([lo, hi]);
    let n = if imm & 1 == 0 { 16 } else { 8 };
    let (la, lb) = if variant & 1 != 0 {
        (
            explicit_len(s.gpr[0], variant & 4 != 0, imm),
            explicit_len(s.gpr[2], variant & 4 != 0, imm),
        )
    } else {
        (implicit_len(a, imm), implicit_len(b, imm))
    };
    let res = compare(a, b, imm, la, lb);
    let mut out: u64 = 0;
    if variant & 2 != 0 {
        let m: u128 = if imm & 0x40 != 0 {
            let size = 16 / n;
            let mut m = 0u128;
            for j in 0..n {
                if res >> j & 1 != 0 {
                    m |= (u128::MAX >> (128 - 8 * size)) << (8 * size * j);
                }
            }
            m
        } else {
            u128::from(res)
        };
        s.xmm[0] = split(m);
    } else {
        out = if res == 0 {
            u64::from(u32::try_from(n).unwrap_or(16))
        } else if imm & 0x40 != 0 {
            u64::from(31 - res.leading_zeros())
        } else {
            u64::from(res.trailing_zeros())
        };
    }
    let flags = u64::from(res != 0)
        | (u64::from(lb < n) << 1)
        | (u64::from(la < n) << 2)
        | (u64::from(res & 1) << 3);
    out | (flags << 32)
}
