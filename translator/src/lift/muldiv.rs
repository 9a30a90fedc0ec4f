//! Integer multiply and divide: MUL, IMUL (one-, two- and three-operand forms),
//! DIV, IDIV at 8/16/32/64 bits, and MULX (BMI2).
//!
//! Multiplies are straight IR (64-bit high halves through `UMulHi`/`SMulHi`);
//! divides are one helper call ([`div_helper`]) that computes in `u128`/`i128` and
//! raises SIGFPE (#DE) for a zero divisor or a quotient that does not fit, including
//! `IDIV` of the most negative dividend by -1.
//!
//! # Flags, including qvm's definition of the undefined ones
//!
//! - MUL/IMUL: CF = OF = "the full product does not fit the destination" (for MUL:
//!   the high half is nonzero; for IMUL: the product differs from the sign extension
//!   of its truncation). Of the flags the SDM leaves undefined, SF and PF are
//!   computed from the low half of the product as written (AL for 8-bit, AX/EAX/RAX,
//!   or the destination of the two- and three-operand forms), ZF is 0 and AF is 0 —
//!   what Intel processors do (checked against the host CPU by this module's tests).
//! - DIV/IDIV: every status flag is undefined in the SDM; qvm leaves all six
//!   unchanged, as Intel processors do (checked by the tests). The IR therefore
//!   writes no flag for them, and the flag-liveness look-ahead must not count them
//!   as flag writers (see [`flags_kept`]).
//! - MULX writes no flags.

use super::{LiftResult, Lifter};
use crate::exec::raise_fault;
use crate::ir::{BinOp, Helper, IntCC, Type, Value};
use crate::state::{gpr, signal, CpuState, Flag};
use iced_x86::{Mnemonic, OpKind, Register};

#[cfg(test)]
mod tests;

/// Lifts this family's instructions.
pub fn lift(l: &mut Lifter<'_>) -> LiftResult {
    match l.insn.mnemonic() {
        Mnemonic::Mul => widening(l, false),
        Mnemonic::Imul => match l.insn.op_count() {
            1 => widening(l, true),
            2 | 3 => imul_truncating(l),
            _ => l.unsupported("IMUL operand count"),
        },
        Mnemonic::Div => divide(l, false),
        Mnemonic::Idiv => divide(l, true),
        Mnemonic::Mulx => mulx(l),
        _ => Ok(false),
    }
}

fn width(l: &Lifter<'_>, i: u32) -> Result<(u32, Type), super::Unsupported> {
    let bytes = l.op_bytes(i);
    match bytes {
        1 | 2 | 4 | 8 => Ok((bytes * 8, Type::int_of_bytes(bytes))),
        _ => l.unsupported("operand size"),
    }
}

fn double_type(ty: Type) -> Type {
    match ty {
        Type::I8 => Type::I16,
        Type::I16 => Type::I32,
        _ => Type::I64,
    }
}

/// Sets CF = OF = `overflow`, SF/PF from `low`, ZF = AF = 0.
fn mul_flags(l: &mut Lifter<'_>, overflow: Value, low: Value) {
    l.b.set_flag(Flag::CF, overflow);
    l.b.set_flag(Flag::OF, overflow);
    l.b.set_flag_const(Flag::AF, false);
    l.b.set_flag_const(Flag::ZF, false);
    let s = l.sign_bit(low);
    l.b.set_flag(Flag::SF, s);
    let lo = l.b.trunc(Type::I8, low);
    let p = l.b.unary(crate::ir::UnOp::Parity, lo);
    l.b.set_flag(Flag::PF, p);
}

/// Flags that iced's metadata lists as written (undefined) by `insn` but that qvm
/// leaves unchanged: all six status flags for DIV/IDIV. For flag-liveness analyses.
pub fn flags_kept(insn: &iced_x86::Instruction) -> crate::state::FlagSet {
    match insn.mnemonic() {
        Mnemonic::Div | Mnemonic::Idiv => crate::state::FlagSet::STATUS,
        _ => crate::state::FlagSet::NONE,
    }
}

