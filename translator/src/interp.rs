//! The IR interpreter: executes a lifted [`Block`] directly, with exactly the
//! observable behaviour of the block's compiled code ([`crate::lower`]).
//!
//! It is the cold tier (no compile latency) and the other half of the cross-check
//! mode. "Exactly" includes the corners of the lowering:
//!
//! - Guest registers, flags and XMM registers live in a working copy that is
//!   written back to the state where compiled code flushes its register cache: at
//!   every terminator and before every helper call (and reloaded after it). An
//!   access that fails the bounds check, a [`Op::Trap`], or an out-of-gas exit
//!   leaves the state as of the last flush, as compiled code does.
//! - Gas follows the lowering's gas variable, which compiled code passes from
//!   block to block in a register: the state's `gas` is written before every
//!   helper call (and read back after it) and at every exit except the two that
//!   end the run — a failed bounds check or trap, and running out of gas — which,
//!   like a helper or a host fault that unwinds the run, leave it as last written.
//! - Float operations run as the very SSE instructions Cranelift emits for them
//!   (inline assembly), under the guest MXCSR that [`crate::exec::enter`] installs,
//!   so results, rounding, FTZ/DAZ and exception flags are bit-identical: `minss`
//!   for [`BinOp::FMinX86`], `maxss` for scalar [`BinOp::FMaxX86`],
//!   `cmpltp` + bitselect for the vector max, `ucomis` for every scalar compare,
//!   `cmpp` with Cranelift's predicate for vector compares, and `cvtt` plus two
//!   an integer range test for [`Conv::FloatToSIntTrunc`].
//! - Guest memory is accessed with single host instructions at `mem_base + addr`
//!   (inline assembly), so a protected page faults exactly like compiled code and
//!   the fault unwinds through the same signal handler.
//!
//! Run it with [`enter`] (inside `exec`'s fault protection, like compiled code);
//! [`enter_journaled`] also records every IR store so the caller can undo them.

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]

use crate::exec;
use crate::ir::{
    BinOp, Block, Conv, FloatCC, HelperFn, IntCC, Lanes, Op, Special, Terminator, Type, UnOp,
    Value, VecOp, VecShift,
};
use crate::state::{signal, CpuState, ExitReason};
use core::arch::asm;
use core::arch::x86_64::__m128i;
use std::cell::Cell;

/// One guest store made by an interpreted block (for undoing it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoreRecord {
    /// Guest address.
    pub addr: u64,
    /// Width in bytes (1, 2, 4, 8, 16).
    pub bytes: u32,
    /// The bytes there before the store (little-endian, low `bytes` bytes).
    pub old: u128,
}

#[derive(Clone, Copy)]
struct Pending {
    block: *const Block,
    vals: *mut Vec<u128>,
    journal: *mut Vec<StoreRecord>,
}

thread_local! {
    static PENDING: Cell<Option<Pending>> = const { Cell::new(None) };
    /// The guest instruction being interpreted.
    static CUR_RIP: Cell<u64> = const { Cell::new(0) };
    /// Whether a block jumping to its own start keeps looping inside the
    /// interpreter (as compiled tier-2 code does) or leaves each time (the cold
    /// tier, which counts executions at every entry).
    static LOOP_INTERNALLY: Cell<bool> = const { Cell::new(true) };
    static VALS: Cell<Vec<u128>> = const { Cell::new(Vec::new()) };
}

/// The guest instruction the interpreter was executing when its last run ended:
/// for a host fault, the faulting instruction (what [`crate::Translator::guest_rip_of`]
/// gives for compiled code).
pub fn last_rip() -> u64 {
    CUR_RIP.with(Cell::get)
}

/// `exec`'s entry point for interpreted blocks: the [`exec::BlockFn`] signature,
/// with the block taken from [`PENDING`].
unsafe extern "C" fn interp_entry(state: *mut CpuState, _mem_base: u64) -> u64 {
    let Some(p) = PENDING.with(Cell::get) else {
        return ExitReason::Halt as u64;
    };
    // SAFETY: `enter_with` set the pointers to live objects for this call.
    let r = unsafe { run_inner(&*p.block, state, &mut *p.vals, p.journal.as_mut()) };
    r as u64
}

/// Interprets `block` on `state`, inside `exec`'s fault protection: the
/// interpreter's twin of [`exec::enter`] for a compiled block. Returns the exit
/// reason; after a host fault ([`ExitReason::Fault`] with
/// [`exec::take_host_fault`] set) [`last_rip`] names the faulting instruction.
///
/// # Safety
/// `state.mem_base`/`state.mem_size` must describe the guest space, and the signal
/// handlers must be installed ([`exec::install_signal_handlers`]).
pub unsafe fn enter(state: &mut CpuState, block: &Block) -> u64 {
    // SAFETY: forwarded contract.
    unsafe { enter_with(state, block, core::ptr::null_mut()) }
}

/// Chooses whether self-loops stay inside the interpreter (the default, matching
/// compiled code without a hot counter) or leave after every pass (the cold tier).
pub fn set_loop_internally(on: bool) {
    LOOP_INTERNALLY.with(|c| c.set(on));
}

/// [`enter`], also appending every guest store the IR makes to `journal` (helpers'
/// own memory writes are not recorded).
///
/// # Safety
/// As for [`enter`].
pub unsafe fn enter_journaled(
    state: &mut CpuState,
    block: &Block,
    journal: &mut Vec<StoreRecord>,
) -> u64 {
    // SAFETY: forwarded contract.
    unsafe { enter_with(state, block, journal) }
}

