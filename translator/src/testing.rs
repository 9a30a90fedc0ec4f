//! Running machine-code snippets through the whole pipeline, for tests.
//!
//! [`run_snippet`] places code at guest address [`SNIPPET_BASE`] inside a caller
//! provided memory, and runs it from there until execution reaches the end of the
//! code, a syscall, a fault, or the gas runs out.

use crate::decode::CodeSource;
use crate::exec;
use crate::state::{CpuState, ExitReason};
use crate::{Translator, TranslatorConfig};

/// The host ISA with the settings regions are compiled with (for tests that compile
/// Cranelift functions of their own and inspect the machine code).
pub fn region_isa() -> cranelift_codegen::isa::OwnedTargetIsa {
    crate::compile::host_isa("speed").expect("host ISA")
}

/// Guest address the snippet is placed at.
pub const SNIPPET_BASE: u64 = 0x1000;

struct SliceCode<'a>(&'a [u8], u64);

impl CodeSource for SliceCode<'_> {
    fn fetch(&self, addr: u64, buf: &mut [u8]) -> usize {
        // Only the snippet itself is executable.
        if addr < SNIPPET_BASE || addr >= self.1 {
            return 0;
        }
        let start = usize::try_from(addr).unwrap_or(usize::MAX);
        let end = usize::try_from(self.1)
            .unwrap_or(0)
            .min(start.saturating_add(buf.len()));
        let n = end.saturating_sub(start);
        buf[..n].copy_from_slice(&self.0[start..end]);
        n
    }
}

/// How a snippet run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnippetEnd {
    /// Reached the end of the code.
    Done,
    /// Executed a syscall (RIP is after it).
    Syscall,
    /// Faulted: signal number.
    Fault(u32),
    /// Ran out of gas.
    OutOfGas,
}

/// Runs `code` with registers from `init` (RIP is set to [`SNIPPET_BASE`]; give
/// `init.gas` enough gas) over the guest memory `mem` (guest address `a` is
/// `mem[a]`). Returns the final state and how it ended.
pub fn run_snippet_with(
    code: &[u8],
    init: &CpuState,
    mem: &mut [u8],
    config: TranslatorConfig,
) -> (CpuState, SnippetEnd) {
    run_snippet_tier(code, init, mem, config, false)
}

/// [`run_snippet_with`], every block in the IR interpreter when `interpret` (the
/// cold tier's path) instead of compiled.
pub fn run_snippet_tier(
    code: &[u8],
    init: &CpuState,
    mem: &mut [u8],
    config: TranslatorConfig,
    interpret: bool,
) -> (CpuState, SnippetEnd) {
    exec::install_signal_handlers();
    let base = usize::try_from(SNIPPET_BASE).unwrap_or(0);
    mem[base..base + code.len()].copy_from_slice(code);
    let end = SNIPPET_BASE + code.len() as u64;
    let mut cfg = config;
    cfg.mem_size = mem.len() as u64;
    let mut t = Translator::new(cfg).expect("host ISA");
    let mut s = init.clone();
    s.rip = SNIPPET_BASE;
    s.mem_base = mem.as_mut_ptr() as u64;
    s.mem_size = mem.len() as u64;
    s.helper_scratch[0] = s.gas;
    // As in the run loop: after a GasLow exit the next block runs interpreted,
    // charging block by block.
    let mut exact_next = false;
    loop {
        if s.rip == end {
            return (s, SnippetEnd::Done);
        }
        t.install_ready().expect("translation");
        s.exit_reason = ExitReason::Continue as u32;
        let interpreted = std::mem::take(&mut exact_next) || interpret;
        let r = if interpreted {
            let ir = t.exact_block(&SliceCode(mem, end), s.rip);
            // SAFETY: the interpreter confines its accesses to this memory
            // (mem_base/mem_size above); signal handlers are installed.
            unsafe { crate::interp::enter(&mut s, &ir) }
        } else {
            let block = {
                let src = SliceCode(mem, end);
                t.block(&src, s.rip).expect("translation")
            };
            // SAFETY: the block was compiled for this memory (mem_base/mem_size
            // above) and signal handlers are installed.
            unsafe { exec::enter(&mut s, block.entry) }
        };
        match r {
            x if x == ExitReason::Continue as u64 => {}
            x if x == ExitReason::Syscall as u64 => return (s, SnippetEnd::Syscall),
            x if x == ExitReason::OutOfGas as u64 => return (s, SnippetEnd::OutOfGas),
            x if x == ExitReason::Hot as u64 => {
                let src = SliceCode(mem, end);
                t.promote(&src, s.hot_target, s.rip).expect("translation");
            }
            x if x == ExitReason::GasLow as u64 => exact_next = true,
            _ => {
                if let Some(hf) = exec::take_host_fault() {
                    s.fault_signal = u32::try_from(hf.signal).unwrap_or(11);
                    s.fault_addr = hf.addr.wrapping_sub(s.mem_base);
                    s.fault_rip = if interpreted {
                        crate::interp::last_rip()
                    } else {
                        t.guest_rip_of(hf.pc).unwrap_or(s.rip)
                    };
                }
                // Running off the end of the snippet: a region may have taken the
                // block past its end in (the fetch fault there), instead of
                // returning here at the end address.
                if s.fault_rip == end && s.fault_signal == crate::state::signal::SIGSEGV {
                    s.rip = end;
                    return (s, SnippetEnd::Done);
                }
                let sig = s.fault_signal;
                return (s, SnippetEnd::Fault(sig));
            }
        }
    }
}

