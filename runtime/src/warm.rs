//! Warm starts: translated code kept across runs of the same program.
//!
//! A node runs the same contract many times. [`CodeCache`] keeps the translator
//! (compiled blocks, regions, jump cache, hot counters) of each program it has
//! run, so a later run of that program starts with its code already compiled.
//! Compiled code depends only on the guest code bytes and the translator
//! settings — guest memory is addressed through the run's own base, passed in at
//! every entry — so reusing it changes neither output nor gas (the tests run the
//! same program cold and warm and compare).
//!
//! What may be kept: only translations of the program image's executable
//! segments, and only if no translation was ever invalidated (the guest
//! unmapped, remapped or re-protected code: it may have changed it). Code the
//! guest generated at run time is dropped after every run, and a program with a
//! writable and executable segment is never kept. The caller names the program
//! (`program_id`, e.g. the hash under which a chain stores the code): hashing the
//! ELF here would cost more than the warm start saves.
//!
//! The cache also keeps the last run's guest address space, reset (every page
//! zero and inaccessible again, see [`AddressSpace::reset`]), for the next run
//! of any program: a fresh one costs a memory file, three mappings and their
//! teardown, which was most of a warm start.

use crate::backend::jit::{Code, JitBackend};
use crate::memory::AddressSpace;
use crate::run::{
    drive, translator_config, BackendKind, RunConfig, RunError, RunOptions, RunRecord, RunResult,
    Session,
};

/// Translators kept per program, for warm starts (see the module docs).
#[derive(Default)]
pub struct CodeCache {
    programs: Vec<Warm>,
    /// An address space a finished run left, reset, for the next run.
    spare: Option<AddressSpace>,
}

struct Warm {
    id: Vec<u8>,
    config: String,
    backend: JitBackend,
    /// Runs so far.
    runs: u32,
}

/// Programs kept at most; the least recently run is dropped first.
const MAX_PROGRAMS: usize = 16;

impl CodeCache {
    /// An empty cache.
    pub fn new() -> CodeCache {
        CodeCache::default()
    }

    /// Number of programs whose code is kept.
    pub fn len(&self) -> usize {
        self.programs.len()
    }

    /// Whether no program's code is kept.
    pub fn is_empty(&self) -> bool {
        self.programs.is_empty()
    }

    /// Runs `config` like [`crate::run::run_with`], with the code kept from earlier
    /// runs of the program named `program_id` (the same id must always name the
    /// same ELF bytes). Backends other than `jit` run cold.
    pub fn run_with(
        &mut self,
        program_id: &[u8],
        config: RunConfig,
        opts: &RunOptions,
    ) -> Result<(RunResult, RunRecord), RunError> {
        self.run_with_host_calls(program_id, config, opts, None)
    }

    /// [`CodeCache::run_with`] with host calls (as
    /// [`crate::run::run_with_host_calls`]: contracts).
    pub fn run_with_host_calls(
        &mut self,
        program_id: &[u8],
        config: RunConfig,
        opts: &RunOptions,
        host: Option<Box<dyn qvm_kernel::HostCalls>>,
    ) -> Result<(RunResult, RunRecord), RunError> {
        if config.backend != BackendKind::Jit {
            return crate::run::run_inner(config, opts, host);
        }
        let mut s = Session::in_space(config, opts, self.spare.take())?;
        if let Some(h) = host {
            s.kernel.set_host_calls(h);
        }
        let tconfig = translator_config(opts, s.space.size());
        let key = format!("{tconfig:?}");
        let (mut backend, runs) = match self
            .programs
            .iter()
            .position(|w| w.id == program_id && w.config == key)
        {
            Some(i) => {
                let w = self.programs.remove(i);
                (w.backend, w.runs)
            }
            None => (JitBackend::with_config(tconfig)?, 0),
        };
        let (outcome, record) = drive(&mut s, &mut backend, opts)?;
        if let Some(code) = s.image_code.clone() {
            // From the second run on, the program is evidently run repeatedly:
            // compile what the cold tier still interprets (start-up code runs
            // once per run and would otherwise never reach the compile threshold).
            // (A failure here only means the code is not kept: the run is done.)
            let precompiled = runs == 0 || {
                let src = Code {
                    space: &s.space,
                    kernel: &s.kernel,
                };
                backend.translator_mut().precompile_cold(&src).is_ok()
            };
            if precompiled && backend.translator_mut().retain_within(&code) {
                if self.programs.len() >= MAX_PROGRAMS {
                    self.programs.remove(0);
                }
                self.programs.push(Warm {
                    id: program_id.to_vec(),
                    config: key,
                    backend,
                    runs: runs.saturating_add(1),
                });
            }
        }
        let (result, record, mut space) = s.finish_keeping_space(outcome, opts, record);
        // (A space that cannot be reset is dropped: the next run makes a new one.)
        if space.reset().is_ok() {
            self.spare = Some(space);
        }
        Ok((result, record))
    }
}
