//! Lockstep comparison of the `jit` backend with the `kvm` oracle (`qvm diff --lockstep`).
//!
//! Two independent sessions (each its own kernel and address space) load the same
//! program. The jit runs one block at a time (no chaining, no regions, so every block
//! returns to this loop); after each block the kvm side single-steps (RFLAGS.TF) until it
//! has executed the same instructions, and the two register states are compared: RIP,
//! the 16 GPRs, CF PF AF ZF SF OF DF, XMM0–15, MXCSR and the x87 state (registers, TOP,
//! tags, FCW, FSW).
//!
//! - **Undefined flags** are masked: every stepped instruction's
//!   `rflags_undefined()` (iced-x86) marks flags the manuals leave undefined until an
//!   instruction defines them again. Masked flags are copied from the oracle into the
//!   jit's state after each comparison, so a guest that later reads them (PUSHF, a
//!   conditional jump) does not diverge through them.
//! - **Gas.** The oracle does not meter, so the kvm side is charged here from the same
//!   schedule: [`qvm_gas::Schedule::insn_cost`] of each instruction it steps (a REP
//!   string instruction once, plus `rep_iteration` per iteration: with TF, every
//!   iteration traps), and the kernel charges syscalls in both sessions alike. The
//!   kvm state's `gas` is then compared like a register at every boundary, so the two
//!   totals are equal exactly when no boundary reported a gas difference.
//! - **Dead flags.** The jit does not compute flags it proved dead (overwritten before
//!   any read, possibly in a later block), so a flag that differs at a boundary is held
//!   *pending* rather than reported: it is a divergence only if an instruction stepped
//!   on the kvm side reads it (SYSCALL counts as reading all: R11 exposes them) before
//!   writing it. The oracle's flag values are copied into the jit's state after every
//!   comparison.
//! - **Block end.** A block `[start, end)` of `n` instructions is done on the kvm side
//!   when it has stepped at least `n` times, is not in the middle of a REP instruction,
//!   and its RIP equals the jit's.
//! - **Known differences.** RDTSC: the jit charges a block's gas on entry while the kvm
//!   side charges per instruction, and the kvm backend adds its own step per read, so
//!   values read by RDTSC differ (as in `qvm diff`).
//!
//! Memory is compared once, at the end (a hash per mapping, as in [`crate::diff`]).
//!
//! The first divergence is reported with the block's disassembly and both register
//! states; [`lockstep`] with `max_block_insns: 1` narrows it to one instruction.

use crate::backend::kvm::{KvmBackend, StepOutcome};
use crate::backend::{Backend, Stop};
use crate::memory::AddressSpace;
use crate::run::{
    disassemble, Outcome, RunConfig, RunError, RunOptions, RunRecord, RunResult, Session,
};
use iced_x86::{Decoder, DecoderOptions, Instruction, RflagsBits};
use qvm_kernel::{GuestMemory, Kernel};
use qvm_translator::state::signal;
use qvm_translator::{exec, CpuState, ExitReason, Translator, TranslatorConfig};
use std::fmt::{self, Write as _};
use std::time::{Duration, Instant};

/// Options of a lockstep run.
#[derive(Clone, Debug)]
pub struct LockstepOptions {
    /// The jit's block size limit (1: compare after every instruction).
    pub max_block_insns: usize,
    /// Stdin bytes both sessions read.
    pub stdin: Vec<u8>,
    /// Give up (as an error) after this many kvm steps in one block (a runaway oracle).
    pub max_steps_per_block: u64,
}

impl Default for LockstepOptions {
    fn default() -> Self {
        LockstepOptions {
            max_block_insns: 64,
            stdin: Vec::new(),
            max_steps_per_block: 50_000_000,
        }
    }
}

/// The first place the two backends disagree.
#[derive(Clone)]
pub struct Divergence {
    /// What differs, one item per register (or the outcome).
    pub what: Vec<String>,
    /// Start of the jit block after which the states differ.
    pub block_start: u64,
    /// The block's instructions: address and disassembly.
    pub block: Vec<(u64, String)>,
    /// The jit's state after the block.
    pub jit: Box<CpuState>,
    /// The oracle's state after the same instructions.
    pub kvm: Box<CpuState>,
    /// The undefined-flag mask in force (RFLAGS bits).
    pub masked_flags: u64,
}

