//! qvm's deterministic synthetic Linux kernel.
//!
//! The runtime turns every guest `syscall` into a call to [`Kernel::syscall`]; the
//! kernel answers from its own state only (the block context, the embedder's files and
//! streams, a virtual clock, a seeded random stream), so the same inputs give the same
//! answers on every host. Nothing reaches the host kernel except bytes written to the
//! embedder's stdout/stderr sinks and read from its stdin source.
//!
//! Map of the crate:
//!
//! | module | holds |
//! |---|---|
//! | [`guest`] | the [`GuestMemory`] trait the runtime implements over the guest region |
//! | [`layout`] | address-space placement rules (stack, PIE base, mmap area) |
//! | [`mm`] | the mapping table (VMAs), brk state, pointer validation, placement |
//! | [`fs`] | the in-memory file system (devices, `/tmp`, embedder files, pipes) |
//! | [`fd`] | open file descriptions and the descriptor table |
//! | [`random`] | the SHA3 counter-mode random stream (exact construction documented) |
//! | [`errno`] | errno values and names |
//! | [`strace`] | trace-line formatting |
//! | [`syscalls`] | **the syscall table** (number → name → handler) and the handlers, by group |
//!
//! Gas: every syscall first pays `schedule.syscall_base`. Every byte the kernel copies
//! between guest memory and itself — data read or written, structs (`stat`, `timespec`,
//! …), paths with their NUL, file bytes copied into an mmap — pays `syscall_per_byte`,
//! *before* anything observable happens, so a call that moved `n` bytes costs exactly
//! `schedule.syscall_cost(n)`. Memory growth pays `schedule.memory_cost(pages)` before
//! the pages are mapped: every page an mmap maps, the pages brk or mremap add. A charge
//! that cannot be paid ends the run with [`SyscallOutcome::OutOfGas`]: nothing more is
//! deducted and nothing observable (output, memory, files) has been done by that call.
//!
//! Decisions at a glance (details in each module):
//!
//! | topic | answer |
//! |---|---|
//! | identity | pid = tid = pgid = sid = 1000, ppid 1, uid = gid = 1000 |
//! | stdin/stdout/stderr | FIFOs (`S_IFIFO \| 0600`), never terminals (`TCGETS` → `ENOTTY`), so stdio is fully buffered |
//! | stdin reads | filled until the request or end of input, whatever the source's chunking |
//! | output limit | `max_output` over stdout+stderr: partial write to the limit, then `-EFBIG` |
//! | memory limit | `max_memory` over brk + mmap + guest files in `/tmp`: `ENOMEM` (maps), `ENOSPC`/`EFBIG` (files); brk returns the old break |
//! | time | block timestamp + virtual nanoseconds slept; monotonic/boottime/cputime = virtual ns since start |
//! | randomness | one SHA3-256 counter-mode stream seeded by the block hash ([`random`]) |
//! | pipes | 64 KiB; empty + writers → `-EAGAIN`, empty + no writers → 0; no readers → SIGPIPE |
//! | futex | WAKE → 0; WAIT: `*uaddr != val` → `-EAGAIN`, else `-ETIMEDOUT` (after advancing the clock by the timeout) |
//! | signals | never asynchronous; self-sent signals with a terminating default action end the run as a fault |
//! | threads, fork, exec, sockets | not supported: `-ENOSYS` (`wait4` → `-ECHILD`) |
//!
//! The kernel is single-threaded state (`!Send`: it holds the embedder's boxed streams
//! and shares file descriptions with `Rc`); create it on the thread that runs the guest.

#![deny(missing_docs)]

pub mod errno;
pub mod fd;
pub mod fs;
pub mod guest;
pub mod host_calls;
pub mod layout;
pub mod mm;
pub mod random;
pub mod strace;
pub mod syscalls;

use std::io::{Read, Write};

pub use errno::Errno;
pub use guest::{GuestMemory, OutOfRange, Prot};
pub use host_calls::{HostCalls, HOST_CALL_BASE, HOST_CALL_RANGE};