unsafe fn enter_with(state: &mut CpuState, block: &Block, journal: *mut Vec<StoreRecord>) -> u64 {
    let mut vals = VALS.with(Cell::take);
    let prev = PENDING.with(|p| {
        p.replace(Some(Pending {
            block,
            vals: &mut vals,
            journal,
        }))
    });
    CUR_RIP.with(|c| c.set(block.start));
    // SAFETY: `interp_entry` has the block signature and runs the pending block on
    // the state exec passes it; the caller vouches for memory and handlers.
    let r = unsafe { exec::enter(state, interp_entry) };
    PENDING.with(|p| p.set(prev));
    VALS.with(|v| v.set(vals));
    r
}

/// Interprets `block` on `state` without fault protection.
///
/// # Safety
/// Must run inside [`exec::enter`] (use [`enter`]) unless the block can neither
/// call helpers that raise faults nor touch protected guest memory; the guest
/// MXCSR must be live in the host MXCSR.
pub unsafe fn run_block(block: &Block, state: &mut CpuState) -> ExitReason {
    let mut vals = Vec::new();
    // SAFETY: forwarded contract.
    unsafe { run_inner(block, state, &mut vals, None) }
}

/// Registers, flags and XMM registers as compiled code caches them.
#[derive(Clone, Copy)]
struct Work {
    gpr: [u64; 16],
    flags: [u8; 8],
    xmm: [[u64; 2]; 16],
    fs: u64,
    gs: u64,
}

impl Work {
    fn load(s: &CpuState) -> Work {
        Work {
            gpr: s.gpr,
            flags: s.flags,
            xmm: s.xmm,
            fs: s.fs_base,
            gs: s.gs_base,
        }
    }
    fn store(&self, s: &mut CpuState) {
        s.gpr = self.gpr;
        s.flags = self.flags;
        s.xmm = self.xmm;
        s.fs_base = self.fs;
        s.gs_base = self.gs;
    }
}

struct Interp<'a> {
    block: &'a Block,
    st: *mut CpuState,
    vals: &'a mut Vec<u128>,
    work: Work,
    /// The lowering's gas variable.
    gas_var: u64,
    rip: u64,
    mem_base: u64,
    mem_size: u64,
    journal: Option<&'a mut Vec<StoreRecord>>,
}

unsafe fn run_inner(
    block: &Block,
    st: *mut CpuState,
    vals: &mut Vec<u128>,
    journal: Option<&mut Vec<StoreRecord>>,
) -> ExitReason {
    vals.clear();
    vals.resize(block.types.len(), 0);
    // SAFETY: the caller passes the live state.
    let s = unsafe { &*st };
    let mut it = Interp {
        block,
        st,
        work: Work::load(s),
        gas_var: s.gas,
        rip: block.start,
        mem_base: s.mem_base,
        mem_size: s.mem_size,
        vals,
        journal,
    };
    CUR_RIP.with(|c| c.set(block.start));
    // SAFETY: forwarded contract.
    unsafe { it.run() }
}

