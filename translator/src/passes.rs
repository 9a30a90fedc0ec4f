//! IR passes: dead-flag elimination, then dead-code elimination.
//!
//! Most x86 instructions write flags nobody reads. Dead-flag elimination walks the
//! block backwards from the flags its successors may read (`live_out_flags`,
//! found by decoding ahead) and drops every `SetFlag` that is overwritten before
//! any read. Dead-code elimination then drops the pure ops whose results are no
//! longer used — typically the whole computation of those flags.

use crate::ir::{Block, Op, Terminator, Value};
use crate::slots::Slot;
use crate::state::FlagSet;

/// Runs every pass in order.
pub fn optimize(block: &mut Block) {
    dead_flags(block);
    dead_writes(block);
    dead_code(block);
}

/// Removes register writes overwritten later in the block before anything could
/// read them (helpers read the whole state, so a call keeps everything before it).
/// Besides saving work, this exposes dead float results to [`dead_code`], which
/// must keep their MXCSR side effects.
pub fn dead_writes(block: &mut Block) {
    let mut gpr_dead = [false; 16];
    let mut xmm_dead = [false; 16];
    let mut keep = vec![true; block.ops.len()];
    for (i, op) in block.ops.iter().enumerate().rev() {
        match *op {
            Op::SetReg { reg, .. } => {
                let r = usize::from(reg);
                if gpr_dead[r] {
                    keep[i] = false;
                }
                gpr_dead[r] = true;
            }
            Op::GetReg { reg, .. } => gpr_dead[usize::from(reg)] = false,
            Op::SetXmm { reg, .. } => {
                let r = usize::from(reg);
                if xmm_dead[r] {
                    keep[i] = false;
                }
                xmm_dead[r] = true;
            }
            Op::GetXmm { reg, .. } => xmm_dead[usize::from(reg)] = false,
            Op::Call { .. } => {
                gpr_dead = [false; 16];
                xmm_dead = [false; 16];
            }
            _ => {}
        }
    }
    let mut k = keep.into_iter();
    block.ops.retain(|_| k.next().unwrap_or(true));
}

/// Removes flag writes no later op or successor can observe.
pub fn dead_flags(block: &mut Block) {
    let mut live = block.live_out_flags;
    let mut keep = vec![true; block.ops.len()];
    for (i, op) in block.ops.iter().enumerate().rev() {
        match op {
            Op::SetFlag { flag, .. } => {
                if live.contains(*flag) {
                    live = live.minus(flag.mask());
                } else {
                    keep[i] = false;
                }
            }
            // All of a compact op's flags stay while one of them is live.
            Op::Flags { kind, .. } => {
                let w = kind.written();
                if live.0 & w.0 == 0 {
                    keep[i] = false;
                }
                live = live.minus(w);
            }
            Op::GetFlag { flag, .. } => live = live.union(flag.mask()),
            // Helpers may read any flag from the state; faults end the run, so
            // ops that can fault need nothing.
            Op::Call { .. } => live = FlagSet::ALL,
            _ => {}
        }
    }
    let mut k = keep.into_iter();
    block.ops.retain(|_| k.next().unwrap_or(true));
}

/// The flags the block may observe before writing them: those it reads, those a
/// helper it calls may read, and the live-out ones it does not write. The jump
/// cache records this per block, so that a computed jump (a `ret`, a dispatch)
/// stores the status flags only when its target can see them.
pub fn live_in_flags(block: &Block) -> FlagSet {
    let mut live = block.live_out_flags;
    for op in block.ops.iter().rev() {
        match op {
            Op::SetFlag { flag, .. } => live = live.minus(flag.mask()),
            Op::Flags { kind, .. } => live = live.minus(kind.written()),
            Op::GetFlag { flag, .. } => live = live.union(flag.mask()),
            Op::Call { .. } => live = FlagSet::ALL,
            _ => {}
        }
    }
    live
}