use fd::{Fd, FdTable, OpenFile, O_RDONLY, O_WRONLY};
use fs::{Fs, NodeRef};
use mm::{Backing, Mm, Vma};
use random::RandomStream;

/// The block a contract runs in: the only source of time and entropy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct BlockContext {
    /// Block height.
    pub height: u64,
    /// Block timestamp, unix seconds: what the realtime clock reads at start.
    pub timestamp: u64,
    /// Block hash: the seed of the random stream.
    pub hash: [u8; 32],
}

/// Everything the kernel is configured with.
pub struct KernelConfig {
    /// The block context.
    pub block: BlockContext,
    /// Read-only files the embedder provides, at absolute guest paths.
    pub files: Vec<(String, Vec<u8>)>,
    /// What `readlink("/proc/self/exe")` returns (and the loader's AT_EXECFN).
    pub exe_path: String,
    /// The guest's stdin. Reads loop until the request is satisfied or the source
    /// reports end of file, so the guest sees the same chunks whatever the source does.
    pub stdin: Box<dyn Read>,
    /// The guest's stdout.
    pub stdout: Box<dyn Write>,
    /// The guest's stderr.
    pub stderr: Box<dyn Write>,
    /// If set, one line per syscall (see [`strace`]).
    pub strace: Option<Box<dyn Write>>,
    /// The gas schedule.
    pub schedule: qvm_gas::Schedule,
    /// Limit on the total bytes written to stdout + stderr. A write that would cross it
    /// writes the part that fits and returns that count; once the limit is reached,
    /// writes to stdout/stderr fail with `-EFBIG` (as for RLIMIT_FSIZE with SIGXFSZ ignored).
    pub max_output: u64,
    /// Limit on open descriptors (what RLIMIT_NOFILE reports); `EMFILE` beyond. Values
    /// above 2^20 act as 2^20.
    pub max_open_files: usize,
    /// Limit on guest-requested memory: brk + mmap + mremap mappings plus the bytes of
    /// files the guest creates in `/tmp` (the loader's initial mappings do not count).
    /// `ENOMEM` (mappings) / `ENOSPC` (files) beyond.
    pub max_memory: u64,
}

impl KernelConfig {
    /// A configuration with empty stdin, discarded output and generous limits (tests, tools).
    pub fn new(block: BlockContext) -> KernelConfig {
        KernelConfig {
            block,
            files: Vec::new(),
            exe_path: "/bin/prog".into(),
            stdin: Box::new(std::io::empty()),
            stdout: Box::new(std::io::sink()),
            stderr: Box::new(std::io::sink()),
            strace: None,
            schedule: qvm_gas::Schedule::V1,
            max_output: 64 << 20,
            max_open_files: 1024,
            max_memory: 1 << 30,
        }
    }
}

/// CPU state a syscall may read or change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct SyscallCpu {
    /// FS base (arch_prctl ARCH_SET_FS/ARCH_GET_FS).
    pub fs_base: u64,
    /// GS base (arch_prctl ARCH_SET_GS/ARCH_GET_GS).
    pub gs_base: u64,
    /// The virtual time-stamp counter. Sleeping advances it by the nanoseconds slept
    /// (the virtual TSC ticks at 1 GHz).
    pub tsc: u64,
}

/// How a syscall ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyscallOutcome {
    /// Continue; the value for RAX (`-errno as u64` on error).
    Return(u64),
    /// exit/exit_group: the status (low 8 bits, as Linux reports it).
    Exit(i32),
    /// The syscall could not be paid for; the run ends.
    OutOfGas,
    /// The process was killed by a signal (e.g. SIGABRT from `abort()`).
    Fault {
        /// Signal number.
        signal: u32,
        /// Faulting address (0 for signals sent by the guest itself).
        addr: u64,
    },
}

