//! Shifts and rotates: SHL/SAL, SHR, SAR, ROL, ROR, RCL, RCR, SHLD, SHRD, and the
//! flagless BMI2 forms SHLX, SHRX, SARX, RORX.
//!
//! Counts are masked to 5 bits (6 for 64-bit operands) first, as the hardware does.
//! The IR's shifts take their count modulo the operand width, so 8- and 16-bit
//! shifts are computed at 32 bits (where a masked count is always in range) and
//! truncated: `shl al, 20` gives 0 and `sar al, 20` gives the sign fill, as on the CPU.
//!
//! A masked count of 0 changes no flag. With a constant count that is decided while
//! lifting; with CL each flag becomes `select(count == 0, old flag, new flag)`. The
//! destination is always written back (so a 32-bit register destination has its upper
//! half cleared even when the count is 0, like the hardware).
//!
//! # Flags, including qvm's definition of the undefined ones
//!
//! | insn | CF | OF | SF ZF PF | AF |
//! |---|---|---|---|---|
//! OF is defined by the SDM for a count of 1 only. For every nonzero count qvm
//! writes the OF of the **first one-bit step** (which is the count-1 value when the
//! count is 1), the rule Intel processors follow (checked against the host CPU by
//! this module's tests). `x` is the original destination, `w` its width:
//!
//! | insn | CF | OF | SF ZF PF | AF |
//! |---|---|---|---|---|
//! | SHL/SAL | last bit out: bit `w` of `x << n`, computed at 64 bits (so 0 when `n > w` for 8/16-bit) | `MSB(x) ^ MSB-1(x)` | from result | 0 (undefined) |
//! | SHR | bit `n-1` of zero-extended `x` (0 when `n > w`) | `MSB(x)` | from result | 0 |
//! | SAR | bit `n-1` of sign-extended `x` (sign when `n > w`) | 0 | from result | 0 |
//! | ROL | `LSB(res)` | `MSB(x) ^ MSB-1(x)` | unchanged | unchanged |
//! | ROR | `MSB(res)` | `LSB(x) ^ MSB(x)` | unchanged | unchanged |
//! | RCL | bit rotated into CF (count taken mod 9/17 for 8/16-bit) | `MSB(x) ^ MSB-1(x)` | unchanged | unchanged |
//! | RCR | bit rotated into CF | `CF(old) ^ MSB(x)` | unchanged | unchanged |
//! | SHLD | last bit out | `MSB(x) ^ MSB-1(x)` | from result | 0 |
//! | SHRD | last bit out | `LSB(src) ^ MSB(x)` | from result | 0 |
//!
//! Two exceptions, also Intel's behaviour: ROL/ROR of a *register* by an *immediate*
//! count other than 1 leave OF unchanged (memory forms, and CL counts, follow the rule above, even when the
//! rotation is a multiple of the width); RCL/RCR whose rotation amount (masked count
//! mod 9 or 17 for 8/16-bit) is 0 change no flag at all.
//!
//! 16-bit SHLD/SHRD with a count of 17..31 (undefined in the SDM) follow Intel's
//! behaviour: the destination is shifted through the 48-bit `dst:src:dst`.
//! SHLX/SHRX/SARX/RORX write no flags.

use super::{LiftResult, Lifter};
use crate::ir::{BinOp, IntCC, Type, Value};
use crate::state::Flag;
use iced_x86::{Mnemonic, OpKind};

#[cfg(test)]
pub(crate) mod native;
#[cfg(test)]
mod tests;

