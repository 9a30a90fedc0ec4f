//! The `jit` backend: qvm's translator, with exact gas.

use super::{Backend, Stop};
use crate::memory::AddressSpace;
use crate::run::RunError;
use qvm_kernel::{GuestMemory, Kernel};
use qvm_translator::state::signal;
use qvm_translator::{exec, CodeSource, CpuState, ExitReason, Translator, TranslatorConfig};

/// Guest code as the translator sees it: executable pages only. Shared by every
/// engine that translates (jit, crosscheck, lockstep).
pub(crate) struct Code<'a> {
    pub(crate) space: &'a AddressSpace,
    pub(crate) kernel: &'a Kernel,
}

impl CodeSource for Code<'_> {
    fn fetch(&self, addr: u64, buf: &mut [u8]) -> usize {
        let mut n = 0usize;
        while n < buf.len() {
            let a = addr + n as u64;
            if !self.kernel.protection_at(a).is_some_and(|p| p.executable()) {
                break;
            }
            let page_end = (a | 0xfff) + 1;
            let take = usize::try_from(page_end - a)
                .unwrap_or(usize::MAX)
                .min(buf.len() - n);
            if self.space.read(a, &mut buf[n..n + take]).is_err() {
                break;
            }
            n += take;
        }
        n
    }
}

/// The translating backend.
pub struct JitBackend {
    translator: Translator,
    /// Run-loop counters, printed on drop under `QVM_STATS=1`.
    stats: LoopStats,
}

/// How often control came back to the run loop, and why.
#[derive(Default)]
struct LoopStats {
    enabled: bool,
    /// Passes through the run loop (jump-cache misses, exits, syscalls).
    entries: u64,
    /// Blocks run by the IR interpreter (cold tier).
    interpreted: u64,
    /// Hot exits (region promotions asked for).
    hot: u64,
    /// Gas-low exits (blocks run interpreted because a region's gas window was
    /// not covered).
    gas_low: u64,
}

impl LoopStats {
    fn new() -> LoopStats {
        LoopStats {
            enabled: std::env::var_os("QVM_STATS").is_some(),
            ..LoopStats::default()
        }
    }
}

impl Drop for JitBackend {
    fn drop(&mut self) {
        if !self.stats.enabled {
            return;
        }
        let t = &self.translator.stats;
        eprintln!(
            "qvm stats: run loop {} (interpreted {}, hot {}, gas low {}); cold tier lifted {} blocks / {} insns / {} ops in {:?}; tier1 {} blocks / {} insns in {:?}; regions {} / {} insns in {:?}, {} computed-jump targets inside; modules made in {:?}; cached blocks {}",
            self.stats.entries,
            self.stats.interpreted,
            self.stats.hot,
            self.stats.gas_low,
            t.cold_lifts,
            t.cold_insns,
            t.cold_ops,
            t.cold_time,
            t.tier1,
            t.tier1_insns,
            t.tier1_time,
            t.regions,
            t.region_insns,
            t.region_time,
            t.dispatch_targets,
            t.module_time,
            self.translator.cached_blocks()
        );
    }
}

impl JitBackend {
    /// A backend with explicit translator settings.
    pub fn with_config(config: TranslatorConfig) -> Result<JitBackend, RunError> {
        exec::install_signal_handlers();
        let stats = LoopStats::new();
        let mut translator = Translator::new(config)?;
        translator.stats.time_cold = stats.enabled;
        Ok(JitBackend { translator, stats })
    }

    /// The translator (statistics, tests).
    pub fn translator(&self) -> &Translator {
        &self.translator
    }

    /// The translator, to trim it between runs (warm starts).
    pub fn translator_mut(&mut self) -> &mut Translator {
        &mut self.translator
    }
}

impl Backend for JitBackend {
    fn run(
        &mut self,
        cpu: &mut CpuState,
        space: &mut AddressSpace,
        kernel: &Kernel,
    ) -> Result<Stop, RunError> {
        cpu.mem_base = space.base() as u64;
        cpu.mem_size = space.size();
        qvm_translator::interp::set_loop_internally(false);
        // Set after a GasLow exit: the next block runs interpreted, charging block
        // by block, so that it runs out of gas exactly where it must.
        let mut exact_next = false;
        loop {
            // Regions the compile thread finished since the last pass.
            self.translator.install_ready()?;
            cpu.exit_reason = ExitReason::Continue as u32;
            self.stats.entries += 1;
            let mut interpreted = false;
            let compiled = if exact_next {
                None
            } else {
                self.translator.compiled(cpu.rip)
            };
            let r = match compiled {
                // SAFETY: the block was compiled for this address space (mem_base
                // and mem_size set above) and the signal handlers are installed.
                Some(b) => unsafe { exec::enter(cpu, b.entry) },
                None if exact_next => {
                    exact_next = false;
                    interpreted = true;
                    let ir = self
                        .translator
                        .exact_block(&Code { space, kernel }, cpu.rip);
                    // SAFETY: as below.
                    unsafe { qvm_translator::interp::enter(cpu, &ir) }
                }
                None => match self.translator.cold_block(&Code { space, kernel }, cpu.rip) {
                    Some(ir) => {
                        interpreted = true;
                        self.stats.interpreted += 1;
                        let from = ir.computed_jump.then_some(cpu.rip);
                        // SAFETY: as above; the interpreter confines its accesses the
                        // same way compiled code does.
                        let r = unsafe { qvm_translator::interp::enter(cpu, ir) };
                        if let (Some(from), true) = (from, r == ExitReason::Continue as u64) {
                            self.translator.observe_computed_jump(from, cpu.rip);
                        }
                        r
                    }
                    None => {
                        let b = self.translator.block(&Code { space, kernel }, cpu.rip)?;
                        // SAFETY: as above.
                        unsafe { exec::enter(cpu, b.entry) }
                    }
                },
            };
            match r {
                x if x == ExitReason::Continue as u64 => {}
                x if x == ExitReason::Syscall as u64 => return Ok(Stop::Syscall),
                x if x == ExitReason::OutOfGas as u64 => return Ok(Stop::OutOfGas),
                x if x == ExitReason::GasLow as u64 => {
                    self.stats.gas_low += 1;
                    exact_next = true;
                }
                x if x == ExitReason::Hot as u64 => {
                    self.stats.hot += 1;
                    self.translator
                        .promote(&Code { space, kernel }, cpu.hot_target, cpu.rip)?;
                }
                _ => {
                    if let Some(hf) = exec::take_host_fault() {
                        let in_space =
                            crate::memory::guest_fault_addr(cpu.mem_base, cpu.mem_size, hf.addr);
                        // si_addr is a data address only for SIGSEGV/SIGBUS; for
                        // SIGFPE/SIGILL it is a host code address, meaningless to the guest.
                        let data_fault = matches!(hf.signal, libc::SIGSEGV | libc::SIGBUS);
                        cpu.fault_addr = if data_fault {
                            in_space.unwrap_or(hf.addr)
                        } else {
                            0
                        };
                        cpu.fault_rip = if interpreted {
                            qvm_translator::interp::last_rip()
                        } else {
                            self.translator.guest_rip_of(hf.pc).unwrap_or(cpu.rip)
                        };
                        cpu.fault_signal = match hf.signal {
                            libc::SIGFPE => signal::SIGFPE,
                            libc::SIGILL => signal::SIGILL,
                            libc::SIGBUS => signal::SIGBUS,
                            _ => signal::SIGSEGV,
                        };
                    }
                    return Ok(Stop::Fault);
                }
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
        }
    }

    fn name(&self) -> &'static str {
        "jit"
    }
}
