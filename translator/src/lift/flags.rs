//! The status flags of the arithmetic and logic families, in one place.
//!
//! Every ADD/SUB/CMP/AND/…, INC/DEC, NEG and the shifts' ZF/SF/PF come here. The
//! IR has two spellings of the same definition:
//!
//! - **expanded** ([`emit`]): one `SetFlag` per flag, each computed by ordinary
//!   ops — what the compiled tiers lift, so that dead-flag elimination drops
//!   every flag no one reads and Cranelift sees plain integer code;
//! - **compact** ([`Op::Flags`](crate::ir::Op::Flags)): one op naming the operation and its operands —
//!   what the cold tier lifts (`LiftConfig::compact_flags`). Cold code is lifted
//!   once and interpreted a few times, so there is nothing for dead-flag
//!   elimination to win, while the twenty ops a CMP expands to were half of a
//!   short run's IR (its memory, faulted in page by page) and of its
//!   interpretation. The interpreter evaluates the compact op with [`compute`].
//!
//! A unit test checks that both spellings agree on every operand class, and
//! `translator/tests/interp.rs` on every block of its instruction snippets.
//!
//! Definitions (Intel SDM vol. 1 §3.4.3 and each instruction's page): for
//! `res = a + b (+ carry)` CF is the unsigned carry out, OF the signed overflow
//! `((a ^ res) & (b ^ res))` sign bit; for `res = a - b (- borrow)` CF is the
//! borrow `a < b` (or `a == b` with a borrow in) and OF is `((a ^ b) & (a ^ res))`
//! sign bit; AF is bit 4 of `a ^ b ^ res`; ZF is `res == 0`, SF the sign bit, PF
//! set when the low byte has an even number of set bits. Logic ops clear CF and
//! OF and — AF being undefined — qvm clears AF too.

use crate::builder::Builder;
use crate::ir::{FlagsOf, IntCC, Type, UnOp, Value};
use crate::state::{Flag, FlagSet};

impl FlagsOf {
    /// The flags an op of this kind writes.
    pub fn written(self) -> FlagSet {
        let szp = Flag::ZF
            .mask()
            .union(Flag::SF.mask())
            .union(Flag::PF.mask());
        let af_of = Flag::AF.mask().union(Flag::OF.mask());
        match self {
            FlagsOf::Szp => szp,
            FlagsOf::AddKeepCf | FlagsOf::SubKeepCf => szp.union(af_of),
            FlagsOf::Add | FlagsOf::Sub | FlagsOf::Logic => szp.union(af_of).union(Flag::CF.mask()),
        }
    }
}

/// Emits the expanded form: one `SetFlag` per flag `kind` writes. `carry` is the
/// carry (ADC) or borrow (SBB) in, as I8 0/1; `x` and `y` are unused by `Logic`
/// and `Szp`.
pub fn emit(b: &mut Builder, kind: FlagsOf, x: Value, y: Value, res: Value, carry: Option<Value>) {
    match kind {
        FlagsOf::Szp => {}
        FlagsOf::Logic => {
            b.set_flag_const(Flag::CF, false);
            b.set_flag_const(Flag::OF, false);
            b.set_flag_const(Flag::AF, false);
        }
        FlagsOf::Add | FlagsOf::AddKeepCf | FlagsOf::Sub | FlagsOf::SubKeepCf => {
            let sub = matches!(kind, FlagsOf::Sub | FlagsOf::SubKeepCf);
            if matches!(kind, FlagsOf::Add | FlagsOf::Sub) {
                // The carry out of `x + y` is `res < x`, the borrow of `x - y` is
                // `x < y`; with a carry or borrow in, equality counts too.
                let (l, r) = if sub { (x, y) } else { (res, x) };
                let lt = b.icmp(IntCC::Ult, l, r);
                let cf = match carry {
                    None => lt,
                    Some(c) => {
                        let eq = b.icmp(IntCC::Eq, l, r);
                        let ceq = b.and(c, eq);
                        b.or(lt, ceq)
                    }
                };
                b.set_flag(Flag::CF, cf);
            }
            // OF: sign bit of (x ^ res) & (y ^ res) for an add, of
            // (x ^ y) & (x ^ res) for a subtract.
            let x1 = if sub { b.xor(x, y) } else { b.xor(x, res) };
            let x2 = if sub { b.xor(x, res) } else { b.xor(y, res) };
            let o = b.and(x1, x2);
            let of = b.icmp_imm(IntCC::Slt, o, 0);
            b.set_flag(Flag::OF, of);
            emit_af(b, x, y, res);
        }
    }
    let z = b.icmp_imm(IntCC::Eq, res, 0);
    b.set_flag(Flag::ZF, z);
    let s = b.icmp_imm(IntCC::Slt, res, 0);
    b.set_flag(Flag::SF, s);
    let lo = b.trunc(Type::I8, res);
    let p = b.unary(UnOp::Parity, lo);
    b.set_flag(Flag::PF, p);
}

/// AF = bit 4 of `a ^ b ^ res`.
fn emit_af(b: &mut Builder, x: Value, y: Value, res: Value) {
    let t = b.xor(x, y);
    let t = b.xor(t, res);
    let t = b.lshr_imm(t, 4);
    let t = b.trunc(Type::I8, t);
    let af = b.and_imm(t, 1);
    b.set_flag(Flag::AF, af);
}

