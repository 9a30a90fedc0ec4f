//! Bit instructions: BT, BTS, BTR, BTC, BSF, BSR, LZCNT, TZCNT, POPCNT, BSWAP; the
//! BMI1/BMI2 group ANDN, BEXTR, BLSI, BLSMSK, BLSR, BZHI, PDEP, PEXT; ADX (ADCX,
//! ADOX); and the flag instructions CLC, STC, CMC, CLD, STD, LAHF, SAHF.
//!
//! BT* with a register bit offset on a memory operand address beyond the operand,
//! as the SDM describes: the offset is signed, the operand-sized unit at
//! `ea + (offset >> log2(w)) * (w / 8)` is accessed and bit `offset mod w` of it.
//! With an immediate offset (or a register destination) the offset is taken mod w.
//!
//! # Flags, including qvm's definition of the undefined ones
//!
//! Undefined flags are 0 unless the table says otherwise; every rule below was
//! checked against an Intel host by this module's tests (they match it exactly).
//!
//! | insn | defined | qvm-defined |
//! |---|---|---|
//! | BT/BTS/BTR/BTC | CF = the selected bit; ZF unchanged | OF SF AF PF unchanged (Intel's behaviour; see [`flags_kept`]) |
//! | BSF/BSR | ZF = (src == 0) | CF OF SF AF = 0; PF = parity of the index's low byte, 1 for a zero source. A zero source leaves the destination unchanged (AMD documents it, Intel does it) — for a 32-bit destination the whole 64-bit register, upper half included |
//! | LZCNT/TZCNT | CF = (src == 0), ZF = (res == 0) | OF SF AF PF = 0 |
//! | POPCNT | ZF = (src == 0), CF OF SF AF PF = 0 | — |
//! | ANDN | SF ZF from result, CF = OF = 0 | AF PF = 0 |
//! | BEXTR | ZF from result, CF = OF = 0 | AF SF PF = 0 |
//! | BLSI | SF ZF from result, CF = (src ≠ 0), OF = 0 | AF PF = 0 |
//! | BLSMSK | SF from result, CF = (src == 0), ZF = OF = 0 | AF PF = 0 |
//! | BLSR | SF ZF from result, CF = (src == 0), OF = 0 | AF PF = 0 |
//! | BZHI | SF ZF from result, CF = (index ≥ width), OF = 0 | AF PF = 0 |
//! | PDEP/PEXT, BSWAP | none | — |
//! | ADCX / ADOX | CF / OF only | — |
//!
//! BSWAP of a 16-bit register (undefined in the SDM) clears the low 16 bits, which
//! is what Intel and AMD processors do.

use super::shift::bit_of;
use super::{LiftResult, Lifter};
use crate::ir::{Helper, IntCC, Type, UnOp, Value};
use crate::state::{CpuState, Flag};
use iced_x86::{Mnemonic, OpKind, Register};

#[cfg(test)]
mod tests;

/// Flags that iced's metadata lists as written (undefined) by `insn` but that qvm
/// leaves unchanged, for flag-liveness analyses: OF SF AF PF of BT/BTS/BTR/BTC.
pub fn flags_kept(insn: &iced_x86::Instruction) -> crate::state::FlagSet {
    use Mnemonic as M;
    match insn.mnemonic() {
        M::Bt | M::Bts | M::Btr | M::Btc => Flag::OF
            .mask()
            .union(Flag::SF.mask())
            .union(Flag::AF.mask())
            .union(Flag::PF.mask()),
        _ => crate::state::FlagSet::NONE,
    }
}

