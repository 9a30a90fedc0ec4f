//! Lowering: qvm IR → Cranelift IR, one host function per block.
//!
//! The function is `fn(state: *mut CpuState, mem_base: u64, g0, g1, g2, g3, gas) -> u64`
//! in Cranelift's `tail` convention, returning an [`ExitReason`]. Guest registers,
//! flags and XMM registers are cached in SSA values for the whole block: loaded from
//! the state on first read, stored back only if written, at every exit and before
//! every helper call (helpers see and may change the whole state, so the cache is
//! dropped after a call). The four guest registers of
//! [`crate::exec::PASSED_GPRS`] and the remaining gas are the exception: they
//! arrive as `g0..g3` and `gas`, leave as the arguments of the tail call that
//! chains to the next block, and are stored only where control returns to the run
//! loop or calls a helper. (A fault stores none of the cached slots: its register
//! dump shows them as of their last store; a fault or running out of gas uses the
//! whole gas limit, so the gas it leaves in the state does not matter.)
//!
//! Status flags are the exception to "stored if written": at a direct exit only
//! those the look-ahead found live after the block are stored, at a computed jump
//! only those its target's jump-cache entry reads, and at a gas checkpoint's exit
//! only those its block reads before writing. The others are overwritten before
//! anything reads them; storing them anyway kept them computed on every path into
//! the exit — in a region, around every loop. (A fault's register dump shows such
//! a flag as of its last store, as with every flag elided by the look-ahead.)
//!
//! Guest memory accesses are confined by one test of the address against the guest
//! space size (an out-of-range address exits with SIGSEGV; with a guard, an access
//! near one already tested is not tested, and one within a page of its base
//! register tests the register against a bound moved by the distance, see
//! `guest_addr`) and then address `mem_base + addr`;
//! page protections inside the space are enforced by the host MMU, whose faults the
//! signal handler in [`crate::exec`] turns into guest faults. Each guest
//! instruction's code carries a source location (its offset from the block start),
//! so a host fault address maps back to the guest instruction.

use crate::ir::{self, Block, Op, Terminator, Type, Value};
use crate::slots::{Slot, CARRIED};
use crate::state::{offsets, signal, ExitReason};
use cranelift_codegen::ir::{
    condcodes, types, AbiParam, Endianness, InstBuilder, MemFlagsData, Signature, SourceLoc,
};
use cranelift_codegen::ir::{Block as CBlock, Type as CType, Value as CValue};
use cranelift_codegen::isa::CallConv;
use cranelift_frontend::Variable;
use cranelift_frontend::{FunctionBuilder, FunctionBuilderContext};
use std::collections::HashMap;

/// The signature every compiled block has.
pub fn block_signature(call_conv: CallConv) -> Signature {
    let mut sig = Signature::new(call_conv);
    // The state, the memory base, the carried slots.
    for _ in 0..2 + CARRIED.len() {
        sig.params.push(AbiParam::new(types::I64));
    }
    sig.returns.push(AbiParam::new(types::I64));
    sig
}

fn helper_signature(call_conv: CallConv) -> Signature {
    let mut sig = Signature::new(call_conv);
    for _ in 0..4 {
        sig.params.push(AbiParam::new(types::I64));
    }
    sig.returns.push(AbiParam::new(types::I64));
    sig
}

fn ctype(t: Type) -> CType {
    match t {
        Type::I8 => types::I8,
        Type::I16 => types::I16,
        Type::I32 => types::I32,
        Type::I64 => types::I64,
        Type::F32 => types::F32,
        Type::F64 => types::F64,
        Type::V128 => types::I8X16,
    }
}

fn lane_type(l: ir::Lanes) -> CType {
    match l {
        ir::Lanes::I8x16 => types::I8X16,
        ir::Lanes::I16x8 => types::I16X8,
        ir::Lanes::I32x4 => types::I32X4,
        ir::Lanes::I64x2 => types::I64X2,
        ir::Lanes::F32x4 => types::F32X4,
        ir::Lanes::F64x2 => types::F64X2,
    }
}

/// Settings for lowering.
pub struct LowerConfig {
    /// Guest address space size (addresses must be below it).
    pub mem_size: u64,
    /// Calling convention of the host.
    pub call_conv: CallConv,
    /// The host ISA's frontend settings.
    pub frontend: cranelift_codegen::isa::TargetFrontendConfig,
    /// The jump cache compiled code chains through (see [`crate::chain`]), or
    /// null to always return to the run loop.
    pub jump_cache: *const crate::chain::JumpEntry,
    /// See [`crate::TranslatorConfig::guard`].
    pub guard: u64,
    /// Compile the SHA extensions to the host's own instructions (the host has
    /// them and [`crate::TranslatorConfig::host_sha`] allows it); else a helper.
    pub host_sha: bool,
}

struct Lower<'a, 'b> {
    fb: FunctionBuilder<'b>,
    /// The IR block being lowered.
    block: &'a Block,
    cfg: &'a LowerConfig,
    state: CValue,
    mem_base: CValue,
    vals: Vec<Option<CValue>>,
    /// One Cranelift variable per guest-state slot the region touches.
    vars: HashMap<Slot, Variable>,
    /// Slots (in first-use order) the region touches.
    used: Vec<Slot>,
    /// Slots that may hold a value not yet stored into the state on the current path.
    dirty: Vec<Slot>,
    /// Cranelift block of each guest block of the region, by guest address.
    internal: HashMap<u64, CBlock>,
    /// Guest address of every instruction marker, indexed by source location.
    rips: Vec<u64>,
    /// The function counts executions (tier 1): no internal edges.
    counting: bool,
    rip: u64,
    /// Shared cold exits (made on first use, filled at the end): one per function
    /// instead of one per memory access keeps the IR — and compile time — small.
    fault_exit: Option<CBlock>,
    gas_exit: Option<CBlock>,
    /// Host values of the block known as (root, constant offset): value = root +
    /// offset, through additions and subtractions of constants.
    affine: HashMap<CValue, (CValue, i64)>,
    /// Lane views made in the current block: (vector, lanes, bitcast). One view
    /// per vector, so that a scalar op on lane 0 written back into lane 0 is one
    /// SSE scalar instruction (the vendored Cranelift's `insertlane` rules match
    /// the same vector on both sides; without the optimizer no GVN merges views).
    views: Vec<(CValue, ir::Lanes, CValue)>,
    /// Per IR value of the block: its constant, if it is one.
    consts: Vec<Option<u64>>,
    /// A guest load was emitted since the last instruction boundary.
    loaded: bool,
    /// (root, offset) of every access of the block checked so far.
    checked: Vec<(CValue, i64)>,
    /// Per block: how its gas charge is checked (see [`crate::gas_check`]).
    checks: Vec<crate::gas_check::Check>,
    /// Per block of the region: where its computed jump may continue inside the
    /// region (return sites of calls into its function).
    returns: Vec<Vec<u64>>,
    /// Index of the block being lowered.
    index: usize,
    /// Per block of the region: the profile buffer its computed jump records the
    /// targets it leaves the region for in (see [`crate::cache`]'s re-profiling).
    profiles: Vec<Option<u64>>,
    /// Guest address of the region's entry block.
    region_entry: u64,
}

/// A 64-bit pattern as Cranelift's signed immediate (bit-for-bit, no arithmetic).
fn imm(v: u64) -> i64 {
    i64::from_ne_bytes(v.to_ne_bytes())
}

/// The low 64 bits of a 128-bit constant.
fn low64(v: u128) -> u64 {
    let b = v.to_le_bytes();
    u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]])
}

fn state_flags() -> MemFlagsData {
    MemFlagsData::trusted()
}

fn guest_flags() -> MemFlagsData {
    MemFlagsData::new().with_endianness(Endianness::Little)
}

fn vflags() -> MemFlagsData {
    MemFlagsData::new().with_endianness(Endianness::Little)
}

/// How a tier-1 block counts its executions to find hot loops: the address of a
/// `u32` counter that the block decrements on entry, and the loop header it reports
/// (in `CpuState::hot_target`) when the counter reaches zero.
#[derive(Clone, Copy, Debug)]
pub struct HotCounter {
    /// Host address of the counter.
    pub counter: u64,
    /// Guest address of the loop header to promote.
    pub header: u64,
    /// The count the counter restarts from after it reports.
    pub rearm: u32,
}