fn mask(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

fn sx(v: u128, bits: u32) -> i128 {
    let sh = 128 - bits;
    ((v << sh) as i128) >> sh
}

fn lane_bits(l: Lanes) -> u32 {
    l.lane_type().bits()
}

fn lane(v: u128, w: u32, i: u32) -> u128 {
    (v >> (i * w)) & mask(w)
}

fn map2(a: u128, b: u128, w: u32, f: impl Fn(u128, u128) -> u128) -> u128 {
    let mut r = 0u128;
    for i in 0..128 / w {
        r |= (f(lane(a, w, i), lane(b, w, i)) & mask(w)) << (i * w);
    }
    r
}

fn map1(a: u128, w: u32, f: impl Fn(u128) -> u128) -> u128 {
    let mut r = 0u128;
    for i in 0..128 / w {
        r |= (f(lane(a, w, i)) & mask(w)) << (i * w);
    }
    r
}

impl Interp<'_> {
    fn s(&mut self) -> &mut CpuState {
        // SAFETY: the state outlives the run; no other reference is live while the
        // interpreter holds this one (helpers get the raw pointer only while no
        // borrow exists).
        unsafe { &mut *self.st }
    }

    fn v(&self, v: Value) -> u128 {
        self.vals[v.0 as usize]
    }

    fn ty(&self, v: Value) -> Type {
        self.block.ty(v)
    }

    fn def(&mut self, v: Value, x: u128) {
        let t = self.block.ty(v);
        self.vals[v.0 as usize] = x & mask(t.bits());
    }

    /// The lowering's `flush`: dirty slots to the state.
    fn flush(&mut self) {
        let w = self.work;
        w.store(self.s());
    }

    /// Leaves the block as the lowering's `exit` does: the gas into the state.
    fn leave(&mut self, r: ExitReason) -> ExitReason {
        let g = self.gas_var;
        self.s().gas = g;
        r
    }

    fn fault(&mut self, sig: u32, addr: u64) -> ExitReason {
        let rip = self.rip;
        let s = self.s();
        s.fault_signal = sig;
        s.fault_addr = addr;
        s.fault_rip = rip;
        s.exit_reason = ExitReason::Fault as u32;
        // The lowering's shared fault exit stores no cached slot, the gas
        // included: the run ends here.
        ExitReason::Fault
    }

    /// A helper call as the lowering makes it: flush everything (gas into the
    /// state too), RIP of the current instruction, call, reload.
    unsafe fn call(&mut self, f: HelperFn, a: u64, b: u64, c: u64) -> u64 {
        self.flush();
        let g = self.gas_var;
        let rip = self.rip;
        {
            let s = self.s();
            s.gas = g;
            s.rip = rip;
        }
        // SAFETY: helpers take the live state; they may unwind to `exec::enter`.
        let r = unsafe { f(self.st, a, b, c) };
        let (w, g) = {
            let s = self.s();
            (Work::load(s), s.gas)
        };
        self.work = w;
        self.gas_var = g;
        r
    }

    fn out_of_range(&self, addr: u64, bytes: u32) -> bool {
        addr > self.mem_size.wrapping_sub(u64::from(bytes))
    }

    unsafe fn run(&mut self) -> ExitReason {
        loop {
            // SAFETY: forwarded contract.
            if let Some(r) = unsafe { self.run_once() } {
                return r;
            }
        }
    }

    /// One pass over the block: `None` when it jumps to its own start, which the
    /// lowering compiles as a host jump (no flush, gas charged again).
    unsafe fn run_once(&mut self) -> Option<ExitReason> {
        let block = self.block;
        for op in &block.ops {
            match *op {
                Op::Insn { rip, .. } => {
                    self.rip = rip;
                    CUR_RIP.with(|c| c.set(rip));
                }
                Op::ChargeGas { cost } => {
                    if self.gas_var < cost {
                        let start = block.start;
                        let s = self.s();
                        s.rip = start;
                        s.exit_reason = ExitReason::OutOfGas as u32;
                        // Out of gas ends the run; the gas is not stored.
                        return Some(ExitReason::OutOfGas);
                    }
                    self.gas_var -= cost;
                }
                Op::Const { dst, ty, bits } => self.vals[dst.0 as usize] = bits & mask(ty.bits()),
                Op::GetReg { dst, reg } => {
                    self.vals[dst.0 as usize] = u128::from(self.work.gpr[usize::from(reg)])
                }
                Op::SetReg { reg, src } => self.work.gpr[usize::from(reg)] = self.v(src) as u64,
                Op::GetFlag { dst, flag } => {
                    self.vals[dst.0 as usize] = u128::from(self.work.flags[flag as usize])
                }
                Op::SetFlag { flag, src } => self.work.flags[flag as usize] = self.v(src) as u8,
                Op::Flags {
                    kind,
                    a,
                    b,
                    res,
                    carry,
                } => {
                    let bits = self.ty(res).bits();
                    let c = carry.is_some_and(|c| self.v(c) & 1 == 1);
                    let out = crate::lift::flags::compute(
                        kind,
                        bits,
                        self.v(a) as u64,
                        self.v(b) as u64,
                        self.v(res) as u64,
                        c,
                    );
                    for (f, v) in self.work.flags.iter_mut().zip(out) {
                        if let Some(v) = v {
                            *f = v;
                        }
                    }
                }
                Op::GetXmm { dst, reg } => {
                    let x = self.work.xmm[usize::from(reg)];
                    self.vals[dst.0 as usize] = u128::from(x[0]) | (u128::from(x[1]) << 64);
                }
                Op::SetXmm { reg, src } => {
                    let v = self.v(src);
                    self.work.xmm[usize::from(reg)] = [v as u64, (v >> 64) as u64];
                }
                Op::GetSpecial { dst, which } => {
                    let v = match which {
                        Special::FsBase => u128::from(self.work.fs),
                        Special::GsBase => u128::from(self.work.gs),
                        // SAFETY: our own helper, as the lowering calls its own.
                        Special::Mxcsr => u128::from(unsafe { self.call(helper_stmxcsr, 0, 0, 0) }),
                    };
                    self.def(dst, v);
                }
                Op::SetSpecial { which, src } => {
                    let v = self.v(src) as u64;
                    match which {
                        Special::FsBase => self.work.fs = v,
                        Special::GsBase => self.work.gs = v,
                        Special::Mxcsr => {
                            // SAFETY: as above.
                            unsafe { self.call(helper_ldmxcsr, v, 0, 0) };
                        }
                    }
                }
                Op::Load { dst, ty, addr } => {
                    let a = self.v(addr) as u64;
                    if self.out_of_range(a, ty.bytes()) {
                        return Some(self.fault(signal::SIGSEGV, a));
                    }
                    // SAFETY: inside the guest space; protected pages fault into exec.
                    let v = unsafe { mem_load(self.mem_base.wrapping_add(a), ty.bytes()) };
                    self.def(dst, v);
                }
                Op::Store { addr, src } => {
                    let a = self.v(addr) as u64;
                    let bytes = self.ty(src).bytes();
                    if self.out_of_range(a, bytes) {
                        return Some(self.fault(signal::SIGSEGV, a));
                    }
                    let p = self.mem_base.wrapping_add(a);
                    let v = self.v(src);
                    if let Some(j) = self.journal.as_deref_mut() {
                        // SAFETY: as for loads (a writable page is readable).
                        let old = unsafe { mem_load(p, bytes) };
                        // SAFETY: as for loads.
                        unsafe { mem_store(p, bytes, v) };
                        j.push(StoreRecord {
                            addr: a,
                            bytes,
                            old,
                        });
                    } else {
                        // SAFETY: as for loads.
                        unsafe { mem_store(p, bytes, v) };
                    }
                }
                Op::Unary { dst, op, a } => {
                    let r = unary(op, self.ty(a), self.v(a));
                    self.def(dst, r);
                }
                Op::Binary { dst, op, a, b } => {
                    let r = binary(op, self.ty(a), self.v(a), self.v(b));
                    self.def(dst, r);
                }
                Op::Icmp { dst, cc, a, b } => {
                    let r = icmp(cc, self.ty(a).bits(), self.v(a), self.v(b));
                    self.def(dst, u128::from(r));
                }
                Op::Fcmp { dst, cc, a, b } => {
                    let f = ucomis(self.v(a), self.v(b), self.ty(a) == Type::F64);
                    self.def(dst, u128::from(fcc(cc, f)));
                }
                Op::Select { dst, cond, a, b } => {
                    let r = if self.v(cond) & 0xff != 0 {
                        self.v(a)
                    } else {
                        self.v(b)
                    };
                    self.def(dst, r);
                }
                Op::Convert { dst, conv, to, a } => {
                    let r = convert(conv, self.ty(a), to, self.v(a));
                    self.def(dst, r);
                }
                Op::Vector {
                    dst,
                    op,
                    lanes,
                    a,
                    b,
                } => {
                    let r = vector(op, lanes, self.v(a), self.v(b));
                    self.def(dst, r);
                }
                Op::VectorFcmp {
                    dst,
                    cc,
                    lanes,
                    a,
                    b,
                } => {
                    let r = vfcmp(cc, lanes == Lanes::F64x2, self.v(a), self.v(b));
                    self.def(dst, r);
                }
                Op::VectorShift {
                    dst,
                    op,
                    lanes,
                    a,
                    count,
                } => {
                    let w = lane_bits(lanes);
                    let c = self.v(count) as u64;
                    let x = self.v(a);
                    let r = match op {
                        VecShift::Shl if c < u64::from(w) => map1(x, w, |l| l << c),
                        VecShift::LShr if c < u64::from(w) => map1(x, w, |l| l >> c),
                        VecShift::Shl | VecShift::LShr => 0,
                        VecShift::AShr => {
                            let c = c.min(u64::from(w) - 1);
                            map1(x, w, |l| (sx(l, w) >> c) as u128)
                        }
                    };
                    self.def(dst, r);
                }
                Op::Shuffle { dst, a, b, mask: m } => {
                    let mut src = [0u8; 32];
                    src[..16].copy_from_slice(&self.v(a).to_le_bytes());
                    src[16..].copy_from_slice(&self.v(b).to_le_bytes());
                    let mut out = [0u8; 16];
                    for (o, &i) in out.iter_mut().zip(m.iter()) {
                        *o = src.get(usize::from(i)).copied().unwrap_or(0);
                    }
                    self.def(dst, u128::from_le_bytes(out));
                }
                Op::MoveMask { dst, lanes, a } => {
                    let w = lane_bits(lanes);
                    let x = self.v(a);
                    let mut r = 0u128;
                    for i in 0..128 / w {
                        r |= ((lane(x, w, i) >> (w - 1)) & 1) << i;
                    }
                    self.def(dst, r);
                }
                Op::ExtractLane { dst, lanes, a, idx } => {
                    let r = lane(self.v(a), lane_bits(lanes), u32::from(idx));
                    self.def(dst, r);
                }
                Op::InsertLane {
                    dst,
                    lanes,
                    a,
                    val,
                    idx,
                } => {
                    let w = lane_bits(lanes);
                    let sh = u32::from(idx) * w;
                    let r = (self.v(a) & !(mask(w) << sh)) | ((self.v(val) & mask(w)) << sh);
                    self.def(dst, r);
                }
                Op::Splat { dst, lanes, a } => {
                    let x = self.v(a);
                    let r = map1(0, lane_bits(lanes), |_| x);
                    self.def(dst, r);
                }
                Op::Sha { dst, op, a, b, k } => {
                    let r = crate::sha::sha(op, self.v(a), self.v(b), self.v(k));
                    self.def(dst, r);
                }
                // A hint: nothing to do without a cache to warm.
                Op::Prefetch { .. } => {}
                Op::Trap { cond, signal } => {
                    if self.v(cond) & 0xff != 0 {
                        return Some(self.fault(signal, 0));
                    }
                }
                Op::Call {
                    dst,
                    helper,
                    ref args,
                } => {
                    let arg = |i: usize| args.get(i).map_or(0, |v| self.v(*v) as u64);
                    let (a, b, c) = (arg(0), arg(1), arg(2));
                    // SAFETY: the helper contract: the live state, inside exec::enter.
                    let r = unsafe { self.call(helper.func, a, b, c) };
                    if let Some(d) = dst {
                        self.def(d, u128::from(r));
                    }
                }
            }
        }
        self.terminate()
    }

    fn terminate(&mut self) -> Option<ExitReason> {
        Some(match self.block.term {
            Terminator::Jump(t) => return self.goto(t),
            Terminator::Branch {
                cond,
                taken,
                not_taken,
            } => {
                let t = if self.v(cond) & 0xff != 0 {
                    taken
                } else {
                    not_taken
                };
                return self.goto(t);
            }
            Terminator::Indirect(v) => {
                // Always leaves (the lowering has no internal indirect edges).
                let t = self.v(v) as u64;
                self.flush();
                self.s().rip = t;
                self.leave(ExitReason::Continue)
            }
            Terminator::Syscall { next } => {
                self.flush();
                let s = self.s();
                s.rip = next;
                s.exit_reason = ExitReason::Syscall as u32;
                self.leave(ExitReason::Syscall)
            }
            Terminator::Fault { signal, rip, addr } => {
                self.flush();
                let s = self.s();
                s.rip = rip;
                s.fault_rip = rip;
                s.fault_addr = addr;
                s.fault_signal = signal;
                s.exit_reason = ExitReason::Fault as u32;
                self.leave(ExitReason::Fault)
            }
        })
    }

    fn goto(&mut self, target: u64) -> Option<ExitReason> {
        if target == self.block.start && LOOP_INTERNALLY.with(Cell::get) {
            return None;
        }
        self.flush();
        self.s().rip = target;
        Some(self.leave(ExitReason::Continue))
    }
}

