//! The code cache: compiles blocks once and finds them again by guest address.
//!
//! [`Translator`] owns two code modules (a Cranelift ISA and packed code memory,
//! made on first use): one for tier-1 single blocks (`opt_level=none`, single-pass
//! register allocation) and one for optimized regions. The tiers:
//! 1. a new block runs in the IR interpreter ([`crate::interp`]), lifted without
//!    flag look-ahead or passes and with compact flags (one `Op::Flags` per
//!    arithmetic instruction, `lift::flags`), for its first [`COLD_THRESHOLD`]
//!    executions;
//! 2. then it is compiled alone, with a counter that reports it hot;
//! 3. a hot loop (its back edge run 200 times) or hot straight-line code (2000
//!    times) is recompiled as a region: one host function over the loop body, or
//!    over up to 16 blocks of the code that follows, plus copies of small leaf
//!    callees (≤ 8 blocks, ≤ 64 instructions of the paths that have run) whose
//!    `ret` continues inside when it lands on the region's return site. Only
//!    blocks that have already run join a region (a path not taken so far stays
//!    an exit, in a callee's copy as in the region's own code). Guest registers
//!    stay in host registers along every edge inside a region.
//!
//! Computed jumps (`jmp rax`, `jmp [table + rcx*8]`: switch tables, interpreter
//! dispatch) are profiled: the cold tier records the targets each one takes
//! ([`Translator::observe_computed_jump`]), and a region continues at those
//! targets inside, through a compare tree on the target address, with the
//! handlers they lead to (up to 48 blocks / 800 instructions). A region's
//! computed jump that leaves for a target it does not hold records it in a small
//! ring; after [`REPROFILE_MISSES`] such exits the region is recompiled with the
//! targets seen meanwhile (at most four times, and never when that would change
//! nothing): a profile from the cold tier alone is a program's first phase.
//!
//! Host code ranges are recorded with their source locations so that a host fault
//! address maps back to the guest instruction ([`Translator::guest_rip_of`]).
//! Self-modifying code and unmapped code invalidate the blocks overlapping a range
//! ([`Translator::invalidate`]); their host code stays allocated until the
//! translator is dropped, which frees all of it. Between runs of the same program
//! a translator can be kept ([`Translator::retain_within`],
//! [`Translator::precompile_cold`]; the runtime's `CodeCache` does this).

use crate::chain::JumpCache;
use crate::compile::{
    compile_function, host_has_sha, module_in, CodeModule, CodeRange, CompileJob, CompileSettings,
    Compiled,
};
use crate::decode::{lift_block, CodeSource};
use crate::exec::BlockFn;
use crate::ir::Block;
use crate::lift::LiftConfig;
use crate::lower::HotCounter;
use cranelift_frontend::FunctionBuilderContext;
use std::collections::{BTreeMap, HashMap};

/// Why a block could not be translated.
#[derive(Debug, thiserror::Error)]
pub enum TranslateError {
    /// Cranelift rejected the generated code (a translator bug).
    #[error("compiling the block at {addr:#x} failed: {msg}")]
    Compile {
        /// Guest address.
        addr: u64,
        /// Cranelift's message.
        msg: String,
    },
    /// The host ISA could not be set up.
    #[error("host code generator unavailable: {0}")]
    Isa(String),
}

/// Translation settings.
#[derive(Clone, Debug)]
pub struct TranslatorConfig {
    /// Guest address space size (the runtime's is 2 GiB, which makes the
    /// confinement limit an x86 immediate; see [`crate::lower`]).
    pub mem_size: u64,
    /// Most guest instructions per block.
    pub max_block_insns: usize,
    /// Gas schedule.
    pub schedule: qvm_gas::Schedule,
    /// Run the IR passes (dead flags, dead code). Off only for testing.
    pub optimize: bool,
    /// Chain blocks through the jump cache (off: every block returns to the run loop).
    pub chain: bool,
    /// Compile hot loops as multi-block regions (tier 2).
    pub regions: bool,
    /// Run new blocks in the IR interpreter first and compile them only once they
    /// have run [`COLD_THRESHOLD`] times (the cold tier): short-lived code never
    /// pays Cranelift's compile time.
    pub cold_tier: bool,
    /// Charge and check gas in compiled code. Off only to measure what metering costs:
    /// a run without metering has no gas semantics.
    pub metering: bool,
    /// Bytes of never-accessible host address space the embedder guarantees below
    /// and above the guest space, with the guest's last page and first page never
    /// accessible either (0: no such promise). With it, an access within `guard / 2` bytes of
    /// one already checked in the same block, off the same base register, needs no
    /// check of its own: where it would fail the check, it faults on the guard or
    /// on the last page instead, at the same address (see [`crate::lower`]).
    pub guard: u64,
    /// Use the guard to leave out checks (on by default; off to compare against
    /// every access checked).
    pub elide_checks: bool,
    /// Compile the guest's SHA instructions to the host's own where the host has
    /// the SHA extensions (on by default). Off, or on a host without them, compiled
    /// code calls [`crate::sha`]'s software instead — same results, slower.
    pub host_sha: bool,
    /// Compile regions on a second thread while the run loop goes on with the code
    /// it has (on by default; see the `background` module). Off: each region is
    /// compiled when its loop gets hot, before the loop runs on.
    pub background: bool,
}

impl Default for TranslatorConfig {
    fn default() -> Self {
        TranslatorConfig {
            mem_size: 1 << 31,
            max_block_insns: 256,
            schedule: qvm_gas::Schedule::V1,
            optimize: true,
            chain: true,
            regions: true,
            cold_tier: true,
            metering: true,
            guard: 0,
            elide_checks: true,
            host_sha: true,
            background: true,
        }
    }
}

/// A compiled block.
#[derive(Clone, Copy, Debug)]
pub struct CompiledBlock {
    /// Host entry point.
    pub entry: BlockFn,
    /// Guest start address.
    pub start: u64,
    /// Guest end address (exclusive).
    pub end: u64,
    /// Flags the code may read before writing them (see [`crate::chain::JumpEntry`]).
    pub flags_in: crate::FlagSet,
}

