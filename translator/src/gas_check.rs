//! Where a region compares its gas: one check per window, not one per block.
//!
//! Gas is defined per instruction and charged per block: every block subtracts
//! its static cost when it begins, and a block that cannot pay ends the run with
//! nothing of it executed. Compiled code must keep that exactly, but it need not
//! *compare* at every block. A region's blocks (its internal edges, return edges
//! to call sites inside it included) are cut into windows at *checkpoints*:
//!
//! - the region's entry;
//! - the target of every back edge (depth-first from the entry), so that every
//!   cycle passes a checkpoint;
//! - every successor of a block that calls a helper (a REP string helper charges
//!   gas of its own, so what is left after it is not known statically).
//!
//! A checkpoint compares the gas against its window: the largest sum of block
//! costs along any path from it to the next checkpoint or out of the region. If
//! the gas covers that, no block of the window can run out, and the blocks after
//! the checkpoint only subtract. If it does not, the region leaves with
//! [`crate::ExitReason::GasLow`] before anything of the checkpoint block ran, and
//! the run loop interprets that block, which charges block by block and so runs
//! out at exactly the block compiled per-block code would have. Region shape thus
//! changes only which tier runs the last few blocks before the gas ends, never
//! the gas charged nor where it runs out.
//!
//! A checkpoint whose window is its own block alone keeps the plain per-block
//! check (it cannot pay → [`crate::ExitReason::OutOfGas`] at once).

use crate::ir::{Block, Op};
use crate::slots::RegionEdges;

/// What a block's [`Op::ChargeGas`] compiles to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Check {
    /// Subtract only: the window's checkpoint covered this block.
    None,
    /// Compare with the block's own cost; short → out of gas.
    Exact,
    /// Compare with the window's cost; short → leave for the interpreter.
    Window(u64),
}

/// The static cost a block charges (0 without metering).
pub(crate) fn block_cost(b: &Block) -> u64 {
    match b.ops.first() {
        Some(Op::ChargeGas { cost }) => *cost,
        _ => 0,
    }
}

/// Whether anything in the block may change the gas besides its own charge.
fn calls_helper(b: &Block) -> bool {
    b.ops.iter().any(|op| {
        matches!(
            op,
            Op::Call { .. }
                | Op::GetSpecial {
                    which: crate::ir::Special::Mxcsr,
                    ..
                }
                | Op::SetSpecial {
                    which: crate::ir::Special::Mxcsr,
                    ..
                }
        )
    })
}

/// The check of every block of a region (`blocks[0]` its entry).
pub(crate) fn plan(blocks: &[Block], edges: &RegionEdges) -> Vec<Check> {
    let n = blocks.len();
    let succ = &edges.succ;
    let mut checkpoint = vec![false; n];
    if n == 0 {
        return Vec::new();
    }
    checkpoint[0] = true;
    for (i, b) in blocks.iter().enumerate() {
        if calls_helper(b) {
            for &s in &succ[i] {
                checkpoint[s] = true;
            }
        }
    }
    // Back edges, depth-first from the entry (iteratively: regions are small,
    // but the order must be a true DFS for "on the stack" to mean an ancestor).
    let mut state = vec![0u8; n]; // 0 new, 1 on the stack, 2 done
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    state[0] = 1;
    while let Some(&mut (v, ref mut k)) = stack.last_mut() {
        if let Some(&s) = succ[v].get(*k) {
            *k += 1;
            match state[s] {
                0 => {
                    state[s] = 1;
                    stack.push((s, 0));
                }
                1 => checkpoint[s] = true,
                _ => {}
            }
        } else {
            state[v] = 2;
            stack.pop();
        }
    }
    // Blocks the entry does not reach are never run inside the region; keeping
    // them checkpoints keeps the path sums below well defined.
    for (i, s) in state.iter().enumerate() {
        if *s == 0 {
            checkpoint[i] = true;
        }
    }
    // tail[i]: the costliest path from i (i included) to the next checkpoint or
    // out of the region. Non-checkpoint blocks form a DAG (every cycle holds a
    // back-edge target), so a memoized walk terminates.
    let mut tail: Vec<Option<u64>> = vec![None; n];
    let mut check = vec![Check::None; n];
    for c in 0..n {
        if !checkpoint[c] {
            continue;
        }
        let own = block_cost(&blocks[c]);
        let mut worst = 0u64;
        for &s in &succ[c] {
            if !checkpoint[s] {
                worst = worst.max(path_cost(s, blocks, succ, &checkpoint, &mut tail));
            }
        }
        check[c] = if worst == 0 {
            Check::Exact
        } else {
            Check::Window(own.saturating_add(worst))
        };
    }
    check
}

