//! The `crosscheck` backend: every block runs in both tiers — the IR interpreter
//! and the Cranelift-compiled code — and their results must agree.
//!
//! Blocks are translated without chaining and without regions, so each compiled
//! block returns to this loop (a block that jumps to its own start still loops
//! inside its host function; the interpreter does the same). For each block:
//!
//! 1. the interpreter runs on a copy of the CPU state, over the real guest memory,
//!    journaling every IR store (address, width, old bytes);
//! 2. the bytes it left at the journaled addresses are read, then the journal is
//!    undone in reverse order (through the read-write alias of guest memory), so
//!    memory is exactly as before the block;
//! 3. the compiled block runs on the real state and memory — the compiled tier is
//!    the one whose effects are kept, so the run is the `jit` backend's run;
//! 4. the two states (GPRs, RIP, flags, FS/GS, gas, XMM, MXCSR, x87, exit reason,
//!    fault fields, helper scratch) and the bytes at every journaled address are
//!    compared; the first difference stops the run with
//!    `RunError::Backend("crosscheck: block 0x… diverges: …")`. At a direct exit
//!    only the status flags live after the block are compared: compiled code
//!    does not store the others, which the code that follows overwrites first.
//!
//! Helpers that write guest memory themselves (`rep_string`, `x87`, and any helper
//! not known to be memory-read-only) cannot be journaled, and running them twice
//! over the same memory is not safe (an overlapping `rep movsb` reads what its
//! first run wrote). Blocks calling them run compiled only and are counted in
//! [`CrosscheckBackend::unchecked`].

use super::{Backend, Stop};
use crate::memory::AddressSpace;
use crate::run::RunError;
use qvm_kernel::Kernel;
use qvm_translator::interp::{self, StoreRecord};
use qvm_translator::ir::{Block, Op};
use qvm_translator::state::signal;
use qvm_translator::{exec, CpuState, ExitReason, Translator, TranslatorConfig};
use std::collections::HashMap;

use crate::backend::jit::Code;

/// Helpers known not to write guest memory (they may read it).
fn helper_is_read_only(name: &str) -> bool {
    matches!(
        name,
        "check_align16" | "cpuid" | "div" | "ldmxcsr" | "stmxcsr" | "pdep_pext" | "rdtsc"
    ) || name.starts_with("sse_")
}

/// The lockstep backend.
pub struct CrosscheckBackend {
    translator: Translator,
    /// Lifted IR by block start (the same IR `translator` compiled).
    ir: HashMap<u64, Block>,
    journal: Vec<StoreRecord>,
    /// Blocks executed in both tiers and compared.
    pub checked: u64,
    /// Blocks executed compiled only (they call memory-writing helpers).
    pub unchecked: u64,
}

impl CrosscheckBackend {
    /// A backend for a guest space of `mem_size` bytes.
    pub fn new(mem_size: u64) -> Result<CrosscheckBackend, RunError> {
        exec::install_signal_handlers();
        // The same guard as the jit backend, so that blocks whose checks were
        // elided are compared with the interpreter, which checks every access.
        let translator = Translator::new(TranslatorConfig {
            chain: false,
            regions: false,
            ..crate::run::translator_config(&crate::run::RunOptions::default(), mem_size)
        })?;
        Ok(CrosscheckBackend {
            translator,
            ir: HashMap::new(),
            journal: Vec::new(),
            checked: 0,
            unchecked: 0,
        })
    }
}

/// Fills in the fault fields from a host fault as the jit backend does. Returns
/// whether `fault_addr` is a data address (SIGSEGV/SIGBUS) worth comparing.
fn host_fault(cpu: &mut CpuState, rip: impl FnOnce(u64) -> Option<u64>) -> bool {
    let Some(hf) = exec::take_host_fault() else {
        return true;
    };
    let in_space = crate::memory::guest_fault_addr(cpu.mem_base, cpu.mem_size, hf.addr);
    cpu.fault_addr = in_space.unwrap_or(hf.addr);
    cpu.fault_rip = rip(hf.pc).unwrap_or(cpu.rip);
    cpu.fault_signal = match hf.signal {
        libc::SIGFPE => signal::SIGFPE,
        libc::SIGILL => signal::SIGILL,
        libc::SIGBUS => signal::SIGBUS,
        _ => signal::SIGSEGV,
    };
    matches!(hf.signal, libc::SIGSEGV | libc::SIGBUS)
}

/// `bytes` bytes at guest `addr` through the read-write alias.
// qvm runs on 64-bit hosts only: guest addresses (< 2 GiB) fit in usize.
#[allow(clippy::cast_possible_truncation)]
fn read_rw(space: &AddressSpace, addr: u64, bytes: u32) -> u128 {
    let mut b = [0u8; 16];
    let n = bytes as usize;
    // SAFETY: the interpreter only journals stores that passed the bounds check
    // (addr + bytes <= size); the alias maps the whole space read-write.
    unsafe {
        core::ptr::copy_nonoverlapping(space.rw_base().add(addr as usize), b.as_mut_ptr(), n)
    };
    u128::from_le_bytes(b)
}