/// Lifts this family's instructions.
pub fn lift(l: &mut Lifter<'_>) -> LiftResult {
    use Mnemonic as M;
    match l.insn.mnemonic() {
        M::Bt => bit_test(l, BitOp::Test),
        M::Bts => bit_test(l, BitOp::Set),
        M::Btr => bit_test(l, BitOp::Reset),
        M::Btc => bit_test(l, BitOp::Complement),
        M::Bsf | M::Bsr => bit_scan(l, l.insn.mnemonic() == M::Bsf),
        M::Lzcnt | M::Tzcnt | M::Popcnt => count(l),
        M::Bswap => bswap(l),
        M::Andn => andn(l),
        M::Bextr => bextr(l),
        M::Blsi | M::Blsmsk | M::Blsr => bls(l),
        M::Bzhi => bzhi(l),
        M::Pdep | M::Pext => deposit_extract(l, l.insn.mnemonic() == M::Pdep),
        M::Adcx => adx(l, Flag::CF),
        M::Adox => adx(l, Flag::OF),
        M::Clc => flag_const(l, Flag::CF, false),
        M::Stc => flag_const(l, Flag::CF, true),
        M::Cld => flag_const(l, Flag::DF, false),
        M::Std => flag_const(l, Flag::DF, true),
        M::Cmc => {
            let c = l.b.get_flag(Flag::CF);
            let n = l.invert(c);
            l.b.set_flag(Flag::CF, n);
            Ok(true)
        }
        M::Lahf => lahf(l),
        M::Sahf => sahf(l),
        _ => Ok(false),
    }
}

fn flag_const(l: &mut Lifter<'_>, f: Flag, v: bool) -> LiftResult {
    l.b.set_flag_const(f, v);
    Ok(true)
}

fn clear(l: &mut Lifter<'_>, flags: &[Flag]) {
    for &f in flags {
        l.b.set_flag_const(f, false);
    }
}