/// STMXCSR (the lowering's helper of the same name).
unsafe extern "C" fn helper_stmxcsr(_: *mut CpuState, _: u64, _: u64, _: u64) -> u64 {
    let mut v: u32 = 0;
    // SAFETY: stmxcsr stores 4 bytes into `v`.
    unsafe { asm!("stmxcsr [{}]", in(reg) &mut v, options(nostack)) };
    u64::from(v)
}

/// LDMXCSR: reserved bits set is a #GP (SIGSEGV), as in the lowering.
unsafe extern "C" fn helper_ldmxcsr(state: *mut CpuState, v: u64, _: u64, _: u64) -> u64 {
    let Ok(v32) = u32::try_from(v) else { return 0 };
    if v32 & !0xffff != 0 {
        // SAFETY: called by the interpreter inside exec::enter with the live state.
        unsafe { exec::raise_fault(state, signal::SIGSEGV, 0) }
    }
    // SAFETY: reserved bits are clear, so ldmxcsr cannot fault.
    unsafe { asm!("ldmxcsr [{}]", in(reg) &v32, options(nostack)) };
    0
}

/// One guest load as one host instruction.
unsafe fn mem_load(p: u64, bytes: u32) -> u128 {
    // SAFETY: (all arms) the caller checked the range; a protected page faults
    // into exec's handler, which unwinds the run.
    unsafe {
        match bytes {
            1 => {
                let v: u8;
                asm!("mov {v}, byte ptr [{p}]", p = in(reg) p, v = out(reg_byte) v, options(nostack, readonly, preserves_flags));
                u128::from(v)
            }
            2 => {
                let v: u16;
                asm!("mov {v:x}, word ptr [{p}]", p = in(reg) p, v = out(reg) v, options(nostack, readonly, preserves_flags));
                u128::from(v)
            }
            4 => {
                let v: u32;
                asm!("mov {v:e}, dword ptr [{p}]", p = in(reg) p, v = out(reg) v, options(nostack, readonly, preserves_flags));
                u128::from(v)
            }
            8 => {
                let v: u64;
                asm!("mov {v}, qword ptr [{p}]", p = in(reg) p, v = out(reg) v, options(nostack, readonly, preserves_flags));
                u128::from(v)
            }
            _ => {
                let v: __m128i;
                asm!("movdqu {v}, xmmword ptr [{p}]", p = in(reg) p, v = out(xmm_reg) v, options(nostack, readonly, preserves_flags));
                ux(v)
            }
        }
    }
}