/// Builds the Cranelift function for a region — `blocks[0]` is its entry; edges
/// between its blocks become host jumps and guest registers stay in host registers
/// along them, including a computed jump of block `i` that lands on one of
/// `returns[i]` — into `func`. A computed jump of block `i` that leaves the region
/// records its target in the buffer at `profiles[i]` if there is one (see
/// `Lower::record_miss`). Returns the guest address of every instruction by
/// source location (for mapping host faults back).
pub fn lower_region(
    blocks: &[Block],
    cfg: &LowerConfig,
    hot: Option<HotCounter>,
    returns: &[Vec<u64>],
    profiles: &[Option<u64>],
    func: &mut cranelift_codegen::ir::Function,
    fctx: &mut FunctionBuilderContext,
) -> Vec<u64> {
    func.signature = block_signature(CallConv::Tail);
    let mut fb = FunctionBuilder::new(func, fctx);
    let entry = fb.create_block();
    fb.append_block_params_for_function_params(entry);
    let internal: HashMap<u64, CBlock> = blocks
        .iter()
        .map(|b| (b.start, fb.create_block()))
        .collect();
    fb.switch_to_block(entry);
    let state = fb.block_params(entry)[0];
    let mem_base = fb.block_params(entry)[1];
    let carried: Vec<CValue> = fb.block_params(entry)[2..].to_vec();
    let edges = crate::slots::RegionEdges::new(blocks, hot.is_none(), returns);
    let checks = crate::gas_check::plan(blocks, &edges);
    let leaves_at_start: Vec<bool> = checks
        .iter()
        .map(|c| matches!(c, crate::gas_check::Check::Window(_)))
        .collect();
    let mut flow = crate::slots::analyse(blocks, hot.is_none(), &edges, &leaves_at_start);
    // The passed registers and the gas arrive as arguments and leave as
    // arguments (or are stored by `exit`): never loaded at entry, never dirty.
    for s in CARRIED {
        if !flow.used.contains(&s) {
            flow.used.push(s);
        }
    }
    flow.entry_loads.retain(|s| !CARRIED.contains(s));
    for d in &mut flow.dirty_in {
        d.retain(|s| !CARRIED.contains(s));
    }
    let mut l = Lower {
        fb,
        block: &blocks[0],
        cfg,
        state,
        mem_base,
        vals: Vec::new(),
        vars: HashMap::new(),
        used: flow.used.clone(),
        dirty: Vec::new(),
        internal,
        rips: Vec::new(),
        counting: hot.is_some(),
        rip: blocks[0].start,
        fault_exit: None,
        gas_exit: None,
        affine: HashMap::new(),
        views: Vec::new(),
        consts: Vec::new(),
        checked: Vec::new(),
        loaded: false,
        checks,
        returns: if hot.is_none() {
            returns.to_vec()
        } else {
            Vec::new()
        },
        index: 0,
        profiles: if hot.is_none() {
            profiles.to_vec()
        } else {
            Vec::new()
        },
        region_entry: blocks[0].start,
    };
    for s in l.used.clone() {
        let var = l.fb.declare_var(s.ty());
        l.vars.insert(s, var);
    }
    for (s, v) in CARRIED.into_iter().zip(carried) {
        let var = l.vars[&s];
        l.fb.def_var(var, v);
    }
    if let Some(h) = hot {
        l.hot_check(h);
    }
    l.load(&flow.entry_loads);
    let first = l.internal[&blocks[0].start];
    l.fb.ins().jump(first, &[]);
    let preds = &edges.preds;
    // The accesses checked by the end of each block: a block whose only
    // predecessor is lowered before it starts with them (every path to it ran them).
    let mut checked_out: Vec<Vec<(CValue, i64)>> = vec![Vec::new(); blocks.len()];
    for (i, b) in blocks.iter().enumerate() {
        l.block = b;
        l.index = i;
        l.vals = vec![None; b.types.len()];
        l.affine.clear();
        l.views.clear();
        l.consts = vec![None; b.types.len()];
        l.rip = b.start;
        l.dirty = flow.dirty_in[i].clone();
        let cb = l.internal[&b.start];
        // Sealed as soon as all its predecessors' jumps exist (see brif_sealed).
        let preds_done = i > 0 && preds[i].iter().all(|&p| p < i);
        if preds_done {
            l.fb.seal_block(cb);
        }
        l.checked = match preds[i].as_slice() {
            [p] if preds_done => checked_out[*p].clone(),
            _ => Vec::new(),
        };
        l.fb.switch_to_block(cb);
        let keepalive = crate::passes::fp_keepalive(b);
        for (op, keep) in b.ops.iter().zip(keepalive) {
            l.op(op, keep);
        }
        l.terminator(&b.term);
        checked_out[i] = std::mem::take(&mut l.checked);
    }
    l.fill_shared_exits();
    l.fb.seal_all_blocks();
    let rips = std::mem::take(&mut l.rips);
    l.fb.finalize(cfg.frontend);
    rips
}

impl Lower<'_, '_> {
    fn v(&self, v: Value) -> CValue {
        self.vals[v.0 as usize].expect("IR value used before definition")
    }

    fn def(&mut self, v: Value, c: CValue) {
        self.vals[v.0 as usize] = Some(c);
    }

    fn ty(&self, v: Value) -> Type {
        self.block.ty(v)
    }

    fn iconst(&mut self, t: CType, v: i64) -> CValue {
        self.fb.ins().iconst(t, v)
    }

    fn read_slot(&mut self, s: Slot) -> CValue {
        let var = self.vars[&s];
        self.fb.use_var(var)
    }

    fn write_slot(&mut self, s: Slot, v: CValue) {
        let var = self.vars[&s];
        self.fb.def_var(var, v);
        if !self.dirty.contains(&s) && !CARRIED.contains(&s) {
            self.dirty.push(s);
        }
    }

    /// Stores every slot that may be dirty on this path back into the state (the
    /// carried slots are never dirty: see [`Self::store_carried`]).
    fn flush(&mut self) {
        for s in self.dirty.clone() {
            let v = self.read_slot(s);
            self.fb
                .ins()
                .store(state_flags(), v, self.state, s.offset());
        }
    }

    /// [`Self::flush`] without the dirty status flags outside `live`: those the
    /// code that runs next overwrites before reading. Leaving them out keeps
    /// them from being computed on the paths into this exit — around a loop, on
    /// every iteration.
    fn flush_live(&mut self, live: crate::FlagSet) {
        let dead_flags = crate::FlagSet::STATUS.minus(live);
        let dead = |s: &Slot| matches!(s, Slot::Flag(f) if dead_flags.0 & (1 << f) != 0);
        let stored: Vec<Slot> = self.dirty.iter().copied().filter(|s| !dead(s)).collect();
        let all = std::mem::replace(&mut self.dirty, stored);
        self.flush();
        self.dirty = all;
    }

    /// Loads `slots` from the state.
    fn load(&mut self, slots: &[Slot]) {
        for &s in slots {
            let v = self
                .fb
                .ins()
                .load(s.ty(), state_flags(), self.state, s.offset());
            let var = self.vars[&s];
            self.fb.def_var(var, v);
        }
    }

    /// After a helper, which may have changed any slot (REP string helpers charge
    /// gas in the state).
    fn reload_all(&mut self) {
        let used = self.used.clone();
        self.load(&used);
    }

    /// Stores the passed registers and the gas into the state: where control
    /// returns to the run loop or calls a helper, which read the state. (Chained
    /// exits pass them to the next block as arguments instead.)
    fn store_carried(&mut self) {
        self.store_slots(&CARRIED);
    }

    /// Before a helper: the state must be complete, gas included.
    fn flush_and_forget(&mut self) {
        self.flush();
        self.store_carried();
        self.dirty.clear();
    }

    /// Decrements a hot counter; at zero, leaves with [`ExitReason::Hot`] before
    /// anything of the block has run (so gas and state are untouched).
    fn hot_check(&mut self, h: HotCounter) {
        let addr = self.iconst(types::I64, imm(h.counter));
        let c = self.fb.ins().load(types::I32, state_flags(), addr, 0);
        let n = self.fb.ins().iadd_imm_s(c, -1);
        self.fb.ins().store(state_flags(), n, addr, 0);
        let zero = self.fb.ins().icmp_imm_u(condcodes::IntCC::Equal, n, 0);
        self.cold_if(zero, |l| {
            // Re-arm: a block whose report did not replace its own code (its loop
            // was already compiled without it) reports again, and is then promoted
            // itself.
            let rearm = l.iconst(types::I32, i64::from(h.rearm));
            l.fb.ins().store(state_flags(), rearm, addr, 0);
            l.store_state_u64(offsets::HOT_TARGET, h.header);
            l.store_state_u64(offsets::RIP, l.block.start);
            l.exit(ExitReason::Hot);
        });
    }