/// The result of [`lockstep`].
#[derive(Clone, Debug)]
pub struct LockstepReport {
    /// Blocks compared.
    pub blocks: u64,
    /// Instructions (kvm steps) executed by the oracle.
    pub steps: u64,
    /// How the jit's run ended (None when it was stopped by a divergence).
    pub jit_outcome: Option<Outcome>,
    /// How the oracle's run ended.
    pub kvm_outcome: Option<Outcome>,
    /// Total gas used by the jit (`limit - gas` at the end).
    pub jit_gas: u64,
    /// Total gas charged to the oracle.
    pub kvm_gas: u64,
    /// Of which instruction gas (block costs and REP iterations), jit.
    pub jit_insn_gas: u64,
    /// Of which instruction gas, kvm (from `Schedule::insn_cost` per step).
    pub kvm_insn_gas: u64,
    /// Syscalls executed.
    pub syscalls: u64,
    /// The first divergence.
    pub divergence: Option<Divergence>,
    /// Wall-clock time.
    pub elapsed: Duration,
    /// The jit session's stdout, captured.
    pub stdout: Vec<u8>,
}

impl LockstepReport {
    /// Whether the backends agreed at every block boundary and on the outcome and gas.
    pub fn same(&self) -> bool {
        self.divergence.is_none()
            && self.jit_outcome == self.kvm_outcome
            && self.jit_gas == self.kvm_gas
    }

    /// Oracle steps per second.
    pub fn steps_per_second(&self) -> f64 {
        self.steps as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

use crate::backend::jit::Code;

/// The jit, one block per call.
struct BlockJit {
    t: Translator,
}

/// What one jit block did.
enum JitStep {
    /// The block ran to its end; `start..end` is its guest range.
    Block {
        start: u64,
        end: u64,
        stop: Option<Stop>,
    },
    /// Out of gas before (or inside) the block.
    OutOfGas,
}

/// A do-nothing backend handed to [`Session::syscall`] for the jit session (translated
/// code is invalidated by [`BlockJit`] itself).
struct NoBackend<'a>(&'a mut BlockJit);

impl Backend for NoBackend<'_> {
    fn run(
        &mut self,
        _: &mut CpuState,
        _: &mut AddressSpace,
        _: &Kernel,
    ) -> Result<Stop, RunError> {
        Err(RunError::Backend("lockstep: not a runnable backend".into()))
    }
    fn after_syscall(&mut self, _: &Kernel, _: &AddressSpace, invalidated: &[(u64, u64)]) {
        for &(a, l) in invalidated {
            self.0.t.invalidate(a, l);
        }
    }
    fn name(&self) -> &'static str {
        "jit"
    }
}

impl BlockJit {
    fn new(mem_size: u64, max_block_insns: usize) -> Result<BlockJit, RunError> {
        exec::install_signal_handlers();
        let cfg = TranslatorConfig {
            mem_size,
            max_block_insns,
            chain: false,
            regions: false,
            ..TranslatorConfig::default()
        };
        Ok(BlockJit {
            t: Translator::new(cfg)?,
        })
    }

