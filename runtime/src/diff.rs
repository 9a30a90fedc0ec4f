//! Differential runs: the same guest on the `jit` backend and on the `kvm` oracle,
//! compared.
//!
//! [`diff`] runs the configuration twice (output captured), once per backend, and
//! compares what the determinism contract says must agree and the oracle can observe:
//! how the run ended (exit status or signal), the fault's signal, address and
//! instruction address, stdout, stderr, the syscall trace (number, six arguments and
//! result of every syscall) and a hash of every mapped guest page at the end. Gas is
//! *not* compared: the kvm backend does not meter instructions (and so its virtual TSC
//! differs too; a guest that prints or stores RDTSC values will differ). The first
//! difference found is reported, in that order.
//!
//! A run that ends out of gas is cut off at different points by the two backends (the
//! kvm backend's budget is wall-clock time), so for it only the common prefix of the
//! syscall traces is compared, and memory is not.
//!
//! Both runs read the same stdin bytes ([`diff_with`]); [`diff`] gives them none.
//! Lockstep comparison (register state at every block boundary, exact gas) lives in
//! [`crate::lockstep`].

use crate::run::{
    run_with, BackendKind, MappingHash, Outcome, RunConfig, RunError, RunOptions, RunRecord,
    RunResult, SyscallRecord, SyscallResult,
};
use std::fmt;

/// What one backend's run produced (the parts [`diff`] compares).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunSummary {
    /// How the run ended.
    pub outcome: Outcome,
    /// Fault signal, address and instruction address, when the run faulted.
    pub fault: Option<(u32, u64, u64)>,
    /// Captured stdout.
    pub stdout: Vec<u8>,
    /// Captured stderr.
    pub stderr: Vec<u8>,
    /// Gas used (informational: the kvm backend does not meter instructions).
    pub gas_used: u64,
    /// Every syscall, in order.
    pub syscalls: Vec<SyscallRecord>,
    /// Hash of each mapping at the end of the run.
    pub memory: Vec<MappingHash>,
}

impl RunSummary {
    /// A summary of a run and what was recorded of it.
    pub fn new(r: RunResult, rec: RunRecord) -> Self {
        RunSummary {
            outcome: r.outcome,
            fault: r.fault.map(|f| (f.signal, f.addr, f.rip)),
            stdout: r.stdout,
            stderr: r.stderr,
            gas_used: r.gas_used,
            syscalls: rec.syscalls,
            memory: rec.memory,
        }
    }
}

impl From<RunResult> for RunSummary {
    fn from(r: RunResult) -> Self {
        RunSummary::new(r, RunRecord::default())
    }
}

/// The first way the two runs differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Difference {
    /// Different outcomes (exit status, signal or out of gas).
    Outcome {
        /// The jit's.
        jit: Outcome,
        /// The oracle's.
        kvm: Outcome,
    },
    /// Both faulted with the same signal, at different places.
    Fault {
        /// The jit's (signal, address, rip).
        jit: (u32, u64, u64),
        /// The oracle's.
        kvm: (u32, u64, u64),
    },
    /// The outputs of a stream differ, first at byte `offset`.
    Output {
        /// "stdout" or "stderr".
        stream: &'static str,
        /// First differing byte (or the shorter length).
        offset: usize,
        /// The jit's bytes around `offset`.
        jit: Vec<u8>,
        /// The oracle's bytes around `offset`.
        kvm: Vec<u8>,
        /// Total lengths (jit, kvm).
        lengths: (usize, usize),
    },
    /// The syscall traces differ, first at syscall `index` (None: that trace ended).
    Syscall {
        /// Index in the trace.
        index: usize,
        /// The jit's syscall.
        jit: Option<SyscallRecord>,
        /// The oracle's.
        kvm: Option<SyscallRecord>,
    },
    /// Final guest memory differs: the first mapping whose contents (or extent) differ.
    Memory {
        /// The jit's mapping.
        jit: Option<MappingHash>,
        /// The oracle's.
        kvm: Option<MappingHash>,
    },
}

/// The result of [`diff`].
#[derive(Clone, Debug)]
pub struct DiffReport {
    /// The jit run.
    pub jit: RunSummary,
    /// The kvm run.
    pub kvm: RunSummary,
    /// The first difference, or None when the runs agree.
    pub difference: Option<Difference>,
}

impl DiffReport {
    /// Whether the two runs agree.
    pub fn same(&self) -> bool {
        self.difference.is_none()
    }
}

/// Bytes around `at` (up to 32 before, 32 after).
fn window(b: &[u8], at: usize) -> Vec<u8> {
    let lo = at.saturating_sub(32).min(b.len());
    let hi = at.saturating_add(32).min(b.len());
    b[lo..hi].to_vec()
}