    /// A computed jump leaving the region for `target`: records the target in the
    /// ring of the profile buffer at `buf` (word 0 counts, words 1.. hold the
    /// last [`crate::cache::PROFILE_RING`] targets) and, when the count reaches
    /// [`crate::cache::REPROFILE_MISSES`], leaves with [`ExitReason::Hot`] naming
    /// this region's entry tagged [`crate::cache::REPROFILE`], so that the run
    /// loop recompiles it with those targets inside. The block has run whole;
    /// `rip` is the target.
    fn record_miss(&mut self, buf: u64, target: CValue) {
        use crate::cache::{PROFILE_RING, REPROFILE, REPROFILE_MISSES};
        let p = self.iconst(types::I64, imm(buf));
        let n = self.fb.ins().load(types::I64, state_flags(), p, 0);
        let ring = i64::try_from(PROFILE_RING - 1).unwrap_or(0);
        let i = self.fb.ins().band_imm_u(n, ring);
        let off = self.fb.ins().ishl_imm_u(i, 3);
        let slot = self.fb.ins().iadd(p, off);
        self.fb.ins().store(state_flags(), target, slot, 8);
        let n1 = self.fb.ins().iadd_imm_s(n, 1);
        self.fb.ins().store(state_flags(), n1, p, 0);
        let full = self
            .fb
            .ins()
            .icmp_imm_u(condcodes::IntCC::Equal, n1, imm(REPROFILE_MISSES));
        let root = self.region_entry | REPROFILE;
        self.cold_if(full, |l| {
            l.flush();
            l.fb.ins()
                .store(state_flags(), target, l.state, offsets::RIP);
            l.store_state_u64(offsets::HOT_TARGET, root);
            l.exit(ExitReason::Hot);
        });
    }

    /// Emits `if cond { body }`, `body` in a cold block of its own that must leave
    /// (return or jump away); lowering continues in a fresh block after the test.
    fn cold_if(&mut self, cond: CValue, body: impl FnOnce(&mut Self)) {
        let cold = self.fb.create_block();
        let cont = self.fb.create_block();
        self.fb.set_cold_block(cold);
        self.brif_sealed(cond, cold, cont);
        self.fb.switch_to_block(cold);
        // Views made in the cold block do not dominate what follows.
        let views = self.views.len();
        body(self);
        self.views.truncate(views);
        self.fb.switch_to_block(cont);
    }

    /// `brif` to two fresh blocks, each then sealed: their only predecessor is
    /// this branch. Sealing at once (not at the end) lets a guest register read
    /// in them resolve to the value already known instead of a placeholder
    /// block parameter, so that two reads of one register stay one value.
    fn brif_sealed(&mut self, cond: CValue, a: CBlock, b: CBlock) {
        self.fb.ins().brif(cond, a, &[], b, &[]);
        self.fb.seal_block(a);
        self.fb.seal_block(b);
    }

    fn store_state_u64(&mut self, off: i32, v: u64) {
        let c = self.fb.ins().iconst(types::I64, imm(v));
        self.fb.ins().store(state_flags(), c, self.state, off);
    }

    /// Returns to the run loop (through the trampoline) with `reason`.
    fn exit(&mut self, reason: ExitReason) {
        self.store_carried();
        self.exit_unstored(reason);
    }

    /// [`Self::exit`] without storing the carried slots: the fault and out-of-gas
    /// exits, which end the run (a fault's register dump shows them as of their
    /// last store; either uses the whole gas limit).
    fn exit_unstored(&mut self, reason: ExitReason) {
        let r = self.iconst(types::I64, reason as i64);
        self.fb.ins().return_(&[r]);
    }

    /// The function's shared exit block with parameters `params`, made on first use
    /// (its body is emitted at the end, by [`Self::fill_shared_exits`]).
    fn shared_exit(
        &mut self,
        which: fn(&mut Self) -> &mut Option<CBlock>,
        params: &[CType],
    ) -> CBlock {
        if let Some(b) = *which(self) {
            return b;
        }
        let b = self.fb.create_block();
        for &t in params {
            self.fb.append_block_param(b, t);
        }
        self.fb.set_cold_block(b);
        *which(self) = Some(b);
        b
    }

    /// Emits `if cond { jump exit(args) }`. A two-instruction cold block per site
    /// keeps the argument constants off the hot path (as branch arguments they
    /// would be materialized before the test); `args` runs inside it.
    fn exit_if(&mut self, cond: CValue, exit: CBlock, args: impl FnOnce(&mut Self) -> Vec<CValue>) {
        self.cold_if(cond, |l| {
            let a: Vec<cranelift_codegen::ir::BlockArg> =
                args(l).into_iter().map(Into::into).collect();
            l.fb.ins().jump(exit, &a);
        });
    }

    /// Emits `if cond { store fault info; return Fault }` through the function's
    /// shared fault exit.
    fn fault_if(&mut self, cond: CValue, sig: u32, addr: CValue) {
        self.fault_if_with(cond, sig, |_| addr);
    }

    /// [`Self::fault_if`] with the fault address computed in the fault path.
    fn fault_if_with(&mut self, cond: CValue, sig: u32, addr: impl FnOnce(&mut Self) -> CValue) {
        let exit = self.shared_exit(|l| &mut l.fault_exit, &[types::I32, types::I64, types::I64]);
        self.exit_if(cond, exit, |l| {
            let s = l.iconst(types::I32, i64::from(sig));
            let r = l.iconst(types::I64, imm(l.rip));
            let a = addr(l);
            vec![s, a, r]
        });
    }

    /// Emits `if cond { RIP = this block; return OutOfGas }` through the shared
    /// out-of-gas exit. Out of gas ends the run and nothing is committed, so the
    /// state need not be written back; RIP names the block that could not pay.
    fn out_of_gas_if(&mut self, cond: CValue) {
        let exit = self.shared_exit(|l| &mut l.gas_exit, &[types::I64]);
        self.exit_if(cond, exit, |l| {
            vec![l.iconst(types::I64, imm(l.block.start))]
        });
    }

    /// Emits `if cond { store the state; RIP = this block; return GasLow }`: the
    /// gas may not cover the window this checkpoint starts, so the run loop
    /// interprets the block, charging block by block. Nothing of the block has
    /// run; every slot that may be dirty is stored ([`crate::slots::analyse`]
    /// loads at entry whatever that could store undefined), except the status
    /// flags the block overwrites before reading.
    fn gas_low_if(&mut self, cond: CValue) {
        // Status flags the block writes before reading are not stored: the
        // interpreter overwrites them before anything observes them (as at a
        // computed jump, see `crate::chain`). Storing them would keep them
        // computed on every path into a checkpoint — the back edge of every loop.
        let live = crate::passes::live_in_flags(self.block);
        self.cold_if(cond, |l| {
            l.flush_live(live);
            l.store_state_u64(offsets::RIP, l.block.start);
            let e = l.iconst(types::I32, ExitReason::GasLow as i64);
            l.fb.ins()
                .store(state_flags(), e, l.state, offsets::EXIT_REASON);
            l.exit(ExitReason::GasLow);
        });
    }

    /// Emits the bodies of the shared exits used.
    fn fill_shared_exits(&mut self) {
        if let Some(b) = self.fault_exit {
            self.fb.switch_to_block(b);
            let p = self.fb.block_params(b).to_vec();
            let st = self.state;
            self.fb
                .ins()
                .store(state_flags(), p[0], st, offsets::FAULT_SIGNAL);
            self.fb
                .ins()
                .store(state_flags(), p[1], st, offsets::FAULT_ADDR);
            self.fb
                .ins()
                .store(state_flags(), p[2], st, offsets::FAULT_RIP);
            let e = self.iconst(types::I32, ExitReason::Fault as i64);
            self.fb
                .ins()
                .store(state_flags(), e, st, offsets::EXIT_REASON);
            // Like the other cached slots, the carried ones are not stored at a
            // fault: the run ends, and its register dump shows them as of their
            // last store (joining every fault site's values would cost compile time).
            self.exit_unstored(ExitReason::Fault);
        }
        if let Some(b) = self.gas_exit {
            self.fb.switch_to_block(b);
            let p = self.fb.block_params(b).to_vec();
            let st = self.state;
            self.fb.ins().store(state_flags(), p[0], st, offsets::RIP);
            let e = self.iconst(types::I32, ExitReason::OutOfGas as i64);
            self.fb
                .ins()
                .store(state_flags(), e, st, offsets::EXIT_REASON);
            self.exit_unstored(ExitReason::OutOfGas);
        }
    }

    /// Records constants and constant offsets, for [`Self::guest_addr`]: after
    /// the op is lowered, so that its host values exist. Roots are host values,
    /// so that two reads of an unchanged guest register share one.
    fn track_offsets(&mut self, op: &Op) {
        match *op {
            Op::Const {
                dst,
                ty: Type::I64,
                bits,
            } => {
                self.consts[dst.0 as usize] = Some(low64(bits));
            }
            Op::Binary { dst, op, a, b }
                if self.ty(dst) == Type::I64 && matches!(op, ir::BinOp::Add | ir::BinOp::Sub) =>
            {
                // value = base + c (a Sub's constant negated).
                let (base, c) = match (op, self.consts[a.0 as usize], self.consts[b.0 as usize]) {
                    (ir::BinOp::Add, _, Some(c)) => (a, c),
                    (ir::BinOp::Add, Some(c), None) => (b, c),
                    (ir::BinOp::Sub, _, Some(c)) => (a, c.wrapping_neg()),
                    _ => return,
                };
                let (r, o) = self.affine_of(self.v(base));
                let d = self.v(dst);
                self.affine.insert(d, (r, o.wrapping_add(c.cast_signed())));
            }
            _ => {}
        }
    }

