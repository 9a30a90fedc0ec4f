//! IR passes: dead-flag elimination, then dead-code elimination.
//!
//! Most x86 instructions write flags nobody reads. Dead-flag elimination walks the
//! block backwards from the flags its successors may read (`live_out_flags`,
//! found by decoding ahead) and drops every `SetFlag` that is overwritten before
//! any read. Dead-code elimination then drops the pure ops whose results are no
//! longer used — typically the whole computation of those flags.

use crate::ir::{Block, Op, Terminator, Value};
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
            | Op::SetXmm { .. }
            | Op::SetSpecial { .. }
            | Op::Store { .. }
            | Op::Call { .. }
            | Op::Trap { .. }
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
        | Op::Splat { dst, .. } => Some(*dst),
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
}