#[allow(clippy::cast_possible_truncation)]
fn write_rw(space: &AddressSpace, addr: u64, bytes: u32, v: u128) {
    let b = v.to_le_bytes();
    // SAFETY: as in `read_rw`.
    unsafe {
        core::ptr::copy_nonoverlapping(
            b.as_ptr(),
            space.rw_base().add(addr as usize),
            bytes as usize,
        )
    };
}

impl Backend for CrosscheckBackend {
    fn run(
        &mut self,
        cpu: &mut CpuState,
        space: &mut AddressSpace,
        kernel: &Kernel,
    ) -> Result<Stop, RunError> {
        cpu.mem_base = space.base() as u64;
        cpu.mem_size = space.size();
        loop {
            let rip = cpu.rip;
            let compiled = self.translator.block(&Code { space, kernel }, rip)?;
            if !self.ir.contains_key(&rip) {
                let b = self.translator.lift(&Code { space, kernel }, rip);
                self.ir.insert(rip, b);
            }
            let block = &self.ir[&rip];
            let checkable = !block
                .ops
                .iter()
                .any(|o| matches!(o, Op::Call { helper, .. } if !helper_is_read_only(helper.name)));
            let mut interp_run = None;
            if checkable {
                let mut si = cpu.clone();
                si.exit_reason = ExitReason::Continue as u32;
                self.journal.clear();
                // SAFETY: the state describes this address space; handlers are installed.
                let ri = unsafe { interp::enter_journaled(&mut si, block, &mut self.journal) };
                let mut addr_ok = true;
                if ri == ExitReason::Fault as u64 {
                    addr_ok = host_fault(&mut si, |_| Some(interp::last_rip()));
                }
                let image: Vec<u128> = self
                    .journal
                    .iter()
                    .map(|r| read_rw(space, r.addr, r.bytes))
                    .collect();
                for r in self.journal.iter().rev() {
                    write_rw(space, r.addr, r.bytes, r.old);
                }
                interp_run = Some((si, ri, addr_ok, image));
                self.checked += 1;
            } else {
                self.unchecked += 1;
            }
            cpu.exit_reason = ExitReason::Continue as u32;
            // SAFETY: the block was compiled for this address space (mem_base and
            // mem_size set above) and the signal handlers are installed.
            let r = unsafe { exec::enter(cpu, compiled.entry) };
            let mut addr_ok = true;
            if r == ExitReason::Fault as u64 {
                let t = &self.translator;
                addr_ok = host_fault(cpu, |pc| t.guest_rip_of(pc));
            }
            if let Some((mut si, ri, iaddr_ok, image)) = interp_run {
                if !(addr_ok && iaddr_ok) {
                    si.fault_addr = cpu.fault_addr;
                }
                // At a direct exit compiled code stores only the status flags the
                // look-ahead found live after the block: the others are overwritten
                // before anything reads them (`lower::flush_live`).
                if r == ExitReason::Continue as u64 && block.term.direct_targets().next().is_some()
                {
                    let dead = qvm_translator::FlagSet::STATUS.minus(block.live_out_flags);
                    for f in 0..6 {
                        if dead.0 & (1 << f) != 0 {
                            si.flags[f] = cpu.flags[f];
                        }
                    }
                }
                let mut d = interp::diff_states(cpu, &si, "jit", "interp");
                if r != ri {
                    d.push(format!("exit jit={r} interp={ri}"));
                }
                for (rec, v) in self.journal.iter().zip(&image) {
                    let now = read_rw(space, rec.addr, rec.bytes);
                    if now != *v {
                        d.push(format!(
                            "memory at {:#x} ({} bytes) jit={now:#x} interp={v:#x}",
                            rec.addr, rec.bytes
                        ));
                        break;
                    }
                }
                if !d.is_empty() {
                    return Err(RunError::Backend(format!(
                        "crosscheck: block {rip:#x} diverges: {}",
                        d.join("; ")
                    )));
                }
            }
            match r {
                x if x == ExitReason::Continue as u64 => {}
                x if x == ExitReason::Syscall as u64 => return Ok(Stop::Syscall),
                x if x == ExitReason::OutOfGas as u64 => return Ok(Stop::OutOfGas),
                x if x == ExitReason::Hot as u64 => {}
                x if x == ExitReason::GasLow as u64 => {
                    return Err(RunError::Backend(format!(
                        "crosscheck: unexpected gas-low exit at {rip:#x} (single blocks only)"
                    )))
                }
                _ => return Ok(Stop::Fault),
            }
        }
    }

    fn after_syscall(
        &mut self,
        _kernel: &Kernel,
        _space: &AddressSpace,
        invalidated: &[(u64, u64)],
    ) {
        for &(addr, len) in invalidated {
            self.translator.invalidate(addr, len);
            let end = addr.saturating_add(len);
            self.ir.retain(|_, b| b.end <= addr || b.start >= end);
        }
    }

    fn name(&self) -> &'static str {
        "crosscheck"
    }
}