    /// (root, offset) of a host value: value = root + offset.
    fn affine_of(&self, v: CValue) -> (CValue, i64) {
        self.affine.get(&v).copied().unwrap_or((v, 0))
    }

    /// Host address of a guest access of `bytes` bytes at `addr`, after the
    /// confinement check.
    ///
    /// With a guard ([`crate::TranslatorConfig::guard`]) an access at root + d
    /// needs no check if one at root + d' of this block passed its check
    /// (0 ≤ root + d' < size) and |d − d'| + bytes ≤ guard / 2: its host
    /// bytes then lie within the guards, so it cannot reach host memory, and
    /// where its own check would fail — its address wrapped below 0, or within
    /// `bytes` of the end — its first byte is on the low guard, the guest's
    /// never-mapped last page or the high guard, so it faults at exactly the
    /// address the check would report, from the same instruction, with the same
    /// state. (Page 0 is never mapped either, so nothing else differs.) The same
    /// promise lets the check itself test only `addr < size`.
    fn guest_addr(&mut self, addr: CValue, bytes: u32) -> CValue {
        /// The guest's page size: its first and last pages are never accessible
        /// when there is a guard.
        const PAGE: u64 = 4096;
        let (root, off) = self.affine_of(addr);
        if self.cfg.guard > 0 {
            let near = self.cfg.guard / 2;
            let covered = self.checked.iter().any(|&(r, o)| {
                r == root
                    && off
                        .wrapping_sub(o)
                        .unsigned_abs()
                        .saturating_add(u64::from(bytes))
                        <= near
            });
            if covered {
                return self.fb.ins().iadd(self.mem_base, addr);
            }
            self.checked.push((root, off));
        }
        let limit = if self.cfg.guard > 0 && bytes <= 4096 {
            // `addr >= size`: an access that starts below the end but runs past it
            // starts on the never-accessible last page and faults there, at the
            // address the full check reports. For a space of at most 2 GiB the
            // limit is an x86 immediate, so the check is `cmp addr, imm32; ja` — one
            // fused micro-op and no scratch register (the 4 GiB space needed a
            // shifted copy of the address and a test: the 2 GiB space measured
            // Lua −3%, zstd −5 to −10%).
            self.cfg.mem_size - 1
        } else {
            self.cfg.mem_size - u64::from(bytes)
        };
        if self.cfg.guard / 2 >= PAGE
            && off != 0
            && off.unsigned_abs() < PAGE
            && (off > 0 || u64::from(bytes) <= PAGE)
        {
            // A displacement within a page tests the base register alone: the
            // address is then only an operand of the access (`[base + root +
            // off]`), not a value computed for the check — no `lea`, no scratch
            // register (Lua −6%, SQLite −4%); the fault exit computes it.
            // - off > 0: `root <= limit - off` is `root + off <= limit` where the
            //   sum does not wrap; where it wraps, the address is below `off`, on
            //   the never-accessible first page: a fault either way.
            // - off < 0: `root <= limit` passes every address the full test
            //   passes; those it also passes with `root + off < 0` have their
            //   first byte on the low guard, and those it fails with `root + off
            //   <= limit` start on the never-accessible last page: faults at the
            //   address the full test reports, as for an elided check.
            let bound = if off > 0 {
                limit - off.unsigned_abs()
            } else {
                limit
            };
            let out =
                self.fb
                    .ins()
                    .icmp_imm_u(condcodes::IntCC::UnsignedGreaterThan, root, imm(bound));
            self.fault_if_with(out, signal::SIGSEGV, |l| l.fb.ins().iadd_imm_s(root, off));
            return self.fb.ins().iadd(self.mem_base, addr);
        }
        let out = self
            .fb
            .ins()
            .icmp_imm_u(condcodes::IntCC::UnsignedGreaterThan, addr, imm(limit));
        self.fault_if(out, signal::SIGSEGV, addr);
        self.fb.ins().iadd(self.mem_base, addr)
    }

    fn as_lanes(&mut self, v: CValue, lanes: ir::Lanes) -> CValue {
        let t = lane_type(lanes);
        if t == types::I8X16 {
            return v;
        }
        if let Some(&(_, _, view)) = self.views.iter().find(|e| e.0 == v && e.1 == lanes) {
            return view;
        }
        let view = self.fb.ins().bitcast(t, vflags(), v);
        self.views.push((v, lanes, view));
        view
    }

    /// An instruction of the SHA extensions: the host's own where it has them,
    /// else [`crate::sha`]'s software through a helper (operands and result in a
    /// stack slot; the call writes the guest state back like any helper call).
    fn sha(&mut self, op: ir::ShaOp, a: Value, b: Value, k: Value) -> CValue {
        use ir::ShaOp as S;
        let x = self.v(a);
        let x = self.canonical(x);
        let y = self.v(b);
        let y = self.canonical(y);
        let kv = if op == S::Sha256Rnds2 {
            let kv = self.v(k);
            self.canonical(kv)
        } else {
            y
        };
        if self.cfg.host_sha {
            let ins = self.fb.ins();
            return match op {
                S::Sha1Rnds4(f) => ins.x86_sha1rnds4(x, y, f & 3),
                S::Sha1Nexte => ins.x86_sha1nexte(x, y),
                S::Sha1Msg1 => ins.x86_sha1msg1(x, y),
                S::Sha1Msg2 => ins.x86_sha1msg2(x, y),
                S::Sha256Rnds2 => ins.x86_sha256rnds2(x, y, kv),
                S::Sha256Msg1 => ins.x86_sha256msg1(x, y),
                S::Sha256Msg2 => ins.x86_sha256msg2(x, y),
            };
        }
        let slot = self
            .fb
            .create_sized_stack_slot(cranelift_codegen::ir::StackSlotData::new(
                cranelift_codegen::ir::StackSlotKind::ExplicitSlot,
                48,
                4,
            ));
        for (i, v) in [x, y, kv].into_iter().enumerate() {
            self.fb
                .ins()
                .stack_store(types::I64, v, slot, i32::try_from(16 * i).unwrap_or(0));
        }
        let ptr = self.fb.ins().stack_addr(types::I64, slot, 0);
        let code = self.iconst(types::I64, imm(op.code()));
        self.call_helper_values(crate::helper!("sha", crate::sha::sha_helper), &[code, ptr]);
        self.fb.ins().stack_load(types::I64, types::I8X16, slot, 0)
    }

    fn canonical(&mut self, v: CValue) -> CValue {
        if self.fb.func.dfg.value_type(v) == types::I8X16 {
            v
        } else {
            self.fb.ins().bitcast(types::I8X16, vflags(), v)
        }
    }

    fn call_helper(&mut self, h: &ir::Helper, args: &[Value]) -> CValue {
        let a: Vec<CValue> = args.iter().map(|v| self.v(*v)).collect();
        self.call_helper_values(h, &a)
    }

    /// Calls a helper with up to three I64 arguments: the state it may read is
    /// written back first (with RIP naming the current instruction) and what it
    /// may write is reloaded after ([`ir::HelperState`]).
    fn call_helper_values(&mut self, h: &ir::Helper, args: &[CValue]) -> CValue {
        let touched = self.helper_slots(h.state);
        match (&touched, h.state) {
            // It cannot end the run: only what it reads need be in the state.
            (Some(t), ir::HelperState::Only { may_end: false, .. }) => {
                // The dirty ones among them, and the carried ones (never dirty).
                let store: Vec<Slot> = t
                    .iter()
                    .copied()
                    .filter(|s| self.dirty.contains(s) || CARRIED.contains(s))
                    .collect();
                self.store_slots(&store);
                self.dirty.retain(|s| !t.contains(s));
            }
            _ => self.flush_and_forget(),
        }
        self.store_state_u64(offsets::RIP, self.rip);
        let sig = self
            .fb
            .import_signature(helper_signature(self.cfg.call_conv));
        let f = self.iconst(types::I64, imm(h.func as usize as u64));
        let mut a = vec![self.state];
        for i in 0..3 {
            let v = match args.get(i) {
                Some(v) => *v,
                None => self.iconst(types::I64, 0),
            };
            a.push(v);
        }
        let call = self.fb.ins().call_indirect(sig, f, &a);
        let r = self.fb.inst_results(call)[0];
        match touched {
            None => self.reload_all(),
            Some(t) => self.load(&t),
        }
        r
    }