/// Whether an op has effects beyond defining its result.
fn has_effect(op: &Op) -> bool {
    // Float ops set MXCSR exception flags even when their result is dead (the
    // lowering keeps every one alive in the compiled code too).
    raises_fp_flags(op)
        || matches!(
            op,
            Op::Insn { .. }
            | Op::ChargeGas { .. }
            | Op::SetReg { .. }
            | Op::SetFlag { .. }
            | Op::Flags { .. }
            | Op::SetXmm { .. }
            | Op::SetSpecial { .. }
            | Op::Store { .. }
            | Op::Call { .. }
            | Op::Trap { .. }
            | Op::Prefetch { .. }
            // A load can fault, and a fault is observable.
            | Op::Load { .. }
        )
}

/// Removes pure ops whose results are unused.
pub fn dead_code(block: &mut Block) {
    let mut used = vec![false; block.types.len()];
    let mark = |v: Value, used: &mut Vec<bool>| used[v.0 as usize] = true;
    match &block.term {
        Terminator::Branch { cond, .. } => mark(*cond, &mut used),
        Terminator::Indirect(v) => mark(*v, &mut used),
        _ => {}
    }
    let mut keep = vec![true; block.ops.len()];
    for (i, op) in block.ops.iter().enumerate().rev() {
        let live = has_effect(op) || op_dst(op).is_some_and(|d| used[d.0 as usize]);
        if !live {
            keep[i] = false;
            continue;
        }
        for_each_use(op, |v| mark(v, &mut used));
    }
    let mut k = keep.into_iter();
    block.ops.retain(|_| k.next().unwrap_or(true));
}

/// Which float ops of a block need their result kept alive by the lowering (by op
/// index): those not certain to run where the guest runs them otherwise.
///
/// A float op has an effect Cranelift does not model — MXCSR exception flags, and
/// SIGFPE when unmasked — and Cranelift treats it as pure: it deletes one whose
/// result is unused and computes the others where their result is first needed.
/// The lowering therefore stores the result of a float op to a scratch slot right
/// after it, unless the result reaches (directly, or through pure ops and kept
/// float ops) something Cranelift keeps in place — a guest store, a helper call, a
/// trap, or the block's branch or jump target — with nothing in between that
/// observes or depends on the MXCSR or may end the block early: a load or store
/// (a fault), a helper call, a trap, or an MXCSR access. A result that only
/// reaches guest registers is not anchored: a later block of a region may
/// overwrite the register before any exit stores it. (One store per float op was
/// half of mandelbrot's loop.)
pub fn fp_keepalive(block: &Block) -> Vec<bool> {
    let n = block.ops.len();
    let barrier = |op: &Op| {
        matches!(
            op,
            Op::Load { .. }
                | Op::Store { .. }
                | Op::Call { .. }
                | Op::Trap { .. }
                | Op::GetSpecial { .. }
                | Op::SetSpecial { .. }
        )
    };
    // Where each value is first needed by something kept in place (an op index;
    // `n` for the terminator).
    let mut anchor: Vec<Option<usize>> = vec![None; block.types.len()];
    match &block.term {
        Terminator::Branch { cond, .. } => anchor[cond.0 as usize] = Some(n),
        Terminator::Indirect(v) => anchor[v.0 as usize] = Some(n),
        _ => {}
    }
    let mut store = vec![false; n];
    // The first barrier after each op (`n` if none): ops with the same one run
    // with no MXCSR observer between them.
    let mut stretch = vec![n; n];
    // The first barrier after the op being looked at (`n` if none).
    let mut next_barrier = n;
    // A guest slot read later in the block before any write hands its value's
    // anchor back to the write before it (the lowering forwards the value): by
    // `Slot::bit`.
    let mut read_anchor: [Option<usize>; 64] = [None; 64];
    let min = |a: Option<usize>, b: Option<usize>| match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    for (i, op) in block.ops.iter().enumerate().rev() {
        if let Some((slot, _)) = Slot::of_op(op) {
            let k = slot.bit() as usize;
            match *op {
                Op::GetReg { dst, .. }
                | Op::GetXmm { dst, .. }
                | Op::GetFlag { dst, .. }
                | Op::GetSpecial { dst, .. } => {
                    read_anchor[k] = min(read_anchor[k], anchor[dst.0 as usize]);
                }
                Op::SetReg { src, .. }
                | Op::SetXmm { src, .. }
                | Op::SetFlag { src, .. }
                | Op::SetSpecial { src, .. } => {
                    let a = &mut anchor[src.0 as usize];
                    *a = min(*a, read_anchor[k].take());
                }
                _ => {}
            }
        }
        let mut at = if matches!(op, Op::Store { .. } | Op::Call { .. } | Op::Trap { .. }) {
            Some(i)
        } else {
            op_dst(op).and_then(|d| anchor[d.0 as usize])
        };
        if raises_fp_flags(op) && at.is_none_or(|a| a > next_barrier) {
            store[i] = true;
            at = Some(i);
        }
        if let Some(a) = at {
            for_each_use(op, |v| {
                let slot = &mut anchor[v.0 as usize];
                *slot = min(*slot, Some(a));
            });
        }
        stretch[i] = next_barrier;
        if barrier(op) {
            next_barrier = i;
        }
    }
    // Scalar compares of the same two values between the same barriers raise the
    // same MXCSR flags (Cranelift compares with UCOMISS/UCOMISD whatever the
    // condition, and the flags depend only on the operands): one kept is enough.
    // (A COMISD lifts to three compares, one per status flag, most of them dead.)
    let mut groups: Vec<((usize, u32, u32), usize)> = Vec::new();
    for (i, op) in block.ops.iter().enumerate() {
        if let Op::Fcmp { a, b, .. } = *op {
            groups.push(((stretch[i], a.0.min(b.0), a.0.max(b.0)), i));
        }
    }
    groups.sort_unstable();
    for g in groups.chunk_by(|x, y| x.0 == y.0) {
        let anchored = g.iter().any(|&(_, i)| !store[i]);
        for (k, &(_, i)) in g.iter().enumerate() {
            if anchored || k > 0 {
                store[i] = false;
            }
        }
    }
    store
}