    fn step(
        &mut self,
        cpu: &mut CpuState,
        space: &mut AddressSpace,
        kernel: &Kernel,
    ) -> Result<JitStep, RunError> {
        cpu.mem_base = space.base() as u64;
        cpu.mem_size = space.size();
        let block = self.t.block(&Code { space, kernel }, cpu.rip)?;
        cpu.exit_reason = ExitReason::Continue as u32;
        // SAFETY: the block was compiled for this address space (mem_base and mem_size
        // set above) and the signal handlers are installed.
        let r = unsafe { exec::enter(cpu, block.entry) };
        let (start, end) = (block.start, block.end);
        Ok(match r {
            x if x == ExitReason::Continue as u64 => JitStep::Block {
                start,
                end,
                stop: None,
            },
            x if x == ExitReason::Syscall as u64 => JitStep::Block {
                start,
                end,
                stop: Some(Stop::Syscall),
            },
            x if x == ExitReason::OutOfGas as u64 => JitStep::OutOfGas,
            x if x == ExitReason::Hot as u64 || x == ExitReason::GasLow as u64 => {
                return Err(RunError::Backend(format!(
                    "lockstep: unexpected region exit {x} (regions are off)"
                )))
            }
            _ => {
                if let Some(hf) = exec::take_host_fault() {
                    cpu.fault_addr =
                        crate::memory::guest_fault_addr(cpu.mem_base, cpu.mem_size, hf.addr)
                            .unwrap_or(hf.addr);
                    cpu.fault_rip = self.t.guest_rip_of(hf.pc).unwrap_or(cpu.rip);
                    cpu.fault_signal = match hf.signal {
                        libc::SIGFPE => signal::SIGFPE,
                        libc::SIGILL => signal::SIGILL,
                        libc::SIGBUS => signal::SIGBUS,
                        _ => signal::SIGSEGV,
                    };
                }
                JitStep::Block {
                    start,
                    end,
                    stop: Some(Stop::Fault),
                }
            }
        })
    }
}

/// iced's flag bits → RFLAGS bits.
fn iced_to_rflags(b: u32) -> u64 {
    let map = [
        (RflagsBits::CF, 1u64),
        (RflagsBits::PF, 1 << 2),
        (RflagsBits::AF, 1 << 4),
        (RflagsBits::ZF, 1 << 6),
        (RflagsBits::SF, 1 << 7),
        (RflagsBits::OF, 1 << 11),
        (RflagsBits::DF, 1 << 10),
    ];
    map.iter()
        .filter(|(i, _)| b & i != 0)
        .map(|(_, r)| r)
        .fold(0, |a, r| a | r)
}

/// Decodes the instruction at `rip` (None if unreadable or invalid).
fn decode_at(space: &AddressSpace, rip: u64) -> Option<Instruction> {
    let mut bytes = [0u8; 15];
    let mut n = 15;
    while n > 0 && space.read(rip, &mut bytes[..n]).is_err() {
        n -= 1;
    }
    let insn = Decoder::with_ip(64, &bytes[..n], rip, DecoderOptions::NONE).decode();
    (!insn.is_invalid()).then_some(insn)
}

/// The instructions of `[start, end)`, with their disassembly.
fn block_listing(space: &AddressSpace, start: u64, end: u64) -> Vec<(u64, String)> {
    let mut out = Vec::new();
    let mut a = start;
    while a < end && out.len() < 512 {
        let len = decode_at(space, a).map_or(1, |i| i.len() as u64);
        out.push((a, disassemble(space, a)));
        a += len;
    }
    out
}

/// The number of instructions in `[start, end)`.
fn block_count(space: &AddressSpace, start: u64, end: u64) -> u64 {
    let mut n = 0;
    let mut a = start;
    while a < end {
        a += decode_at(space, a).map_or(1, |i| i.len() as u64);
        n += 1;
    }
    n
}

/// Flags as RFLAGS bits (only the seven CpuState keeps).
fn flag_bits(cpu: &CpuState) -> u64 {
    cpu.rflags() & 0xcd5
}

const GPR_NAMES: [&str; 16] = [
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
    "r14", "r15",
];