fn path_cost(
    i: usize,
    blocks: &[Block],
    succ: &[Vec<usize>],
    checkpoint: &[bool],
    tail: &mut [Option<u64>],
) -> u64 {
    if let Some(t) = tail[i] {
        return t;
    }
    let mut worst = 0u64;
    for &s in &succ[i] {
        if !checkpoint[s] {
            worst = worst.max(path_cost(s, blocks, succ, checkpoint, tail));
        }
    }
    let t = block_cost(&blocks[i]).saturating_add(worst);
    tail[i] = Some(t);
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::Builder;
    use crate::ir::{IntCC, Terminator};

    fn block(start: u64, cost: u64, helper: bool, term: Terminator) -> Block {
        let mut b = Builder::default();
        b.ops.push(Op::ChargeGas { cost });
        if helper {
            b.ops.push(Op::Call {
                dst: None,
                helper: crate::helper!("test", nop_helper),
                args: crate::ir::HelperArgs::new(&[]),
            });
        }
        Block::for_test(start, b, term, cost)
    }

    fn plan(blocks: &[Block], internal_edges: bool) -> Vec<Check> {
        super::plan(blocks, &RegionEdges::new(blocks, internal_edges, &[]))
    }

    unsafe extern "C" fn nop_helper(_: *mut crate::CpuState, _: u64, _: u64, _: u64) -> u64 {
        0
    }

    fn branch(b: &mut Builder, taken: u64, not_taken: u64) -> Terminator {
        let x = b.get_reg(0);
        let cond = b.icmp_imm(IntCC::Eq, x, 0);
        Terminator::Branch {
            cond,
            taken,
            not_taken,
        }
    }

    #[test]
    fn a_loop_checks_once_per_iteration_for_its_costliest_path() {
        // H(2) → A(5) | B(7); A → L(1); B → L; L → H (back edge) or out.
        let mut bh = Builder::default();
        let h = block(0x10, 2, false, branch(&mut bh, 0x20, 0x30));
        let a = block(0x20, 5, false, Terminator::Jump(0x40));
        let b = block(0x30, 7, false, Terminator::Jump(0x40));
        let mut bl = Builder::default();
        let l = block(0x40, 1, false, branch(&mut bl, 0x10, 0x99));
        let plan = plan(&[h, a, b, l], true);
        assert_eq!(
            plan,
            vec![Check::Window(10), Check::None, Check::None, Check::None]
        );
    }

    #[test]
    fn after_a_helper_the_next_block_checks_again() {
        let h = block(0x10, 3, true, Terminator::Jump(0x20));
        let a = block(0x20, 4, false, Terminator::Jump(0x30));
        let b = block(0x30, 5, false, Terminator::Jump(0x99));
        let plan = plan(&[h, a, b], true);
        assert_eq!(plan, vec![Check::Exact, Check::Window(9), Check::None]);
    }

    #[test]
    fn tier_one_code_checks_every_block() {
        let h = block(0x10, 3, false, Terminator::Jump(0x10));
        assert_eq!(plan(&[h], false), vec![Check::Exact]);
    }

    #[test]
    fn a_self_loop_is_its_own_window() {
        let mut bh = Builder::default();
        let h = block(0x10, 3, false, branch(&mut bh, 0x10, 0x99));
        assert_eq!(plan(&[h], true), vec![Check::Exact]);
    }
}
