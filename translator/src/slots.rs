//! Guest-state slots a region keeps in host registers, and which of them it must
//! load on entry.
//!
//! The lowering caches every slot a region touches (a GPR, a flag, an XMM
//! register, a segment base, the gas) in a Cranelift variable. A slot needs a
//! load from the [`crate::CpuState`] at region entry only if some path reads it
//! before writing it, or stores it back (at an exit or before a helper) on a path
//! that may not have written it. Everything else — typically the six arithmetic
//! flags and scratch registers, written before any use — is never loaded: those
//! loads were a large part of every block's fixed cost.
//!
//! The analysis is a forward data flow over the region's internal edges:
//! `may` (written on some path from entry: the slots an exit must store) and
//! `must` (written on every path: the slots whose variable is always defined).
//! A slot is loaded at entry iff it is read while not in `must`, or a block
//! stores it back (before a helper call, or at an exit) while it is in `may` but
//! neither in `must` nor written earlier in the block — the store would otherwise
//! see an undefined variable. Helper calls reload every slot, which only makes
//! more slots defined, so not counting that is conservative.

use crate::ir::{self, Block, Op, Terminator};
use crate::state::offsets;
use cranelift_codegen::ir::{types, Type as CType};

/// Which state slot a cached value belongs to.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(crate) enum Slot {
    Gpr(u8),
    Flag(u8),
    Xmm(u8),
    FsBase,
    GsBase,
    /// The remaining gas: kept in a host register across a region, so the per-block
    /// check is a compare and a subtract on a register, not a memory round trip.
    Gas,
}

impl Slot {
    pub(crate) fn offset(self) -> i32 {
        match self {
            Slot::Gpr(i) => offsets::gpr(usize::from(i)),
            Slot::Flag(i) => offsets::flag(usize::from(i)),
            Slot::Xmm(i) => offsets::xmm(usize::from(i)),
            Slot::FsBase => offsets::FS_BASE,
            Slot::GsBase => offsets::GS_BASE,
            Slot::Gas => offsets::GAS,
        }
    }

    pub(crate) fn ty(self) -> CType {
        match self {
            Slot::Gpr(_) | Slot::FsBase | Slot::GsBase | Slot::Gas => types::I64,
            Slot::Flag(_) => types::I8,
            Slot::Xmm(_) => types::I8X16,
        }
    }

    /// Bit index in a [`SlotSet`] (below 64; also a dense index of slots).
    pub(crate) fn bit(self) -> u32 {
        match self {
            Slot::Gpr(i) => u32::from(i & 15),
            Slot::Flag(i) => 16 + u32::from(i & 7),
            Slot::Xmm(i) => 24 + u32::from(i & 15),
            Slot::FsBase => 40,
            Slot::GsBase => 41,
            Slot::Gas => 42,
        }
    }

    /// The slot an op reads or writes, and whether it writes it.
    pub(crate) fn of_op(op: &Op) -> Option<(Slot, bool)> {
        Some(match *op {
            Op::GetReg { reg, .. } => (Slot::Gpr(reg), false),
            Op::SetReg { reg, .. } => (Slot::Gpr(reg), true),
            Op::GetFlag { flag, .. } => (Slot::Flag(flag as u8), false),
            Op::SetFlag { flag, .. } => (Slot::Flag(flag as u8), true),
            Op::GetXmm { reg, .. } => (Slot::Xmm(reg), false),
            Op::SetXmm { reg, .. } => (Slot::Xmm(reg), true),
            Op::GetSpecial {
                which: ir::Special::FsBase,
                ..
            } => (Slot::FsBase, false),
            Op::GetSpecial {
                which: ir::Special::GsBase,
                ..
            } => (Slot::GsBase, false),
            Op::SetSpecial {
                which: ir::Special::FsBase,
                ..
            } => (Slot::FsBase, true),
            Op::SetSpecial {
                which: ir::Special::GsBase,
                ..
            } => (Slot::GsBase, true),
            // Charging reads the gas, then writes it.
            Op::ChargeGas { .. } => (Slot::Gas, true),
            _ => return None,
        })
    }
}