fn width(l: &Lifter<'_>, i: u32) -> Result<(u32, Type), super::Unsupported> {
    let bytes = l.op_bytes(i);
    match bytes {
        1 | 2 | 4 | 8 => Ok((bytes * 8, Type::int_of_bytes(bytes))),
        _ => l.unsupported("operand size"),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum BitOp {
    Test,
    Set,
    Reset,
    Complement,
}

fn bit_test(l: &mut Lifter<'_>, op: BitOp) -> LiftResult {
    let (w, ty) = width(l, 0)?;
    if w == 8 {
        return l.unsupported("operand size");
    }
    let log_w = u64::from(w.trailing_zeros());
    // The bit index within the accessed unit (of type `ty`) and the unit's address.
    let (bit, addr) = match (l.insn.op_kind(0), l.insn.op_kind(1)) {
        (OpKind::Memory, OpKind::Register) => {
            let off = l.read_gpr(l.insn.op_register(1));
            let off64 = l.b.sext(Type::I64, off);
            let c = l.b.iconst(Type::I64, log_w);
            let units = l.b.ashr(off64, c);
            let delta = l.b.shl_imm(units, log_w - 3);
            let ea = l.mem_address();
            let a = l.b.add(ea, delta);
            let bit = l.b.and_imm(off, u64::from(w - 1));
            (bit, Some(a))
        }
        (_, OpKind::Register) => {
            let off = l.read_gpr(l.insn.op_register(1));
            (l.b.and_imm(off, u64::from(w - 1)), None)
        }
        (k, _) => {
            let bit = l.b.iconst(ty, l.insn.immediate(1) & u64::from(w - 1));
            (bit, (k == OpKind::Memory).then(|| l.mem_address()))
        }
    };
    let x = match addr {
        Some(a) => l.b.load(ty, a),
        None => l.read_op_as(0, ty),
    };
    let shifted = l.b.lshr(x, bit);
    let cf = bit_of(l, shifted, 0);
    if op != BitOp::Test {
        let one = l.b.iconst(ty, 1);
        let m = l.b.shl(one, bit);
        let res = match op {
            BitOp::Set => l.b.or(x, m),
            BitOp::Reset => {
                let nm = l.b.not(m);
                l.b.and(x, nm)
            }
            _ => l.b.xor(x, m),
        };
        match addr {
            Some(a) => l.b.store(a, res),
            None => l.write_op(0, res),
        }
    }
    l.b.set_flag(Flag::CF, cf);
    // OF SF AF PF: unchanged (see the module doc).
    Ok(true)
}

fn bit_scan(l: &mut Lifter<'_>, forward: bool) -> LiftResult {
    let (w, ty) = width(l, 0)?;
    let src = l.read_op_as(1, ty);
    let idx = if forward {
        l.b.unary(UnOp::Ctz, src)
    } else {
        let z = l.b.unary(UnOp::Clz, src);
        let top = l.b.iconst(ty, u64::from(w - 1));
        l.b.sub(top, z)
    };
    let zero = l.b.icmp_imm(IntCC::Eq, src, 0);
    if w == 32 {
        // A zero source leaves the whole 64-bit register alone (no zero-extension).
        let Some(p) = super::gpr_part(l.insn.op0_register()) else {
            return l.unsupported("BSF/BSR destination");
        };
        let old = l.b.get_reg(p.index);
        let idx64 = l.b.zext(Type::I64, idx);
        let res = l.b.select(zero, old, idx64);
        l.b.set_reg(p.index, res);
    } else {
        let old = l.read_op_as(0, ty);
        let res = l.b.select(zero, old, idx);
        l.write_op(0, res);
    }
    l.b.set_flag(Flag::ZF, zero);
    // PF: parity of the index, or of 0 (so 1) for a zero source (Intel's behaviour).
    let lo = l.b.trunc(Type::I8, idx);
    let p = l.b.unary(UnOp::Parity, lo);
    let one = l.b.iconst(Type::I8, 1);
    let p = l.b.select(zero, one, p);
    l.b.set_flag(Flag::PF, p);
    clear(l, &[Flag::CF, Flag::OF, Flag::SF, Flag::AF]);
    Ok(true)
}

fn count(l: &mut Lifter<'_>) -> LiftResult {
    let (_, ty) = width(l, 0)?;
    let src = l.read_op_as(1, ty);
    let (op, m) = match l.insn.mnemonic() {
        Mnemonic::Lzcnt => (UnOp::Clz, true),
        Mnemonic::Tzcnt => (UnOp::Ctz, true),
        _ => (UnOp::Popcnt, false),
    };
    let res = l.b.unary(op, src);
    l.write_op(0, res);
    let src_zero = l.b.icmp_imm(IntCC::Eq, src, 0);
    if m {
        l.b.set_flag(Flag::CF, src_zero);
        let z = l.b.icmp_imm(IntCC::Eq, res, 0);
        l.b.set_flag(Flag::ZF, z);
    } else {
        l.b.set_flag(Flag::ZF, src_zero);
        l.b.set_flag_const(Flag::CF, false);
    }
    clear(l, &[Flag::OF, Flag::SF, Flag::AF, Flag::PF]);
    Ok(true)
}

fn bswap(l: &mut Lifter<'_>) -> LiftResult {
    let (w, ty) = width(l, 0)?;
    let res = if w == 16 {
        l.b.iconst(Type::I16, 0)
    } else {
        let x = l.read_op_as(0, ty);
        l.b.unary(UnOp::Bswap, x)
    };
    l.write_op(0, res);
    Ok(true)
}

/// SF and ZF from `res`, CF = `cf` (or 0), OF = 0, AF = PF = 0 (undefined).
fn bmi_flags(l: &mut Lifter<'_>, res: Value, cf: Option<Value>) {
    let z = l.b.icmp_imm(IntCC::Eq, res, 0);
    l.b.set_flag(Flag::ZF, z);
    let s = l.sign_bit(res);
    l.b.set_flag(Flag::SF, s);
    match cf {
        Some(c) => l.b.set_flag(Flag::CF, c),
        None => l.b.set_flag_const(Flag::CF, false),
    }
    clear(l, &[Flag::OF, Flag::AF, Flag::PF]);
}

fn andn(l: &mut Lifter<'_>) -> LiftResult {
    let (_, ty) = width(l, 0)?;
    let a = l.read_op_as(1, ty);
    let b = l.read_op_as(2, ty);
    let na = l.b.not(a);
    let res = l.b.and(na, b);
    l.write_op(0, res);
    bmi_flags(l, res, None);
    Ok(true)
}

fn bextr(l: &mut Lifter<'_>) -> LiftResult {
    let (w, ty) = width(l, 0)?;
    if l.insn.op_kind(2) != OpKind::Register {
        return l.unsupported("TBM BEXTR with an immediate");
    }
    let x = l.read_op_as(1, ty);
    let ctrl = l.read_op_as(2, ty);
    let x64 = l.b.zext(Type::I64, x);
    let c64 = l.b.zext(Type::I64, ctrl);
    let start = l.b.and_imm(c64, 0xff);
    let len = l.b.lshr_imm(c64, 8);
    let len = l.b.and_imm(len, 0xff);
    let t = l.b.lshr(x64, start);
    let zero = l.b.iconst(Type::I64, 0);
    let start_out = l.b.icmp_imm(IntCC::Uge, start, u64::from(w));
    let t = l.b.select(start_out, zero, t);
    let one = l.b.iconst(Type::I64, 1);
    let bit = l.b.shl(one, len);
    let m = l.b.add_imm(bit, u64::MAX);
    let all = l.b.iconst(Type::I64, u64::MAX);
    let len_all = l.b.icmp_imm(IntCC::Uge, len, 64);
    let m = l.b.select(len_all, all, m);
    let r = l.b.and(t, m);
    let res = l.b.trunc(ty, r);
    l.write_op(0, res);
    let z = l.b.icmp_imm(IntCC::Eq, res, 0);
    l.b.set_flag(Flag::ZF, z);
    clear(l, &[Flag::CF, Flag::OF, Flag::SF, Flag::AF, Flag::PF]);
    Ok(true)
}

fn bls(l: &mut Lifter<'_>) -> LiftResult {
    let (_, ty) = width(l, 0)?;
    let x = l.read_op_as(1, ty);
    let src_zero = l.b.icmp_imm(IntCC::Eq, x, 0);
    let m1 = l.b.add_imm(x, u64::MAX);
    match l.insn.mnemonic() {
        Mnemonic::Blsi => {
            let zero = l.b.iconst(ty, 0);
            let neg = l.b.sub(zero, x);
            let res = l.b.and(x, neg);
            l.write_op(0, res);
            let cf = l.invert(src_zero);
            bmi_flags(l, res, Some(cf));
        }
        Mnemonic::Blsmsk => {
            let res = l.b.xor(x, m1);
            l.write_op(0, res);
            bmi_flags(l, res, Some(src_zero));
            // The result is never 0; the SDM says ZF is cleared.
            l.b.set_flag_const(Flag::ZF, false);
        }
        _ => {
            let res = l.b.and(x, m1);
            l.write_op(0, res);
            bmi_flags(l, res, Some(src_zero));
        }
    }
    Ok(true)
}

fn bzhi(l: &mut Lifter<'_>) -> LiftResult {
    let (w, ty) = width(l, 0)?;
    let x = l.read_op_as(1, ty);
    let idx = l.read_op_as(2, ty);
    let n = l.b.and_imm(idx, 0xff);
    let one = l.b.iconst(ty, 1);
    let bit = l.b.shl(one, n);
    let m = l.b.add_imm(bit, u64::MAX);
    let cut = l.b.and(x, m);
    let out = l.b.icmp_imm(IntCC::Uge, n, u64::from(w));
    let res = l.b.select(out, x, cut);
    l.write_op(0, res);
    bmi_flags(l, res, Some(out));
    Ok(true)
}

/// Parallel bit deposit: the low bits of `src` go, in order, to the set bits of `mask`.
pub(crate) fn pdep(src: u64, mut mask: u64) -> u64 {
    let mut res = 0;
    let mut k = 0;
    while mask != 0 {
        let low = mask & mask.wrapping_neg();
        if (src >> k) & 1 != 0 {
            res |= low;
        }
        mask ^= low;
        k += 1;
    }
    res
}

/// Parallel bit extract: the bits of `src` under the set bits of `mask`, packed low.
pub(crate) fn pext(src: u64, mut mask: u64) -> u64 {
    let mut res = 0;
    let mut k = 0;
    while mask != 0 {
        let low = mask & mask.wrapping_neg();
        if src & low != 0 {
            res |= 1 << k;
        }
        mask ^= low;
        k += 1;
    }
    res
}

/// PDEP (`c` = 1) or PEXT (`c` = 0) of `a` under mask `b`.
///
/// # Safety
/// Called by compiled code; touches no state.
unsafe extern "C" fn pdep_pext_helper(_state: *mut CpuState, a: u64, b: u64, c: u64) -> u64 {
    if c != 0 {
        pdep(a, b)
    } else {
        pext(a, b)
    }
}

const PDEP_PEXT: Helper = Helper {
    name: "pdep_pext",
    func: pdep_pext_helper,
    // A pure function of its arguments.
    state: crate::ir::HelperState::Only {
        gprs: 0,
        flags: false,
        gas: false,
        may_end: false,
    },
};

fn deposit_extract(l: &mut Lifter<'_>, deposit: bool) -> LiftResult {
    let (_, ty) = width(l, 0)?;
    let src = l.read_op_as(1, ty);
    let mask = l.read_op_as(2, ty);
    let s = l.b.zext(Type::I64, src);
    let m = l.b.zext(Type::I64, mask);
    let c = l.b.iconst(Type::I64, u64::from(deposit));
    let r = l.b.call(&PDEP_PEXT, &[s, m, c]);
    let res = l.b.trunc(ty, r);
    l.write_op(0, res);
    Ok(true)
}

/// ADCX (carry in/out through CF) or ADOX (through OF); no other flag changes.
fn adx(l: &mut Lifter<'_>, f: Flag) -> LiftResult {
    let (w, ty) = width(l, 0)?;
    if l.insn.op_kind(0) != OpKind::Register {
        return l.unsupported("ADX destination");
    }
    let a = l.read_op_as(0, ty);
    let b = l.read_op_as(1, ty);
    let c = l.b.get_flag(f);
    let (res, carry) = if w < 64 {
        let a64 = l.b.zext(Type::I64, a);
        let b64 = l.b.zext(Type::I64, b);
        let c64 = l.b.zext(Type::I64, c);
        let s = l.b.add(a64, b64);
        let s = l.b.add(s, c64);
        (l.b.trunc(ty, s), bit_of(l, s, w))
    } else {
        let c64 = l.b.zext(Type::I64, c);
        let s = l.b.add(a, b);
        let res = l.b.add(s, c64);
        let lt = l.b.icmp(IntCC::Ult, res, a);
        let eq = l.b.icmp(IntCC::Eq, res, a);
        let ce = l.b.and(c, eq);
        (res, l.b.or(lt, ce))
    };
    l.write_op(0, res);
    l.b.set_flag(f, carry);
    Ok(true)
}

fn lahf(l: &mut Lifter<'_>) -> LiftResult {
    // AH = SF:ZF:0:AF:0:PF:1:CF
    let mut ah = l.b.iconst(Type::I8, 2);
    for f in [Flag::CF, Flag::PF, Flag::AF, Flag::ZF, Flag::SF] {
        let v = l.b.get_flag(f);
        let v = if f.rflags_bit() == 0 {
            v
        } else {
            l.b.shl_imm(v, u64::from(f.rflags_bit()))
        };
        ah = l.b.or(ah, v);
    }
    l.write_gpr(Register::AH, ah);
    Ok(true)
}

fn sahf(l: &mut Lifter<'_>) -> LiftResult {
    let ah = l.read_gpr(Register::AH);
    for f in [Flag::CF, Flag::PF, Flag::AF, Flag::ZF, Flag::SF] {
        let v = bit_of(l, ah, f.rflags_bit());
        l.b.set_flag(f, v);
    }
    Ok(true)
}
