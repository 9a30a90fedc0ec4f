//! The run loop: load, then alternate between compiled guest code and the
//! synthetic kernel until the guest exits, faults or runs out of gas.
//!
//! Gas accounting: the CPU state's `gas` counter starts at the limit; blocks
//! subtract their static cost on entry, REP helpers per iteration, the kernel per
//! syscall and per page mapped. On exit, `gas_used = limit - gas`; on a fault or
//! out of gas the whole limit is used (DESIGN.md: nothing is committed).
//!
//! Registers reported with a fault are those at the start of the faulting block
//! (plus whatever helpers stored before it); the faulting instruction's address is
//! exact.

use crate::loader::{build_stack, load_elf, StackArgs};
use crate::memory::AddressSpace;
use qvm_kernel::{
    layout, BlockContext, GuestMemory, Kernel, KernelConfig, SyscallCpu, SyscallOutcome,
};

/// Which engine executes guest instructions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum BackendKind {
    /// The translator (the product).
    #[default]
    Jit,
    /// The real CPU under KVM (the oracle).
    Kvm,
    /// The translator with every block also run by the IR interpreter and compared
    /// (`qvm run --crosscheck`).
    Crosscheck,
}
use crate::backend::jit::JitBackend;
use crate::backend::{Backend, Stop};
use qvm_translator::state::gpr;
use qvm_translator::CpuState;
use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

/// Everything a run depends on (the determinism contract's inputs).
pub struct RunConfig {
    /// The ELF file's bytes (only read while the run is set up).
    pub elf: crate::ElfBytes,
    /// Guest path of the executable (`argv[0]` default, AT_EXECFN, /proc/self/exe).
    pub exe_path: String,
    /// argv, including `argv[0]`.
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
    /// The backend.
    pub backend: BackendKind,
}

/// The gas limit of a run that names none (the CLI's `--gas-limit` default).
pub const DEFAULT_GAS_LIMIT: u64 = 10_000_000_000;

impl RunConfig {
    /// A run of `elf` as `exe_path` with `argv` (`argv[0]` included): empty
    /// environment, no files, the default block context, the CLI's default gas
    /// limit, output captured into the result, the `jit` backend. Change fields
    /// with struct update syntax.
    pub fn new(
        elf: impl Into<crate::ElfBytes>,
        exe_path: impl Into<String>,
        argv: Vec<Vec<u8>>,
    ) -> RunConfig {
        RunConfig {
            elf: elf.into(),
            exe_path: exe_path.into(),
            argv,
            env: Vec::new(),
            files: Vec::new(),
            block: BlockContext::default(),
            gas_limit: DEFAULT_GAS_LIMIT,
            strace: false,
            capture: true,
            backend: BackendKind::Jit,
        }
    }
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
    /// Registers at the fault, as the translated code last stored them: those of
    /// the start of the faulting block where the faulting code ran interpreted or
    /// as a single block, those of an earlier point inside a loop region. Which tier
    /// ran it depends on when the background compile thread finished a region, so
    /// unlike everything else about a run these can differ between runs of the same
    /// inputs; [`replay_fault`] gives the dump of a run with synchronous
    /// compilation, which does not (the CLI's `--json` reports that one).
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
    /// The guest address space could not be reserved.
    #[error(transparent)]
    Memory(#[from] crate::memory::MemoryError),
    /// The kernel rejected the configuration (e.g. a provided file).
    #[error(transparent)]
    Kernel(#[from] qvm_kernel::KernelError),
    /// A backend could not start or failed outside the guest's control.
    #[error("backend: {0}")]
    Backend(String),
    /// The translator failed (a qvm bug, reported rather than hidden).
    #[error(transparent)]
    Translate(#[from] qvm_translator::TranslateError),
}

/// A `Write` into a shared buffer, for captured output.
#[derive(Clone, Default)]
struct SharedBuf(Rc<RefCell<Vec<u8>>>);

impl Write for SharedBuf {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A `Read` that keeps a copy of everything read through it (the host stdin a
/// run consumed, for replaying the run: [`RunOptions::record_stdin`]).
struct Tee<R> {
    inner: R,
    tape: Rc<RefCell<Vec<u8>>>,
}

impl<R: std::io::Read> std::io::Read for Tee<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.tape.borrow_mut().extend_from_slice(&buf[..n]);
        Ok(n)
    }
}

/// Optional extras of a run, all off by default (used by [`crate::diff`] and
/// [`crate::lockstep`]).
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// The guest's stdin (None: the host's stdin).
    pub stdin: Option<Vec<u8>>,
    /// Record every syscall (number, arguments, result) in [`RunRecord::syscalls`].
    pub record_syscalls: bool,
    /// Hash every mapped guest page at the end of the run ([`RunRecord::memory`]).
    pub hash_memory: bool,
    /// Translator settings for the jit backend (None: the defaults). Benchmarks use
    /// it to measure what metering, chaining and regions cost.
    pub translator: Option<qvm_translator::TranslatorConfig>,
    /// Keep a copy of what the guest read from the host's stdin
    /// ([`RunRecord::stdin`]), so that the run can be replayed (see
    /// [`replay_fault`]). Nothing is recorded when `stdin` is given.
    pub record_stdin: bool,
}

/// How one syscall ended, as recorded by [`RunOptions::record_syscalls`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyscallResult {
    /// Returned this RAX.
    Return(u64),
    /// exit/exit_group with this status.
    Exit(i32),
    /// Could not be paid for.
    OutOfGas,
    /// Killed the process: (signal, address).
    Fault(u32, u64),
}

/// One recorded syscall.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SyscallRecord {
    /// The syscall number (RAX).
    pub nr: u64,
    /// RDI, RSI, RDX, R10, R8, R9.
    pub args: [u64; 6],
    /// The result.
    pub result: SyscallResult,
}