/// Lifts this family's instructions.
pub fn lift(l: &mut Lifter<'_>) -> LiftResult {
    match l.insn.mnemonic() {
        Mnemonic::Shl | Mnemonic::Sal => shift(l, Kind::Shl),
        Mnemonic::Shr => shift(l, Kind::Shr),
        Mnemonic::Sar => shift(l, Kind::Sar),
        Mnemonic::Rol => rotate(l, true),
        Mnemonic::Ror => rotate(l, false),
        Mnemonic::Rcl => rotate_carry(l, true),
        Mnemonic::Rcr => rotate_carry(l, false),
        Mnemonic::Shld => double(l, true),
        Mnemonic::Shrd => double(l, false),
        Mnemonic::Shlx => bmi2_shift(l, BinOp::Shl),
        Mnemonic::Shrx => bmi2_shift(l, BinOp::LShr),
        Mnemonic::Sarx => bmi2_shift(l, BinOp::AShr),
        Mnemonic::Rorx => rorx(l),
        _ => Ok(false),
    }
}

/// Flags that iced's metadata lists as written by `insn` but that qvm may leave
/// unchanged, for flag-liveness analyses (a "maybe-write" is not a definition):
/// every status flag when the count is CL (it may be 0) or an immediate whose
/// masked value (or, for RCL/RCR, rotation amount) is 0; OF for ROL/ROR of a
/// register by an immediate other than 1.
pub fn flags_kept(insn: &iced_x86::Instruction) -> crate::state::FlagSet {
    use crate::state::FlagSet;
    let m = insn.mnemonic();
    let (is_shift, count_op) = match m {
        Mnemonic::Shl
        | Mnemonic::Sal
        | Mnemonic::Shr
        | Mnemonic::Sar
        | Mnemonic::Rol
        | Mnemonic::Ror
        | Mnemonic::Rcl
        | Mnemonic::Rcr => (true, 1),
        Mnemonic::Shld | Mnemonic::Shrd => (true, 2),
        _ => (false, 0),
    };
    if !is_shift || insn.op_count() <= count_op {
        return FlagSet::NONE;
    }
    if insn.op_kind(count_op) == OpKind::Register {
        return FlagSet::STATUS;
    }
    let bytes = match insn.op0_kind() {
        OpKind::Register => insn.op0_register().size(),
        _ => insn.memory_size().size(),
    };
    let c = insn.immediate(count_op) & if bytes == 8 { 63 } else { 31 };
    let rot = match (m, bytes) {
        (Mnemonic::Rcl | Mnemonic::Rcr, 1) => mod9_small(c),
        (Mnemonic::Rcl | Mnemonic::Rcr, 2) => c % 17,
        _ => c,
    };
    if rot == 0 {
        FlagSet::STATUS
    } else if matches!(m, Mnemonic::Rol | Mnemonic::Ror)
        && c != 1
        && insn.op0_kind() == OpKind::Register
    {
        Flag::OF.mask()
    } else {
        FlagSet::NONE
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Shl,
    Shr,
    Sar,
}

/// A masked shift count.
#[derive(Clone, Copy)]
enum Count {
    /// Known while lifting.
    Const(u64),
    /// From CL (I8, already masked).
    Dyn(Value),
}

/// Reads the count operand `i` (CL or an immediate) and masks it.
fn read_count(l: &mut Lifter<'_>, i: u32, mask: u64) -> Result<Count, super::Unsupported> {
    match l.insn.op_kind(i) {
        OpKind::Register => {
            let r = l.insn.op_register(i);
            if super::gpr_part(r).is_none() {
                return l.unsupported("shift count is not a GPR");
            }
            let v = l.read_gpr(r);
            let v = l.b.trunc(Type::I8, v);
            Ok(Count::Dyn(l.b.and_imm(v, mask)))
        }
        OpKind::Immediate8 | OpKind::Immediate8_2nd => Ok(Count::Const(l.insn.immediate(i) & mask)),
        _ => l.unsupported("unexpected shift count operand"),
    }
}

/// The count as a value of `ty`.
fn count_value(l: &mut Lifter<'_>, c: Count, ty: Type) -> Value {
    match c {
        Count::Const(n) => l.b.iconst(ty, n),
        Count::Dyn(v) => l.b.zext(ty, v),
    }
}

/// For a dynamic count: the I8 condition "count is 0, keep the old flags".
fn keep_cond(l: &mut Lifter<'_>, c: Count) -> Option<Value> {
    match c {
        Count::Const(_) => None,
        Count::Dyn(v) => Some(l.b.icmp_imm(IntCC::Eq, v, 0)),
    }
}

/// Writes `flag := v`, or `flag := keep ? flag : v` when `keep` is given.
pub(crate) fn put_flag(l: &mut Lifter<'_>, keep: Option<Value>, flag: Flag, v: Value) {
    let v = match keep {
        Some(k) => {
            let old = l.b.get_flag(flag);
            l.b.select(k, old, v)
        }
        None => v,
    };
    l.b.set_flag(flag, v);
}

/// Writes SF, ZF, PF from `res` under `keep`.
pub(crate) fn put_szp(l: &mut Lifter<'_>, keep: Option<Value>, res: Value) {
    let z = l.b.icmp_imm(IntCC::Eq, res, 0);
    put_flag(l, keep, Flag::ZF, z);
    let s = l.sign_bit(res);
    put_flag(l, keep, Flag::SF, s);
    let lo = l.b.trunc(Type::I8, res);
    let p = l.b.unary(crate::ir::UnOp::Parity, lo);
    put_flag(l, keep, Flag::PF, p);
}

/// Bit `bit` of `v` as an I8 0/1.
pub(crate) fn bit_of(l: &mut Lifter<'_>, v: Value, bit: u32) -> Value {
    let s = if bit == 0 {
        v
    } else {
        l.b.lshr_imm(v, u64::from(bit))
    };
    let t = l.b.trunc(Type::I8, s);
    l.b.and_imm(t, 1)
}

/// The operand width in bits and its integer type.
fn width(l: &Lifter<'_>) -> Result<(u32, Type), super::Unsupported> {
    let bytes = l.op_bytes(0);
    match bytes {
        1 | 2 | 4 | 8 => Ok((bytes * 8, Type::int_of_bytes(bytes))),
        _ => l.unsupported("operand size"),
    }
}

/// Count 0 known while lifting: only the (zero-extending) write-back happens.
fn write_back_only(l: &mut Lifter<'_>, ty: Type) {
    if l.insn.op_kind(0) == OpKind::Register {
        let x = l.read_op_as(0, ty);
        l.write_op(0, x);
    }
}

fn shift(l: &mut Lifter<'_>, kind: Kind) -> LiftResult {
    let (w, ty) = width(l)?;
    let count = read_count(l, 1, if w == 64 { 63 } else { 31 })?;
    if let Count::Const(0) = count {
        write_back_only(l, ty);
        return Ok(true);
    }
    let addr = l.op_address(0);
    let x = l.read_op_at(0, addr, ty);
    let wt = if w == 64 { Type::I64 } else { Type::I32 };
    let xw = if kind == Kind::Sar {
        l.b.sext(wt, x)
    } else {
        l.b.zext(wt, x)
    };
    let n = count_value(l, count, wt);
    let op = match kind {
        Kind::Shl => BinOp::Shl,
        Kind::Shr => BinOp::LShr,
        Kind::Sar => BinOp::AShr,
    };
    let rw = l.b.binary(op, xw, n);
    let res = l.b.trunc(ty, rw);
    l.write_op_at(0, addr, res);

    // CF: the last bit shifted out, computed at 64 bits so that n - 1 is in range.
    let x64 = if kind == Kind::Sar {
        l.b.sext(Type::I64, x)
    } else {
        l.b.zext(Type::I64, x)
    };
    let n64 = count_value(l, count, Type::I64);
    let nm1 = l.b.add_imm(n64, u64::MAX);
    let cf = match kind {
        Kind::Shl => {
            let t = l.b.shl(x64, nm1);
            bit_of(l, t, w - 1)
        }
        Kind::Shr => {
            let t = l.b.lshr(x64, nm1);
            bit_of(l, t, 0)
        }
        Kind::Sar => {
            let t = l.b.ashr(x64, nm1);
            bit_of(l, t, 0)
        }
    };
    let of = match kind {
        Kind::Shl => first_step_left_of(l, x, w),
        Kind::Shr => l.sign_bit(x),
        Kind::Sar => l.b.iconst(Type::I8, 0),
    };
    let keep = keep_cond(l, count);
    put_flag(l, keep, Flag::CF, cf);
    put_flag(l, keep, Flag::OF, of);
    put_szp(l, keep, res);
    let zero = l.b.iconst(Type::I8, 0);
    put_flag(l, keep, Flag::AF, zero);
    Ok(true)
}

fn rotate(l: &mut Lifter<'_>, left: bool) -> LiftResult {
    let (w, ty) = width(l)?;
    let count = read_count(l, 1, if w == 64 { 63 } else { 31 })?;
    if let Count::Const(0) = count {
        write_back_only(l, ty);
        return Ok(true);
    }
    let addr = l.op_address(0);
    let x = l.read_op_at(0, addr, ty);
    // The IR rotates modulo the width, which is the x86 rotation for every width.
    let n = count_value(l, count, ty);
    let res =
        l.b.binary(if left { BinOp::Rotl } else { BinOp::Rotr }, x, n);
    l.write_op_at(0, addr, res);
    let (cf, of) = if left {
        let cf = bit_of(l, res, 0);
        (cf, first_step_left_of(l, x, w))
    } else {
        let cf = l.sign_bit(res);
        // First step: MSB(rotr(x, 1)) ^ MSB-1(rotr(x, 1)) = LSB(x) ^ MSB(x).
        let lsb = bit_of(l, x, 0);
        let msb = l.sign_bit(x);
        (cf, l.b.xor(lsb, msb))
    };
    // Intel leaves OF alone for a register rotated by an immediate other than 1
    // (checked on the host by the tests); qvm does the same, as an explicit read and write back.
    let of = match count {
        Count::Const(c) if c != 1 && addr.is_none() => l.b.get_flag(Flag::OF),
        _ => of,
    };
    let keep = keep_cond(l, count);
    put_flag(l, keep, Flag::CF, cf);
    put_flag(l, keep, Flag::OF, of);
    Ok(true)
}

/// OF of the first one-bit step of a left shift/rotate of `x` (`w` bits):
/// `MSB(x) ^ MSB-1(x)`. qvm (like the Intel processors it was checked on) uses the
/// first step's OF for every nonzero count.
fn first_step_left_of(l: &mut Lifter<'_>, x: Value, w: u32) -> Value {
    let msb = l.sign_bit(x);
    let next = bit_of(l, x, w - 2);
    l.b.xor(msb, next)
}

/// `n mod 9` for `n` in 0..32 without a division: `q = (n * 57) >> 9` is exact there.
pub(crate) const fn mod9_small(n: u64) -> u64 {
    n - 9 * ((n * 57) >> 9)
}

fn rotate_carry(l: &mut Lifter<'_>, left: bool) -> LiftResult {
    let (w, ty) = width(l)?;
    let count = read_count(l, 1, if w == 64 { 63 } else { 31 })?;
    if let Count::Const(0) = count {
        write_back_only(l, ty);
        return Ok(true);
    }
    // The rotation amount: the masked count modulo w + 1 for 8/16-bit operands.
    let rot = match (count, w) {
        (Count::Const(c), 8) => Count::Const(mod9_small(c)),
        (Count::Const(c), 16) => Count::Const(if c >= 17 { c - 17 } else { c }),
        (Count::Dyn(v), 8) => {
            let q = l.b.iconst(Type::I8, 57);
            let t = l.b.zext(Type::I32, v);
            let q32 = l.b.zext(Type::I32, q);
            let p = l.b.binary(BinOp::Mul, t, q32);
            let d = l.b.lshr_imm(p, 9);
            let nine = l.b.iconst(Type::I32, 9);
            let m = l.b.binary(BinOp::Mul, d, nine);
            let r = l.b.sub(t, m);
            Count::Dyn(l.b.trunc(Type::I8, r))
        }
        (Count::Dyn(v), 16) => {
            let ge = l.b.icmp_imm(IntCC::Uge, v, 17);
            let less = l.b.add_imm(v, 17u64.wrapping_neg());
            Count::Dyn(l.b.select(ge, less, v))
        }
        (c, _) => c,
    };
    if let Count::Const(0) = rot {
        // A rotation by a multiple of w + 1 changes nothing, flags included.
        write_back_only(l, ty);
        return Ok(true);
    }
    let addr = l.op_address(0);
    let x = l.read_op_at(0, addr, ty);
    let cf_old = l.b.get_flag(Flag::CF);
    let (res, cf) = if w < 64 {
        // A (w + 1)-bit rotate of cf:x, done in 64 bits.
        let v0 = l.b.zext(Type::I64, x);
        let c64 = l.b.zext(Type::I64, cf_old);
        let c64 = l.b.shl_imm(c64, u64::from(w));
        let v = l.b.or(v0, c64);
        let n = count_value(l, rot, Type::I64);
        let wp1 = l.b.iconst(Type::I64, u64::from(w + 1));
        let back = l.b.sub(wp1, n);
        let (a, b) = if left {
            (l.b.shl(v, n), l.b.lshr(v, back))
        } else {
            (l.b.lshr(v, n), l.b.shl(v, back))
        };
        let r = l.b.or(a, b);
        let res = l.b.trunc(ty, r);
        let cf = bit_of(l, r, w);
        (res, cf)
    } else {
        let n = count_value(l, rot, Type::I64);
        let c64 = l.b.zext(Type::I64, cf_old);
        let sixty4 = l.b.iconst(Type::I64, 64);
        let inv = l.b.sub(sixty4, n); // 1..63 for n in 1..63
        let nm1 = l.b.add_imm(n, u64::MAX);
        let (res, cf) = if left {
            let a = l.b.shl(x, n);
            let b = l.b.shl(c64, nm1);
            let x1 = l.b.lshr_imm(x, 1);
            let c = l.b.lshr(x1, inv);
            let ab = l.b.or(a, b);
            let res = l.b.or(ab, c);
            let t = l.b.lshr(x, inv);
            (res, bit_of(l, t, 0))
        } else {
            let a = l.b.lshr(x, n);
            let b = l.b.shl(c64, inv);
            let x1 = l.b.shl_imm(x, 1);
            let c = l.b.shl(x1, inv);
            let ab = l.b.or(a, b);
            let res = l.b.or(ab, c);
            let t = l.b.lshr(x, nm1);
            (res, bit_of(l, t, 0))
        };
        match rot {
            Count::Const(_) => (res, cf),
            Count::Dyn(v) => {
                let z = l.b.icmp_imm(IntCC::Eq, v, 0);
                let res = l.b.select(z, x, res);
                let cf = l.b.select(z, cf_old, cf);
                (res, cf)
            }
        }
    };
    l.write_op_at(0, addr, res);
    let of = if left {
        first_step_left_of(l, x, w)
    } else {
        // First step: MSB = old CF, MSB-1 = MSB(x).
        let msb = l.sign_bit(x);
        l.b.xor(cf_old, msb)
    };
    // Flags keep their values when the rotation amount (after mod 9/17) is 0.
    let keep = keep_cond(l, rot);
    put_flag(l, keep, Flag::CF, cf);
    put_flag(l, keep, Flag::OF, of);
    Ok(true)
}

fn double(l: &mut Lifter<'_>, left: bool) -> LiftResult {
    let (w, ty) = width(l)?;
    if w == 8 || l.insn.op_kind(1) != OpKind::Register {
        return l.unsupported("SHLD/SHRD operand form");
    }
    let count = read_count(l, 2, if w == 64 { 63 } else { 31 })?;
    if let Count::Const(0) = count {
        write_back_only(l, ty);
        return Ok(true);
    }
    let addr = l.op_address(0);
    let d = l.read_op_at(0, addr, ty);
    let s = l.read_gpr(l.insn.op_register(1));
    let n = count_value(l, count, Type::I64);
    let nm1 = l.b.add_imm(n, u64::MAX);
    let (res, cf) = if w < 64 {
        // Concatenate into 64 bits: 16-bit: dst:src:dst (48 bits); 32-bit: dst:src
        // (left) or src:dst (right).
        let d64 = l.b.zext(Type::I64, d);
        let s64 = l.b.zext(Type::I64, s);
        let v = if w == 16 {
            let hi = l.b.shl_imm(d64, 32);
            let mid = l.b.shl_imm(s64, 16);
            let t = l.b.or(hi, mid);
            l.b.or(t, d64)
        } else if left {
            let hi = l.b.shl_imm(d64, 32);
            l.b.or(hi, s64)
        } else {
            let hi = l.b.shl_imm(s64, 32);
            l.b.or(hi, d64)
        };
        let top = if w == 16 { 48 } else { 64 };
        if left {
            let sh = l.b.shl(v, n);
            let r = l.b.lshr_imm(sh, u64::from(top - w));
            let res = l.b.trunc(ty, r);
            let topc = l.b.iconst(Type::I64, u64::from(top));
            let back = l.b.sub(topc, n);
            let t = l.b.lshr(v, back);
            (res, bit_of(l, t, 0))
        } else {
            let r = l.b.lshr(v, n);
            let res = l.b.trunc(ty, r);
            let t = l.b.lshr(v, nm1);
            (res, bit_of(l, t, 0))
        }
    } else {
        let sixty4 = l.b.iconst(Type::I64, 64);
        let inv = l.b.sub(sixty4, n);
        let (res, cf) = if left {
            let a = l.b.shl(d, n);
            let b = l.b.lshr(s, inv);
            let res = l.b.or(a, b);
            let t = l.b.lshr(d, inv);
            (res, bit_of(l, t, 0))
        } else {
            let a = l.b.lshr(d, n);
            let b = l.b.shl(s, inv);
            let res = l.b.or(a, b);
            let t = l.b.lshr(d, nm1);
            (res, bit_of(l, t, 0))
        };
        match count {
            Count::Const(_) => (res, cf),
            Count::Dyn(v) => {
                // n = 0 would make `inv` 64, which the IR takes as 0.
                let z = l.b.icmp_imm(IntCC::Eq, v, 0);
                (l.b.select(z, d, res), cf)
            }
        }
    };
    l.write_op_at(0, addr, res);
    let of = if left {
        first_step_left_of(l, d, w)
    } else {
        // First step: MSB = LSB(src), compared with MSB(dst).
        let lsb = bit_of(l, s, 0);
        let m0 = l.sign_bit(d);
        l.b.xor(lsb, m0)
    };
    let keep = keep_cond(l, count);
    put_flag(l, keep, Flag::CF, cf);
    put_flag(l, keep, Flag::OF, of);
    put_szp(l, keep, res);
    let zero = l.b.iconst(Type::I8, 0);
    put_flag(l, keep, Flag::AF, zero);
    Ok(true)
}

fn bmi2_shift(l: &mut Lifter<'_>, op: BinOp) -> LiftResult {
    let (_, ty) = width(l)?;
    if l.insn.op_kind(0) != OpKind::Register || l.insn.op_kind(2) != OpKind::Register {
        return l.unsupported("operand form");
    }
    let x = l.read_op_as(1, ty);
    // The count register has the operand's width; the IR's "modulo the width" is the
    // x86 mask (5 or 6 bits).
    let n = l.read_gpr(l.insn.op_register(2));
    let res = l.b.binary(op, x, n);
    l.write_op(0, res);
    Ok(true)
}

fn rorx(l: &mut Lifter<'_>) -> LiftResult {
    let (w, ty) = width(l)?;
    if l.insn.op_kind(0) != OpKind::Register {
        return l.unsupported("operand form");
    }
    let x = l.read_op_as(1, ty);
    let n = l.b.iconst(ty, l.insn.immediate(2) & u64::from(w - 1));
    let res = l.b.binary(BinOp::Rotr, x, n);
    l.write_op(0, res);
    Ok(true)
}
