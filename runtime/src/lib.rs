//! qvm runtime: everything between an ELF file and a finished run.
//!
//! - [`elf_bytes`] holds the executable (mapped from its file by the CLI);
//! - [`loader`] parses and validates the ELF and builds the initial stack;
//! - [`memory`] owns the guest address space (one reserved host region);
//! - [`run`](mod@run) is the run loop that drives the translator's compiled blocks and hands
//!   syscalls to the synthetic kernel;
//! - [`cli`] is the `qvm` command line (the binary in `main.rs` is a thin shell).

#![deny(missing_docs)]

pub mod backend;
pub mod cli;
pub mod diff;
pub mod elf_bytes;
pub mod fuzz;
pub mod loader;
pub mod lockstep;
pub mod memory;
pub mod report;
pub mod run;
pub mod warm;

pub use elf_bytes::ElfBytes;
pub use memory::AddressSpace;
pub use run::{
    run, run_with_host_calls, BackendKind, FaultInfo, Outcome, RunConfig, RunError, RunResult,
};
pub use warm::CodeCache;