/// The hash of one mapping's bytes at the end of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MappingHash {
    /// First address.
    pub start: u64,
    /// End address (exclusive).
    pub end: u64,
    /// The kernel's name for it.
    pub name: String,
    /// A 64-bit hash of its contents.
    pub hash: u64,
}

/// What [`RunOptions`] asked to be recorded.
#[derive(Clone, Debug, Default)]
pub struct RunRecord {
    /// Every syscall, in order (when `record_syscalls`).
    pub syscalls: Vec<SyscallRecord>,
    /// Per-mapping hashes, in address order (when `hash_memory`).
    pub memory: Vec<MappingHash>,
    /// The bytes the guest consumed from the host's stdin (when `record_stdin`).
    pub stdin: Vec<u8>,
}

/// A 64-bit hash of `bytes` (deterministic; not cryptographic).
pub fn hash_bytes(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = seed ^ 0x9e37_79b9_7f4a_7c15;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    for &b in chunks.remainder() {
        h = (h ^ u64::from(b))
            .wrapping_mul(0x0000_0100_0000_01b3)
            .rotate_left(7);
    }
    h ^ (h >> 31)
}

/// Hashes every mapping the kernel knows of.
pub(crate) fn hash_mappings(kernel: &Kernel, space: &AddressSpace) -> Vec<MappingHash> {
    let mut out = Vec::new();
    let mut page = vec![0u8; 4096];
    for vma in kernel.mappings() {
        let mut h = 0u64;
        let mut a = vma.start;
        while a < vma.end {
            if space.read(a, &mut page).is_err() {
                page.fill(0xee);
            }
            h = hash_bytes(h, &page);
            a += 4096;
        }
        out.push(MappingHash {
            start: vma.start,
            end: vma.end,
            name: vma.name.clone(),
            hash: h,
        });
    }
    out
}

/// A loaded guest, ready to run: the kernel, the address space and the initial state.
pub(crate) struct Session {
    pub(crate) kernel: Kernel,
    pub(crate) space: AddressSpace,
    pub(crate) cpu: Box<CpuState>,
    out: SharedBuf,
    err: SharedBuf,
    gas_limit: u64,
    /// What was read from the host's stdin, when recorded.
    stdin_tape: Option<Rc<RefCell<Vec<u8>>>>,
    /// The executable segments of the program image: translations of code there
    /// can serve a later run of the same program (see [`crate::warm`]); `None`
    /// if a segment is both writable and executable (its code may change).
    pub(crate) image_code: Option<Vec<(u64, u64)>>,
}