fn compare_stream(stream: &'static str, jit: &[u8], kvm: &[u8]) -> Option<Difference> {
    if jit == kvm {
        return None;
    }
    let offset = jit
        .iter()
        .zip(kvm)
        .position(|(a, b)| a != b)
        .unwrap_or(jit.len().min(kvm.len()));
    Some(Difference::Output {
        stream,
        offset,
        jit: window(jit, offset),
        kvm: window(kvm, offset),
        lengths: (jit.len(), kvm.len()),
    })
}

fn compare_syscalls(
    jit: &[SyscallRecord],
    kvm: &[SyscallRecord],
    prefix_only: bool,
) -> Option<Difference> {
    let n = jit.len().max(kvm.len());
    let n = if prefix_only {
        jit.len().min(kvm.len())
    } else {
        n
    };
    (0..n)
        .find(|&i| jit.get(i) != kvm.get(i))
        .map(|index| Difference::Syscall {
            index,
            jit: jit.get(index).copied(),
            kvm: kvm.get(index).copied(),
        })
}

fn compare_memory(jit: &[MappingHash], kvm: &[MappingHash]) -> Option<Difference> {
    let n = jit.len().max(kvm.len());
    (0..n)
        .find(|&i| jit.get(i) != kvm.get(i))
        .map(|i| Difference::Memory {
            jit: jit.get(i).cloned(),
            kvm: kvm.get(i).cloned(),
        })
}

/// Compares two summaries (jit first); the first difference in the order outcome,
/// fault location, stdout, stderr, syscall trace, memory.
pub fn compare(jit: &RunSummary, kvm: &RunSummary) -> Option<Difference> {
    if jit.outcome != kvm.outcome {
        return Some(Difference::Outcome {
            jit: jit.outcome.clone(),
            kvm: kvm.outcome.clone(),
        });
    }
    if let (Some(j), Some(k)) = (jit.fault, kvm.fault) {
        if j != k {
            return Some(Difference::Fault { jit: j, kvm: k });
        }
    }
    let cut_off = jit.outcome == Outcome::OutOfGas;
    compare_stream("stdout", &jit.stdout, &kvm.stdout)
        .or_else(|| compare_stream("stderr", &jit.stderr, &kvm.stderr))
        .or_else(|| compare_syscalls(&jit.syscalls, &kvm.syscalls, cut_off))
        .or_else(|| {
            if cut_off {
                None
            } else {
                compare_memory(&jit.memory, &kvm.memory)
            }
        })
}

/// Runs the configuration made by `config_factory` on both backends (its `backend` and
/// `capture` fields are overridden) with empty stdin, and compares the runs.
pub fn diff(config_factory: impl Fn() -> RunConfig) -> Result<DiffReport, RunError> {
    diff_with(config_factory, &[])
}

/// [`diff`] with both runs reading `stdin`.
pub fn diff_with(
    config_factory: impl Fn() -> RunConfig,
    stdin: &[u8],
) -> Result<DiffReport, RunError> {
    let opts = RunOptions {
        stdin: Some(stdin.to_vec()),
        record_syscalls: true,
        hash_memory: true,
        ..Default::default()
    };
    let mut cj = config_factory();
    cj.backend = BackendKind::Jit;
    cj.capture = true;
    let (r, rec) = run_with(cj, &opts)?;
    let jit = RunSummary::new(r, rec);
    let mut ck = config_factory();
    ck.backend = BackendKind::Kvm;
    ck.capture = true;
    let (r, rec) = run_with(ck, &opts)?;
    let kvm = RunSummary::new(r, rec);
    let difference = compare(&jit, &kvm);
    Ok(DiffReport {
        jit,
        kvm,
        difference,
    })
}

/// A syscall record as text: `nr(a0, …, a5) = result`.
pub fn show_syscall(s: &SyscallRecord) -> String {
    let result = match s.result {
        SyscallResult::Return(v) if v > u64::MAX - 4096 => format!("-{}", v.wrapping_neg()),
        SyscallResult::Return(v) => format!("{v:#x}"),
        SyscallResult::Exit(c) => format!("exit({c})"),
        SyscallResult::OutOfGas => "out of gas".into(),
        SyscallResult::Fault(sig, addr) => format!("signal {sig} (addr {addr:#x})"),
    };
    let a = s.args;
    format!(
        "syscall {}({:#x}, {:#x}, {:#x}, {:#x}, {:#x}, {:#x}) = {result}",
        s.nr, a[0], a[1], a[2], a[3], a[4], a[5]
    )
}

fn show_mapping(m: &Option<MappingHash>) -> String {
    match m {
        Some(m) => format!(
            "{:#x}..{:#x} {} hash {:016x}",
            m.start, m.end, m.name, m.hash
        ),
        None => "(no mapping)".into(),
    }
}

