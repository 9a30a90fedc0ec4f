//! Regions compiled on a second thread ([`crate::TranslatorConfig::background`]).
//!
//! Cranelift's optimizing compile of a region costs ~30 µs per guest instruction —
//! a third of SQLite's run when done on the run loop's thread. With a worker, the run
//! loop hands the region's lifted blocks over and goes on running the tier-1 code it
//! already has; the finished region is installed at a later pass of the run loop
//! ([`crate::Translator::install_ready`]).
//!
//! Nothing a guest can observe depends on when that happens: every tier computes
//! the same state and charges the same gas per instruction (the cross-check mode and
//! the tier tests compare them), so a region installed later changes only speed.
//! What does depend on timing is which code the translator holds; results of a
//! region lifted before code was invalidated (an `munmap`, `mprotect` or write over
//! it) are dropped unused: every job carries the translator's invalidation epoch.
//!
//! The worker owns its Cranelift module (and so the code memory its regions live
//! in) and frees it when the translator drops it, after the run loop is gone. Code
//! reaches the run loop's thread through the result channel (its release/acquire
//! order covers the code bytes), at addresses never executed before: the code
//! memory is bump-allocated and never reused, and each region starts on a cache
//! line of its own (`codemem`), so the worker never writes into a line holding
//! code the run loop may be executing or have fetched.

use crate::compile::{compile_function, module_in, CompileJob, CompileSettings, Compiled};
use crate::ir::Block;
use crate::TranslateError;
use cranelift_frontend::FunctionBuilderContext;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A region to compile.
pub(crate) struct RegionJob {
    /// Its entry.
    pub(crate) header: u64,
    /// The translator's invalidation epoch when the blocks were lifted.
    pub(crate) epoch: u64,
    pub(crate) blocks: Vec<Block>,
    pub(crate) returns: Vec<Vec<u64>>,
    pub(crate) profiles: Vec<Option<u64>>,
    pub(crate) settings: CompileSettings,
}

/// A compiled region (or why it failed), back on the run loop's thread.
pub(crate) struct RegionDone {
    pub(crate) header: u64,
    pub(crate) epoch: u64,
    pub(crate) result: Result<Compiled, TranslateError>,
    /// Compile time, and module set-up time on first use.
    pub(crate) time: Duration,
    pub(crate) module_time: Duration,
}

/// The compile thread and its channels.
pub(crate) struct Worker {
    jobs: Option<Sender<Box<RegionJob>>>,
    done: Receiver<RegionDone>,
    /// Results sent and not yet taken: one atomic load tells the run loop there is
    /// nothing to do.
    ready: Arc<AtomicUsize>,
    /// Set when the translator goes: queued jobs are skipped.
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Worker {
    /// Starts the thread (its Cranelift module is made on its first job).
    pub(crate) fn start() -> Result<Worker, TranslateError> {
        let (jobs, job_rx) = channel::<Box<RegionJob>>();
        let (done_tx, done) = channel::<RegionDone>();
        let ready = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (r, s) = (Arc::clone(&ready), Arc::clone(&stop));
        let thread = std::thread::Builder::new()
            .name("qvm-compile".into())
            .spawn(move || work(&job_rx, &done_tx, &r, &s))
            .map_err(|e| TranslateError::Isa(format!("starting the compile thread: {e}")))?;
        Ok(Worker {
            jobs: Some(jobs),
            done,
            ready,
            stop,
            thread: Some(thread),
        })
    }

    /// Queues a region; gives it back if the thread is gone (the caller then
    /// compiles it itself).
    pub(crate) fn submit(&self, job: Box<RegionJob>) -> Result<(), Box<RegionJob>> {
        match &self.jobs {
            Some(tx) => tx.send(job).map_err(|e| e.0),
            None => Err(job),
        }
    }

    /// The results that arrived since the last call (none: one atomic load).
    pub(crate) fn take_ready(&self) -> Vec<RegionDone> {
        if self.ready.load(Ordering::Acquire) == 0 {
            return Vec::new();
        }
        let out: Vec<RegionDone> = self.done.try_iter().collect();
        self.ready.fetch_sub(out.len(), Ordering::AcqRel);
        out
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            // A panic on the worker was already reported on stderr; nothing to add.
            let _ = t.join();
        }
    }
}

/// The thread: compiles jobs until the channel closes, then frees its code memory.
fn work(
    jobs: &Receiver<Box<RegionJob>>,
    done: &Sender<RegionDone>,
    ready: &AtomicUsize,
    stop: &AtomicBool,
) {
    let mut module = None;
    let mut ctx = cranelift_codegen::Context::new();
    let mut fctx = FunctionBuilderContext::new();
    while let Ok(job) = jobs.recv() {
        if stop.load(Ordering::Acquire) {
            continue;
        }
        let mut module_time = Duration::ZERO;
        let t0 = Instant::now();
        let result = module_in(&mut module, "speed", &mut module_time).and_then(|cm| {
            let compile = CompileJob {
                blocks: &job.blocks,
                hot: None,
                returns: &job.returns,
                profiles: &job.profiles,
            };
            // A panic in the code generator (a bug) becomes this region's error, which
            // ends the run when the region would be installed, instead of leaving the
            // region pending forever and its blocks waiting.
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                compile_function(cm, &mut ctx, &mut fctx, &compile, &job.settings)
            }))
            .unwrap_or_else(|p| {
                let what = p
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_string())
                    .or_else(|| p.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                Err(crate::TranslateError::Compile {
                    addr: job.header,
                    msg: format!("the code generator panicked: {what}"),
                })
            })
        });
        if result.is_err() {
            // Whatever state a failed compile left behind is not reused.
            ctx = cranelift_codegen::Context::new();
            fctx = FunctionBuilderContext::new();
        }
        let msg = RegionDone {
            header: job.header,
            epoch: job.epoch,
            result,
            time: t0.elapsed().saturating_sub(module_time),
            module_time,
        };
        if done.send(msg).is_err() {
            break;
        }
        ready.fetch_add(1, Ordering::AcqRel);
    }
    if let Some(m) = module {
        // SAFETY: the translator that ran this module's code is being dropped (the
        // channel closed in `Worker::drop`), so none of it can run again.
        unsafe { m.free() };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compile that panics (here: a job with no blocks, which nothing else sends)
    /// comes back as that region's error, and the thread goes on compiling.
    #[test]
    fn a_panicking_compile_is_the_regions_error() {
        let w = Worker::start().expect("worker");
        let job = |header| {
            Box::new(RegionJob {
                header,
                epoch: 0,
                blocks: Vec::new(),
                returns: Vec::new(),
                profiles: Vec::new(),
                settings: CompileSettings {
                    mem_size: 1 << 31,
                    jump_cache: 0,
                    guard: 0,
                    host_sha: false,
                    dump: false,
                    code_dump: None,
                },
            })
        };
        let mut done = Vec::new();
        for header in [0x1000, 0x2000] {
            assert!(w.submit(job(header)).is_ok(), "submitted");
            let t0 = Instant::now();
            while done.is_empty() && t0.elapsed() < Duration::from_secs(30) {
                done.extend(w.take_ready());
                std::thread::yield_now();
            }
            let d = done.pop().expect("an answer");
            assert_eq!(d.header, header);
            match d.result {
                Err(TranslateError::Compile { addr, msg }) => {
                    assert_eq!(addr, header);
                    assert!(msg.contains("panicked"), "{msg}");
                }
                Err(e) => panic!("another error: {e}"),
                Ok(_) => panic!("compiled a region of no blocks"),
            }
        }
    }
}