/// The slots compiled functions carry in their arguments, in argument order after
/// the state and the memory base: the GPRs of [`crate::exec::PASSED_GPRS`], then
/// the gas. They arrive as arguments and are passed on at chained exits, so a
/// region neither loads them at entry nor counts them dirty; its returns to the
/// run loop and its helper calls store them.
pub(crate) const CARRIED: [Slot; crate::exec::PASSED_GPRS.len() + 1] = {
    let mut s = [Slot::Gas; crate::exec::PASSED_GPRS.len() + 1];
    let mut i = 0;
    while i < crate::exec::PASSED_GPRS.len() {
        s[i] = Slot::Gpr(crate::exec::PASSED_GPRS[i]);
        i += 1;
    }
    s
};

/// A set of slots, one bit each.
#[derive(Clone, Copy, PartialEq, Eq, Default, Debug)]
struct SlotSet(u64);

impl SlotSet {
    const ALL: SlotSet = SlotSet(u64::MAX);
    fn insert(&mut self, s: Slot) {
        self.0 |= 1 << s.bit();
    }
    fn contains(self, s: Slot) -> bool {
        self.0 & (1 << s.bit()) != 0
    }
}

/// What a region does with its slots.
pub(crate) struct RegionSlots {
    /// Every slot the region reads or writes, in first-use order.
    pub used: Vec<Slot>,
    /// The slots to load from the state at entry (the lowering takes the gas and
    /// the passed registers from its arguments instead).
    pub entry_loads: Vec<Slot>,
    /// Per block (in region order): the slots that may hold a value not yet stored
    /// back when the block begins.
    pub dirty_in: Vec<Vec<Slot>>,
}

/// A region's internal edges, by block index (no duplicates): direct targets
/// inside the region, and for a computed jump the return sites in `returns[i]`.
/// Counting tier-1 code (`internal_edges` false) has none. Built once per region
/// and shared by the analyses and the lowering.
pub(crate) struct RegionEdges {
    /// Successors of each block.
    pub succ: Vec<Vec<usize>>,
    /// Predecessors of each block.
    pub preds: Vec<Vec<usize>>,
}

impl RegionEdges {
    pub(crate) fn new(blocks: &[Block], internal_edges: bool, returns: &[Vec<u64>]) -> RegionEdges {
        let index = |a: u64| blocks.iter().position(|b| b.start == a);
        let mut succ: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
        let mut preds: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
        if internal_edges {
            for (i, b) in blocks.iter().enumerate() {
                let computed = match b.term {
                    Terminator::Indirect(_) => returns.get(i).map_or(&[][..], Vec::as_slice),
                    _ => &[],
                };
                for t in b.term.direct_targets().chain(computed.iter().copied()) {
                    if let Some(j) = index(t) {
                        if !succ[i].contains(&j) {
                            succ[i].push(j);
                            preds[j].push(i);
                        }
                    }
                }
            }
        }
        RegionEdges { succ, preds }
    }
}

/// What one block does with slots.
struct Effects {
    /// Read before being written in the block.
    ue: SlotSet,
    /// Written in the block.
    w: SlotSet,
    /// Written before the block's first store-back (a helper call, or an exit at
    /// its end); `None` if it never stores back (it only jumps inside the region).
    w_at_flush: Option<SlotSet>,
    /// Slots that store-back leaves out: at a direct exit, the status flags dead
    /// after the block (`lower::flush_live`).
    skipped_at_flush: SlotSet,
}

/// The status flags outside `live`, as slots.
fn dead_status_flags(live: crate::FlagSet) -> SlotSet {
    let dead = crate::FlagSet::STATUS.minus(live);
    let mut d = SlotSet::default();
    for f in 0..6u8 {
        if dead.0 & (1 << f) != 0 {
            d.insert(Slot::Flag(f));
        }
    }
    d
}

fn block_effects(b: &Block, exits: bool) -> Effects {
    let mut ue = SlotSet::default();
    let mut w = SlotSet::default();
    let mut w_at_flush = None;
    for op in &b.ops {
        if matches!(op, Op::Call { .. }) && w_at_flush.is_none() {
            w_at_flush = Some(w);
        }
        if let Some((s, writes)) = Slot::of_op(op) {
            // ChargeGas reads before it writes.
            if (!writes || s == Slot::Gas) && !w.contains(s) {
                ue.insert(s);
            }
            if writes {
                w.insert(s);
            }
        }
    }
    let mut skipped_at_flush = SlotSet::default();
    if exits && w_at_flush.is_none() {
        w_at_flush = Some(w);
        if matches!(b.term, Terminator::Jump(_) | Terminator::Branch { .. }) {
            skipped_at_flush = dead_status_flags(b.live_out_flags);
        }
    }
    Effects {
        ue,
        w,
        w_at_flush,
        skipped_at_flush,
    }
}