fn show_outcome(o: &Outcome) -> String {
    match o {
        Outcome::Exited(c) => format!("exit status {c}"),
        Outcome::Signaled(s) => format!("signal {s}"),
        Outcome::OutOfGas => "out of gas".into(),
    }
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Outcome { jit, kvm } => {
                write!(f, "outcome differs: jit {}, kvm {}", show_outcome(jit), show_outcome(kvm))
            }
            Difference::Fault { jit, kvm } => write!(
                f,
                "fault differs: jit signal {} addr {:#x} rip {:#x}, kvm signal {} addr {:#x} rip {:#x}",
                jit.0, jit.1, jit.2, kvm.0, kvm.1, kvm.2
            ),
            Difference::Output { stream, offset, jit, kvm, lengths } => write!(
                f,
                "{stream} differs at byte {offset} (lengths jit {}, kvm {}): jit …{:?}…, kvm …{:?}…",
                lengths.0,
                lengths.1,
                String::from_utf8_lossy(jit),
                String::from_utf8_lossy(kvm)
            ),
            Difference::Syscall { index, jit, kvm } => {
                let show = |s: &Option<SyscallRecord>| s.as_ref().map_or("(trace ended)".to_string(), show_syscall);
                write!(f, "syscall trace differs at syscall #{index}: jit {}, kvm {}", show(jit), show(kvm))
            }
            Difference::Memory { jit, kvm } => {
                write!(f, "final memory differs: jit {}, kvm {}", show_mapping(jit), show_mapping(kvm))
            }
        }
    }
}

impl fmt::Display for DiffReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.difference {
            None => write!(
                f,
                "same: {}, {} bytes of stdout, {} bytes of stderr, {} syscalls, {} mappings (gas: jit {}, kvm not metered)",
                show_outcome(&self.jit.outcome),
                self.jit.stdout.len(),
                self.jit.stderr.len(),
                self.jit.syscalls.len(),
                self.jit.memory.len(),
                self.jit.gas_used
            ),
            Some(d) => write!(f, "{d}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(outcome: Outcome, out: &[u8]) -> RunSummary {
        RunSummary {
            outcome,
            fault: None,
            stdout: out.to_vec(),
            stderr: vec![],
            gas_used: 0,
            syscalls: vec![],
            memory: vec![],
        }
    }

    #[test]
    fn compare_reports_the_first_difference() {
        let a = summary(Outcome::Exited(0), b"hello world");
        assert_eq!(compare(&a, &a), None);
        let b = summary(Outcome::Exited(1), b"hello world");
        assert!(matches!(compare(&a, &b), Some(Difference::Outcome { .. })));
        let c = summary(Outcome::Exited(0), b"hello there");
        match compare(&a, &c) {
            Some(Difference::Output {
                stream: "stdout",
                offset: 6,
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
        let d = summary(Outcome::Exited(0), b"hello");
        match compare(&a, &d) {
            Some(Difference::Output {
                offset: 5,
                lengths: (11, 5),
                ..
            }) => {}
            other => panic!("{other:?}"),
        }
        let mut e = summary(Outcome::Signaled(11), b"");
        e.fault = Some((11, 0, 0x401000));
        let mut f = e.clone();
        f.fault = Some((11, 8, 0x401000));
        assert!(matches!(compare(&e, &f), Some(Difference::Fault { .. })));
        assert!(compare(&e, &f).is_some_and(|d| d.to_string().contains("fault differs")));

        let sc = |nr, r| SyscallRecord {
            nr,
            args: [1, 2, 3, 4, 5, 6],
            result: SyscallResult::Return(r),
        };
        let mut g = summary(Outcome::Exited(0), b"");
        g.syscalls = vec![sc(1, 5), sc(60, 0)];
        let mut h = g.clone();
        assert_eq!(compare(&g, &h), None);
        h.syscalls[0] = sc(1, 4);
        match compare(&g, &h) {
            Some(Difference::Syscall { index: 0, .. }) => {}
            other => panic!("{other:?}"),
        }
        h.syscalls = vec![sc(1, 5)];
        assert!(matches!(
            compare(&g, &h),
            Some(Difference::Syscall {
                index: 1,
                kvm: None,
                ..
            })
        ));
        // Out of gas: only the common prefix counts, and memory does not.
        g.outcome = Outcome::OutOfGas;
        h.outcome = Outcome::OutOfGas;
        h.memory = vec![MappingHash {
            start: 0,
            end: 4096,
            name: "x".into(),
            hash: 1,
        }];
        assert_eq!(compare(&g, &h), None);
        g.outcome = Outcome::Exited(0);
        h.outcome = Outcome::Exited(0);
        h.syscalls = g.syscalls.clone();
        assert!(compare(&g, &h).is_some_and(|d| d.to_string().contains("final memory differs")));
    }
}
