//! Backends: what executes guest instructions between two syscalls.
//!
//! - [`jit`]: the product — blocks translated by Cranelift, gas metered.
//! - `kvm` (issue 3): the oracle — the real CPU under KVM.
//!
//! Both run over the same [`AddressSpace`] and [`CpuState`]; the run loop
//! ([`crate::run`](mod@crate::run)) owns the synthetic kernel and handles what a backend stops for.

pub mod crosscheck;
pub mod jit;
pub mod kvm;

use crate::memory::AddressSpace;
use crate::run::RunError;
use qvm_kernel::Kernel;
use qvm_translator::CpuState;

/// Why a backend returned control to the run loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// A `syscall` executed; `cpu.rip` is the instruction after it.
    Syscall,
    /// The remaining gas could not pay for the next block.
    OutOfGas,
    /// The guest faulted; `cpu.fault_signal`, `fault_addr`, `fault_rip` say how.
    Fault,
}

/// An execution engine for guest code.
pub trait Backend {
    /// Executes guest code from `cpu.rip` until something the run loop must handle.
    fn run(
        &mut self,
        cpu: &mut CpuState,
        space: &mut AddressSpace,
        kernel: &Kernel,
    ) -> Result<Stop, RunError>;
    /// Called after every syscall: guest memory or its protections may have changed
    /// (`invalidated` lists ranges whose code must be dropped).
    fn after_syscall(&mut self, kernel: &Kernel, space: &AddressSpace, invalidated: &[(u64, u64)]);
    /// The backend's name, as `--backend` spells it.
    fn name(&self) -> &'static str;
}

/// The KVM backend for `space`, or why it cannot run here.
pub fn kvm_backend(space: &AddressSpace) -> Result<Box<dyn Backend>, RunError> {
    Ok(Box::new(kvm::KvmBackend::new(space)?))
}