/// Whether an op may set MXCSR exception flags (or raise an unmasked SIGFPE): IEEE
/// arithmetic, compares and conversions.
pub fn raises_fp_flags(op: &Op) -> bool {
    use crate::ir::{BinOp, Conv, UnOp, VecOp};
    match op {
        Op::Binary { op, .. } => matches!(
            op,
            BinOp::FAdd | BinOp::FSub | BinOp::FMul | BinOp::FDiv | BinOp::FMinX86 | BinOp::FMaxX86
        ),
        Op::Unary { op, .. } => *op == UnOp::FSqrt,
        Op::Convert { conv, .. } => matches!(
            conv,
            Conv::SIntToFloat | Conv::FloatToFloat | Conv::FloatToSIntTrunc
        ),
        Op::Fcmp { .. } | Op::VectorFcmp { .. } => true,
        Op::Vector { op, .. } => matches!(
            op,
            VecOp::FAdd | VecOp::FSub | VecOp::FMul | VecOp::FDiv | VecOp::FMinX86 | VecOp::FMaxX86
        ),
        _ => false,
    }
}

/// The value an op defines, if any.
pub fn op_dst(op: &Op) -> Option<Value> {
    match op {
        Op::Const { dst, .. }
        | Op::GetReg { dst, .. }
        | Op::GetFlag { dst, .. }
        | Op::GetXmm { dst, .. }
        | Op::GetSpecial { dst, .. }
        | Op::Load { dst, .. }
        | Op::Unary { dst, .. }
        | Op::Binary { dst, .. }
        | Op::Icmp { dst, .. }
        | Op::Fcmp { dst, .. }
        | Op::Select { dst, .. }
        | Op::Convert { dst, .. }
        | Op::Vector { dst, .. }
        | Op::VectorFcmp { dst, .. }
        | Op::VectorShift { dst, .. }
        | Op::Shuffle { dst, .. }
        | Op::MoveMask { dst, .. }
        | Op::ExtractLane { dst, .. }
        | Op::InsertLane { dst, .. }
        | Op::Splat { dst, .. }
        | Op::Sha { dst, .. } => Some(*dst),
        Op::Call { dst, .. } => *dst,
        _ => None,
    }
}