/// Errors of the embedding API (never of guest syscalls, which return errno values).
#[derive(thiserror::Error, Debug)]
pub enum KernelError {
    /// An initial mapping is not inside the guest address space.
    #[error(
        "initial mapping {name:?} at {addr:#x}+{len:#x} does not fit in the guest address space"
    )]
    BadMapping {
        /// Start address.
        addr: u64,
        /// Length.
        len: u64,
        /// The mapping's name.
        name: String,
    },
    /// An embedder file cannot be placed in the file system.
    #[error("provided file {path:?}: {reason}")]
    BadFile {
        /// The guest path.
        path: String,
        /// Why.
        reason: &'static str,
    },
    /// Guest memory rejected an access.
    #[error(transparent)]
    Memory(#[from] OutOfRange),
}

/// The synthetic kernel: all state of one run's "operating system".
pub struct Kernel {
    pub(crate) block: BlockContext,
    pub(crate) exe_path: String,
    pub(crate) stdin: Box<dyn Read>,
    pub(crate) stdin_eof: bool,
    pub(crate) stdout: Box<dyn Write>,
    pub(crate) stderr: Box<dyn Write>,
    pub(crate) strace: Option<Box<dyn Write>>,
    pub(crate) schedule: qvm_gas::Schedule,
    pub(crate) max_output: u64,
    pub(crate) output_used: u64,
    pub(crate) max_open_files: u64,
    pub(crate) max_memory: u64,
    pub(crate) mm: Mm,
    pub(crate) fs: Fs,
    pub(crate) fds: FdTable,
    pub(crate) cwd: NodeRef,
    pub(crate) umask: u32,
    pub(crate) random: RandomStream,
    /// Virtual nanoseconds since start (advanced only by sleeping and timeouts).
    pub(crate) clock_ns: u64,
    pub(crate) signals: syscalls::process::Signals,
    pub(crate) rlimits: [(u64, u64); syscalls::process::RLIM_NLIMITS],
    pub(crate) pgid: u64,
    /// The thread name (prctl PR_SET_NAME / PR_GET_NAME).
    pub(crate) comm: Vec<u8>,
    /// The embedder's syscall range, if routed.
    pub(crate) host_calls: Option<Box<dyn HostCalls>>,
}

impl Kernel {
    /// A kernel for `config`. An embedder file that cannot be placed (relative path,
    /// collision, …) is left out — the guest sees `ENOENT`; use [`Kernel::try_new`] to
    /// get an error instead.
    pub fn new(config: KernelConfig) -> Kernel {
        Self::build(config).0
    }

    /// Like [`Kernel::new`], but fails on an embedder file that cannot be placed.
    pub fn try_new(config: KernelConfig) -> Result<Kernel, KernelError> {
        match Self::build(config) {
            (k, None) => Ok(k),
            (_, Some(e)) => Err(e),
        }
    }

    fn build(config: KernelConfig) -> (Kernel, Option<KernelError>) {
        let mut fs = Fs::new();
        let mut first_err = None;
        for (path, data) in config.files {
            if let Err(reason) = fs.add_embedder_file(&path, data) {
                first_err.get_or_insert(KernelError::BadFile { path, reason });
            }
        }
        let max_open_files = u64::try_from(config.max_open_files)
            .unwrap_or(u64::MAX)
            .min(1 << 20);
        let comm = {
            let base = config.exe_path.rsplit('/').next().unwrap_or("").as_bytes();
            base[..base.len().min(15)].to_vec()
        };
        let mut k = Kernel {
            block: config.block,
            exe_path: config.exe_path,
            stdin: config.stdin,
            stdin_eof: false,
            stdout: config.stdout,
            stderr: config.stderr,
            strace: config.strace,
            schedule: config.schedule,
            max_output: config.max_output,
            output_used: 0,
            max_open_files,
            max_memory: config.max_memory,
            mm: Mm::default(),
            cwd: fs.root.clone(),
            fs,
            fds: FdTable::default(),
            umask: 0o022,
            random: RandomStream::new(config.block.hash),
            clock_ns: 0,
            signals: syscalls::process::Signals::default(),
            rlimits: syscalls::process::initial_rlimits(max_open_files),
            pgid: syscalls::process::PID,
            host_calls: None,
            comm,
        };
        // fds 0/1/2 open the same inodes as /dev/stdin, /dev/stdout, /dev/stderr.
        let dev = fs::lookup(&k.fs.root, b"dev");
        for (name, flags) in [
            (&b"stdin"[..], O_RDONLY),
            (b"stdout", O_WRONLY),
            (b"stderr", O_WRONLY),
        ] {
            let Some(node) = dev.as_ref().and_then(|d| fs::lookup(d, name)) else {
                continue;
            };
            let file = std::rc::Rc::new(std::cell::RefCell::new(OpenFile::new(node, flags)));
            // Only fails when max_open_files < 3; then the stream is simply not open.
            let _ = k.fds.install(
                Fd {
                    file,
                    cloexec: false,
                },
                0,
                k.max_open_files,
            );
        }
        (k, first_err)
    }