/// One guest store as one host instruction.
unsafe fn mem_store(p: u64, bytes: u32, v: u128) {
    // SAFETY: (all arms) as for `mem_load`.
    unsafe {
        match bytes {
            1 => {
                asm!("mov byte ptr [{p}], {v}", p = in(reg) p, v = in(reg_byte) v as u8, options(nostack, preserves_flags))
            }
            2 => {
                asm!("mov word ptr [{p}], {v:x}", p = in(reg) p, v = in(reg) v as u16, options(nostack, preserves_flags))
            }
            4 => {
                asm!("mov dword ptr [{p}], {v:e}", p = in(reg) p, v = in(reg) v as u32, options(nostack, preserves_flags))
            }
            8 => {
                asm!("mov qword ptr [{p}], {v}", p = in(reg) p, v = in(reg) v as u64, options(nostack, preserves_flags))
            }
            _ => {
                asm!("movdqu xmmword ptr [{p}], {v}", p = in(reg) p, v = in(xmm_reg) x(v), options(nostack, preserves_flags))
            }
        }
    }
}

fn x(v: u128) -> __m128i {
    // SAFETY: both are 16 plain bytes.
    unsafe { core::mem::transmute::<u128, __m128i>(v) }
}

fn ux(v: __m128i) -> u128 {
    // SAFETY: both are 16 plain bytes.
    unsafe { core::mem::transmute::<__m128i, u128>(v) }
}

macro_rules! sse_ops {
    ($($name:ident = $insn:literal;)*) => {$(
        /// `dst = dst op src` as the SSE instruction itself (live MXCSR).
        fn $name(a: u128, b: u128) -> u128 {
            let mut d = x(a);
            // SAFETY: a register-only SSE2 instruction (baseline on x86-64); with
            // exceptions unmasked it raises SIGFPE, handled like compiled code's.
            unsafe { asm!(concat!($insn, " {d}, {s}"), d = inout(xmm_reg) d, s = in(xmm_reg) x(b), options(nomem, nostack, preserves_flags)) };
            ux(d)
        }
    )*};
}

sse_ops! {
    addss = "addss"; addsd = "addsd"; subss = "subss"; subsd = "subsd";
    mulss = "mulss"; mulsd = "mulsd"; divss = "divss"; divsd = "divsd";
    minss = "minss"; minsd = "minsd"; maxss = "maxss"; maxsd = "maxsd";
    sqrtss = "sqrtss"; sqrtsd = "sqrtsd";
    cvtss2sd = "cvtss2sd"; cvtsd2ss = "cvtsd2ss";
    addps = "addps"; addpd = "addpd"; subps = "subps"; subpd = "subpd";
    mulps = "mulps"; mulpd = "mulpd"; divps = "divps"; divpd = "divpd";
    minps = "minps"; minpd = "minpd"; maxps = "maxps"; maxpd = "maxpd";
}

macro_rules! cmpp_imm {
    ($insn:literal, $a:expr, $b:expr, $imm:literal) => {{
        let mut d = x($a);
        // SAFETY: a register-only SSE2 compare.
        unsafe {
            asm!(concat!($insn, " {d}, {s}, ", stringify!($imm)), d = inout(xmm_reg) d, s = in(xmm_reg) x($b), options(nomem, nostack, preserves_flags))
        };
        ux(d)
    }};
}

/// `cmpps`/`cmppd a, b, imm`.
fn cmpp(a: u128, b: u128, imm: u8, f64: bool) -> u128 {
    if f64 {
        match imm {
            0 => cmpp_imm!("cmppd", a, b, 0),
            1 => cmpp_imm!("cmppd", a, b, 1),
            2 => cmpp_imm!("cmppd", a, b, 2),
            3 => cmpp_imm!("cmppd", a, b, 3),
            4 => cmpp_imm!("cmppd", a, b, 4),
            5 => cmpp_imm!("cmppd", a, b, 5),
            6 => cmpp_imm!("cmppd", a, b, 6),
            _ => cmpp_imm!("cmppd", a, b, 7),
        }
    } else {
        match imm {
            0 => cmpp_imm!("cmpps", a, b, 0),
            1 => cmpp_imm!("cmpps", a, b, 1),
            2 => cmpp_imm!("cmpps", a, b, 2),
            3 => cmpp_imm!("cmpps", a, b, 3),
            4 => cmpp_imm!("cmpps", a, b, 4),
            5 => cmpp_imm!("cmpps", a, b, 5),
            6 => cmpp_imm!("cmpps", a, b, 6),
            _ => cmpp_imm!("cmpps", a, b, 7),
        }
    }
}

