//! Differential runs: the same guest on the `jit` backend and on the `kvm` oracle,
//! compared.
//!
//! [`diff`] runs the configuration twice (output captured), once per backend, and
//! compares what the determinism contract says must agree and the oracle can observe:
//! how the run ended (exit status or signal), the fault's signal, address and
//! instruction address, stdout and stderr. Gas is *not* compared: the kvm backend does
//! not meter instructions (and so its virtual TSC differs too; a guest that prints
//! RDTSC values will differ). The first difference found is reported, in that order.

use crate::run::{run, BackendKind, Outcome, RunConfig, RunError, RunResult};
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
}

impl From<RunResult> for RunSummary {
    fn from(r: RunResult) -> Self {
        RunSummary {
            outcome: r.outcome,
            fault: r.fault.map(|f| (f.signal, f.addr, f.rip)),
            stdout: r.stdout,
            stderr: r.stderr,
            gas_used: r.gas_used,
        }
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
    let offset = jit.iter().zip(kvm).position(|(a, b)| a != b).unwrap_or(jit.len().min(kvm.len()));
    Some(Difference::Output {
        stream,
        offset,
        jit: window(jit, offset),
        kvm: window(kvm, offset),
        lengths: (jit.len(), kvm.len()),
    })
}

/// Compares two summaries (jit first); the first difference in the order outcome,
/// fault location, stdout, stderr.
pub fn compare(jit: &RunSummary, kvm: &RunSummary) -> Option<Difference> {
    if jit.outcome != kvm.outcome {
        return Some(Difference::Outcome { jit: jit.outcome.clone(), kvm: kvm.outcome.clone() });
    }
    if let (Some(j), Some(k)) = (jit.fault, kvm.fault) {
        if j != k {
            return Some(Difference::Fault { jit: j, kvm: k });
        }
    }
    compare_stream("stdout", &jit.stdout, &kvm.stdout).or_else(|| compare_stream("stderr", &jit.stderr, &kvm.stderr))
}

/// Runs the configuration made by `config_factory` on both backends (its `backend` and
/// `capture` fields are overridden) and compares the runs.
pub fn diff(config_factory: impl Fn() -> RunConfig) -> Result<DiffReport, RunError> {
    let mut cj = config_factory();
    cj.backend = BackendKind::Jit;
    cj.capture = true;
    let jit = RunSummary::from(run(cj)?);
    let mut ck = config_factory();
    ck.backend = BackendKind::Kvm;
    ck.capture = true;
    let kvm = RunSummary::from(run(ck)?);
    let difference = compare(&jit, &kvm);
    Ok(DiffReport { jit, kvm, difference })
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
        }
    }
}

impl fmt::Display for DiffReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.difference {
            None => write!(
                f,
                "same: {}, {} bytes of stdout, {} bytes of stderr (gas: jit {}, kvm not metered)",
                show_outcome(&self.jit.outcome),
                self.jit.stdout.len(),
                self.jit.stderr.len(),
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
        RunSummary { outcome, fault: None, stdout: out.to_vec(), stderr: vec![], gas_used: 0 }
    }

    #[test]
    fn compare_reports_the_first_difference() {
        let a = summary(Outcome::Exited(0), b"hello world");
        assert_eq!(compare(&a, &a), None);
        let b = summary(Outcome::Exited(1), b"hello world");
        assert!(matches!(compare(&a, &b), Some(Difference::Outcome { .. })));
        let c = summary(Outcome::Exited(0), b"hello there");
        match compare(&a, &c) {
            Some(Difference::Output { stream: "stdout", offset: 6, .. }) => {}
            other => panic!("{other:?}"),
        }
        let d = summary(Outcome::Exited(0), b"hello");
        match compare(&a, &d) {
            Some(Difference::Output { offset: 5, lengths: (11, 5), .. }) => {}
            other => panic!("{other:?}"),
        }
        let mut e = summary(Outcome::Signaled(11), b"");
        e.fault = Some((11, 0, 0x401000));
        let mut f = e.clone();
        f.fault = Some((11, 8, 0x401000));
        assert!(matches!(compare(&e, &f), Some(Difference::Fault { .. })));
        assert!(compare(&e, &f).is_some_and(|d| d.to_string().contains("fault differs")));
    }
}