/// `lo * hi` halves of the full product of `a` and `b` (both of `ty`).
fn full_product(l: &mut Lifter<'_>, a: Value, b: Value, ty: Type, signed: bool) -> (Value, Value) {
    if ty == Type::I64 {
        let lo = l.b.binary(BinOp::Mul, a, b);
        let hi =
            l.b.binary(if signed { BinOp::SMulHi } else { BinOp::UMulHi }, a, b);
        (lo, hi)
    } else {
        let dt = double_type(ty);
        let (a2, b2) = if signed {
            (l.b.sext(dt, a), l.b.sext(dt, b))
        } else {
            (l.b.zext(dt, a), l.b.zext(dt, b))
        };
        let p = l.b.binary(BinOp::Mul, a2, b2);
        let lo = l.b.trunc(ty, p);
        let hi = l.b.lshr_imm(p, u64::from(ty.bits()));
        let hi = l.b.trunc(ty, hi);
        (lo, hi)
    }
}

/// Whether the product `hi:lo` does not fit `lo` (unsigned: hi ≠ 0; signed: hi is
/// not the sign extension of lo).
fn overflowed(l: &mut Lifter<'_>, lo: Value, hi: Value, signed: bool) -> Value {
    if signed {
        let bits = l.b.ty(lo).bits();
        let c = l.b.iconst(l.b.ty(lo), u64::from(bits - 1));
        let ext = l.b.ashr(lo, c);
        l.b.icmp(IntCC::Ne, hi, ext)
    } else {
        l.b.icmp_imm(IntCC::Ne, hi, 0)
    }
}

/// One-operand MUL/IMUL: rDX:rAX (AX for bytes) = rAX * src.
fn widening(l: &mut Lifter<'_>, signed: bool) -> LiftResult {
    let (w, ty) = width(l, 0)?;
    let src = l.read_op_as(0, ty);
    let (acc, high_reg, low_reg) = match w {
        8 => (Register::AL, Register::AH, Register::AL),
        16 => (Register::AX, Register::DX, Register::AX),
        32 => (Register::EAX, Register::EDX, Register::EAX),
        _ => (Register::RAX, Register::RDX, Register::RAX),
    };
    let a = l.read_gpr(acc);
    let (lo, hi) = full_product(l, a, src, ty, signed);
    if w == 8 {
        // AX = AH:AL in one write.
        let lo16 = l.b.zext(Type::I16, lo);
        let hi16 = l.b.zext(Type::I16, hi);
        let hi16 = l.b.shl_imm(hi16, 8);
        let ax = l.b.or(hi16, lo16);
        l.write_gpr(Register::AX, ax);
    } else {
        l.write_gpr(low_reg, lo);
        l.write_gpr(high_reg, hi);
    }
    let ov = overflowed(l, lo, hi, signed);
    mul_flags(l, ov, lo);
    Ok(true)
}

/// IMUL r, r/m and IMUL r, r/m, imm: the destination gets the truncated product.
fn imul_truncating(l: &mut Lifter<'_>) -> LiftResult {
    let (_, ty) = width(l, 0)?;
    if l.insn.op_kind(0) != OpKind::Register {
        return l.unsupported("IMUL destination");
    }
    let (a, b) = if l.insn.op_count() == 3 {
        (l.read_op_as(1, ty), l.read_op_as(2, ty))
    } else {
        (l.read_op_as(0, ty), l.read_op_as(1, ty))
    };
    let (lo, hi) = full_product(l, a, b, ty, true);
    l.write_op(0, lo);
    let ov = overflowed(l, lo, hi, true);
    mul_flags(l, ov, lo);
    Ok(true)
}