/// Differences between two states, with undefined flags (`mask`, RFLAGS bits) ignored.
#[allow(clippy::needless_range_loop)]
pub fn compare_states(jit: &CpuState, kvm: &CpuState, mask: u64) -> Vec<String> {
    let mut d = Vec::new();
    if jit.rip != kvm.rip {
        d.push(format!("rip: jit {:#x}, kvm {:#x}", jit.rip, kvm.rip));
    }
    for i in 0..16 {
        if jit.gpr[i] != kvm.gpr[i] {
            d.push(format!(
                "{}: jit {:#x}, kvm {:#x}",
                GPR_NAMES[i], jit.gpr[i], kvm.gpr[i]
            ));
        }
    }
    let (fj, fk) = (flag_bits(jit) & !mask, flag_bits(kvm) & !mask);
    if fj != fk {
        d.push(format!(
            "rflags: jit {fj:#x}, kvm {fk:#x} (undefined {mask:#x} masked)"
        ));
    }
    if jit.gas != kvm.gas {
        d.push(format!("gas left: jit {}, kvm {}", jit.gas, kvm.gas));
    }
    for i in 0..16 {
        if jit.xmm[i] != kvm.xmm[i] {
            d.push(format!(
                "xmm{i}: jit {:016x}{:016x}, kvm {:016x}{:016x}",
                jit.xmm[i][1], jit.xmm[i][0], kvm.xmm[i][1], kvm.xmm[i][0]
            ));
        }
    }
    if jit.mxcsr != kvm.mxcsr {
        d.push(format!("mxcsr: jit {:#x}, kvm {:#x}", jit.mxcsr, kvm.mxcsr));
    }
    if jit.fs_base != kvm.fs_base {
        d.push(format!(
            "fs_base: jit {:#x}, kvm {:#x}",
            jit.fs_base, kvm.fs_base
        ));
    }
    let (xj, xk) = (&jit.x87, &kvm.x87);
    if (xj.fcw, xj.fsw, xj.top, xj.tags) != (xk.fcw, xk.fsw, xk.top, xk.tags) {
        d.push(format!(
            "x87 control: jit fcw {:#x} fsw {:#x} top {} tags {:#x}, kvm fcw {:#x} fsw {:#x} top {} tags {:#x}",
            xj.fcw, xj.fsw, xj.top, xj.tags, xk.fcw, xk.fsw, xk.top, xk.tags
        ));
    }
    for i in 0..8 {
        // Only valid (tagged) registers hold values the guest can observe.
        let valid = xj.tags & (1 << i) != 0;
        let (rj, rk) = (xj.regs[i], xk.regs[i]);
        if valid && (rj[0], rj[1] & 0xffff) != (rk[0], rk[1] & 0xffff) {
            d.push(format!(
                "x87 R{i}: jit {:04x}:{:016x}, kvm {:04x}:{:016x}",
                rj[1] & 0xffff,
                rj[0],
                rk[1] & 0xffff,
                rk[0]
            ));
        }
    }
    d
}

/// One state as text (for divergence reports).
#[allow(clippy::needless_range_loop)]
pub fn show_state(cpu: &CpuState) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "rip {:#x} rflags {:#x} gas {}",
        cpu.rip,
        cpu.rflags(),
        cpu.gas
    );
    for i in 0..16 {
        if i % 4 == 0 {
            s.push('\n');
        }
        let _ = write!(s, "  {:>3} {:016x}", GPR_NAMES[i], cpu.gpr[i]);
    }
    for i in 0..16 {
        if cpu.xmm[i] != [0, 0] {
            let _ = write!(s, "\n  xmm{i} {:016x}{:016x}", cpu.xmm[i][1], cpu.xmm[i][0]);
        }
    }
    let _ = write!(
        s,
        "\n  mxcsr {:#x} fcw {:#x} fsw {:#x} top {} tags {:#x}",
        cpu.mxcsr, cpu.x87.fcw, cpu.x87.fsw, cpu.x87.top, cpu.x87.tags
    );
    s
}