    /// The cached slots a helper may read or write (`None`: any of them).
    fn helper_slots(&self, state: ir::HelperState) -> Option<Vec<Slot>> {
        let ir::HelperState::Only {
            gprs, flags, gas, ..
        } = state
        else {
            return None;
        };
        Some(
            self.used
                .iter()
                .copied()
                .filter(|s| match *s {
                    Slot::Gpr(i) => gprs & (1 << i) != 0,
                    Slot::Flag(_) => flags,
                    Slot::Gas => gas,
                    _ => false,
                })
                .collect(),
        )
    }

    /// Lowers one op; `keepalive`: a float op whose result nothing kept reads (see
    /// [`crate::passes::fp_keepalive`]).
    fn op(&mut self, op: &Op, keepalive: bool) {
        self.op_inner(op);
        self.track_offsets(op);
        // Float ops have a side effect Cranelift does not model: MXCSR exception
        // flags (and SIGFPE when unmasked). A store of the result, where nothing
        // else Cranelift keeps reads it in time, keeps the op where the guest has it.
        if keepalive {
            if let Some(d) = crate::passes::op_dst(op) {
                let v = self.v(d);
                let off =
                    i32::try_from(core::mem::offset_of!(crate::CpuState, helper_scratch) + 16)
                        .unwrap_or(0);
                self.fb.ins().store(state_flags(), v, self.state, off);
            }
        }
    }

    fn op_inner(&mut self, op: &Op) {
        match *op {
            Op::Insn { rip, .. } => {
                // A guest load must not be merged into an instruction of a later
                // guest instruction (an `add reg, [mem]`): a host fault on it would
                // then name that instruction. The barrier emits nothing.
                if std::mem::take(&mut self.loaded) {
                    self.fb.ins().sequence_point();
                }
                self.rip = rip;
                let idx = u32::try_from(self.rips.len()).unwrap_or(u32::MAX - 1);
                self.rips.push(rip);
                self.fb.set_srcloc(SourceLoc::new(idx));
            }
            Op::ChargeGas { cost } => {
                let g = self.read_slot(Slot::Gas);
                match self.checks.get(self.index) {
                    Some(crate::gas_check::Check::None) => {}
                    Some(&crate::gas_check::Check::Window(w)) => {
                        let short =
                            self.fb
                                .ins()
                                .icmp_imm_u(condcodes::IntCC::UnsignedLessThan, g, imm(w));
                        self.gas_low_if(short);
                    }
                    _ => {
                        let short = self.fb.ins().icmp_imm_u(
                            condcodes::IntCC::UnsignedLessThan,
                            g,
                            imm(cost),
                        );
                        self.out_of_gas_if(short);
                    }
                }
                let cst = self.iconst(types::I64, imm(cost));
                let n = self.fb.ins().isub(g, cst);
                self.write_slot(Slot::Gas, n);
            }
            Op::Const { dst, ty, bits } => {
                let c = match ty {
                    Type::F32 => self.fb.ins().f32const(f32::from_bits(
                        u32::try_from(bits & 0xffff_ffff).unwrap_or(0),
                    )),
                    Type::F64 => self.fb.ins().f64const(f64::from_bits(low64(bits))),
                    Type::V128 => {
                        let data =
                            cranelift_codegen::ir::ConstantData::from(bits.to_le_bytes().to_vec());
                        let h = self.fb.func.dfg.constants.insert(data);
                        self.fb.ins().vconst(types::I8X16, h)
                    }
                    _ => self.fb.ins().iconst(ctype(ty), imm(low64(bits))),
                };
                self.def(dst, c);
            }
            Op::GetReg { dst, reg } => {
                let v = self.read_slot(Slot::Gpr(reg));
                self.def(dst, v);
            }
            Op::SetReg { reg, src } => {
                let v = self.v(src);
                self.write_slot(Slot::Gpr(reg), v);
            }
            Op::GetFlag { dst, flag } => {
                let v = self.read_slot(Slot::Flag(flag as u8));
                self.def(dst, v);
            }
            Op::SetFlag { flag, src } => {
                let v = self.v(src);
                self.write_slot(Slot::Flag(flag as u8), v);
            }
            Op::Flags { .. } => {
                // Only the interpreter's blocks hold compact flag ops: the
                // compiled tiers lift flags expanded (`LiftConfig::compact_flags`).
                // Were one to get here the guest would fault at this instruction
                // rather than run on with flags never written.
                debug_assert!(false, "compact flag op in compiled code");
                let one = self.iconst(types::I8, 1);
                let zero = self.iconst(types::I64, 0);
                self.fault_if(one, crate::state::signal::SIGILL, zero);
            }
            Op::GetXmm { dst, reg } => {
                let v = self.read_slot(Slot::Xmm(reg));
                self.def(dst, v);
            }
            Op::SetXmm { reg, src } => {
                let v = self.v(src);
                self.write_slot(Slot::Xmm(reg), v);
            }
            Op::GetSpecial { dst, which } => {
                let v = match which {
                    ir::Special::FsBase => self.read_slot(Slot::FsBase),
                    ir::Special::GsBase => self.read_slot(Slot::GsBase),
                    ir::Special::Mxcsr => {
                        let h = ir::Helper {
                            name: "stmxcsr",
                            func: helper_stmxcsr,
                            state: ir::HelperState::All,
                        };
                        let r = self.call_helper(&h, &[]);
                        self.fb.ins().ireduce(types::I32, r)
                    }
                };
                self.def(dst, v);
            }
            Op::SetSpecial { which, src } => match which {
                ir::Special::FsBase => {
                    let v = self.v(src);
                    self.write_slot(Slot::FsBase, v);
                }
                ir::Special::GsBase => {
                    let v = self.v(src);
                    self.write_slot(Slot::GsBase, v);
                }
                ir::Special::Mxcsr => {
                    let h = ir::Helper {
                        name: "ldmxcsr",
                        func: helper_ldmxcsr,
                        state: ir::HelperState::All,
                    };
                    let v = self.v(src);
                    let w = self.fb.ins().uextend(types::I64, v);
                    self.call_helper_values(&h, &[w]);
                }
            },
            Op::Load { dst, ty, addr } => {
                self.loaded = true;
                let a = self.v(addr);
                let h = self.guest_addr(a, ty.bytes());
                let v = self.fb.ins().load(ctype(ty), guest_flags(), h, 0);
                self.def(dst, v);
            }
            Op::Store { addr, src } => {
                let a = self.v(addr);
                let bytes = self.ty(src).bytes();
                let h = self.guest_addr(a, bytes);
                let v = self.v(src);
                self.fb.ins().store(guest_flags(), v, h, 0);
            }
            Op::Unary { dst, op, a } => {
                let x = self.v(a);
                let r = self.unary(op, x);
                self.def(dst, r);
            }
            Op::Binary { dst, op, a, b } => {
                let x = self.v(a);
                let y = self.v(b);
                let r = self.binary(op, x, y);
                self.def(dst, r);
            }
            Op::Icmp { dst, cc, a, b } => {
                let x = self.v(a);
                let y = self.v(b);
                let r = self.fb.ins().icmp(intcc(cc), x, y);
                self.def(dst, r);
            }
            Op::Fcmp { dst, cc, a, b } => {
                let x = self.v(a);
                let y = self.v(b);
                let r = self.fb.ins().fcmp(floatcc(cc), x, y);
                self.def(dst, r);
            }
            Op::Select { dst, cond, a, b } => {
                let c = self.v(cond);
                let x = self.v(a);
                let y = self.v(b);
                let r = self.fb.ins().select(c, x, y);
                self.def(dst, r);
            }
            Op::Convert { dst, conv, to, a } => {
                let x = self.v(a);
                let from = self.ty(a);
                let r = self.convert(conv, from, to, x);
                self.def(dst, r);
            }
            Op::Vector {
                dst,
                op,
                lanes,
                a,
                b,
            } => {
                let x = self.v(a);
                let y = self.v(b);
                let r = self.vector(op, lanes, x, y);
                self.def(dst, r);
            }
            Op::VectorFcmp {
                dst,
                cc,
                lanes,
                a,
                b,
            } => {
                let x = self.as_lanes(self.v(a), lanes);
                let y = self.as_lanes(self.v(b), lanes);
                let r = self.fb.ins().fcmp(floatcc(cc), x, y);
                let r = self.canonical(r);
                self.def(dst, r);
            }
            Op::VectorShift {
                dst,
                op,
                lanes,
                a,
                count,
            } => {
                let x = self.as_lanes(self.v(a), lanes);
                let c = self.v(count);
                let width = i64::from(lanes.lane_type().bits());
                let in_range =
                    self.fb
                        .ins()
                        .icmp_imm_u(condcodes::IntCC::UnsignedLessThan, c, width);
                let r = match op {
                    ir::VecShift::Shl | ir::VecShift::LShr => {
                        let s = if op == ir::VecShift::Shl {
                            self.fb.ins().ishl(x, c)
                        } else {
                            self.fb.ins().ushr(x, c)
                        };
                        let zero = self.zero_vec(lane_type(lanes));
                        self.fb.ins().select(in_range, s, zero)
                    }
                    ir::VecShift::AShr => {
                        let max = self.iconst(types::I64, width - 1);
                        let cl = self.fb.ins().select(in_range, c, max);
                        self.fb.ins().sshr(x, cl)
                    }
                };
                let r = self.canonical(r);
                self.def(dst, r);
            }
            Op::Shuffle { dst, a, b, mask } => {
                let x = self.v(a);
                let y = self.v(b);
                let imm = self
                    .fb
                    .func
                    .dfg
                    .immediates
                    .push(cranelift_codegen::ir::ConstantData::from(mask.to_vec()));
                let r = self.fb.ins().shuffle(x, y, imm);
                self.def(dst, r);
            }
            Op::MoveMask { dst, lanes, a } => {
                let x = self.as_lanes(self.v(a), lanes);
                let x = match lanes {
                    ir::Lanes::F32x4 => self.fb.ins().bitcast(types::I32X4, vflags(), x),
                    ir::Lanes::F64x2 => self.fb.ins().bitcast(types::I64X2, vflags(), x),
                    _ => x,
                };
                let r = self.fb.ins().vhigh_bits(types::I32, x);
                self.def(dst, r);
            }
            Op::ExtractLane { dst, lanes, a, idx } => {
                let x = self.as_lanes(self.v(a), lanes);
                let r = self.fb.ins().extractlane(x, idx);
                self.def(dst, r);
            }
            Op::InsertLane {
                dst,
                lanes,
                a,
                val,
                idx,
            } => {
                let x = self.as_lanes(self.v(a), lanes);
                let y = self.v(val);
                let r = self.fb.ins().insertlane(x, y, idx);
                let r = self.canonical(r);
                self.def(dst, r);
            }
            Op::Splat { dst, lanes, a } => {
                let x = self.v(a);
                let r = self.fb.ins().splat(lane_type(lanes), x);
                let r = self.canonical(r);
                self.def(dst, r);
            }
            Op::Sha { dst, op, a, b, k } => {
                let r = self.sha(op, a, b, k);
                self.def(dst, r);
            }
            Op::Prefetch { addr, nta } => {
                // Never faults, but stays inside the guest space all the same: an
                // address outside prefetches guest address 0.
                let a = self.v(addr);
                let size = self.iconst(types::I64, imm(self.cfg.mem_size));
                let inside = self
                    .fb
                    .ins()
                    .icmp(condcodes::IntCC::UnsignedLessThan, a, size);
                let zero = self.iconst(types::I64, 0);
                let off = self.fb.ins().select(inside, a, zero);
                let h = self.fb.ins().iadd(self.mem_base, off);
                if nta {
                    self.fb.ins().x86_prefetchnta(guest_flags(), h, 0);
                } else {
                    self.fb.ins().x86_prefetcht0(guest_flags(), h, 0);
                }
            }
            Op::Trap { cond, signal } => {
                let c = self.v(cond);
                let zero = self.iconst(types::I64, 0);
                self.fault_if(c, signal, zero);
            }
            Op::Call {
                dst,
                helper,
                ref args,
            } => {
                let r = self.call_helper(helper, args);
                if let Some(d) = dst {
                    self.def(d, r);
                }
            }
        }
    }