impl Session {
    /// Loads the ELF and builds the stack.
    pub(crate) fn new(config: RunConfig, opts: &RunOptions) -> Result<Session, RunError> {
        Session::in_space(config, opts, None)
    }

    /// [`Session::new`] in `space` (fresh or [`AddressSpace::reset`]) if given.
    pub(crate) fn in_space(
        config: RunConfig,
        opts: &RunOptions,
        space: Option<AddressSpace>,
    ) -> Result<Session, RunError> {
        let out = SharedBuf::default();
        let err = SharedBuf::default();
        let (stdout, stderr): (Box<dyn Write>, Box<dyn Write>) = if config.capture {
            (Box::new(out.clone()), Box::new(err.clone()))
        } else {
            (Box::new(std::io::stdout()), Box::new(std::io::stderr()))
        };
        let mut kcfg = KernelConfig::new(config.block);
        kcfg.files = config.files;
        kcfg.exe_path = config.exe_path.clone();
        let mut stdin_tape = None;
        kcfg.stdin = match &opts.stdin {
            Some(bytes) => Box::new(std::io::Cursor::new(bytes.clone())),
            None if opts.record_stdin => {
                let tape = Rc::new(RefCell::new(Vec::new()));
                stdin_tape = Some(tape.clone());
                Box::new(Tee {
                    inner: std::io::stdin(),
                    tape,
                })
            }
            None => Box::new(std::io::stdin()),
        };
        kcfg.stdout = stdout;
        kcfg.stderr = stderr;
        kcfg.strace = config
            .strace
            .then(|| Box::new(std::io::stderr()) as Box<dyn Write>);
        let mut kernel = Kernel::try_new(kcfg)?;
        let mut space = match space {
            Some(s) => s,
            None => AddressSpace::new(layout::GUEST_SPACE_SIZE)?,
        };
        let image = load_elf(&config.elf, &mut space, &mut kernel)?;
        let image_code = image
            .segments
            .iter()
            .filter(|g| g.prot.executable())
            .map(|g| (!g.prot.writable()).then_some((g.start, g.end)))
            .collect::<Option<Vec<_>>>();
        let mut args = StackArgs::new(config.argv, config.env, config.exe_path);
        args.hwcap = qvm_translator::cpuid::HWCAP;
        args.hwcap2 = qvm_translator::cpuid::HWCAP2;
        let rsp = build_stack(&mut space, &mut kernel, &image, &args)?;

        let mut cpu = Box::new(CpuState::default());
        cpu.rip = image.entry;
        cpu.gpr[gpr::RSP] = rsp;
        cpu.gas = config.gas_limit;
        cpu.helper_scratch[0] = config.gas_limit;
        Ok(Session {
            kernel,
            space,
            cpu,
            out,
            err,
            gas_limit: config.gas_limit,
            stdin_tape,
            image_code,
        })
    }

    /// Handles the syscall the backend stopped for; `Some` when the run ends.
    pub(crate) fn syscall(
        &mut self,
        backend: &mut dyn Backend,
        record: Option<&mut Vec<SyscallRecord>>,
    ) -> Option<Outcome> {
        let Session {
            kernel, space, cpu, ..
        } = self;
        // SYSCALL itself: RCX = return address, R11 = RFLAGS.
        cpu.gpr[gpr::RCX] = cpu.rip;
        cpu.gpr[gpr::R11] = cpu.rflags();
        let nr = cpu.gpr[gpr::RAX];
        let a = [
            cpu.gpr[gpr::RDI],
            cpu.gpr[gpr::RSI],
            cpu.gpr[gpr::RDX],
            cpu.gpr[gpr::R10],
            cpu.gpr[gpr::R8],
            cpu.gpr[gpr::R9],
        ];
        let mut sc = SyscallCpu {
            fs_base: cpu.fs_base,
            gs_base: cpu.gs_base,
            tsc: cpu.tsc,
        };
        let res = kernel.syscall(nr, a, &mut sc, space, &mut cpu.gas);
        cpu.fs_base = sc.fs_base;
        cpu.gs_base = sc.gs_base;
        cpu.tsc = sc.tsc;
        let inval = space.take_invalidations();
        backend.after_syscall(kernel, space, &inval);
        if let Some(rec) = record {
            let result = match res {
                SyscallOutcome::Return(v) => SyscallResult::Return(v),
                SyscallOutcome::Exit(c) => SyscallResult::Exit(c),
                SyscallOutcome::OutOfGas => SyscallResult::OutOfGas,
                SyscallOutcome::Fault { signal, addr } => SyscallResult::Fault(signal, addr),
            };
            rec.push(SyscallRecord {
                nr,
                args: a,
                result,
            });
        }
        match res {
            SyscallOutcome::Return(v) => {
                cpu.gpr[gpr::RAX] = v;
                None
            }
            SyscallOutcome::Exit(code) => Some(Outcome::Exited(code & 0xff)),
            SyscallOutcome::OutOfGas => Some(Outcome::OutOfGas),
            SyscallOutcome::Fault { signal, addr } => {
                cpu.fault_signal = signal;
                cpu.fault_addr = addr;
                // The signal is raised by the syscall instruction (2 bytes) itself.
                cpu.fault_rip = cpu.rip.wrapping_sub(2);
                Some(Outcome::Signaled(signal))
            }
        }
    }