/// Runs the configuration on both backends in lockstep (see the module documentation).
pub fn lockstep(
    config_factory: impl Fn() -> RunConfig,
    opts: &LockstepOptions,
) -> Result<LockstepReport, RunError> {
    let t0 = Instant::now();
    let ropts = RunOptions {
        stdin: Some(opts.stdin.clone()),
        ..RunOptions::default()
    };
    let mut cj = config_factory();
    cj.capture = true;
    let mut ck = config_factory();
    ck.capture = true;
    let gas_limit = cj.gas_limit;
    let mut js = Session::new(cj, &ropts)?;
    let mut ks = Session::new(ck, &ropts)?;
    let mut jit = BlockJit::new(js.space.size(), opts.max_block_insns)?;
    let mut kvm = KvmBackend::new(&ks.space)?;
    let schedule = qvm_gas::Schedule::V1;

    let mut rep = LockstepReport {
        blocks: 0,
        steps: 0,
        jit_outcome: None,
        kvm_outcome: None,
        jit_gas: 0,
        kvm_gas: 0,
        jit_insn_gas: 0,
        kvm_insn_gas: 0,
        syscalls: 0,
        divergence: None,
        elapsed: Duration::ZERO,
        stdout: Vec::new(),
    };
    // Flags left undefined by the instructions so far (RFLAGS bits).
    let mut undefined = 0u64;
    // Flags that differed at a block boundary: the jit may leave flags it proved dead
    // unmaterialized, so they count as a divergence only if an instruction reads them
    // before writing them.
    let mut pending = 0u64;
    let mut pending_since = 0u64;
    // Instructions per jit block (start, end).
    let mut counts: std::collections::HashMap<(u64, u64), u64> = std::collections::HashMap::new();
    let outcome = loop {
        let start_rip = js.cpu.rip;
        let gas_before = js.cpu.gas;
        let step = jit.step(&mut js.cpu, &mut js.space, &js.kernel)?;
        let (start, end, stop) = match step {
            JitStep::Block { start, end, stop } => (start, end, stop),
            JitStep::OutOfGas => break (Outcome::OutOfGas, None),
        };
        rep.blocks += 1;
        if stop != Some(Stop::Fault) {
            rep.jit_insn_gas += gas_before - js.cpu.gas;
        }
        let n = *counts
            .entry((start, end))
            .or_insert_with(|| block_count(&js.space, start, end));
        // The kvm side: step through the same instructions.
        let mut steps = 0u64;
        let mut last_rep: Option<u64> = None;
        let mut kvm_stop = None;
        let mut flag_read: Option<String> = None;
        loop {
            let pre = ks.cpu.rip;
            let insn = decode_at(&ks.space, pre);
            if let Some(i) = &insn {
                let reads = iced_to_rflags(i.rflags_read())
                    | if i.mnemonic() == iced_x86::Mnemonic::Syscall {
                        0xcd5
                    } else {
                        0
                    };
                if reads & pending != 0 {
                    flag_read = Some(format!(
                        "flags {:#x} differed after the block ending at {pending_since:#x} and are read by {pre:#x}: {}",
                        reads & pending,
                        disassemble(&ks.space, pre)
                    ));
                    break;
                }
                pending &= !iced_to_rflags(i.rflags_modified());
            }
            let is_rep = insn.is_some_and(|i| {
                (i.has_rep_prefix() || i.has_repne_prefix()) && i.is_string_instruction()
            });
            let count_before = ks.cpu.gpr[1];
            let out = kvm.step(&mut ks.cpu, &mut ks.space, &ks.kernel)?;
            steps += 1;
            rep.steps += 1;
            if let Some(i) = &insn {
                let mut cost = 0;
                if !(is_rep && last_rep == Some(pre)) {
                    cost += schedule.insn_cost(i);
                }
                if is_rep {
                    let a32 = (0..i.op_count()).any(|k| {
                        matches!(
                            i.op_kind(k),
                            iced_x86::OpKind::MemorySegESI
                                | iced_x86::OpKind::MemoryESEDI
                                | iced_x86::OpKind::MemorySegEDI
                        )
                    });
                    let width_mask = if a32 { 0xffff_ffff } else { u64::MAX };
                    if count_before & width_mask != 0 && out != StepOutcome::Stop(Stop::Fault) {
                        cost += schedule.rep_iteration;
                    }
                }
                ks.cpu.gas = ks.cpu.gas.wrapping_sub(cost);
                rep.kvm_insn_gas += cost;
                if out != StepOutcome::Stop(Stop::Fault) {
                    let und = iced_to_rflags(i.rflags_undefined());
                    let defined = iced_to_rflags(i.rflags_modified()) & !und;
                    undefined = (undefined & !defined) | und;
                }
            }
            last_rep = (is_rep && ks.cpu.rip == pre).then_some(pre);
            match out {
                StepOutcome::Stepped => {}
                StepOutcome::Stop(s) => {
                    kvm_stop = Some(s);
                    break;
                }
            }
            if steps >= n && last_rep.is_none() && ks.cpu.rip == js.cpu.rip {
                break;
            }
            if steps >= opts.max_steps_per_block {
                return Err(RunError::Backend(format!(
                    "lockstep: the oracle ran {steps} steps without reaching the jit's rip {:#x} (block {start:#x})",
                    js.cpu.rip
                )));
            }
            if stop == Some(Stop::Fault) && steps > n + 1 && last_rep.is_none() {
                break;
            }
        }
        let diverge = |what: Vec<String>, js: &Session, ks: &Session| Divergence {
            what,
            block_start: start_rip,
            block: block_listing(&js.space, start, end),
            jit: js.cpu.clone(),
            kvm: ks.cpu.clone(),
            masked_flags: undefined,
        };
        if let Some(w) = flag_read {
            rep.divergence = Some(diverge(vec![w], &js, &ks));
            break (Outcome::Signaled(0), None);
        }
        if stop != kvm_stop {
            let show = |s: Option<Stop>| match s {
                None => "continued".to_string(),
                Some(s) => format!("{s:?}"),
            };
            let mut what = vec![format!(
                "the block ended differently: jit {}, kvm {}",
                show(stop),
                show(kvm_stop)
            )];
            if stop == Some(Stop::Fault) {
                what.push(format!(
                    "jit fault: signal {} addr {:#x} rip {:#x}",
                    js.cpu.fault_signal, js.cpu.fault_addr, js.cpu.fault_rip
                ));
            }
            if kvm_stop == Some(Stop::Fault) {
                what.push(format!(
                    "kvm fault: signal {} addr {:#x} rip {:#x}",
                    ks.cpu.fault_signal, ks.cpu.fault_addr, ks.cpu.fault_rip
                ));
            }
            rep.divergence = Some(diverge(what, &js, &ks));
            break (Outcome::Signaled(0), None);
        }
        if stop == Some(Stop::Fault) {
            let (j, k) = (
                (js.cpu.fault_signal, js.cpu.fault_addr, js.cpu.fault_rip),
                (ks.cpu.fault_signal, ks.cpu.fault_addr, ks.cpu.fault_rip),
            );
            if j != k {
                let what = vec![format!(
                    "fault: jit signal {} addr {:#x} rip {:#x}, kvm signal {} addr {:#x} rip {:#x}",
                    j.0, j.1, j.2, k.0, k.1, k.2
                )];
                rep.divergence = Some(diverge(what, &js, &ks));
                break (Outcome::Signaled(j.0), None);
            }
            // The jit's registers are those at the block's start: not compared.
            let o = Outcome::Signaled(j.0);
            break (o.clone(), Some(o));
        }
        // Flags that differ (beyond the undefined ones) become pending: dead flags
        // the jit did not compute, unless a later instruction reads them.
        let mismatch = (flag_bits(&js.cpu) ^ flag_bits(&ks.cpu)) & !undefined;
        if mismatch != 0 {
            pending |= mismatch;
            pending_since = js.cpu.rip;
        }
        // Before a syscall, RCX and R11 are SYSCALL's (the oracle's hardware wrote them, the
        // jit's run loop has yet to): the state is compared after the kernel ran instead.
        if stop != Some(Stop::Syscall) {
            let what = compare_states(&js.cpu, &ks.cpu, undefined | pending);
            if !what.is_empty() {
                rep.divergence = Some(diverge(what, &js, &ks));
                break (Outcome::Signaled(0), None);
            }
        }
        // Undefined and pending flags: take the oracle's values, so they cannot spread.
        js.cpu.set_rflags(flag_bits(&ks.cpu));
        if stop == Some(Stop::Syscall) {
            rep.syscalls += 1;
            let oj = js.syscall(&mut NoBackend(&mut jit), None);
            let ok = ks.syscall(&mut kvm, None);
            if oj.is_some() || ok.is_some() {
                if oj != ok {
                    let what = vec![format!("syscall outcome: jit {oj:?}, kvm {ok:?}")];
                    rep.divergence = Some(diverge(what, &js, &ks));
                    break (Outcome::Signaled(0), None);
                }
                let o = oj.unwrap_or(Outcome::OutOfGas);
                break (o.clone(), Some(o));
            }
            let what = compare_states(&js.cpu, &ks.cpu, undefined | pending);
            if !what.is_empty() {
                rep.divergence = Some(diverge(what, &js, &ks));
                break (Outcome::Signaled(0), None);
            }
        }
    };
    let (jo, ko) = outcome;
    if rep.divergence.is_none() && matches!(jo, Outcome::Exited(_)) {
        // Memory is not compared at block boundaries: once, at the end.
        let (mj, mk) = (
            crate::run::hash_mappings(&js.kernel, &js.space),
            crate::run::hash_mappings(&ks.kernel, &ks.space),
        );
        if let Some(i) = (0..mj.len().max(mk.len())).find(|&i| mj.get(i) != mk.get(i)) {
            let show = |m: Option<&crate::run::MappingHash>| {
                m.map_or("(none)".to_string(), |m| {
                    format!(
                        "{:#x}..{:#x} {} hash {:016x}",
                        m.start, m.end, m.name, m.hash
                    )
                })
            };
            rep.divergence = Some(Divergence {
                what: vec![format!(
                    "final memory differs: jit {}, kvm {}",
                    show(mj.get(i)),
                    show(mk.get(i))
                )],
                block_start: js.cpu.rip,
                block: Vec::new(),
                jit: js.cpu.clone(),
                kvm: ks.cpu.clone(),
                masked_flags: undefined,
            });
        }
    }
    if rep.divergence.is_none() {
        rep.jit_outcome = Some(jo.clone());
        rep.kvm_outcome = ko.or(Some(jo));
    }
    let gas_of = |cpu: &CpuState, o: &Option<Outcome>| match o {
        Some(Outcome::Exited(_)) | None => gas_limit.wrapping_sub(cpu.gas),
        _ => gas_limit,
    };
    rep.jit_gas = gas_of(&js.cpu, &rep.jit_outcome);
    rep.kvm_gas = gas_of(&ks.cpu, &rep.kvm_outcome);
    let o = rep.jit_outcome.clone().unwrap_or(Outcome::OutOfGas);
    let (r, _): (RunResult, RunRecord) = js.finish(o.clone(), &ropts, RunRecord::default());
    let _ = ks.finish(o, &ropts, RunRecord::default());
    rep.stdout = r.stdout;
    rep.elapsed = t0.elapsed();
    Ok(rep)
}