    /// Continues at `target`: inside the region by a host jump, else out of it.
    fn goto(&mut self, target: u64) {
        // A counting tier-1 block leaves even for its own loop, so that every
        // iteration passes its hot counter.
        if let (Some(&b), false) = (self.internal.get(&target), self.counting) {
            self.fb.ins().jump(b, &[]);
        } else if self.cfg.jump_cache.is_null() {
            // The look-ahead found the flags outside `live_out_flags` overwritten
            // before read after this block (their computations were removed).
            self.flush_live(self.block.live_out_flags);
            self.store_state_u64(offsets::RIP, target);
            self.exit(ExitReason::Continue);
        } else if self.counting {
            // Tier 1 stores its live-out flags unconditionally (see
            // `Self::tier1_branch`).
            self.flush_live(self.block.live_out_flags);
            let e = self.iconst(types::I64, imm(Self::cache_entry(self.cfg, target)));
            self.chain_through(e, None, target, &[]);
        } else {
            // As above; the live-out status flags are stored only if the target's
            // jump-cache entry says it may read them (or on a miss), as at a
            // computed jump: most blocks begin by overwriting them, and computing
            // six flags at every exit was a large part of short blocks. The other
            // path out of a conditional branch still sees every dirty slot.
            let all = self.dirty.clone();
            let live = self.block.live_out_flags;
            let flags: Vec<Slot> = self
                .take_dirty_status_flags()
                .into_iter()
                .filter(|s| matches!(s, Slot::Flag(f) if live.0 & (1 << f) != 0))
                .collect();
            self.flush();
            let e = self.iconst(types::I64, imm(Self::cache_entry(self.cfg, target)));
            self.chain_through(e, None, target, &flags);
            self.dirty = all;
        }
    }

    /// The address of `target`'s jump-cache slot.
    fn cache_entry(cfg: &LowerConfig, target: u64) -> u64 {
        cfg.jump_cache as u64 + crate::chain::slot(target) * crate::chain::ENTRY_BYTES
    }

    /// A tier-1 block's conditional branch: one exit for both directions, its
    /// target and jump-cache slot chosen by `select`. Tier-1 code is short-lived
    /// and its compile time is most of its cost on the run loop's thread: the two
    /// copies of the exit (state flush, cache probe, flag stores, tail call) were
    /// about half of a short block's CLIF. For the same reason the live-out
    /// status flags are stored unconditionally instead of only when the target
    /// may read them (tier 1 computes them either way; its branches would cost
    /// more to compile than the stores to run).
    fn tier1_branch(&mut self, c: CValue, taken: u64, not_taken: u64) {
        self.flush_live(self.block.live_out_flags);
        let (t1, t2) = (
            self.iconst(types::I64, imm(taken)),
            self.iconst(types::I64, imm(not_taken)),
        );
        let (e1, e2) = (
            self.iconst(types::I64, imm(Self::cache_entry(self.cfg, taken))),
            self.iconst(types::I64, imm(Self::cache_entry(self.cfg, not_taken))),
        );
        let t = self.fb.ins().select(c, t1, t2);
        let e = self.fb.ins().select(c, e1, e2);
        self.chain_through(e, Some(t), 0, &[]);
    }

    /// Removes the dirty status flags from the dirty set and returns them (to be
    /// stored only where the next block may read them).
    fn take_dirty_status_flags(&mut self) -> Vec<Slot> {
        let (flags, rest): (Vec<Slot>, Vec<Slot>) = self
            .dirty
            .iter()
            .partition(|s| matches!(s, Slot::Flag(f) if crate::FlagSet::STATUS.0 & (1 << f) != 0));
        self.dirty = rest;
        flags
    }

    /// Stores `slots` into the state.
    fn store_slots(&mut self, slots: &[Slot]) {
        for &s in slots {
            let v = self.read_slot(s);
            self.fb
                .ins()
                .store(state_flags(), v, self.state, s.offset());
        }
    }

    /// Continues at a computed guest address; `flags` (dirty status flags) are
    /// stored only if the target's jump-cache entry says it may read flags, or
    /// on a miss.
    fn chain_to_dynamic(&mut self, target: CValue, flags: &[Slot]) {
        if self.cfg.jump_cache.is_null() {
            self.exit(ExitReason::Continue);
            return;
        }
        // The slot hash of crate::chain::slot, computed at run time.
        let hi = self
            .fb
            .ins()
            .ushr_imm_u(target, i64::from(crate::chain::SHIFT));
        let h = self.fb.ins().bxor(target, hi);
        let idx = self
            .fb
            .ins()
            .band_imm_u(h, i64::try_from(crate::chain::MASK).unwrap_or(0));
        let off = self
            .fb
            .ins()
            .imul_imm_u(idx, i64::try_from(crate::chain::ENTRY_BYTES).unwrap_or(16));
        let base = self.iconst(types::I64, imm(self.cfg.jump_cache as usize as u64));
        let e = self.fb.ins().iadd(base, off);
        self.chain_through(e, Some(target), 0, flags);
    }