/// Calls `f` on every value an op reads.
pub fn for_each_use(op: &Op, mut f: impl FnMut(Value)) {
    match op {
        Op::SetReg { src, .. }
        | Op::SetFlag { src, .. }
        | Op::SetXmm { src, .. }
        | Op::SetSpecial { src, .. } => f(*src),
        Op::Load { addr, .. } => f(*addr),
        Op::Trap { cond, .. } => f(*cond),
        Op::Prefetch { addr, .. } => f(*addr),
        Op::Flags {
            a, b, res, carry, ..
        } => {
            f(*a);
            f(*b);
            f(*res);
            if let Some(c) = carry {
                f(*c);
            }
        }
        Op::Store { addr, src } => {
            f(*addr);
            f(*src);
        }
        Op::Unary { a, .. }
        | Op::Convert { a, .. }
        | Op::MoveMask { a, .. }
        | Op::ExtractLane { a, .. }
        | Op::Splat { a, .. } => f(*a),
        Op::Binary { a, b, .. }
        | Op::Icmp { a, b, .. }
        | Op::Fcmp { a, b, .. }
        | Op::Vector { a, b, .. }
        | Op::VectorFcmp { a, b, .. }
        | Op::Shuffle { a, b, .. } => {
            f(*a);
            f(*b);
        }
        Op::VectorShift { a, count, .. } => {
            f(*a);
            f(*count);
        }
        Op::Select { cond, a, b, .. } => {
            f(*cond);
            f(*a);
            f(*b);
        }
        Op::InsertLane { a, val, .. } => {
            f(*a);
            f(*val);
        }
        Op::Sha { a, b, k, .. } => {
            f(*a);
            f(*b);
            f(*k);
        }
        Op::Call { args, .. } => args.iter().copied().for_each(f),
        Op::Insn { .. }
        | Op::ChargeGas { .. }
        | Op::Const { .. }
        | Op::GetReg { .. }
        | Op::GetFlag { .. }
        | Op::GetXmm { .. }
        | Op::GetSpecial { .. } => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Type;
    use crate::state::Flag;

    #[test]
    fn overwritten_flag_is_dropped_and_its_computation_too() {
        let mut b = crate::builder::Builder::default();
        let x = b.get_reg(0);
        let z = b.icmp_imm(crate::ir::IntCC::Eq, x, 0);
        b.set_flag(Flag::ZF, z);
        let one = b.iconst(Type::I8, 1);
        b.set_flag(Flag::ZF, one);
        let mut block = Block {
            start: 0,
            end: 0,
            insns: 1,
            ops: b.ops,
            types: b.types,
            term: Terminator::Jump(0),
            live_out_flags: Flag::ZF.mask(),
            call_return: None,
            computed_jump: false,
            gas: 0,
        };
        optimize(&mut block);
        let sets = block
            .ops
            .iter()
            .filter(|o| matches!(o, Op::SetFlag { .. }))
            .count();
        assert_eq!(sets, 1);
        assert!(
            !block.ops.iter().any(|o| matches!(o, Op::Icmp { .. })),
            "{:?}",
            block.ops
        );
    }

    #[test]
    fn flag_read_by_successor_is_kept() {
        let mut b = crate::builder::Builder::default();
        let one = b.iconst(Type::I8, 1);
        b.set_flag(Flag::CF, one);
        let mut block = Block {
            start: 0,
            end: 0,
            insns: 1,
            ops: b.ops,
            types: b.types,
            term: Terminator::Jump(0),
            live_out_flags: Flag::CF.mask(),
            call_return: None,
            computed_jump: false,
            gas: 0,
        };
        optimize(&mut block);
        assert!(block
            .ops
            .iter()
            .any(|o| matches!(o, Op::SetFlag { flag: Flag::CF, .. })));
    }

    fn block_of(b: crate::builder::Builder, term: Terminator) -> Block {
        Block {
            start: 0,
            end: 0,
            insns: 1,
            ops: b.ops,
            types: b.types,
            term,
            live_out_flags: FlagSet::ALL,
            call_return: None,
            computed_jump: false,
            gas: 0,
        }
    }

    /// Index of the n-th op that may raise MXCSR flags.
    fn fp_op(block: &Block, n: usize) -> usize {
        let mut it = block
            .ops
            .iter()
            .enumerate()
            .filter(|(_, o)| raises_fp_flags(o));
        it.nth(n).map(|(i, _)| i).expect("float op")
    }

    #[test]
    fn float_result_reaching_only_a_register_is_kept_alive() {
        let mut b = crate::builder::Builder::default();
        let (x, y) = (b.get_xmm(1), b.get_xmm(2));
        let s = b.binary(crate::ir::BinOp::FAdd, x, y);
        b.set_xmm(1, s);
        let block = block_of(b, Terminator::Jump(0));
        let keep = fp_keepalive(&block);
        assert!(keep[fp_op(&block, 0)]);
    }

    #[test]
    fn float_result_stored_through_a_register_needs_no_keepalive() {
        let mut b = crate::builder::Builder::default();
        let (x, y) = (b.get_xmm(1), b.get_xmm(2));
        let p = b.binary(crate::ir::BinOp::FMul, x, y);
        let s = b.binary(crate::ir::BinOp::FAdd, p, y);
        b.set_xmm(1, s);
        let again = b.get_xmm(1);
        let addr = b.get_reg(6);
        b.store(addr, again);
        let block = block_of(b, Terminator::Jump(0));
        assert_eq!(fp_keepalive(&block).iter().filter(|&&k| k).count(), 0);
    }

    #[test]
    fn a_load_between_a_float_op_and_its_store_keeps_it_alive() {
        let mut b = crate::builder::Builder::default();
        let (x, y) = (b.get_xmm(1), b.get_xmm(2));
        let q = b.binary(crate::ir::BinOp::FDiv, x, y);
        let addr = b.get_reg(6);
        let _ = b.load(Type::I64, addr);
        b.store(addr, q);
        let block = block_of(b, Terminator::Jump(0));
        assert!(fp_keepalive(&block)[fp_op(&block, 0)]);
    }

    #[test]
    fn compares_of_the_same_operands_share_one_keepalive() {
        use crate::ir::FloatCC;
        // Anchored by the branch: none needs a store.
        let mut b = crate::builder::Builder::default();
        let (x, y) = (b.get_xmm(1), b.get_xmm(2));
        let uno = b.fcmp(FloatCC::Uno, x, y);
        b.set_flag(Flag::PF, uno);
        let lt = b.fcmp(FloatCC::Lt, y, x);
        let block = block_of(
            b,
            Terminator::Branch {
                cond: lt,
                taken: 0,
                not_taken: 0,
            },
        );
        assert_eq!(fp_keepalive(&block).iter().filter(|&&k| k).count(), 0);
        // Nothing anchored: the first keeps the flags of both.
        let mut b = crate::builder::Builder::default();
        let (x, y) = (b.get_xmm(1), b.get_xmm(2));
        let uno = b.fcmp(FloatCC::Uno, x, y);
        b.set_flag(Flag::PF, uno);
        let lt = b.fcmp(FloatCC::Lt, x, y);
        b.set_flag(Flag::CF, lt);
        let block = block_of(b, Terminator::Jump(0));
        let keep = fp_keepalive(&block);
        assert!(keep[fp_op(&block, 0)] && !keep[fp_op(&block, 1)]);
    }
}