/// Interpreted executions of a block before it is compiled.
pub const COLD_THRESHOLD: u32 = 100;
/// [`COLD_THRESHOLD`] until the first block is compiled. The first compile also
/// sets Cranelift up and pages its code in (about a millisecond here), more than
/// a short program's few warm loops cost to interpret: they get more evidence.
pub const FIRST_COMPILE_THRESHOLD: u32 = 1000;
/// Executions of a backward-jumping block before its loop is compiled as a region.
const HOT_THRESHOLD: u32 = 200;
/// Executions of a block without a backward jump before it is recompiled
/// optimized (with the forward code that follows it).
const HOT_THRESHOLD_STRAIGHT: u32 = 2000;
/// How far past a hot straight-line block its region reaches.
const STRAIGHT_REGION_SPAN: u64 = 2048;
/// Most blocks of a callee copied into a region.
const MAX_CALLEE_BLOCKS: usize = 8;
/// Most instructions of a callee copied into a region.
const MAX_CALLEE_INSNS: u32 = 64;
/// How far past a callee's entry a region follows the callee's own jumps.
const CALLEE_SPAN: u64 = 2048;
/// Most blocks in one region.
const MAX_REGION_BLOCKS: usize = 24;
/// Most guest instructions in one region.
const MAX_REGION_INSNS: u32 = 400;
/// Most blocks in the region of hot straight-line code (its block and a few
/// successors: optimizing compile time is ~10 µs per instruction, and straight-line
/// code is hot in many places at once in interpreters and databases).
const MAX_STRAIGHT_BLOCKS: usize = 16;
/// Most instructions in such a region.
const MAX_STRAIGHT_INSNS: u32 = 320;
/// Most blocks in a region that follows computed jumps to the targets they were
/// seen to take (an interpreter's dispatch and its handlers: the point is to hold
/// the whole hot loop of handlers, so it may be larger).
const MAX_DISPATCH_BLOCKS: usize = 48;
/// Most instructions in such a region.
const MAX_DISPATCH_INSNS: u32 = 800;
/// Most distinct targets remembered per computed jump.
const MAX_OBSERVED_TARGETS: usize = 96;
/// Targets a region's computed jump remembers of those it left the region for
/// (a ring; a power of two).
pub const PROFILE_RING: usize = 32;
/// Targets a computed jump may leave its region for before the region is
/// recompiled with the targets seen meanwhile inside: a profile from the cold tier
/// alone is a program's first phase (Lua's or SQLite's dispatch during start-up),
/// not the loop that turns hot later.
pub const REPROFILE_MISSES: u64 = 4096;
/// Most recompilations of one region for its computed jumps' targets.
const MAX_REPROFILES: u32 = 4;
/// Tag on `CpuState::hot_target` in a [`crate::ExitReason::Hot`] exit: the region
/// at the untagged address asks to be recompiled for the targets its computed
/// jumps left it for (guest code addresses never have the top bit set).
pub const REPROFILE: u64 = 1 << 63;