    /// Registers one of the loader's initial mappings (ELF segments, stack): page-rounded,
    /// inside `[MIN_MAP_ADDR, MAP_END)` (else [`KernelError::BadMapping`]),
    /// replacing any overlap (a later segment sharing a page wins), not charged and not
    /// counted against `max_memory`. The loader itself fills and protects the host pages.
    pub fn map_initial(
        &mut self,
        addr: u64,
        len: u64,
        prot: Prot,
        name: &str,
    ) -> Result<(), KernelError> {
        let bad = || KernelError::BadMapping {
            addr,
            len,
            name: name.to_string(),
        };
        let start = layout::page_down(addr);
        let end = addr
            .checked_add(len)
            .and_then(layout::page_up)
            .ok_or_else(bad)?;
        if end > layout::MAP_END || start < layout::MIN_MAP_ADDR || len == 0 {
            return Err(bad());
        }
        self.mm.remove_range(start, end);
        self.mm.insert(Vma {
            start,
            end,
            prot,
            name: name.to_string(),
            backing: Backing::Anon,
            shared: false,
            accounted: false,
        });
        Ok(())
    }

    /// Sets where brk starts (rounded up to a page): the end of the highest loaded segment.
    pub fn set_brk_base(&mut self, addr: u64) {
        let base = layout::page_up(addr).unwrap_or(layout::GUEST_SPACE_SIZE);
        self.mm.brk_base = base;
        self.mm.brk_cur = base;
    }

    /// Fills `buf` with the next bytes of the deterministic random stream.
    pub fn random_bytes(&mut self, buf: &mut [u8]) {
        self.random.fill(buf);
    }

    /// Guest protection of the page containing `addr`, `None` if unmapped.
    pub fn protection_at(&self, addr: u64) -> Option<Prot> {
        self.mm.find(addr).map(|v| v.prot)
    }

    /// The mapping table (for diagnostics, e.g. a `/proc/self/maps`-like dump).
    pub fn mappings(&self) -> impl Iterator<Item = &Vma> {
        self.mm.vmas()
    }

    /// Total bytes written to stdout + stderr so far.
    pub fn output_bytes(&self) -> u64 {
        self.output_used
    }

    /// Handles one syscall: `nr` is RAX, `args` are RDI, RSI, RDX, R10, R8, R9.
    pub fn syscall(
        &mut self,
        nr: u64,
        args: [u64; 6],
        cpu: &mut SyscallCpu,
        mem: &mut dyn GuestMemory,
        gas: &mut u64,
    ) -> SyscallOutcome {
        syscalls::dispatch(self, nr, args, cpu, mem, gas)
    }

    /// Routes the embedder's syscall range ([`HOST_CALL_BASE`]) to `host`.
    pub fn set_host_calls(&mut self, host: Box<dyn HostCalls>) {
        self.host_calls = Some(host);
    }

    /// Flushes the stdout/stderr sinks and the trace.
    pub fn flush(&mut self) {
        let _ = self.stdout.flush();
        let _ = self.stderr.flush();
        if let Some(t) = &mut self.strace {
            let _ = t.flush();
        }
    }

    /// The name of syscall `nr`, if the kernel knows it (from the syscall table).
    pub fn syscall_name(nr: u64) -> Option<&'static str> {
        syscalls::lookup(nr).map(|e| e.name)
    }
}