/// `ucomis a, b`: (ZF, PF, CF).
fn ucomis(a: u128, b: u128, f64: bool) -> (bool, bool, bool) {
    let (z, p, c): (u8, u8, u8);
    // SAFETY: register-only compares.
    unsafe {
        if f64 {
            asm!("ucomisd {a}, {b}", "setz {z}", "setp {p}", "setc {c}", a = in(xmm_reg) x(a), b = in(xmm_reg) x(b),
                z = out(reg_byte) z, p = out(reg_byte) p, c = out(reg_byte) c, options(nomem, nostack));
        } else {
            asm!("ucomiss {a}, {b}", "setz {z}", "setp {p}", "setc {c}", a = in(xmm_reg) x(a), b = in(xmm_reg) x(b),
                z = out(reg_byte) z, p = out(reg_byte) p, c = out(reg_byte) c, options(nomem, nostack));
        }
    }
    (z != 0, p != 0, c != 0)
}

/// A scalar float condition from `ucomis a, b` flags, as Cranelift's setcc sequences.
fn fcc(cc: FloatCC, (z, p, c): (bool, bool, bool)) -> bool {
    match cc {
        FloatCC::Eq => z && !p,
        FloatCC::Lt => c && !p,
        FloatCC::Le => (c || z) && !p,
        FloatCC::Uno => p,
        FloatCC::UneOrUno => p || !z,
        FloatCC::UnoOrGe => p || !c,
        FloatCC::UnoOrGt => p || (!c && !z),
        FloatCC::Ord => !p,
        FloatCC::UnoOrEq => z,
        FloatCC::UnoOrLt => c,
    }
}

/// Vector float compare as Cranelift's x64 lowering (`cmpp` predicates).
fn vfcmp(cc: FloatCC, f64: bool, a: u128, b: u128) -> u128 {
    match cc {
        FloatCC::Eq => cmpp(a, b, 0, f64),
        FloatCC::Lt => cmpp(a, b, 1, f64),
        FloatCC::Le => cmpp(a, b, 2, f64),
        FloatCC::Uno => cmpp(a, b, 3, f64),
        FloatCC::UneOrUno => cmpp(a, b, 4, f64),
        FloatCC::UnoOrGe => cmpp(a, b, 5, f64),
        FloatCC::UnoOrGt => cmpp(a, b, 6, f64),
        FloatCC::Ord => cmpp(a, b, 7, f64),
        FloatCC::UnoOrLt => cmpp(b, a, 6, f64),
        // Not lowerable by Cranelift for vectors; defined for completeness.
        FloatCC::UnoOrEq => cmpp(a, b, 3, f64) | cmpp(a, b, 0, f64),
    }
}

/// `cvtsi2ss`/`cvtsi2sd` of a 64-bit integer.
fn cvtsi2f(v: i64, f64: bool) -> u128 {
    let mut d = x(0);
    // SAFETY: register-only conversion.
    unsafe {
        if f64 {
            asm!("cvtsi2sd {d}, {r}", d = inout(xmm_reg) d, r = in(reg) v, options(nomem, nostack, preserves_flags));
        } else {
            asm!("cvtsi2ss {d}, {r}", d = inout(xmm_reg) d, r = in(reg) v, options(nomem, nostack, preserves_flags));
        }
    }
    ux(d)
}

/// `cvttss2si`/`cvttsd2si` to 32 or 64 bits.
fn cvtt(a: u128, from64: bool, to64: bool) -> u64 {
    // SAFETY: (all arms) register-only conversions.
    unsafe {
        match (from64, to64) {
            (false, false) => {
                let r: u32;
                asm!("cvttss2si {r:e}, {a}", r = out(reg) r, a = in(xmm_reg) x(a), options(nomem, nostack, preserves_flags));
                u64::from(r)
            }
            (false, true) => {
                let r: u64;
                asm!("cvttss2si {r}, {a}", r = out(reg) r, a = in(xmm_reg) x(a), options(nomem, nostack, preserves_flags));
                r
            }
            (true, false) => {
                let r: u32;
                asm!("cvttsd2si {r:e}, {a}", r = out(reg) r, a = in(xmm_reg) x(a), options(nomem, nostack, preserves_flags));
                u64::from(r)
            }
            (true, true) => {
                let r: u64;
                asm!("cvttsd2si {r}, {a}", r = out(reg) r, a = in(xmm_reg) x(a), options(nomem, nostack, preserves_flags));
                r
            }
        }
    }
}

fn unary(op: UnOp, t: Type, a: u128) -> u128 {
    let w = t.bits();
    match op {
        UnOp::Not => !a,
        UnOp::Neg => a.wrapping_neg(),
        UnOp::Popcnt => u128::from(a.count_ones()),
        UnOp::Clz => u128::from((a << (128 - w)).leading_zeros().min(w)),
        UnOp::Ctz => u128::from(a.trailing_zeros().min(w)),
        UnOp::Bswap => match w {
            16 => u128::from((a as u16).swap_bytes()),
            32 => u128::from((a as u32).swap_bytes()),
            64 => u128::from((a as u64).swap_bytes()),
            _ => a,
        },
        UnOp::Parity => u128::from(((a as u8).count_ones() & 1) ^ 1),
        UnOp::FSqrt => {
            if t == Type::F64 {
                sqrtsd(0, a)
            } else {
                sqrtss(0, a)
            }
        }
        UnOp::FNeg => a ^ (1u128 << (w - 1)),
        UnOp::FAbs => a & !(1u128 << (w - 1)),
    }
}