/// MULX hi, lo, src: unsigned rDX * src, no flags. When both destinations are the
/// same register it receives the high half (written last), as the SDM specifies.
fn mulx(l: &mut Lifter<'_>) -> LiftResult {
    let (w, ty) = width(l, 0)?;
    if l.insn.op_kind(0) != OpKind::Register || l.insn.op_kind(1) != OpKind::Register {
        return l.unsupported("MULX operand form");
    }
    let src = l.read_op_as(2, ty);
    let d = l.read_gpr(if w == 64 {
        Register::RDX
    } else {
        Register::EDX
    });
    let (lo, hi) = full_product(l, d, src, ty, false);
    l.write_op(1, lo);
    l.write_op(0, hi);
    Ok(true)
}

/// The division helper.
const DIV: Helper = Helper {
    name: "div",
    func: div_helper,
    // The dividend and the results: rDX:rAX; and the gas, which a #DE reports.
    state: crate::ir::HelperState::Only {
        gprs: (1 << gpr::RAX) | (1 << gpr::RDX),
        flags: false,
        gas: true,
        may_end: true,
    },
};

/// DIV/IDIV: the helper reads the dividend from rDX:rAX (AX for bytes) and writes
/// quotient and remainder back.
fn divide(l: &mut Lifter<'_>, signed: bool) -> LiftResult {
    let (_, ty) = width(l, 0)?;
    let src = l.read_op_as(0, ty);
    let d = l.b.zext(Type::I64, src);
    let bytes = l.b.iconst(Type::I64, u64::from(ty.bytes()));
    let s = l.b.iconst(Type::I64, u64::from(signed));
    l.b.call(&DIV, &[d, bytes, s]);
    // Flags: unchanged (see the module doc).
    Ok(true)
}

/// Quotient and remainder of the x86 division of the `2 × bytes`-byte dividend
/// `hi:lo` (each half zero-extended in a u64) by the `bytes`-byte `divisor`, or
/// `None` for #DE. Results are truncated to `bytes` bytes.
pub(crate) fn x86_div(
    lo: u64,
    hi: u64,
    divisor: u64,
    bytes: u64,
    signed: bool,
) -> Option<(u64, u64)> {
    let bits = u32::try_from(bytes.checked_mul(8)?)
        .ok()
        .filter(|b| matches!(b, 8 | 16 | 32 | 64))?;
    x86_div_narrow(lo, hi, divisor, bits, signed)
        .unwrap_or_else(|| x86_div_wide(lo, hi, divisor, bits, signed))
}

/// [`x86_div`] in 128-bit arithmetic (any case; `bits` is 8, 16, 32 or 64).
pub(crate) fn x86_div_wide(
    lo: u64,
    hi: u64,
    divisor: u64,
    bits: u32,
    signed: bool,
) -> Option<(u64, u64)> {
    let mask: u128 = (1u128 << bits) - 1;
    let dividend: u128 = (u128::from(hi) & mask) << bits | (u128::from(lo) & mask);
    let divisor = u128::from(divisor) & mask;
    if divisor == 0 {
        return None;
    }
    if !signed {
        let q = dividend / divisor;
        let r = dividend % divisor;
        if q > mask {
            return None;
        }
        return Some((low64(q), low64(r)));
    }
    // Sign-extend the 2w-bit dividend and the w-bit divisor into i128.
    let n = sext128(dividend, 2 * bits);
    let d = sext128(divisor, bits);
    let q = n.checked_div(d)?;
    let r = n.checked_rem(d)?;
    let lim = 1i128 << (bits - 1);
    if q < -lim || q >= lim {
        return None;
    }
    Some((
        low64(q.cast_unsigned()) & low64(mask),
        low64(r.cast_unsigned()) & low64(mask),
    ))
}