/// For each block of a region: the return sites inside the region its computed
/// jump may continue at. A block found in a callee's window (`window_of` is its
/// lower end, the callee's entry) returns to the call sites of that callee that
/// the region contains; blocks of the region's own function (window `own`) return
/// to its callers, outside.
fn region_returns(blocks: &[Block], window_of: &[u64], own: u64) -> Vec<Vec<u64>> {
    let inside = |a: u64| blocks.iter().any(|b| b.start == a);
    blocks
        .iter()
        .zip(window_of)
        .map(|(b, &w)| {
            if w == own || !matches!(b.term, crate::ir::Terminator::Indirect(_)) {
                return Vec::new();
            }
            let mut v: Vec<u64> = blocks
                .iter()
                .filter(|c| c.term == crate::ir::Terminator::Jump(w))
                .filter_map(|c| c.call_return)
                .filter(|r| inside(*r))
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect()
}

/// The target of a block's backward direct jump, if any: the header of a loop
/// the block closes.
fn backward_target(b: &Block) -> Option<u64> {
    b.term.direct_targets().find(|&t| t <= b.start)
}

/// How a region was made.
#[derive(Clone, Copy, Debug)]
struct RegionRecord {
    /// The latch it was promoted with (its window).
    latch: u64,
    /// Recompilations for its computed jumps' targets so far.
    recompiles: u32,
    /// A hash of its blocks and the targets its computed jumps continue at inside:
    /// a recompilation that would come out the same is skipped (and the region is
    /// no longer re-profiled).
    shape: u64,
}

/// Translates and caches guest blocks.
pub struct Translator {
    /// Module for regions (optimizing).
    module: Option<CodeModule>,
    /// Module for tier-1 blocks (opt_level none: compiles about a third faster).
    fast: Option<CodeModule>,
    fctx: FunctionBuilderContext,
    ctx: cranelift_codegen::Context,
    config: TranslatorConfig,
    blocks: HashMap<u64, CompiledBlock, BuildAddrHasher>,
    ranges: BTreeMap<u64, CodeRange>,
    jump_cache: JumpCache,
    /// Hot counters of tier-1 blocks (each boxed: compiled code holds its address,
    /// which must not move when the vector grows).
    #[allow(clippy::vec_box)]
    counters: Vec<Box<std::cell::Cell<u32>>>,
    /// For each tier-1 block that counts: its counter (index into `counters`) and
    /// the count it starts from. A region re-arms the counters of the blocks it
    /// takes in (see [`Translator::make_region`]).
    counter_of: HashMap<u64, (usize, u32), BuildAddrHasher>,
    /// Lifted blocks waiting in the cold tier, with their execution counts.
    cold: HashMap<u64, (Block, u32), BuildAddrHasher>,
    /// Loop headers already compiled as regions.
    promoted: std::collections::HashSet<u64>,
    /// For each block ending in a computed jump: the targets the cold tier saw it
    /// take, with how often (the profile regions follow through dispatches).
    jump_targets: HashMap<u64, Vec<(u64, u32)>, BuildAddrHasher>,
    /// Per computed-jump block in a region: where the region's code records the
    /// targets it leaves for (word 0 counts, then a ring of [`PROFILE_RING`]).
    /// Boxed: compiled code holds the address.
    profiles: HashMap<u64, Box<[u64; PROFILE_RING + 1]>, BuildAddrHasher>,
    /// Per region entry: how it was made, to make it again for new targets.
    regions_made: HashMap<u64, RegionRecord, BuildAddrHasher>,
    /// Print every lifted block and its host code to stderr (env `QVM_DUMP=1`).
    dump: bool,
    /// Guest instructions translated so far (for statistics).
    pub translated_insns: u64,
    /// Counters for `QVM_STATS=1`.
    pub stats: TranslatorStats,
    /// How many times code was invalidated (mmap, mprotect or munmap over
    /// translated code).
    pub invalidations: u64,
    /// Directory to write every compiled function's bytes into (env
    /// `QVM_CODE_DUMP`), for annotating `perf` profiles of translated code.
    code_dump: Option<std::path::PathBuf>,
    /// The compile thread, once a region was handed to it.
    worker: Option<crate::background::Worker>,
    /// Region entries handed to the worker and not back yet, with the blocks each
    /// holds: a hot counter in one of those blocks waits for that region rather
    /// than starting another over the same code.
    pending: HashMap<u64, Vec<u64>, BuildAddrHasher>,
    /// Counts invalidations of translated or lifted code: a region lifted under an
    /// older epoch is dropped when it comes back from the worker.
    epoch: u64,
}

/// What the translator did (printed by the run loop under `QVM_STATS=1`).
#[derive(Clone, Copy, Debug, Default)]
pub struct TranslatorStats {
    /// Tier-1 (single block, counting) compilations.
    pub tier1: u64,
    /// Guest instructions compiled in tier 1.
    pub tier1_insns: u64,
    /// Time spent compiling tier-1 blocks.
    pub tier1_time: std::time::Duration,
    /// Region compilations.
    pub regions: u64,
    /// Guest instructions compiled into regions.
    pub region_insns: u64,
    /// Time spent compiling regions.
    pub region_time: std::time::Duration,
    /// Computed-jump targets regions continue at inside (summed over regions).
    pub dispatch_targets: u64,
    /// Time spent creating the code modules (host ISA detection, Cranelift set-up).
    pub module_time: std::time::Duration,
    /// Blocks lifted for the cold tier (the interpreter).
    pub cold_lifts: u64,
    /// Guest instructions in them.
    pub cold_insns: u64,
    /// IR ops in them.
    pub cold_ops: u64,
    /// Time spent lifting them (decode included): what a short run spends
    /// translating, since the cold tier compiles nothing. Measured only when
    /// [`TranslatorStats::time_cold`] is set (two clock reads per block were a
    /// twentieth of the lifting).
    pub cold_time: std::time::Duration,
    /// Whether to measure `cold_time` (the run loop sets it under `QVM_STATS=1`).
    pub time_cold: bool,
}

impl Drop for Translator {
    fn drop(&mut self) {
        // The worker frees its own module's code, once it has stopped.
        self.worker = None;
        // SAFETY: the modules are taken once, here; the translator owns every
        // compiled block and the jump cache that reaches them, so no code of
        // either module can run once it is gone.
        unsafe {
            if let Some(m) = self.module.take() {
                m.free();
            }
            if let Some(m) = self.fast.take() {
                m.free();
            }
        }
    }
}

/// Hashes guest addresses for the block map: the run loop looks a block up on every
/// jump-cache miss, and SipHash costs more than the rest of the lookup.
#[derive(Default, Clone, Copy)]
pub struct AddrHasher(u64);

impl std::hash::Hasher for AddrHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (v ^ (v >> 29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// Builds [`AddrHasher`]s.
pub type BuildAddrHasher = std::hash::BuildHasherDefault<AddrHasher>;

impl Translator {
    /// Creates a translator for the host CPU.
    pub fn new(config: TranslatorConfig) -> Result<Translator, TranslateError> {
        // Tier 1 (single blocks, run a few times) is compiled for compile speed,
        // regions (hot loops) for code speed. Each module is made on first use: a
        // short run may never compile at all.
        Ok(Translator {
            module: None,
            fast: None,
            fctx: FunctionBuilderContext::new(),
            ctx: cranelift_codegen::Context::new(),
            config,
            blocks: HashMap::default(),
            cold: HashMap::default(),
            ranges: BTreeMap::new(),
            jump_cache: JumpCache::default(),
            counters: Vec::new(),
            counter_of: HashMap::default(),
            promoted: std::collections::HashSet::new(),
            jump_targets: HashMap::default(),
            profiles: HashMap::default(),
            regions_made: HashMap::default(),
            dump: std::env::var_os("QVM_DUMP").is_some(),
            translated_insns: 0,
            stats: TranslatorStats::default(),
            invalidations: 0,
            code_dump: std::env::var_os("QVM_CODE_DUMP").map(std::path::PathBuf::from),
            worker: None,
            pending: HashMap::default(),
            epoch: 0,
        })
    }

    /// The configuration.
    pub fn config(&self) -> &TranslatorConfig {
        &self.config
    }

    /// Lifts (and optimizes) the block at `addr` without compiling it.
    pub fn lift(&self, src: &dyn CodeSource, addr: u64) -> Block {
        self.lift_with(src, addr, true)
    }

    /// Lifts the block at `addr`; `optimize` runs the flag look-ahead and the IR
    /// passes. The cold tier skips both: a block interpreted a few times costs
    /// less to run with every flag computed than to analyse.
    fn lift_with(&self, src: &dyn CodeSource, addr: u64, optimize: bool) -> Block {
        let lc = LiftConfig {
            mem_size: self.config.mem_size,
            // Blocks lifted without optimizing are only ever interpreted.
            compact_flags: !optimize,
            schedule: self.config.schedule,
        };
        let mut block = lift_block(
            src,
            addr,
            &lc,
            &self.config.schedule,
            self.config.max_block_insns,
            optimize,
        );
        if self.config.optimize && optimize {
            crate::passes::optimize(&mut block);
        }
        if !self.config.metering {
            block
                .ops
                .retain(|op| !matches!(op, crate::ir::Op::ChargeGas { .. }));
        }
        block
    }

    /// The compiled block at `addr`, translating it if needed (tier 1: one block;
    /// a block that jumps backwards counts its executions and asks for its loop to
    /// be promoted when hot).
    pub fn block(
        &mut self,
        src: &dyn CodeSource,
        addr: u64,
    ) -> Result<CompiledBlock, TranslateError> {
        if let Some(b) = self.blocks.get(&addr) {
            return Ok(*b);
        }
        let block = self.lift(src, addr);
        if self.dump {
            eprintln!("{}", crate::print::block_to_string(&block));
        }
        // Every tier-1 block counts its executions. A block that jumps backwards
        // reports its loop's header; any other reports itself (hot straight-line
        // code: function bodies called often).
        let header = backward_target(&block).unwrap_or(addr);
        let threshold = if header == addr && backward_target(&block).is_none() {
            HOT_THRESHOLD_STRAIGHT
        } else {
            HOT_THRESHOLD
        };
        let hot = match (self.config.regions, Some(header)) {
            (true, Some(header)) => {
                // A `Cell`: compiled code writes it through this address.
                let counter = Box::new(std::cell::Cell::new(threshold));
                let ptr = counter.as_ptr() as u64;
                self.counter_of
                    .insert(addr, (self.counters.len(), threshold));
                self.counters.push(counter);
                Some(HotCounter {
                    counter: ptr,
                    header,
                    rearm: threshold,
                })
            }
            _ => None,
        };
        let t0 = std::time::Instant::now();
        let compiled = self.compile(std::slice::from_ref(&block), hot, &[], &[], false)?;
        self.stats.tier1 += 1;
        self.stats.tier1_insns += u64::from(block.insns);
        self.stats.tier1_time += t0.elapsed();
        self.install(addr, compiled);
        Ok(compiled)
    }

    /// The compiled block at `addr`, if there is one (never translates).
    pub fn compiled(&self, addr: u64) -> Option<CompiledBlock> {
        self.blocks.get(&addr).copied()
    }

    /// The cold-tier IR of the block at `addr` (lifted on first use) if it is
    /// still below the compile threshold; counts this execution. `None`: compile it.
    pub fn cold_block(&mut self, src: &dyn CodeSource, addr: u64) -> Option<&Block> {
        if !self.config.cold_tier {
            return None;
        }
        if !self.cold.contains_key(&addr) {
            let t0 = self.stats.time_cold.then(std::time::Instant::now);
            let b = self.lift_with(src, addr, false);
            self.stats.cold_lifts += 1;
            self.stats.cold_insns += u64::from(b.insns);
            self.stats.cold_ops += b.ops.len() as u64;
            if let Some(t0) = t0 {
                self.stats.cold_time += t0.elapsed();
            }
            self.cold.insert(addr, (b, 0));
        }
        let threshold = if self.fast.is_none() && self.module.is_none() {
            FIRST_COMPILE_THRESHOLD
        } else {
            COLD_THRESHOLD
        };
        let entry = self.cold.get_mut(&addr)?;
        entry.1 += 1;
        if entry.1 > threshold {
            self.cold.remove(&addr);
            return None;
        }
        self.cold.get(&addr).map(|(b, _)| b)
    }

    /// Records that the computed jump ending the block at `from` went to `to` (the
    /// run loop calls this after interpreting a block whose
    /// [`Block::computed_jump`] is set). A region that takes the block in then
    /// continues inside at those targets it also holds, through a compare chain on
    /// the target address, instead of leaving through the jump cache.
    pub fn observe_computed_jump(&mut self, from: u64, to: u64) {
        let seen = self.jump_targets.entry(from).or_default();
        if let Some(e) = seen.iter_mut().find(|e| e.0 == to) {
            e.1 = e.1.saturating_add(1);
        } else if seen.len() < MAX_OBSERVED_TARGETS {
            seen.push((to, 1));
        }
    }

    /// The block at `addr` lifted for the interpreter, whatever its tier: what the
    /// run loop executes after a [`crate::ExitReason::GasLow`] exit (not cached —
    /// that happens only in the last few blocks before the gas runs out).
    pub fn exact_block(&self, src: &dyn CodeSource, addr: u64) -> Block {
        self.lift_with(src, addr, false)
    }

    fn install(&mut self, addr: u64, compiled: CompiledBlock) {
        self.blocks.insert(addr, compiled);
        self.jump_cache
            .insert(addr, compiled.entry as usize as u64, compiled.flags_in);
    }

    /// Compiles the loop whose header is `header` (and whose hot back edge is in
    /// the block at `latch`) as one region, replacing the header's tier-1 code.
    pub fn promote(
        &mut self,
        src: &dyn CodeSource,
        header: u64,
        latch: u64,
    ) -> Result<(), TranslateError> {
        // A region already on its way: the tier-1 code asks again while it waits.
        let h = header & !REPROFILE;
        if self
            .pending
            .iter()
            .any(|(&e, held)| e == h || held.contains(&h) || held.contains(&latch))
        {
            return Ok(());
        }
        if header & REPROFILE != 0 {
            return self.reprofile(src, header & !REPROFILE);
        }
        // A block inside a loop that is already a region, but reached from outside
        // it (the return site of a call in the loop body, a block the region's size
        // limit left out), reports the same header again: it gets a region of its own,
        // or it would run tier-1 code forever.
        let (header, latch) = if self.promoted.contains(&header) {
            (latch, latch)
        } else {
            (header, latch)
        };
        if !self.promoted.insert(header) {
            return Ok(());
        }
        self.regions_made.entry(header).or_insert(RegionRecord {
            latch,
            recompiles: 0,
            shape: 0,
        });
        self.make_region(src, header, latch)
    }

    /// Recompiles the region at `header`, whose computed jumps left it often, with
    /// the targets they left for inside (at most [`MAX_REPROFILES`] times).
    fn reprofile(&mut self, src: &dyn CodeSource, header: u64) -> Result<(), TranslateError> {
        let Some(made) = self.regions_made.get_mut(&header) else {
            return Ok(());
        };
        if made.recompiles >= MAX_REPROFILES {
            return Ok(());
        }
        made.recompiles += 1;
        let latch = made.latch;
        // Every ring's targets join the profile; the rings start over.
        let mut seen: Vec<(u64, u64)> = Vec::new();
        for (&site, buf) in self.profiles.iter_mut() {
            let n = usize::try_from(buf[0])
                .unwrap_or(usize::MAX)
                .min(PROFILE_RING);
            seen.extend(buf[1..=n].iter().map(|&t| (site, t)));
            buf[0] = 0;
        }
        for (site, t) in seen {
            self.observe_computed_jump(site, t);
        }
        self.make_region(src, header, latch)
    }

    /// Compiles the region at `header` (see [`Translator::promote`]).
    fn make_region(
        &mut self,
        src: &dyn CodeSource,
        header: u64,
        latch: u64,
    ) -> Result<(), TranslateError> {
        // A loop's region spans header..latch; straight-line code (header == latch)
        // takes the forward code that follows it within a short distance.
        let latch_end = if header == latch {
            header + STRAIGHT_REGION_SPAN
        } else {
            self.blocks.get(&latch).map_or(header, |b| b.end)
        }
        .max(header);
        let mut blocks: Vec<Block> = Vec::new();
        // Each queued block carries the address window its successors must stay
        // in: the loop (or the straight-line span) for the region's own code, and
        // a span from the entry of each callee the region follows a call into.
        // The last element names the function the block belongs to (see
        // `window_of`): a computed jump's targets start windows of their own but
        // stay the region's own code.
        let mut queue = std::collections::VecDeque::from([(header, header, latch_end, header)]);
        let mut seen = std::collections::HashSet::from([header]);
        let mut insns = 0u32;
        // The window each block was found in (its lower end names the function:
        // the region's own, or a callee's entry).
        let mut window_of: Vec<u64> = Vec::new();
        let mut callee_blocks: Vec<(Block, u64)> = Vec::new();
        let mut dispatch = false;
        while let Some((a, lo, hi, owner)) = queue.pop_front() {
            let (max_blocks, max_insns) = if dispatch {
                (MAX_DISPATCH_BLOCKS, MAX_DISPATCH_INSNS)
            } else if header == latch {
                (MAX_STRAIGHT_BLOCKS, MAX_STRAIGHT_INSNS)
            } else {
                (MAX_REGION_BLOCKS, MAX_REGION_INSNS)
            };
            if blocks.len() >= max_blocks || insns >= max_insns {
                break;
            }
            let b = self.lift(src, a);
            insns += b.insns;
            // Only successors that have run (interpreted or compiled): a path never
            // taken so far stays an exit, which chains like any other if it ever
            // runs. Cold paths cost compile time and registers for nothing.
            let ran = |t: &u64| self.blocks.contains_key(t) || self.cold.contains_key(t);
            for t in b.term.direct_targets() {
                if t >= lo && t < hi && ran(&t) && seen.insert(t) {
                    queue.push_back((t, lo, hi, owner));
                }
            }
            // A computed jump continues at the targets it was seen to take, the
            // most frequent first; each starts a window of its own.
            if b.computed_jump && owner == header {
                let mut targets = self.jump_targets.get(&a).cloned().unwrap_or_default();
                targets.sort_by_key(|&(t, n)| (std::cmp::Reverse(n), t));
                for (t, _) in targets {
                    if ran(&t) && seen.insert(t) {
                        dispatch = true;
                        queue.push_back((t, t, t.saturating_add(STRAIGHT_REGION_SPAN), owner));
                    }
                }
            }
            // A direct call to a small leaf function: take the whole callee in,
            // then continue at the return site, which the callee's `ret` reaches
            // inside the region.
            if let (Some(r), crate::ir::Terminator::Jump(callee)) = (b.call_return, &b.term) {
                let callee = *callee;
                if r >= lo && r < hi && !seen.contains(&r) {
                    if let Some(body) = self.small_leaf(src, callee) {
                        for cb in body {
                            if seen.insert(cb.start) {
                                insns += cb.insns;
                                callee_blocks.push((cb, callee));
                            }
                        }
                        seen.insert(r);
                        queue.push_back((r, lo, hi, owner));
                    }
                }
            }
            window_of.push(owner);
            blocks.push(b);
        }
        for (cb, w) in callee_blocks {
            blocks.push(cb);
            window_of.push(w);
        }
        if self.dump {
            eprintln!("region {header:#x}: {} blocks, {insns} insns", blocks.len());
        }
        let t0 = std::time::Instant::now();
        let mut returns = region_returns(&blocks, &window_of, header);
        let d0 = self.stats.dispatch_targets;
        self.add_dispatch_targets(&blocks, &mut returns);
        if self.dump {
            eprintln!(
                "region {header:#x}: {} computed-jump targets inside",
                self.stats.dispatch_targets - d0
            );
        }
        let shape = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            for b in &blocks {
                b.start.hash(&mut h);
            }
            returns.hash(&mut h);
            h.finish()
        };
        // Computed jumps record the targets they leave the region for, until the
        // region has been recompiled for them as often as it may be, or a
        // recompilation changed nothing (the targets do not fit, or never ran).
        let Some(made) = self.regions_made.get_mut(&header) else {
            return Ok(());
        };
        if made.recompiles > 0 && made.shape == shape {
            made.recompiles = MAX_REPROFILES;
            return Ok(());
        }
        made.shape = shape;
        let reprofile = made.recompiles < MAX_REPROFILES;
        let profiles: Vec<Option<u64>> = blocks
            .iter()
            .map(|b| {
                (reprofile && b.computed_jump).then(|| {
                    let buf = self
                        .profiles
                        .entry(b.start)
                        .or_insert_with(|| Box::new([0; PROFILE_RING + 1]));
                    buf.as_ptr() as u64
                })
            })
            .collect();
        if self.config.background {
            if self.worker.is_none() {
                self.worker = Some(crate::background::Worker::start()?);
            }
            let held: Vec<u64> = blocks.iter().map(|b| b.start).collect();
            let job = Box::new(crate::background::RegionJob {
                header,
                epoch: self.epoch,
                blocks,
                returns,
                profiles,
                settings: self.compile_settings(),
            });
            let sent = match &self.worker {
                Some(w) => w.submit(job),
                None => Err(job),
            };
            match sent {
                Ok(()) => {
                    self.pending.insert(header, held);
                    return Ok(());
                }
                // The thread is gone: compile here.
                Err(job) => {
                    self.worker = None;
                    return self.finish_region(
                        header,
                        &job.blocks,
                        &job.returns,
                        &job.profiles,
                        t0,
                    );
                }
            }
        }
        self.finish_region(header, &blocks, &returns, &profiles, t0)
    }

    /// Compiles a region on this thread and installs it.
    fn finish_region(
        &mut self,
        header: u64,
        blocks: &[Block],
        returns: &[Vec<u64>],
        profiles: &[Option<u64>],
        t0: std::time::Instant,
    ) -> Result<(), TranslateError> {
        let compiled = self.compile(blocks, None, returns, profiles, true)?;
        self.stats.regions += 1;
        self.stats.region_insns += blocks.iter().map(|b| u64::from(b.insns)).sum::<u64>();
        self.stats.region_time += t0.elapsed();
        self.install(header, compiled);
        self.rearm(blocks.iter().skip(1).map(|b| b.start));
        Ok(())
    }

    /// The tier-1 blocks a region took in start counting again: on a straight
    /// path every block reaches its threshold in the same pass, and without this
    /// each one that ran next asked for a region of its own over nearly the same
    /// code. One reached from elsewhere still gets its region, later. (bzip2's
    /// regions held each hot instruction 3.3 times on average, 2.7 since; most of
    /// the rest is straight code after each exit of its unrolled inner loops, which
    /// starts a region of its own.)
    fn rearm(&mut self, starts: impl Iterator<Item = u64>) {
        for a in starts {
            if let Some(&(i, rearm)) = self.counter_of.get(&a) {
                self.counters[i].set(rearm);
            }
        }
    }

    /// Installs the regions the compile thread finished (the run loop calls this
    /// on every pass; with nothing finished it costs one atomic load). A region
    /// whose code was invalidated while it compiled is dropped, and its entry may
    /// be promoted again.
    pub fn install_ready(&mut self) -> Result<(), TranslateError> {
        let Some(w) = &self.worker else {
            return Ok(());
        };
        for done in w.take_ready() {
            let held = self.pending.remove(&done.header).unwrap_or_default();
            self.stats.module_time += done.module_time;
            self.stats.region_time += done.time;
            if done.epoch != self.epoch {
                self.promoted.remove(&done.header);
                continue;
            }
            let compiled = done.result?;
            self.stats.regions += 1;
            self.stats.region_insns += compiled.insns;
            let block = self.record(compiled);
            self.install(done.header, block);
            self.rearm(held.into_iter().skip(1));
        }
        Ok(())
    }

    /// Adds to `returns[i]`, for each block ending in a computed jump, the targets
    /// it was seen to take that the region holds: the region's code continues
    /// there inside (see [`Translator::observe_computed_jump`]).
    fn add_dispatch_targets(&mut self, blocks: &[Block], returns: &mut [Vec<u64>]) {
        for (b, r) in blocks.iter().zip(returns.iter_mut()) {
            if !b.computed_jump {
                continue;
            }
            let Some(seen) = self.jump_targets.get(&b.start) else {
                continue;
            };
            let before = r.len();
            r.extend(
                seen.iter()
                    .map(|e| e.0)
                    .filter(|t| blocks.iter().any(|c| c.start == *t)),
            );
            r.sort_unstable();
            r.dedup();
            self.stats.dispatch_targets += (r.len() - before) as u64;
        }
    }

    /// The blocks of the function at `entry` that have run, if they are few,
    /// call nothing, and jump only within the function (their exits are returns,
    /// or paths not taken so far, which leave the region): such a callee is worth
    /// copying into a caller's region. Counting only what has run matters for
    /// helpers with rare cases, such as Lua's `index2value` (11 blocks, 7 run):
    /// copied, every Lua API call that uses it stays in its caller's region.
    fn small_leaf(&self, src: &dyn CodeSource, entry: u64) -> Option<Vec<Block>> {
        let hi = entry.saturating_add(CALLEE_SPAN);
        let mut out: Vec<Block> = Vec::new();
        let mut queue = vec![entry];
        let mut seen = std::collections::HashSet::from([entry]);
        let mut insns = 0u32;
        while let Some(a) = queue.pop() {
            let b = self.lift(src, a);
            insns += b.insns;
            if out.len() >= MAX_CALLEE_BLOCKS || insns > MAX_CALLEE_INSNS || b.call_return.is_some()
            {
                return None;
            }
            // Its exits must be returns: no syscall, no fault.
            if matches!(
                b.term,
                crate::ir::Terminator::Syscall { .. } | crate::ir::Terminator::Fault { .. }
            ) {
                return None;
            }
            for t in b.term.direct_targets() {
                if t < entry || t >= hi {
                    return None;
                }
                // Only the paths that have run: one never taken so far stays
                // an exit of the region, as in the region's own code.
                let ran = self.blocks.contains_key(&t) || self.cold.contains_key(&t);
                if ran && seen.insert(t) {
                    queue.push(t);
                }
            }
            out.push(b);
        }
        Some(out)
    }

    fn compile(
        &mut self,
        blocks: &[Block],
        hot: Option<HotCounter>,
        returns: &[Vec<u64>],
        profiles: &[Option<u64>],
        optimize: bool,
    ) -> Result<CompiledBlock, TranslateError> {
        let settings = self.compile_settings();
        let (slot, opt_level) = if optimize {
            (&mut self.module, "speed")
        } else {
            (&mut self.fast, "none")
        };
        let cm = module_in(slot, opt_level, &mut self.stats.module_time)?;
        let job = CompileJob {
            blocks,
            hot,
            returns,
            profiles,
        };
        let done = compile_function(cm, &mut self.ctx, &mut self.fctx, &job, &settings)?;
        Ok(self.record(done))
    }

    /// What every compile needs to know besides its blocks.
    pub(crate) fn compile_settings(&self) -> CompileSettings {
        CompileSettings {
            mem_size: self.config.mem_size,
            jump_cache: if self.config.chain {
                self.jump_cache.as_ptr() as u64
            } else {
                0
            },
            guard: if self.config.elide_checks {
                self.config.guard
            } else {
                0
            },
            host_sha: self.config.host_sha && host_has_sha(),
            dump: self.dump,
            code_dump: self.code_dump.clone(),
        }
    }

    /// Files a compiled function's code range (for [`Translator::guest_rip_of`]).
    pub(crate) fn record(&mut self, done: Compiled) -> CompiledBlock {
        self.ranges.insert(done.ptr, done.range);
        self.translated_insns += done.insns;
        done.block
    }

    /// The guest instruction whose host code contains `pc`, if `pc` is in
    /// translated code.
    pub fn guest_rip_of(&self, pc: u64) -> Option<u64> {
        let (start, r) = self.ranges.range(..=pc).next_back()?;
        let off = pc - start;
        if off >= r.len {
            return None;
        }
        let off = u32::try_from(off).ok()?;
        let loc = r.locs.iter().find(|(s, e, _)| *s <= off && off < *e)?;
        Some(loc.2)
    }

    /// Drops every cached block overlapping `[addr, addr+len)`.
    pub fn invalidate(&mut self, addr: u64, len: u64) {
        let end = addr.saturating_add(len);
        self.drop_blocks(|start, stop| stop > addr && start < end);
    }

    /// Drops every cached block for which `gone(start, end)` holds; counts an
    /// invalidation if any was dropped.
    fn drop_blocks(&mut self, gone: impl Fn(u64, u64) -> bool) {
        // Regions still compiling may hold code that is gone.
        self.epoch += 1;
        let before = self.cold.len() + self.blocks.len();
        self.cold.retain(|_, (b, _)| !gone(b.start, b.end));
        self.jump_targets.retain(|&a, _| !gone(a, a + 1));
        let jump_cache = &mut self.jump_cache;
        self.blocks.retain(|_, b| {
            let keep = !gone(b.start, b.end);
            if !keep {
                jump_cache.remove(b.start, b.entry as usize as u64);
            }
            keep
        });
        if self.cold.len() + self.blocks.len() != before {
            self.invalidations += 1;
        }
    }

    /// Compiles every block still waiting in the cold tier (tier 1), so that a
    /// later run finds all the code it ran last time compiled: for warm starts,
    /// where the same program runs again and again. Returns how many it compiled.
    pub fn precompile_cold(&mut self, src: &dyn CodeSource) -> Result<usize, TranslateError> {
        let mut addrs: Vec<u64> = self.cold.keys().copied().collect();
        addrs.sort_unstable();
        let mut n = 0;
        for a in addrs {
            self.cold.remove(&a);
            if !self.blocks.contains_key(&a) {
                self.block(src, a)?;
                n += 1;
            }
        }
        Ok(n)
    }

    /// Keeps only the blocks lying wholly inside one of `ranges` (the program
    /// image's code, before a warm start reuses this translator); returns whether
    /// the translator may serve another run of the same program: false once any
    /// translation was invalidated (the guest changed or unmapped code).
    pub fn retain_within(&mut self, ranges: &[(u64, u64)]) -> bool {
        let clean = self.invalidations == 0;
        self.drop_blocks(|start, stop| !ranges.iter().any(|&(a, e)| start >= a && stop <= e));
        clean
    }

    /// Number of cached blocks.
    pub fn cached_blocks(&self) -> usize {
        self.blocks.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Guest code at 0x1000: a dispatch through a table and two handlers that
    /// jump back to it, then a `ret`.
    struct Dispatch(Vec<u8>);

    impl CodeSource for Dispatch {
        fn fetch(&self, addr: u64, buf: &mut [u8]) -> usize {
            let Some(off) = addr
                .checked_sub(0x1000)
                .and_then(|o| usize::try_from(o).ok())
            else {
                return 0;
            };
            let code = self.0.get(off..).unwrap_or(&[]);
            let n = code.len().min(buf.len());
            buf[..n].copy_from_slice(&code[..n]);
            n
        }
    }

    const DISPATCH: u64 = 0x1000;
    const H1: u64 = 0x1009;
    const H2: u64 = 0x100f;
    const RET: u64 = 0x1015;

    fn code() -> Dispatch {
        Dispatch(vec![
            0x48, 0x8b, 0x04, 0xce, // 1000: mov rax, [rsi+rcx*8]
            0x48, 0xff, 0xc1, // 1004: inc rcx
            0xff, 0xe0, // 1007: jmp rax
            0x48, 0x83, 0xc2, 0x01, // 1009: add rdx, 1
            0xeb, 0xf1, // 100d: jmp 1000
            0x48, 0x83, 0xc2, 0x02, // 100f: add rdx, 2
            0xeb, 0xeb, // 1013: jmp 1000
            0xc3, // 1015: ret
        ])
    }

    /// A translator that has run every block of [`code`] once (compiled them),
    /// compiling regions on the caller's thread.
    fn warmed(code: &Dispatch) -> Translator {
        warmed_with(code, false)
    }

    fn warmed_with(code: &Dispatch, background: bool) -> Translator {
        let mut t = Translator::new(TranslatorConfig {
            background,
            ..TranslatorConfig::default()
        })
        .expect("host ISA");
        for a in [DISPATCH, H1, H2, RET] {
            t.block(code, a).expect("translation");
        }
        t
    }

    /// Passes of the run loop until nothing is pending on the compile thread.
    fn settle(t: &mut Translator) {
        let t0 = std::time::Instant::now();
        while !t.pending.is_empty() {
            assert!(
                t0.elapsed().as_secs() < 30,
                "the compile thread never answered"
            );
            std::thread::sleep(std::time::Duration::from_millis(1));
            t.install_ready().expect("translation");
        }
    }

    #[test]
    fn a_region_from_the_compile_thread_is_installed_at_a_later_pass() {
        let code = code();
        let mut t = warmed_with(&code, true);
        let tier1 = t.compiled(DISPATCH).expect("tier 1").entry;
        t.promote(&code, DISPATCH, DISPATCH).expect("region");
        assert!(t.pending.contains_key(&DISPATCH));
        // Asked again while it compiles (the tier-1 counter fires again): no
        // second job.
        t.promote(&code, DISPATCH, DISPATCH).expect("region");
        settle(&mut t);
        assert_eq!(t.stats.regions, 1);
        let region = t.compiled(DISPATCH).expect("region").entry;
        assert!(
            !core::ptr::fn_addr_eq(region, tier1),
            "the region replaced tier 1"
        );
    }

    #[test]
    fn a_translator_dropped_with_regions_still_compiling_stops_its_thread() {
        let code = code();
        let mut t = warmed_with(&code, true);
        t.observe_computed_jump(DISPATCH, H1);
        t.promote(&code, DISPATCH, DISPATCH).expect("region");
        t.promote(&code, H2, H2).expect("region");
        assert!(!t.pending.is_empty());
        // Joins the thread (queued jobs are skipped) and frees both threads' code.
        drop(t);
    }

    #[test]
    fn a_region_whose_code_was_invalidated_while_it_compiled_is_dropped() {
        let code = code();
        let mut t = warmed_with(&code, true);
        t.promote(&code, DISPATCH, DISPATCH).expect("region");
        t.invalidate(DISPATCH, 1);
        settle(&mut t);
        assert_eq!(t.stats.regions, 0, "nothing installed");
        assert!(t.compiled(DISPATCH).is_none());
        assert!(!t.promoted.contains(&DISPATCH), "it may be promoted again");
    }

    /// Software prefetches reach the compiled code as the host's own (a hint has
    /// no effect the ISA tests could compare, so this looks at the code).
    #[test]
    fn prefetches_compile_to_host_prefetches() {
        let code = Dispatch(vec![
            0x0f, 0x18, 0x4e, 0x40, // prefetcht0 [rsi+0x40]
            0x0f, 0x18, 0x00, // prefetchnta [rax]
            0x0f, 0x18, 0x17, // prefetcht1 [rdi]
            0xc3, // ret
        ]);
        let mut t = Translator::new(TranslatorConfig::default()).expect("translator");
        let b = t.block(&code, 0x1000).expect("compiled");
        let len = t.ranges[&(b.entry as usize as u64)].len;
        // SAFETY: the translator compiled `len` bytes of code at the entry, in
        // memory that is readable, and keeps them while `t` lives.
        let bytes = unsafe {
            core::slice::from_raw_parts(
                b.entry as usize as *const u8,
                usize::try_from(len).unwrap(),
            )
        };
        // 0F 18 /r: the ModRM reg field is the hint (0 NTA, 1 T0).
        let hints: Vec<u8> = bytes
            .windows(3)
            .filter(|w| w[0] == 0x0f && w[1] == 0x18)
            .map(|w| (w[2] >> 3) & 7)
            .collect();
        assert_eq!(
            hints.iter().filter(|&&h| h == 1).count(),
            2,
            "T0 and T1 as PREFETCHT0 in {hints:?}"
        );
        assert_eq!(
            hints.iter().filter(|&&h| h == 0).count(),
            1,
            "NTA in {hints:?}"
        );
    }

    #[test]
    fn only_a_jmp_through_a_register_or_memory_is_a_computed_jump() {
        let code = code();
        let t = warmed(&code);
        assert!(t.lift(&code, DISPATCH).computed_jump);
        assert!(!t.lift(&code, H1).computed_jump);
        assert!(!t.lift(&code, RET).computed_jump, "a ret");
    }

    #[test]
    fn a_region_continues_inside_at_the_targets_its_computed_jump_took() {
        let code = code();
        let mut t = warmed(&code);
        t.promote(&code, DISPATCH, DISPATCH).expect("region");
        assert_eq!(t.stats.dispatch_targets, 0, "no target seen, none inside");

        let mut t = warmed(&code);
        t.observe_computed_jump(DISPATCH, H1);
        t.observe_computed_jump(DISPATCH, H1);
        t.observe_computed_jump(DISPATCH, H2);
        t.promote(&code, DISPATCH, DISPATCH).expect("region");
        assert_eq!(t.stats.dispatch_targets, 2);
        assert_eq!(t.stats.regions, 1);
    }

    #[test]
    fn a_region_is_recompiled_for_the_targets_it_left_for_only_when_that_changes_it() {
        let code = code();
        let mut t = warmed(&code);
        t.observe_computed_jump(DISPATCH, H1);
        t.promote(&code, DISPATCH, DISPATCH).expect("region");
        assert_eq!((t.stats.regions, t.stats.dispatch_targets), (1, 1));
        // What the region's code does when its jump leaves for H2: the target
        // goes into the ring of the dispatch's profile, and the count reaches
        // the threshold (the exit is tagged with the region's entry).
        let buf = t.profiles.get_mut(&DISPATCH).expect("a profile buffer");
        buf[0] = 1;
        buf[1] = H2;
        t.promote(&code, DISPATCH | REPROFILE, H2).expect("region");
        assert_eq!((t.stats.regions, t.stats.dispatch_targets), (2, 3));
        assert_eq!(t.profiles[&DISPATCH][0], 0, "the ring starts over");
        // Leaving again for targets it already holds changes nothing: no compile.
        let buf = t.profiles.get_mut(&DISPATCH).expect("a profile buffer");
        buf[0] = 1;
        buf[1] = H1;
        t.promote(&code, DISPATCH | REPROFILE, H1).expect("region");
        assert_eq!(t.stats.regions, 2);
    }
}