/// [`run_snippet_with`] with the default translator configuration.
pub fn run_snippet(code: &[u8], init: &CpuState, mem: &mut [u8]) -> (CpuState, SnippetEnd) {
    run_snippet_with(code, init, mem, TranslatorConfig::default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced_x86::code_asm::*;

    fn assemble(f: impl FnOnce(&mut CodeAssembler) -> Result<(), IcedError>) -> Vec<u8> {
        let mut a = CodeAssembler::new(64).unwrap();
        f(&mut a).unwrap();
        a.assemble(SNIPPET_BASE).unwrap()
    }

    #[test]
    fn add_loop_and_flags() {
        let code = assemble(|a| {
            let mut l = a.create_label();
            a.mov(rcx, 10u64)?;
            a.xor(eax, eax)?;
            a.set_label(&mut l)?;
            a.add(rax, rcx)?;
            a.dec(rcx)?;
            a.jnz(l)?;
            a.cmp(rax, 55)?;
            a.sete(bl)?;
            Ok(())
        });
        let mut mem = vec![0u8; 1 << 20];
        let init = CpuState {
            gas: 1_000_000,
            ..CpuState::default()
        };
        let (s, end) = run_snippet(&code, &init, &mut mem);
        assert_eq!(end, SnippetEnd::Done);
        assert_eq!(s.gpr[0], 55);
        assert_eq!(s.gpr[3] & 0xff, 1);
        assert_eq!(s.gpr[1], 0);
    }

    /// A status flag set before a direct jump out of a hot loop's region and read
    /// by its target: the exit stores flags only when the target's jump-cache
    /// entry says it may read them, so a wrong `flags_in` shows as a wrong count.
    #[test]
    fn flags_cross_a_chained_exit() {
        let code = assemble(|a| {
            let mut top = a.create_label();
            let mut back = a.create_label();
            let mut out = a.create_label();
            let mut done = a.create_label();
            a.mov(ecx, 1000u32)?;
            a.xor(ebx, ebx)?;
            a.set_label(&mut top)?;
            a.mov(eax, ecx)?;
            a.sub(eax, 500)?; // CF = ecx < 500
            a.jmp(out)?; // past the loop's latch: outside its region
            a.set_label(&mut back)?;
            a.dec(ecx)?; // leaves CF alone
            a.jnz(top)?;
            a.jmp(done)?;
            a.set_label(&mut out)?;
            a.setb(dl)?;
            a.movzx(edx, dl)?;
            a.add(ebx, edx)?;
            a.jmp(back)?;
            a.set_label(&mut done)?;
            a.nop()?;
            Ok(())
        });
        let configs = [
            TranslatorConfig::default(),
            TranslatorConfig {
                regions: false,
                ..TranslatorConfig::default()
            },
            TranslatorConfig {
                chain: false,
                ..TranslatorConfig::default()
            },
        ];
        for config in configs {
            let mut mem = vec![0u8; 1 << 20];
            let init = CpuState {
                gas: 1_000_000,
                ..CpuState::default()
            };
            let (s, end) = run_snippet_with(&code, &init, &mut mem, config.clone());
            assert_eq!(end, SnippetEnd::Done, "{config:?}");
            // ecx runs 1000..=1; below 500 for 1..=499.
            assert_eq!(s.gpr[3], 499, "{config:?}");
        }
    }

    #[test]
    fn memory_and_out_of_range_fault() {
        let code = assemble(|a| {
            a.mov(rax, 0x2000u64)?;
            a.mov(qword_ptr(rax), 0x1234)?;
            a.mov(rbx, qword_ptr(rax))?;
            a.mov(rcx, 0x7fff_ffff_0000u64)?;
            a.mov(rdx, qword_ptr(rcx))?;
            Ok(())
        });
        let mut mem = vec![0u8; 1 << 20];
        let init = CpuState {
            gas: 1_000_000,
            ..CpuState::default()
        };
        let (s, end) = run_snippet(&code, &init, &mut mem);
        assert_eq!(end, SnippetEnd::Fault(crate::state::signal::SIGSEGV));
        // Registers at a fault are those of the last block boundary; memory
        // writes before the faulting instruction happened.
        assert_eq!(
            u64::from_le_bytes(mem[0x2000..0x2008].try_into().unwrap()),
            0x1234
        );
        assert_eq!(s.fault_addr, 0x7fff_ffff_0000);
        assert_eq!(s.fault_rip, SNIPPET_BASE + 10 + 7 + 3 + 10);
    }

    #[test]
    fn out_of_gas_before_block() {
        let code = assemble(|a| {
            a.mov(rax, 1u64)?;
            a.mov(rbx, 2u64)?;
            Ok(())
        });
        let mut mem = vec![0u8; 1 << 20];
        let init = CpuState {
            gas: 1,
            ..CpuState::default()
        };
        let (s, end) = run_snippet(&code, &init, &mut mem);
        assert_eq!(end, SnippetEnd::OutOfGas);
        assert_eq!(s.gpr[0], 0);
        let init = CpuState {
            gas: 2,
            ..CpuState::default()
        };
        let (s, end) = run_snippet(&code, &init, &mut mem);
        assert_eq!(end, SnippetEnd::Done);
        assert_eq!(s.gas, 0);
    }
}
