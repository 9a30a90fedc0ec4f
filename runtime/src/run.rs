//! The run loop (stub: being written by the lead).

use qvm_kernel::BlockContext;
use qvm_translator::CpuState;

/// Everything a run depends on (the determinism contract's inputs).
pub struct RunConfig {
    /// The ELF file's bytes.
    pub elf: Vec<u8>,
    /// Guest path of the executable (argv[0] default, AT_EXECFN, /proc/self/exe).
    pub exe_path: String,
    /// argv, including argv[0].
    pub argv: Vec<Vec<u8>>,
    /// The environment as `KEY=VALUE` strings.
    pub env: Vec<Vec<u8>>,
    /// Read-only files: guest path → contents.
    pub files: Vec<(String, Vec<u8>)>,
    /// Block context.
    pub block: BlockContext,
    /// Gas limit.
    pub gas_limit: u64,
    /// Trace syscalls to stderr.
    pub strace: bool,
    /// Capture stdout/stderr into the result instead of passing them through.
    pub capture: bool,
}

/// How a run ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// exit/exit_group with this status (0..=255).
    Exited(i32),
    /// Killed by a signal (a fault).
    Signaled(u32),
    /// Ran out of gas.
    OutOfGas,
}

/// Details of a fault.
#[derive(Clone)]
pub struct FaultInfo {
    /// Linux signal number.
    pub signal: u32,
    /// Faulting data address (0 if none).
    pub addr: u64,
    /// Faulting instruction address.
    pub rip: u64,
    /// The faulting instruction, disassembled (or why it could not be).
    pub insn: String,
    /// Registers at the fault (as precise as the last block boundary; see docs).
    pub regs: Box<CpuState>,
}

/// The result of a run.
pub struct RunResult {
    /// How it ended.
    pub outcome: Outcome,
    /// Gas used (the whole limit on OutOfGas or a fault).
    pub gas_used: u64,
    /// The limit it ran under.
    pub gas_limit: u64,
    /// Captured stdout (empty unless `capture`).
    pub stdout: Vec<u8>,
    /// Captured stderr (empty unless `capture`).
    pub stderr: Vec<u8>,
    /// Fault details when `outcome` is `Signaled`.
    pub fault: Option<FaultInfo>,
}

/// Errors that stop a run before or outside the guest's control.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// The ELF could not be loaded.
    #[error(transparent)]
    Load(#[from] crate::loader::LoadError),
    /// Something else.
    #[error("{0}")]
    Other(String),
}

/// Runs a program to completion.
pub fn run(_config: RunConfig) -> Result<RunResult, RunError> {
    Err(RunError::Other("run loop not written yet".into()))
}