    /// Ends the run: flushes the kernel's output and builds the result.
    pub(crate) fn finish(
        self,
        outcome: Outcome,
        opts: &RunOptions,
        record: RunRecord,
    ) -> (RunResult, RunRecord) {
        let (result, record, _) = self.finish_keeping_space(outcome, opts, record);
        (result, record)
    }

    /// [`Session::finish`], handing back the address space (for a later run to
    /// reuse once reset).
    pub(crate) fn finish_keeping_space(
        mut self,
        outcome: Outcome,
        opts: &RunOptions,
        mut record: RunRecord,
    ) -> (RunResult, RunRecord, AddressSpace) {
        self.kernel.flush();
        let cpu = &self.cpu;
        let gas_used = match outcome {
            Outcome::Exited(_) => self.gas_limit - cpu.gas,
            _ => self.gas_limit,
        };
        let fault = match outcome {
            Outcome::Signaled(sig) => Some(FaultInfo {
                signal: sig,
                addr: cpu.fault_addr,
                rip: cpu.fault_rip,
                insn: disassemble(&self.space, cpu.fault_rip),
                regs: cpu.clone(),
            }),
            _ => None,
        };
        if opts.hash_memory {
            record.memory = hash_mappings(&self.kernel, &self.space);
        }
        drop(self.kernel);
        if let Some(tape) = self.stdin_tape.take() {
            record.stdin = tape.take();
        }
        let stdout = self.out.0.take();
        let stderr = self.err.0.take();
        (
            RunResult {
                outcome,
                gas_used,
                gas_limit: self.gas_limit,
                stdout,
                stderr,
                fault,
            },
            record,
            self.space,
        )
    }
}

/// Runs a program to completion.
pub fn run(config: RunConfig) -> Result<RunResult, RunError> {
    run_with(config, &RunOptions::default()).map(|(r, _)| r)
}

/// Runs a program with the embedder's host calls (syscall numbers from
/// [`qvm_kernel::HOST_CALL_BASE`]) routed to `host`.
pub fn run_with_host_calls(
    config: RunConfig,
    host: Option<Box<dyn qvm_kernel::HostCalls>>,
) -> Result<RunResult, RunError> {
    run_inner(config, &RunOptions::default(), host).map(|(r, _)| r)
}

/// [`run`] with options; also returns what they asked to be recorded.
pub fn run_with(config: RunConfig, opts: &RunOptions) -> Result<(RunResult, RunRecord), RunError> {
    run_inner(config, opts, None)
}

/// Runs again a run that ended in a fault, with regions compiled synchronously
/// ([`qvm_translator::TranslatorConfig::background`] off), and returns the
/// fault that run ends in: its register dump is a function of the inputs (see
/// [`FaultInfo::regs`]). `config` and `opts` are the run's again; `stdin` is what
/// the run consumed from the host's stdin ([`RunRecord::stdin`], recorded with
/// [`RunOptions::record_stdin`]) if it read the host's. The replay's output is
/// discarded. `None`: the replay did not fault (a qvm bug).
pub fn replay_fault(
    mut config: RunConfig,
    opts: &RunOptions,
    stdin: Option<Vec<u8>>,
) -> Result<Option<FaultInfo>, RunError> {
    config.capture = true;
    config.strace = false;
    let opts = RunOptions {
        stdin: stdin.or_else(|| opts.stdin.clone()),
        record_syscalls: false,
        hash_memory: false,
        record_stdin: false,
        translator: Some(qvm_translator::TranslatorConfig {
            background: false,
            ..opts.translator.clone().unwrap_or_default()
        }),
    };
    let (r, _) = run_inner(config, &opts, None)?;
    Ok(r.fault)
}