fn binary(op: BinOp, t: Type, a: u128, b: u128) -> u128 {
    let w = t.bits();
    let f64 = t == Type::F64;
    let sh = |b: u128| (b as u32) & (w - 1);
    match op {
        BinOp::Add => a.wrapping_add(b),
        BinOp::Sub => a.wrapping_sub(b),
        BinOp::Mul => a.wrapping_mul(b),
        BinOp::UMulHi => (a.wrapping_mul(b)) >> w,
        BinOp::SMulHi => (sx(a, w).wrapping_mul(sx(b, w)) >> w) as u128,
        BinOp::And => a & b,
        BinOp::Or => a | b,
        BinOp::Xor => a ^ b,
        BinOp::Shl => a << sh(b),
        BinOp::LShr => a >> sh(b),
        BinOp::AShr => (sx(a, w) >> sh(b)) as u128,
        BinOp::Rotl => {
            let c = sh(b);
            if c == 0 {
                a
            } else {
                (a << c) | (a >> (w - c))
            }
        }
        BinOp::Rotr => {
            let c = sh(b);
            if c == 0 {
                a
            } else {
                (a >> c) | (a << (w - c))
            }
        }
        BinOp::FAdd => {
            if f64 {
                addsd(a, b)
            } else {
                addss(a, b)
            }
        }
        BinOp::FSub => {
            if f64 {
                subsd(a, b)
            } else {
                subss(a, b)
            }
        }
        BinOp::FMul => {
            if f64 {
                mulsd(a, b)
            } else {
                mulss(a, b)
            }
        }
        BinOp::FDiv => {
            if f64 {
                divsd(a, b)
            } else {
                divss(a, b)
            }
        }
        // Cranelift matches `select(fcmp lt a b, a, b)` into minss/minsd.
        BinOp::FMinX86 => {
            if f64 {
                minsd(a, b)
            } else {
                minss(a, b)
            }
        }
        // The lowering's `select(fcmp lt b a, a, b)` becomes maxss/maxsd.
        BinOp::FMaxX86 => {
            if f64 {
                maxsd(a, b)
            } else {
                maxss(a, b)
            }
        }
    }
}

fn icmp(cc: IntCC, w: u32, a: u128, b: u128) -> bool {
    let (sa, sb) = (sx(a, w), sx(b, w));
    match cc {
        IntCC::Eq => a == b,
        IntCC::Ne => a != b,
        IntCC::Slt => sa < sb,
        IntCC::Sle => sa <= sb,
        IntCC::Sgt => sa > sb,
        IntCC::Sge => sa >= sb,
        IntCC::Ult => a < b,
        IntCC::Ule => a <= b,
        IntCC::Ugt => a > b,
        IntCC::Uge => a >= b,
    }
}

fn convert(conv: Conv, from: Type, to: Type, a: u128) -> u128 {
    match conv {
        Conv::Zext | Conv::Trunc | Conv::Bitcast => a,
        Conv::Sext => sx(a, from.bits()) as u128,
        Conv::SIntToFloat => cvtsi2f(sx(a, from.bits()) as i64, to == Type::F64),
        Conv::FloatToFloat => {
            if to.bits() > from.bits() {
                cvtss2sd(0, a)
            } else {
                cvtsd2ss(0, a)
            }
        }
        Conv::FloatToSIntTrunc => {
            let from64 = from == Type::F64;
            let to64 = to == Type::I64;
            let raw = cvtt(a, from64, to64);
            // The lowering's range check is on the bit pattern: |x| below 2^31 or
            // 2^63 keeps the truncation, anything else is the integer minimum.
            let ok = match (from64, to64) {
                (true, true) => (a as u64) & (i64::MAX as u64) < 0x43E0_0000_0000_0000,
                (true, false) => (a as u64) & (i64::MAX as u64) < 0x41E0_0000_0000_0000,
                (false, true) => (a as u32) & 0x7FFF_FFFF < 0x5F00_0000,
                (false, false) => (a as u32) & 0x7FFF_FFFF < 0x4F00_0000,
            };
            if ok {
                u128::from(raw)
            } else if to64 {
                u128::from(i64::MIN as u64)
            } else {
                u128::from(i32::MIN as u32)
            }
        }
    }
}