/// [`x86_div`] when the dividend fits 64 bits (every 8-, 16- and 32-bit divide;
/// a 64-bit one whose high half only extends the low): one hardware division
/// instead of a 128-bit one in software. `None`: not such a case. The results are
/// the 128-bit computation's (the module's tests compare the two).
pub(crate) fn x86_div_narrow(
    lo: u64,
    hi: u64,
    divisor: u64,
    bits: u32,
    signed: bool,
) -> Option<Option<(u64, u64)>> {
    if bits == 64 {
        if !signed {
            if hi != 0 {
                return None;
            }
            // The quotient of a 64-bit dividend always fits.
            return Some(lo.checked_div(divisor).map(|q| (q, lo % divisor)));
        }
        let (n, d) = (lo.cast_signed(), divisor.cast_signed());
        if hi.cast_signed() != n >> 63 {
            return None;
        }
        // i64::MIN / -1 does not fit: #DE, as checked_div says.
        return Some(
            n.checked_div(d)
                .zip(n.checked_rem(d))
                .map(|(q, r)| (q.cast_unsigned(), r.cast_unsigned())),
        );
    }
    let mask = (1u64 << bits) - 1;
    let dividend = (hi & mask) << bits | (lo & mask);
    let d = divisor & mask;
    if d == 0 {
        return Some(None);
    }
    if !signed {
        let (q, r) = (dividend / d, dividend % d);
        return Some((q <= mask).then_some((q, r)));
    }
    let (n, d) = (sext64(dividend, 2 * bits), sext64(d, bits));
    // i64::MIN / -1 (a 32-bit IDIV of 2^63 by -1) overflows even i64: #DE.
    let (Some(q), Some(r)) = (n.checked_div(d), n.checked_rem(d)) else {
        return Some(None);
    };
    let lim = 1i64 << (bits - 1);
    Some((q >= -lim && q < lim).then_some((q.cast_unsigned() & mask, r.cast_unsigned() & mask)))
}

/// The low 64 bits.
#[allow(clippy::cast_possible_truncation)]
const fn low64(v: u128) -> u64 {
    v as u64
}

/// Sign-extends the low `bits` bits of `v` (1 ≤ bits ≤ 64).
fn sext64(v: u64, bits: u32) -> i64 {
    let sh = 64 - bits;
    (v << sh).cast_signed() >> sh
}

/// Sign-extends the low `bits` bits of `v` (bits ≤ 128).
fn sext128(v: u128, bits: u32) -> i128 {
    let sh = 128 - bits;
    (v << sh).cast_signed() >> sh
}

/// `DIV`/`IDIV` helper: `a` = divisor (zero-extended), `b` = operand bytes, `c` = 1
/// for signed. Reads and writes rAX/rDX in the state; raises SIGFPE on #DE.
///
/// # Safety
/// Called by compiled code with the live CPU state.
pub unsafe extern "C" fn div_helper(state: *mut CpuState, a: u64, b: u64, c: u64) -> u64 {
    // SAFETY: compiled code passes the live, exclusively owned state; the reference
    // is not used after a possible raise_fault below.
    let (rax, rdx) = unsafe { ((*state).gpr[gpr::RAX], (*state).gpr[gpr::RDX]) };
    let (lo, hi) = match b {
        1 => (rax & 0xff, (rax >> 8) & 0xff),
        _ => (rax, rdx),
    };
    let Some((q, r)) = x86_div(lo, hi, a, b, c != 0) else {
        // SAFETY: helper contract: called from compiled code on the guest thread.
        unsafe { raise_fault(state, signal::SIGFPE, 0) }
    };
    // SAFETY: as above; no other reference to the state is live.
    let s = unsafe { &mut *state };
    match b {
        1 => s.gpr[gpr::RAX] = (rax & !0xffff) | (r << 8) | q,
        2 => {
            s.gpr[gpr::RAX] = (rax & !0xffff) | q;
            s.gpr[gpr::RDX] = (rdx & !0xffff) | r;
        }
        _ => {
            s.gpr[gpr::RAX] = q;
            s.gpr[gpr::RDX] = r;
        }
    }
    0
}