    fn chain_through(
        &mut self,
        entry: CValue,
        dynamic: Option<CValue>,
        target: u64,
        flags: &[Slot],
    ) {
        let cached = self.fb.ins().load(types::I64, state_flags(), entry, 0);
        let hit = match dynamic {
            Some(t) => self.fb.ins().icmp(condcodes::IntCC::Equal, cached, t),
            None => self
                .fb
                .ins()
                .icmp_imm_u(condcodes::IntCC::Equal, cached, imm(target)),
        };
        let bh = self.fb.create_block();
        let bm = self.fb.create_block();
        self.brif_sealed(hit, bh, bm);
        self.fb.switch_to_block(bh);
        if !flags.is_empty() {
            let needs = self.fb.ins().load(types::I64, state_flags(), entry, 16);
            let store = self.fb.create_block();
            let go = self.fb.create_block();
            self.fb.ins().brif(needs, store, &[], go, &[]);
            self.fb.seal_block(store);
            self.fb.switch_to_block(store);
            self.store_slots(flags);
            self.fb.ins().jump(go, &[]);
            self.fb.seal_block(go);
            self.fb.switch_to_block(go);
        }
        let code = self.fb.ins().load(types::I64, state_flags(), entry, 8);
        let sig = self.fb.import_signature(block_signature(CallConv::Tail));
        let mut args = vec![self.state, self.mem_base];
        for s in CARRIED {
            args.push(self.read_slot(s));
        }
        self.fb.ins().return_call_indirect(sig, code, &args);
        self.fb.switch_to_block(bm);
        self.store_slots(flags);
        match dynamic {
            Some(t) => {
                self.fb
                    .ins()
                    .store(state_flags(), t, self.state, offsets::RIP);
            }
            None => self.store_state_u64(offsets::RIP, target),
        }
        self.exit(ExitReason::Continue);
    }

    fn zero_vec(&mut self, t: CType) -> CValue {
        let data = cranelift_codegen::ir::ConstantData::from(vec![0u8; 16]);
        let h = self.fb.func.dfg.constants.insert(data);
        let z = self.fb.ins().vconst(types::I8X16, h);
        if t == types::I8X16 {
            z
        } else {
            self.fb.ins().bitcast(t, vflags(), z)
        }
    }

    fn unary(&mut self, op: ir::UnOp, x: CValue) -> CValue {
        use ir::UnOp as U;
        let ins = self.fb.ins();
        match op {
            U::Not => ins.bnot(x),
            U::Neg => ins.ineg(x),
            U::Popcnt => ins.popcnt(x),
            U::Clz => ins.clz(x),
            U::Ctz => ins.ctz(x),
            U::Bswap => ins.bswap(x),
            U::Parity => {
                let t = self.fb.func.dfg.value_type(x);
                let b = if t == types::I8 {
                    x
                } else {
                    self.fb.ins().ireduce(types::I8, x)
                };
                let p = self.fb.ins().popcnt(b);
                let p = self.fb.ins().band_imm_u(p, 1);
                self.fb.ins().bxor_imm_u(p, 1)
            }
            U::FSqrt => ins.sqrt(x),
            U::FNeg => ins.fneg(x),
            U::FAbs => ins.fabs(x),
        }
    }

    /// `x ^ 1` where `x` is a float compare: the compare with the complementary
    /// condition. A branch on the negation of a float compare's flag (`jae` after
    /// `comisd`) then lowers to `ucomisd; jcc`, not to `setcc; xor; test; jne`. The
    /// new compare has the same operands, so it raises the same MXCSR flags.
    fn inverted_fcmp(&mut self, x: CValue, y: CValue) -> Option<CValue> {
        use cranelift_codegen::ir::condcodes::CondCode;
        use cranelift_codegen::ir::{InstructionData, Opcode, ValueDef};
        let dfg = &self.fb.func.dfg;
        let is_one = |v: CValue| match dfg.value_def(v) {
            ValueDef::Result(i, _) => matches!(
                dfg.insts[i],
                InstructionData::UnaryImm { opcode: Opcode::Iconst, imm } if imm.bits() == 1
            ),
            _ => false,
        };
        let fcmp_of = |v: CValue| match dfg.value_def(v) {
            ValueDef::Result(i, _) => match dfg.insts[i] {
                InstructionData::FloatCompare { cond, args, .. } => Some((cond, args)),
                _ => None,
            },
            _ => None,
        };
        let (cond, args) = if is_one(y) {
            fcmp_of(x)?
        } else if is_one(x) {
            fcmp_of(y)?
        } else {
            return None;
        };
        Some(self.fb.ins().fcmp(cond.complement(), args[0], args[1]))
    }

    fn binary(&mut self, op: ir::BinOp, x: CValue, y: CValue) -> CValue {
        use ir::BinOp as B;
        match op {
            B::Add => self.fb.ins().iadd(x, y),
            B::Sub => self.fb.ins().isub(x, y),
            B::Mul => self.fb.ins().imul(x, y),
            B::UMulHi => self.fb.ins().umulhi(x, y),
            B::SMulHi => self.fb.ins().smulhi(x, y),
            B::And => self.fb.ins().band(x, y),
            B::Or => self.fb.ins().bor(x, y),
            B::Xor => self
                .inverted_fcmp(x, y)
                .unwrap_or_else(|| self.fb.ins().bxor(x, y)),
            B::Shl => self.fb.ins().ishl(x, y),
            B::LShr => self.fb.ins().ushr(x, y),
            B::AShr => self.fb.ins().sshr(x, y),
            B::Rotl => self.fb.ins().rotl(x, y),
            B::Rotr => self.fb.ins().rotr(x, y),
            B::FAdd => self.fb.ins().fadd(x, y),
            B::FSub => self.fb.ins().fsub(x, y),
            B::FMul => self.fb.ins().fmul(x, y),
            B::FDiv => self.fb.ins().fdiv(x, y),
            B::FMinX86 => {
                let lt = self.fb.ins().fcmp(condcodes::FloatCC::LessThan, x, y);
                self.fb.ins().select(lt, x, y)
            }
            // `select(fcmp lt y x, x, y)` is the shape Cranelift's x64 backend turns
            // into MAXSS/MAXSD: the real instruction, so NaN handling, DAZ and the
            // MXCSR flags are exactly the hardware's.
            B::FMaxX86 => {
                let lt = self.fb.ins().fcmp(condcodes::FloatCC::LessThan, y, x);
                self.fb.ins().select(lt, x, y)
            }
        }
    }

    fn convert(&mut self, conv: ir::Conv, from: Type, to: Type, x: CValue) -> CValue {
        use ir::Conv as C;
        let t = ctype(to);
        match conv {
            C::Zext => {
                if from.bits() == to.bits() {
                    x
                } else {
                    self.fb.ins().uextend(t, x)
                }
            }
            C::Sext => {
                if from.bits() == to.bits() {
                    x
                } else {
                    self.fb.ins().sextend(t, x)
                }
            }
            C::Trunc => {
                if from.bits() == to.bits() {
                    x
                } else {
                    self.fb.ins().ireduce(t, x)
                }
            }
            C::Bitcast => self.fb.ins().bitcast(t, vflags(), x),
            C::SIntToFloat => self.fb.ins().fcvt_from_sint(t, x),
            C::FloatToFloat => {
                if to.bits() > from.bits() {
                    self.fb.ins().fpromote(t, x)
                } else {
                    self.fb.ins().fdemote(t, x)
                }
            }
            C::FloatToSIntTrunc => {
                // x86: NaN and out-of-range give the "integer indefinite" MIN. The
                // range test is on the bit pattern (integer ops): a float compare
                // would set MXCSR.DE for denormal inputs, which CVTT* never does.
                let sat = self.fb.ins().fcvt_to_sint_sat(t, x);
                let (it, limit) = trunc_range(from, to);
                let bits = self.fb.ins().bitcast(it, vflags(), x);
                let sign_mask = if it == types::I64 {
                    i64::MAX
                } else {
                    i64::from(i32::MAX)
                };
                let abs = self.fb.ins().band_imm_u(bits, sign_mask);
                let ok =
                    self.fb
                        .ins()
                        .icmp_imm_u(condcodes::IntCC::UnsignedLessThan, abs, imm(limit));
                let min = if to == Type::I32 {
                    i64::from(i32::MIN)
                } else {
                    i64::MIN
                };
                let m = self.fb.ins().iconst(t, min);
                self.fb.ins().select(ok, sat, m)
            }
        }
    }