/// The flags a compact op writes, evaluated: `(flag, value)` for each flag in
/// `kind.written()`, indexed by `Flag as usize` (the others are `None`). Operands
/// are taken modulo `2^bits`.
pub fn compute(kind: FlagsOf, bits: u32, x: u64, y: u64, res: u64, carry: bool) -> [Option<u8>; 6] {
    let m = if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    let (x, y, res) = (x & m, y & m, res & m);
    let sign = |v: u64| u8::from((v >> (bits - 1)) & 1 == 1);
    let mut out = [None; 6];
    let set = |out: &mut [Option<u8>; 6], f: Flag, v: u8| out[f as usize] = Some(v);
    match kind {
        FlagsOf::Szp => {}
        FlagsOf::Logic => {
            set(&mut out, Flag::CF, 0);
            set(&mut out, Flag::OF, 0);
            set(&mut out, Flag::AF, 0);
        }
        FlagsOf::Add | FlagsOf::AddKeepCf => {
            if kind == FlagsOf::Add {
                set(&mut out, Flag::CF, u8::from(res < x || (carry && res == x)));
            }
            set(&mut out, Flag::OF, sign((x ^ res) & (y ^ res)));
        }
        FlagsOf::Sub | FlagsOf::SubKeepCf => {
            if kind == FlagsOf::Sub {
                set(&mut out, Flag::CF, u8::from(x < y || (carry && x == y)));
            }
            set(&mut out, Flag::OF, sign((x ^ y) & (x ^ res)));
        }
    }
    if !matches!(kind, FlagsOf::Szp | FlagsOf::Logic) {
        set(&mut out, Flag::AF, u8::from((x ^ y ^ res) & 0x10 != 0));
    }
    set(&mut out, Flag::ZF, u8::from(res == 0));
    set(&mut out, Flag::SF, sign(res));
    let low = res.to_le_bytes()[0];
    set(
        &mut out,
        Flag::PF,
        u8::from(low.count_ones().is_multiple_of(2)),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Block, Op, Terminator};

    /// Interprets `block` (which reads its operands from RAX, RCX, RDX and the
    /// carry from RBX) and returns the flags.
    fn run(block: &Block, x: u64, y: u64, res: u64, carry: u8) -> [u8; 8] {
        let mut st = crate::CpuState::default();
        st.gpr[0] = x;
        st.gpr[1] = y;
        st.gpr[2] = res;
        st.gpr[3] = u64::from(carry);
        st.flags = [7; 8];
        // SAFETY: the block neither touches memory nor calls helpers.
        unsafe { crate::interp::run_block(block, &mut st) };
        st.flags
    }

    /// The flags of `kind` over RAX, RCX, RDX (as `ty`) and the carry in BL,
    /// as one compact op or expanded.
    fn block(kind: FlagsOf, ty: Type, with_carry: bool, compact: bool) -> Block {
        let mut b = Builder::default();
        let reg = |b: &mut Builder, r: u8, ty: Type| {
            let v = b.get_reg(r);
            if ty == Type::I64 {
                v
            } else {
                b.trunc(ty, v)
            }
        };
        let x = reg(&mut b, 0, ty);
        let y = reg(&mut b, 1, ty);
        let r = reg(&mut b, 2, ty);
        let c8 = reg(&mut b, 3, Type::I8);
        let carry = with_carry.then_some(c8);
        if compact {
            b.push(Op::Flags {
                kind,
                a: x,
                b: y,
                res: r,
                carry,
            });
        } else {
            emit(&mut b, kind, x, y, r, carry);
        }
        Block::for_test(0x1000, b, Terminator::Jump(0x2000), 0)
    }

    #[test]
    fn compact_and_expanded_flags_agree() {
        let kinds = [
            FlagsOf::Add,
            FlagsOf::AddKeepCf,
            FlagsOf::Sub,
            FlagsOf::SubKeepCf,
            FlagsOf::Logic,
            FlagsOf::Szp,
        ];
        let edges = [
            0u64,
            1,
            0x0f,
            0x10,
            0x7f,
            0x80,
            0xff,
            0x7fff,
            0x8000,
            0xffff,
            0x7fff_ffff,
            0x8000_0000,
            0xffff_ffff,
            0x7fff_ffff_ffff_ffff,
            0x8000_0000_0000_0000,
            u64::MAX,
            0x1234_5678_9abc_def0,
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut rnd = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut checked = 0;
        for kind in kinds {
            for ty in [Type::I8, Type::I16, Type::I32, Type::I64] {
                for with_carry in [false, true] {
                    let compact = block(kind, ty, with_carry, true);
                    let expanded = block(kind, ty, with_carry, false);
                    assert!(expanded.ops.iter().all(|o| !matches!(o, Op::Flags { .. })));
                    for i in 0..400 {
                        let (x, y) = if i < edges.len() * 4 {
                            (edges[i % edges.len()], edges[(i / 4 + i) % edges.len()])
                        } else {
                            (rnd(), rnd())
                        };
                        let carry = u8::from(i % 3 == 0);
                        // Results as the instructions produce them, and arbitrary ones.
                        for res in [x.wrapping_add(y), x.wrapping_sub(y), x & y, rnd()] {
                            let a = run(&compact, x, y, res, carry);
                            let b = run(&expanded, x, y, res, carry);
                            assert_eq!(
                                a, b,
                                "{kind:?} {ty:?} carry={with_carry} x={x:#x} y={y:#x} res={res:#x}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000);
    }
}