pub(crate) fn run_inner(
    config: RunConfig,
    opts: &RunOptions,
    host: Option<Box<dyn qvm_kernel::HostCalls>>,
) -> Result<(RunResult, RunRecord), RunError> {
    let kind = config.backend;
    let t0 = std::time::Instant::now();
    let stats = std::env::var_os("QVM_STATS").is_some();
    let mut s = Session::new(config, opts)?;
    let t_session = t0.elapsed();
    if let Some(h) = host {
        s.kernel.set_host_calls(h);
    }
    let mut backend: Box<dyn Backend> = match kind {
        BackendKind::Jit => Box::new(JitBackend::with_config(translator_config(
            opts,
            s.space.size(),
        ))?),
        BackendKind::Kvm => crate::backend::kvm_backend(&s.space)?,
        BackendKind::Crosscheck => Box::new(crate::backend::crosscheck::CrosscheckBackend::new(
            s.space.size(),
        )?),
    };
    let t_backend = t0.elapsed();
    let (outcome, record) = drive(&mut s, backend.as_mut(), opts)?;
    let t_run = t0.elapsed();
    let r = s.finish(outcome, opts, record);
    if stats {
        eprintln!(
            "qvm stats: session {t_session:?}, backend {:?}, run {:?}, finish {:?}",
            t_backend - t_session,
            t_run - t_backend,
            t0.elapsed() - t_run
        );
    }
    drop(backend);
    Ok(r)
}

/// The translator settings of a run: those `opts` asks for (else the defaults),
/// for a guest space of `mem_size` bytes.
pub(crate) fn translator_config(
    opts: &RunOptions,
    mem_size: u64,
) -> qvm_translator::TranslatorConfig {
    qvm_translator::TranslatorConfig {
        mem_size,
        // The address space has GUARD bytes on both sides, and the kernel never
        // maps the last page of a full-size space (layout::MAP_END).
        guard: if mem_size == qvm_kernel::layout::GUEST_SPACE_SIZE {
            crate::memory::GUARD
        } else {
            0
        },
        ..opts.translator.clone().unwrap_or_default()
    }
}

/// Runs the session's guest on `backend` to its end.
pub(crate) fn drive(
    s: &mut Session,
    backend: &mut dyn Backend,
    opts: &RunOptions,
) -> Result<(Outcome, RunRecord), RunError> {
    let mut record = RunRecord::default();
    let outcome = loop {
        match backend.run(&mut s.cpu, &mut s.space, &s.kernel)? {
            Stop::OutOfGas => break Outcome::OutOfGas,
            Stop::Fault => break Outcome::Signaled(s.cpu.fault_signal),
            Stop::Syscall => {}
        }
        let rec = opts.record_syscalls.then_some(&mut record.syscalls);
        if let Some(o) = s.syscall(backend, rec) {
            break o;
        }
    };
    Ok((outcome, record))
}

/// The instruction at `rip` in Intel syntax, or why it cannot be shown.
pub(crate) fn disassemble(space: &AddressSpace, rip: u64) -> String {
    use iced_x86::{Decoder, DecoderOptions, Formatter, IntelFormatter};
    let mut bytes = [0u8; 15];
    let mut n = 15;
    while n > 0 && space.read(rip, &mut bytes[..n]).is_err() {
        n -= 1;
    }
    if n == 0 {
        return "(instruction bytes not readable)".into();
    }
    let mut d = Decoder::with_ip(64, &bytes[..n], rip, DecoderOptions::NONE);
    let insn = d.decode();
    if insn.is_invalid() {
        let hex: Vec<String> = bytes[..n.min(4)]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        return format!("(invalid instruction bytes {})", hex.join(" "));
    }
    let mut s = String::new();
    IntelFormatter::new().format(&insn, &mut s);
    s
}