fn vector(op: VecOp, lanes: Lanes, a: u128, b: u128) -> u128 {
    let w = lane_bits(lanes);
    let f64 = lanes == Lanes::F64x2;
    let smin = -(1i128 << (w - 1));
    let smax = (1i128 << (w - 1)) - 1;
    match op {
        VecOp::Add => map2(a, b, w, u128::wrapping_add),
        VecOp::Sub => map2(a, b, w, u128::wrapping_sub),
        VecOp::AddSatS => map2(a, b, w, |x, y| {
            (sx(x, w) + sx(y, w)).clamp(smin, smax) as u128
        }),
        VecOp::AddSatU => map2(a, b, w, |x, y| (x + y).min(mask(w))),
        VecOp::SubSatS => map2(a, b, w, |x, y| {
            (sx(x, w) - sx(y, w)).clamp(smin, smax) as u128
        }),
        VecOp::SubSatU => map2(a, b, w, u128::saturating_sub),
        VecOp::Mul => map2(a, b, w, u128::wrapping_mul),
        VecOp::MinS => map2(a, b, w, |x, y| if sx(x, w) < sx(y, w) { x } else { y }),
        VecOp::MinU => map2(a, b, w, u128::min),
        VecOp::MaxS => map2(a, b, w, |x, y| if sx(x, w) > sx(y, w) { x } else { y }),
        VecOp::MaxU => map2(a, b, w, u128::max),
        VecOp::CmpEq => map2(a, b, w, |x, y| if x == y { u128::MAX } else { 0 }),
        VecOp::CmpGtS => map2(
            a,
            b,
            w,
            |x, y| if sx(x, w) > sx(y, w) { u128::MAX } else { 0 },
        ),
        VecOp::AvgU => map2(a, b, w, |x, y| (x + y + 1) >> 1),
        VecOp::And => a & b,
        VecOp::Or => a | b,
        VecOp::Xor => a ^ b,
        VecOp::AndNot => !a & b,
        VecOp::FAdd => {
            if f64 {
                addpd(a, b)
            } else {
                addps(a, b)
            }
        }
        VecOp::FSub => {
            if f64 {
                subpd(a, b)
            } else {
                subps(a, b)
            }
        }
        VecOp::FMul => {
            if f64 {
                mulpd(a, b)
            } else {
                mulps(a, b)
            }
        }
        VecOp::FDiv => {
            if f64 {
                divpd(a, b)
            } else {
                divps(a, b)
            }
        }
        // bitselect(fcmp lt a b, a, b) is matched into minps/minpd.
        VecOp::FMinX86 => {
            if f64 {
                minpd(a, b)
            } else {
                minps(a, b)
            }
        }
        // The lowering's bitselect(fcmp lt b a, a, b) becomes maxps/maxpd.
        VecOp::FMaxX86 => {
            if f64 {
                maxpd(a, b)
            } else {
                maxps(a, b)
            }
        }
        VecOp::ShuffleBytes => {
            let mut r = 0u128;
            for i in 0..16 {
                let sel = (b >> (i * 8)) & 0xff;
                if sel & 0x80 == 0 {
                    r |= ((a >> ((sel & 15) * 8)) & 0xff) << (i * 8);
                }
            }
            r
        }
        VecOp::NarrowSatS | VecOp::NarrowSatU => {
            let n = 128 / w;
            let h = w / 2;
            let (lo, hi) = if op == VecOp::NarrowSatS {
                (-(1i128 << (h - 1)), (1i128 << (h - 1)) - 1)
            } else {
                (0, (1i128 << h) - 1)
            };
            let mut r = 0u128;
            for i in 0..2 * n {
                let src = if i < n {
                    lane(a, w, i)
                } else {
                    lane(b, w, i - n)
                };
                let v = sx(src, w).clamp(lo, hi) as u128 & mask(h);
                r |= v << (i * h);
            }
            r
        }
    }
}

/// Differences between two states, register by register (`an`/`bn` name the sides),
/// over everything the guest or the run loop can observe.
#[allow(clippy::needless_range_loop)] // parallel arrays indexed together
pub fn diff_states(a: &CpuState, b: &CpuState, an: &str, bn: &str) -> Vec<String> {
    const NAMES: [&str; 16] = [
        "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12",
        "r13", "r14", "r15",
    ];
    const FLAGS: [&str; 8] = ["cf", "pf", "af", "zf", "sf", "of", "df", "flag7"];
    let mut out = Vec::new();
    let mut cmp = |name: &str, x: u128, y: u128| {
        if x != y {
            out.push(format!("{name} {an}={x:#x} {bn}={y:#x}"));
        }
    };
    for i in 0..16 {
        cmp(NAMES[i], u128::from(a.gpr[i]), u128::from(b.gpr[i]));
    }
    cmp("rip", u128::from(a.rip), u128::from(b.rip));
    for i in 0..8 {
        cmp(FLAGS[i], u128::from(a.flags[i]), u128::from(b.flags[i]));
    }
    cmp("fs_base", u128::from(a.fs_base), u128::from(b.fs_base));
    cmp("gs_base", u128::from(a.gs_base), u128::from(b.gs_base));
    cmp("gas", u128::from(a.gas), u128::from(b.gas));
    cmp(
        "exit_reason",
        u128::from(a.exit_reason),
        u128::from(b.exit_reason),
    );
    cmp(
        "fault_signal",
        u128::from(a.fault_signal),
        u128::from(b.fault_signal),
    );
    cmp(
        "fault_addr",
        u128::from(a.fault_addr),
        u128::from(b.fault_addr),
    );
    cmp(
        "fault_rip",
        u128::from(a.fault_rip),
        u128::from(b.fault_rip),
    );
    cmp("tsc", u128::from(a.tsc), u128::from(b.tsc));
    // Slots 2 and 3 are the sink of compiled code's float keep-alive stores
    // (`passes::fp_keepalive`): written where the lowering needs them, never read.
    for i in 0..2 {
        cmp(
            &format!("helper_scratch[{i}]"),
            u128::from(a.helper_scratch[i]),
            u128::from(b.helper_scratch[i]),
        );
    }
    cmp(
        "hot_target",
        u128::from(a.hot_target),
        u128::from(b.hot_target),
    );
    for i in 0..16 {
        let xa = u128::from(a.xmm[i][0]) | (u128::from(a.xmm[i][1]) << 64);
        let xb = u128::from(b.xmm[i][0]) | (u128::from(b.xmm[i][1]) << 64);
        cmp(&format!("xmm{i}"), xa, xb);
        let ya = u128::from(a.ymm_hi[i][0]) | (u128::from(a.ymm_hi[i][1]) << 64);
        let yb = u128::from(b.ymm_hi[i][0]) | (u128::from(b.ymm_hi[i][1]) << 64);
        cmp(&format!("ymm_hi{i}"), ya, yb);
    }
    cmp("mxcsr", u128::from(a.mxcsr), u128::from(b.mxcsr));
    if a.x87 != b.x87 {
        out.push(format!("x87 {an}={:?} {bn}={:?}", a.x87, b.x87));
    }
    out
}