impl fmt::Debug for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Divergence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.block.is_empty() {
            writeln!(
                f,
                "lockstep divergence at the end of the run (rip {:#x}):",
                self.block_start
            )?;
        } else {
            writeln!(
                f,
                "lockstep divergence after the block at {:#x}:",
                self.block_start
            )?;
        }
        for (a, s) in &self.block {
            writeln!(f, "  {a:#x}: {s}")?;
        }
        writeln!(
            f,
            "differences (undefined flags {:#x} masked):",
            self.masked_flags
        )?;
        for w in &self.what {
            writeln!(f, "  * {w}")?;
        }
        writeln!(f, "jit state:\n{}", show_state(&self.jit))?;
        write!(f, "kvm state:\n{}", show_state(&self.kvm))
    }
}

impl fmt::Display for LockstepReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(d) = &self.divergence {
            return write!(f, "{d}");
        }
        let show = |o: &Option<Outcome>| match o {
            Some(Outcome::Exited(c)) => format!("exit status {c}"),
            Some(Outcome::Signaled(s)) => format!("signal {s}"),
            Some(Outcome::OutOfGas) => "out of gas".into(),
            None => "(stopped)".into(),
        };
        write!(
            f,
            "{}: {} blocks, {} instructions, {} syscalls compared in lockstep; outcome jit {}, kvm {}; gas jit {} (instructions {}), kvm {} (instructions {}); {:.0} steps/s",
            if self.same() { "same" } else { "different" },
            self.blocks,
            self.steps,
            self.syscalls,
            show(&self.jit_outcome),
            show(&self.kvm_outcome),
            self.jit_gas,
            self.jit_insn_gas,
            self.kvm_gas,
            self.kvm_insn_gas,
            self.steps_per_second()
        )
    }
}
