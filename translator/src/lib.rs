//! qvm's translator: x86-64 machine code → qvm IR → Cranelift → host code.
//!
//! The pipeline, one module per stage:
//! - [`decode`]: fetch and decode a guest block with iced-x86;
//! - [`lift`]: x86 semantics, one module per instruction family, written once as
//!   lifting into [`ir`] through [`builder`];
//! - [`passes`]: dead-flag elimination and dead-code elimination on the IR;
//! - [`lower`]: IR → Cranelift IR, compiled to host code (with `slots`: which
//!   guest registers a region must load on entry; `gas_check`: where a region
//!   compares its gas);
//! - [`cache`]: compiled blocks by guest address, the tiers (IR interpreter →
//!   single blocks → optimized regions, which copy small leaf callees; `background`
//!   compiles regions on a second thread), warm-start support; `codemem` packs their host code densely, written through one mapping
//!   and run from another (no `mprotect` per function);
//! - [`chain`]: the jump cache blocks chain through (and which flags a target reads);
//! - [`exec`]: entering compiled code and leaving it on a fault;
//! - [`state`]: the `#[repr(C)]` CPU state every backend shares;
//! - [`x87`]: the software x87 FPU; [`sha`]: the SHA extensions in software.
//!
//! Diagnostics (environment variables): `QVM_DUMP=1` prints every lifted block and
//! its host code; `QVM_STATS=1` prints, at the end of a run, how often control came
//! back to the run loop, what was compiled and how long it took; `QVM_CODE_DUMP=DIR`
//! writes every compiled function's bytes to `DIR/<host address>-<guest address>.bin`,
//! for annotating `perf` profiles of translated code.

#![deny(missing_docs)]

mod background;
pub mod builder;
pub mod cache;
pub mod chain;
mod codemem;
mod compile;
pub mod cpuid;
pub mod decode;
pub mod exec;
mod gas_check;
pub mod guest;
pub mod interp;
pub mod ir;
pub mod lift;
pub mod lower;
pub mod passes;
pub mod print;
pub mod sha;
mod slots;
pub mod state;
pub mod testing;
pub mod x87;

pub use cache::{CompiledBlock, TranslateError, Translator, TranslatorConfig, TranslatorStats};
pub use decode::CodeSource;
pub use state::{CpuState, ExitReason, Flag, FlagSet};