    fn vector(&mut self, op: ir::VecOp, lanes: ir::Lanes, x: CValue, y: CValue) -> CValue {
        use ir::VecOp as V;
        let a = self.as_lanes(x, lanes);
        let b = self.as_lanes(y, lanes);
        let r = match op {
            V::Add => self.fb.ins().iadd(a, b),
            V::Sub => self.fb.ins().isub(a, b),
            V::AddSatS => self.fb.ins().sadd_sat(a, b),
            V::AddSatU => self.fb.ins().uadd_sat(a, b),
            V::SubSatS => self.fb.ins().ssub_sat(a, b),
            V::SubSatU => self.fb.ins().usub_sat(a, b),
            V::Mul => self.fb.ins().imul(a, b),
            V::MinS => self.fb.ins().smin(a, b),
            V::MinU => self.fb.ins().umin(a, b),
            V::MaxS => self.fb.ins().smax(a, b),
            V::MaxU => self.fb.ins().umax(a, b),
            V::CmpEq => self.fb.ins().icmp(condcodes::IntCC::Equal, a, b),
            V::CmpGtS => self
                .fb
                .ins()
                .icmp(condcodes::IntCC::SignedGreaterThan, a, b),
            V::AvgU => self.fb.ins().avg_round(a, b),
            V::And => self.fb.ins().band(x, y),
            V::Or => self.fb.ins().bor(x, y),
            V::Xor => self.fb.ins().bxor(x, y),
            V::AndNot => self.fb.ins().band_not(y, x),
            V::FAdd => self.fb.ins().fadd(a, b),
            V::FSub => self.fb.ins().fsub(a, b),
            V::FMul => self.fb.ins().fmul(a, b),
            V::FDiv => self.fb.ins().fdiv(a, b),
            // Shapes Cranelift's x64 backend matches into MINPS/MAXPS (MINPD/MAXPD).
            V::FMinX86 | V::FMaxX86 => {
                let m = if op == V::FMinX86 {
                    self.fb.ins().fcmp(condcodes::FloatCC::LessThan, a, b)
                } else {
                    self.fb.ins().fcmp(condcodes::FloatCC::LessThan, b, a)
                };
                let mt = self.fb.func.dfg.value_type(a);
                let m = self.fb.ins().bitcast(mt, vflags(), m);
                self.fb.ins().bitselect(m, a, b)
            }
            // The host's own PSHUFB (an x86-64 host has SSSE3): Cranelift's
            // portable `swizzle` zeroes lanes whose index is 16 or more and costs
            // a mask and a saturating add around the same instruction.
            V::ShuffleBytes => self.fb.ins().x86_pshufb(x, y),
            V::NarrowSatS => self.fb.ins().snarrow(a, b),
            V::NarrowSatU => self.fb.ins().unarrow(a, b),
        };
        self.canonical(r)
    }

    fn terminator(&mut self, t: &Terminator) {
        match *t {
            Terminator::Jump(target) => self.goto(target),
            Terminator::Branch {
                cond,
                taken,
                not_taken,
            } => {
                let c = self.v(cond);
                if self.counting && !self.cfg.jump_cache.is_null() {
                    self.tier1_branch(c, taken, not_taken);
                    return;
                }
                let bt = self.fb.create_block();
                let bf = self.fb.create_block();
                self.brif_sealed(c, bt, bf);
                for (b, target) in [(bt, taken), (bf, not_taken)] {
                    self.fb.switch_to_block(b);
                    self.goto(target);
                }
            }
            Terminator::Indirect(v) => {
                let x = self.v(v);
                let sites = self.returns.get(self.index).cloned().unwrap_or_default();
                if !sites.is_empty() {
                    // A return to a call site inside the region stays inside: the
                    // guest registers remain in host registers across the call.
                    let default = self.fb.create_block();
                    let mut sw = cranelift_frontend::Switch::new();
                    for r in sites {
                        sw.set_entry(u128::from(r), self.internal[&r]);
                    }
                    sw.emit(&mut self.fb, x, default);
                    self.fb.switch_to_block(default);
                }
                if let Some(Some(buf)) = self.profiles.get(self.index).copied() {
                    self.record_miss(buf, x);
                }
                if !self.cfg.jump_cache.is_null() {
                    // The status flags are stored only if the target may read them
                    // (tier 1 stores them always, see `Self::tier1_branch`).
                    let flags = if self.counting {
                        Vec::new()
                    } else {
                        self.take_dirty_status_flags()
                    };
                    self.flush();
                    self.chain_to_dynamic(x, &flags);
                    return;
                }
                self.flush();
                if self.cfg.jump_cache.is_null() {
                    self.fb
                        .ins()
                        .store(state_flags(), x, self.state, offsets::RIP);
                }
                self.chain_to_dynamic(x, &[]);
            }
            Terminator::Syscall { next } => {
                self.flush();
                self.store_state_u64(offsets::RIP, next);
                let e = self.iconst(types::I32, ExitReason::Syscall as i64);
                self.fb
                    .ins()
                    .store(state_flags(), e, self.state, offsets::EXIT_REASON);
                self.exit(ExitReason::Syscall);
            }
            Terminator::Fault { signal, rip, addr } => {
                self.flush();
                self.store_state_u64(offsets::RIP, rip);
                self.store_state_u64(offsets::FAULT_RIP, rip);
                self.store_state_u64(offsets::FAULT_ADDR, addr);
                let s = self.iconst(types::I32, i64::from(signal));
                self.fb
                    .ins()
                    .store(state_flags(), s, self.state, offsets::FAULT_SIGNAL);
                let e = self.iconst(types::I32, ExitReason::Fault as i64);
                self.fb
                    .ins()
                    .store(state_flags(), e, self.state, offsets::EXIT_REASON);
                self.exit(ExitReason::Fault);
            }
        }
    }
}

/// For CVTT* from `from` to `to`: the integer type of the source's bits and the
/// magnitude (as a bit pattern, sign cleared) below which the truncation is the
/// plain value. Everything else — NaN, too large, and the few values that truncate
/// to exactly the minimum — gives the integer minimum, which is also what those last
/// ones truncate to.
fn trunc_range(from: Type, to: Type) -> (CType, u64) {
    match (from, to) {
        (Type::F64, Type::I64) => (types::I64, 0x43E0_0000_0000_0000), // 2^63
        (Type::F64, _) => (types::I64, 0x41E0_0000_0000_0000),         // 2^31
        (_, Type::I64) => (types::I32, 0x5F00_0000),                   // 2^63
        _ => (types::I32, 0x4F00_0000),                                // 2^31
    }
}

fn intcc(cc: ir::IntCC) -> condcodes::IntCC {
    use condcodes::IntCC as C;
    match cc {
        ir::IntCC::Eq => C::Equal,
        ir::IntCC::Ne => C::NotEqual,
        ir::IntCC::Slt => C::SignedLessThan,
        ir::IntCC::Sle => C::SignedLessThanOrEqual,
        ir::IntCC::Sgt => C::SignedGreaterThan,
        ir::IntCC::Sge => C::SignedGreaterThanOrEqual,
        ir::IntCC::Ult => C::UnsignedLessThan,
        ir::IntCC::Ule => C::UnsignedLessThanOrEqual,
        ir::IntCC::Ugt => C::UnsignedGreaterThan,
        ir::IntCC::Uge => C::UnsignedGreaterThanOrEqual,
    }
}

fn floatcc(cc: ir::FloatCC) -> condcodes::FloatCC {
    use condcodes::FloatCC as C;
    match cc {
        ir::FloatCC::Eq => C::Equal,
        ir::FloatCC::Lt => C::LessThan,
        ir::FloatCC::Le => C::LessThanOrEqual,
        ir::FloatCC::Uno => C::Unordered,
        ir::FloatCC::UneOrUno => C::NotEqual,
        ir::FloatCC::UnoOrGe => C::UnorderedOrGreaterThanOrEqual,
        ir::FloatCC::UnoOrGt => C::UnorderedOrGreaterThan,
        ir::FloatCC::Ord => C::Ordered,
        ir::FloatCC::UnoOrEq => C::UnorderedOrEqual,
        ir::FloatCC::UnoOrLt => C::UnorderedOrLessThan,
    }
}

/// STMXCSR: the live MXCSR (the guest's, while guest code runs).
unsafe extern "C" fn helper_stmxcsr(_: *mut crate::CpuState, _: u64, _: u64, _: u64) -> u64 {
    let mut v: u32 = 0;
    // SAFETY: stmxcsr stores 4 bytes into `v`.
    unsafe { core::arch::asm!("stmxcsr [{}]", in(reg) &mut v, options(nostack)) };
    u64::from(v)
}

/// LDMXCSR: reserved bits set is a #GP (SIGSEGV), as on hardware.
unsafe extern "C" fn helper_ldmxcsr(state: *mut crate::CpuState, v: u64, _: u64, _: u64) -> u64 {
    let Ok(v32) = u32::try_from(v) else { return 0 };
    if v32 & !0xffff != 0 {
        // SAFETY: called from compiled code with the live state.
        unsafe { crate::exec::raise_fault(state, signal::SIGSEGV, 0) }
    }
    // SAFETY: reserved bits are clear, so ldmxcsr cannot fault.
    unsafe { core::arch::asm!("ldmxcsr [{}]", in(reg) &v32, options(nostack)) };
    0
}