/// Analyses a region: `blocks[0]` is its entry; `internal_edges` says whether
/// jumps between its blocks stay inside the function (false for counting tier-1
/// code, which leaves even for its own loop), and `edges` are those jumps,
/// return edges included (a computed jump at the end of a block may land on a
/// return site of the region and continue inside).
/// `stores_at_start[i]` says block `i` may store back everything dirty before
/// any of its ops (a gas checkpoint leaving for the interpreter).
pub(crate) fn analyse(
    blocks: &[Block],
    internal_edges: bool,
    edges: &RegionEdges,
    stores_at_start: &[bool],
) -> RegionSlots {
    let mut used = Vec::new();
    for b in blocks {
        for op in &b.ops {
            if let Some((s, _)) = Slot::of_op(op) {
                if !used.contains(&s) {
                    used.push(s);
                }
            }
        }
    }
    let n = blocks.len();
    let index = |a: u64| blocks.iter().position(|b| b.start == a);
    let preds = &edges.preds;
    let effects: Vec<Effects> = blocks
        .iter()
        .map(|b| {
            // A block stores back unless all its targets are jumps inside the
            // region (a computed jump leaves unless it lands on a return site).
            let exits = !internal_edges
                || !matches!(b.term, Terminator::Jump(_) | Terminator::Branch { .. })
                || b.term.direct_targets().any(|t| index(t).is_none());
            block_effects(b, exits)
        })
        .collect();
    // may_in starts empty and grows; must_in starts full (except at the entry,
    // reached from outside with nothing written) and shrinks.
    let mut may_in = vec![SlotSet::default(); n];
    let mut must_in = vec![SlotSet::ALL; n];
    if n > 0 {
        must_in[0] = SlotSet::default();
    }
    loop {
        let mut changed = false;
        for i in 0..n {
            let mut may = SlotSet::default();
            let mut must = if i == 0 {
                SlotSet::default()
            } else {
                SlotSet::ALL
            };
            for &p in &preds[i] {
                may.0 |= may_in[p].0 | effects[p].w.0;
                must.0 &= must_in[p].0 | effects[p].w.0;
            }
            if preds[i].is_empty() && i != 0 {
                // Unreachable inside the region (only its entry is reached from
                // outside): nothing is known, nothing is dirty.
                must = SlotSet::default();
            }
            if may != may_in[i] || must != must_in[i] {
                may_in[i] = may;
                must_in[i] = must;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    let mut load = SlotSet::default();
    for i in 0..n {
        // Read while possibly undefined, or stored back while possibly unwritten.
        let e = &effects[i];
        let mut stored_unwritten = e
            .w_at_flush
            .map_or(0, |w| may_in[i].0 & !w.0 & !e.skipped_at_flush.0);
        if stores_at_start.get(i).copied().unwrap_or(false) {
            // The checkpoint's exit leaves out the flags its block writes first.
            let live = crate::passes::live_in_flags(&blocks[i]);
            stored_unwritten |= may_in[i].0 & !dead_status_flags(live).0;
        }
        load.0 |= (e.ue.0 | stored_unwritten) & !must_in[i].0;
    }
    let entry_loads = used.iter().copied().filter(|s| load.contains(*s)).collect();
    let dirty_in = may_in
        .iter()
        .map(|m| used.iter().copied().filter(|s| m.contains(*s)).collect())
        .collect();
    RegionSlots {
        used,
        entry_loads,
        dirty_in,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::builder::Builder;
    use crate::ir::{IntCC, Type};
    use crate::state::Flag;

    fn block(start: u64, b: Builder, term: impl FnOnce(&mut Builder) -> Terminator) -> Block {
        let mut b = b;
        let term = term(&mut b);
        Block::for_test(start, b, term, 1)
    }

    /// The block at 0x1000: `if rcx == 0 goto taken else goto not_taken`.
    fn branch_on_rcx(taken: u64, not_taken: u64) -> Block {
        let mut a = Builder::default();
        let c = a.get_reg(1);
        let cond = a.icmp_imm(IntCC::Eq, c, 0);
        block(0x1000, a, |_| Terminator::Branch {
            cond,
            taken,
            not_taken,
        })
    }

    /// A region's analysis with its internal edges.
    fn analyse(blocks: &[Block], returns: &[Vec<u64>]) -> RegionSlots {
        super::analyse(blocks, true, &RegionEdges::new(blocks, true, returns), &[])
    }

    #[test]
    fn written_before_any_store_back_is_not_loaded() {
        // rax = rbx + 1; ZF = (rax == 0); exit: rbx is read (loaded), rax and ZF
        // are written before the exit stores them (not loaded).
        let mut b = Builder::default();
        let x = b.get_reg(3);
        let y = b.add_imm(x, 1);
        b.set_reg(0, y);
        let z = b.icmp_imm(IntCC::Eq, y, 0);
        b.set_flag(Flag::ZF, z);
        let r = analyse(&[block(0x1000, b, |_| Terminator::Jump(0x2000))], &[]);
        assert_eq!(r.entry_loads, vec![Slot::Gpr(3)]);
        assert!(r.dirty_in[0].is_empty());
    }

    #[test]
    fn a_slot_written_only_on_a_later_iteration_is_loaded() {
        // A: if rcx == 0 goto B else exit — A stores back whatever is dirty.
        // B: rbx = 1; goto A. On the second pass through A, rbx is dirty; on the
        // first it must hold the state's value, so it is loaded at entry.
        let a = branch_on_rcx(0x1004, 0x3000);
        let mut b = Builder::default();
        let one = b.iconst(Type::I64, 1);
        b.set_reg(3, one);
        let b = block(0x1004, b, |_| Terminator::Jump(0x1000));
        let r = analyse(&[a, b], &[]);
        assert!(r.entry_loads.contains(&Slot::Gpr(3)), "{:?}", r.entry_loads);
        assert!(r.dirty_in[0].contains(&Slot::Gpr(3)));
    }

    #[test]
    fn a_return_site_sees_what_the_callee_wrote() {
        // call: rax read; jumps to the callee C. C: rdx = 7; ret (computed jump),
        // which may land on the return site R. R: exits, storing rdx: rdx is
        // dirty at R, and written on every path there (C always writes it), so
        // it needs no load.
        let mut call = Builder::default();
        let _ = call.get_reg(0);
        let mut call = block(0x1000, call, |_| Terminator::Jump(0x5000));
        call.call_return = Some(0x1004);
        let mut callee = Builder::default();
        let seven = callee.iconst(Type::I64, 7);
        callee.set_reg(2, seven);
        let sp = callee.get_reg(4);
        let callee = block(0x5000, callee, |_| Terminator::Indirect(sp));
        let ret = block(0x1004, Builder::default(), |_| Terminator::Jump(0x9000));
        let blocks = [call, callee, ret];
        let returns = vec![vec![], vec![0x1004], vec![]];
        let r = analyse(&blocks, &returns);
        assert!(r.dirty_in[2].contains(&Slot::Gpr(2)), "{:?}", r.dirty_in);
        assert!(!r.entry_loads.contains(&Slot::Gpr(2)));
        assert!(r.entry_loads.contains(&Slot::Gpr(0)));
        // Without the return edge the return site is unreachable inside: nothing
        // is dirty there.
        let r = analyse(&blocks, &[vec![], vec![], vec![]]);
        assert!(r.dirty_in[2].is_empty());
    }

    #[test]
    fn a_flag_dead_after_the_exit_is_neither_stored_nor_loaded() {
        // A: if rcx == 0 goto B else goto C. B: CF = 1; goto C. C: exits. CF is
        // dirty at C on one path only, so storing it there needs the state's CF
        // loaded at entry — unless CF is dead after C (the look-ahead saw it
        // overwritten first), when C's exit does not store it.
        for (live, loaded) in [(crate::FlagSet::ALL, true), (crate::FlagSet::NONE, false)] {
            let a = branch_on_rcx(0x1004, 0x1008);
            let mut b = Builder::default();
            let one = b.iconst(Type::I8, 1);
            b.set_flag(Flag::CF, one);
            let b = block(0x1004, b, |_| Terminator::Jump(0x1008));
            let mut c = block(0x1008, Builder::default(), |_| Terminator::Jump(0x9000));
            c.live_out_flags = live;
            let r = analyse(&[a, b, c], &[]);
            assert!(r.dirty_in[2].contains(&Slot::Flag(Flag::CF as u8)));
            assert_eq!(
                r.entry_loads.contains(&Slot::Flag(Flag::CF as u8)),
                loaded,
                "live after the exit: {live:?}"
            );
        }
    }
}
