//! The syscall table and the machinery every handler shares.
//!
//! [`TABLE`] is the single list of implemented syscalls: number → name → argument
//! count → handler. Dispatch, [`crate::Kernel::syscall_name`] and the strace output all
//! come from it. Any number not in it returns `-ENOSYS` (and is traced as
//! `syscall_<nr>`). Handlers live by group: [`fs`] (paths, descriptors, metadata),
//! [`io`] (reading, writing, pipes, poll, ioctl), [`memory`], [`time`], [`process`]
//! (ids, exit, signals, limits, futex, uname, …).
//!
//! The implemented syscalls (x86-64 numbers; kept in sync with [`TABLE`] by a test):
//!
//! | nr | name | notes |
//! |---|---|---|
//! | 0 | read | io: file, device, pipe or stdin read |
//! | 1 | write | io: file, device, pipe, stdout/stderr write (output limit) |
//! | 2 | open | fs: = openat(AT_FDCWD, …) |
//! | 3 | close | fs |
//! | 4 | stat | fs: no symlinks: = newfstatat |
//! | 5 | fstat | fs |
//! | 6 | lstat | fs: = stat |
//! | 7 | poll | io: readiness from state; timeout advances the clock |
//! | 8 | lseek | fs: ESPIPE on pipes/stdio |
//! | 9 | mmap | memory: anon/file snapshot, fixed, noreplace, top-down placement |
//! | 10 | mprotect | memory |
//! | 11 | munmap | memory |
//! | 12 | brk | memory: Linux semantics, old break on failure |
//! | 13 | rt_sigaction | process: recorded, never invoked |
//! | 14 | rt_sigprocmask | process: delivers unblocked pending self-signals |
//! | 16 | ioctl | io: ENOTTY (FIONBIO/FIOCLEX work) |
//! | 17 | pread64 | io |
//! | 18 | pwrite64 | io |
//! | 19 | readv | io |
//! | 20 | writev | io |
//! | 21 | access | fs: owner permission bits |
//! | 22 | pipe | io: 64 KiB in-memory buffer |
//! | 24 | sched_yield | process: 0 |
//! | 25 | mremap | memory: in place or moved by copying |
//! | 26 | msync | memory: 0 (mapped ranges) |
//! | 28 | madvise | memory: DONTNEED zeroes private anon |
//! | 32 | dup | fs |
//! | 33 | dup2 | fs |
//! | 35 | nanosleep | time: advances the virtual clock |
//! | 39 | getpid | process: 1000 |
//! | 51 | getsockname | io: ENOTSOCK |
//! | 52 | getpeername | io: ENOTSOCK |
//! | 60 | exit | process: ends the run |
//! | 61 | wait4 | process: ECHILD |
//! | 62 | kill | process: self only |
//! | 63 | uname | process: fixed |
//! | 72 | fcntl | fs: see fs |
//! | 74 | fsync | fs: 0 |
//! | 75 | fdatasync | fs: 0 |
//! | 76 | truncate | fs |
//! | 77 | ftruncate | fs: growth pays per byte |
//! | 79 | getcwd | fs |
//! | 80 | chdir | fs |
//! | 81 | fchdir | fs |
//! | 82 | rename | fs |
//! | 83 | mkdir | fs |
//! | 84 | rmdir | fs |
//! | 87 | unlink | fs |
//! | 89 | readlink | fs: /proc/self/exe only |
//! | 90 | chmod | fs: guest-created files only |
//! | 91 | fchmod | fs |
//! | 95 | umask | process |
//! | 96 | gettimeofday | time: virtual realtime |
//! | 97 | getrlimit | process |
//! | 98 | getrusage | process: utime = virtual time |
//! | 99 | sysinfo | process: RAM = max_memory |
//! | 100 | times | process |
//! | 102 | getuid | process: 1000 |
//! | 104 | getgid | process: 1000 |
//! | 107 | geteuid | process: 1000 |
//! | 108 | getegid | process: 1000 |
//! | 109 | setpgid | process: self only |
//! | 110 | getppid | process: 1 |
//! | 111 | getpgrp | process: 1000 |
//! | 115 | getgroups | process: none |
//! | 121 | getpgid | process |
//! | 124 | getsid | process: 1000 |
//! | 131 | sigaltstack | process: recorded |
//! | 140 | getpriority | process: 20 (nice 0) |
//! | 141 | setpriority | process: 0 |
//! | 149 | mlock | process: 0 |
//! | 150 | munlock | process: 0 |
//! | 151 | mlockall | process: 0 |
//! | 152 | munlockall | process: 0 |
//! | 157 | prctl | process: names, dumpable, no_new_privs |
//! | 158 | arch_prctl | process: FS/GS base |
//! | 160 | setrlimit | process: lowering only |
//! | 186 | gettid | process: 1000 |
//! | 200 | tkill | process: self only |
//! | 201 | time | time |
//! | 202 | futex | process: single thread: WAIT → EAGAIN/ETIMEDOUT |
//! | 203 | sched_setaffinity | process: 0 |
//! | 204 | sched_getaffinity | process: one CPU |
//! | 217 | getdents64 | fs: ".", "..", entries by name |
//! | 218 | set_tid_address | process: returns tid |
//! | 221 | fadvise64 | fs: 0 |
//! | 228 | clock_gettime | time: virtual clocks |
//! | 229 | clock_getres | time: 1 ns |
//! | 230 | clock_nanosleep | time: advances the virtual clock |
//! | 231 | exit_group | process: ends the run |
//! | 234 | tgkill | process: self only |
//! | 257 | openat | fs |
//! | 258 | mkdirat | fs |
//! | 262 | newfstatat | fs: AT_EMPTY_PATH |
//! | 263 | unlinkat | fs: AT_REMOVEDIR |
//! | 264 | renameat | fs |
//! | 267 | readlinkat | fs |
//! | 268 | fchmodat | fs |
//! | 269 | faccessat | fs |
//! | 273 | set_robust_list | process: accepted |
//! | 280 | utimensat | fs: accepted, times fixed |
//! | 292 | dup3 | fs |
//! | 293 | pipe2 | io |
//! | 302 | prlimit64 | process: self only |
//! | 309 | getcpu | process: CPU 0 |
//! | 316 | renameat2 | fs: RENAME_NOREPLACE |
//! | 318 | getrandom | io: the random stream |
//! | 332 | statx | fs: basic stats + btime |
//! | 334 | rseq | process: ENOSYS (glibc continues without) |
//! | 439 | faccessat2 | fs |
//!
//! Guest pointers are validated against the mapping table before any access: input
//! buffers must be mapped, output buffers mapped writable, else `-EFAULT` (all or
//! nothing: a partially valid buffer is `-EFAULT` and nothing is transferred; a read
//! validates only the bytes it will store, e.g. the file's remaining bytes). Sizes are
//! bounded before anything is allocated: transfers by Linux's `MAX_RW_COUNT`
//! (0x7ffff000) and by the mapped size of the buffer; paths by `PATH_MAX`.

pub mod fs;
pub mod io;
pub mod memory;
pub mod process;
pub mod time;

use crate::errno::Errno;
use crate::guest::GuestMemory;
use crate::mm::Access;
use crate::{strace, Kernel, SyscallCpu, SyscallOutcome};

/// Why a handler stopped without a plain return value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stop {
    /// Return `-errno`.
    Errno(Errno),
    /// The run ends: gas could not be paid.
    OutOfGas,
    /// The run ends: exit status.
    Exit(i32),
    /// The run ends: killed by a signal.
    Fault(u32),
}

impl From<Errno> for Stop {
    fn from(e: Errno) -> Stop {
        Stop::Errno(e)
    }
}

/// A handler's result: the value for RAX, or why not.
pub type SysResult = Result<u64, Stop>;

/// What a handler gets besides the kernel: CPU state, guest memory, the gas counter.
pub struct Ctx<'a> {
    /// CPU state syscalls may change.
    pub cpu: &'a mut SyscallCpu,
    /// Guest memory.
    pub mem: &'a mut dyn GuestMemory,
    gas: &'a mut u64,
    schedule: qvm_gas::Schedule,
}

impl Ctx<'_> {
    fn charge(&mut self, amount: u64) -> Result<(), Stop> {
        if *self.gas < amount {
            return Err(Stop::OutOfGas);
        }
        *self.gas -= amount;
        Ok(())
    }
    /// Pays for `bytes` moved between guest and kernel (on top of the base already paid).
    pub fn charge_bytes(&mut self, bytes: u64) -> Result<(), Stop> {
        self.charge(self.schedule.syscall_per_byte.saturating_mul(bytes))
    }
    /// Pays for `pages` newly mapped pages.
    pub fn charge_pages(&mut self, pages: u64) -> Result<(), Stop> {
        self.charge(self.schedule.memory_cost(pages))
    }
}

/// A syscall handler.
pub type Handler = fn(&mut Kernel, &mut Ctx<'_>, [u64; 6]) -> SysResult;

/// One row of the syscall table.
pub struct Entry {
    /// x86-64 syscall number.
    pub nr: u64,
    /// Name (as strace prints it).
    pub name: &'static str,
    /// Arguments printed in traces.
    pub nargs: usize,
    /// The handler.
    pub handler: Handler,
}

macro_rules! table {
    ($($nr:literal $name:ident $nargs:literal => $h:path;)*) => {
        /// Every implemented syscall, sorted by number.
        pub static TABLE: &[Entry] = &[
            $(Entry { nr: $nr, name: stringify!($name), nargs: $nargs, handler: $h },)*
        ];
    };
}

table! {
    0 read 3 => io::read;
    1 write 3 => io::write;
    2 open 3 => fs::open;
    3 close 1 => fs::close;
    4 stat 2 => fs::stat;
    5 fstat 2 => fs::fstat;
    6 lstat 2 => fs::stat;
    7 poll 3 => io::poll;
    8 lseek 3 => fs::lseek;
    9 mmap 6 => memory::mmap;
    10 mprotect 3 => memory::mprotect;
    11 munmap 2 => memory::munmap;
    12 brk 1 => memory::brk;
    13 rt_sigaction 4 => process::rt_sigaction;
    14 rt_sigprocmask 4 => process::rt_sigprocmask;
    16 ioctl 3 => io::ioctl;
    17 pread64 4 => io::pread64;
    18 pwrite64 4 => io::pwrite64;
    19 readv 3 => io::readv;
    20 writev 3 => io::writev;
    21 access 2 => fs::access;
    22 pipe 1 => io::pipe;
    24 sched_yield 0 => process::zero;
    25 mremap 5 => memory::mremap;
    26 msync 3 => memory::msync;
    28 madvise 3 => memory::madvise;
    32 dup 1 => fs::dup;
    33 dup2 2 => fs::dup2;
    35 nanosleep 2 => time::nanosleep;
    39 getpid 0 => process::getpid;
    51 getsockname 3 => io::not_a_socket;
    52 getpeername 3 => io::not_a_socket;
    60 exit 1 => process::exit;
    61 wait4 4 => process::wait4;
    62 kill 2 => process::kill;
    63 uname 1 => process::uname;
    72 fcntl 3 => fs::fcntl;
    74 fsync 1 => fs::fsync;
    75 fdatasync 1 => fs::fsync;
    76 truncate 2 => fs::truncate;
    77 ftruncate 2 => fs::ftruncate;
    79 getcwd 2 => fs::getcwd;
    80 chdir 1 => fs::chdir;
    81 fchdir 1 => fs::fchdir;
    82 rename 2 => fs::rename;
    83 mkdir 2 => fs::mkdir;
    84 rmdir 1 => fs::rmdir;
    87 unlink 1 => fs::unlink;
    89 readlink 3 => fs::readlink;
    90 chmod 2 => fs::chmod;
    91 fchmod 2 => fs::fchmod;
    95 umask 1 => process::umask;
    96 gettimeofday 2 => time::gettimeofday;
    97 getrlimit 2 => process::getrlimit;
    98 getrusage 2 => process::getrusage;
    99 sysinfo 1 => process::sysinfo;
    100 times 1 => process::times;
    102 getuid 0 => process::getuid;
    104 getgid 0 => process::getuid;
    107 geteuid 0 => process::getuid;
    108 getegid 0 => process::getuid;
    109 setpgid 2 => process::setpgid;
    110 getppid 0 => process::getppid;
    111 getpgrp 0 => process::getpgrp;
    115 getgroups 2 => process::getgroups;
    121 getpgid 1 => process::getpgid;
    124 getsid 1 => process::getsid;
    131 sigaltstack 2 => process::sigaltstack;
    140 getpriority 2 => process::getpriority;
    141 setpriority 3 => process::zero;
    149 mlock 2 => process::zero;
    150 munlock 2 => process::zero;
    151 mlockall 1 => process::zero;
    152 munlockall 0 => process::zero;
    157 prctl 5 => process::prctl;
    158 arch_prctl 2 => process::arch_prctl;
    160 setrlimit 2 => process::setrlimit;
    186 gettid 0 => process::getpid;
    200 tkill 2 => process::tkill;
    201 time 1 => time::time;
    202 futex 6 => process::futex;
    203 sched_setaffinity 3 => process::zero;
    204 sched_getaffinity 3 => process::sched_getaffinity;
    217 getdents64 3 => fs::getdents64;
    218 set_tid_address 1 => process::set_tid_address;
    221 fadvise64 4 => fs::fadvise64;
    228 clock_gettime 2 => time::clock_gettime;
    229 clock_getres 2 => time::clock_getres;
    230 clock_nanosleep 4 => time::clock_nanosleep;
    231 exit_group 1 => process::exit;
    234 tgkill 3 => process::tgkill;
    257 openat 4 => fs::openat;
    258 mkdirat 3 => fs::mkdirat;
    262 newfstatat 4 => fs::newfstatat;
    263 unlinkat 3 => fs::unlinkat;
    264 renameat 4 => fs::renameat;
    267 readlinkat 4 => fs::readlinkat;
    268 fchmodat 3 => fs::fchmodat;
    269 faccessat 3 => fs::faccessat;
    273 set_robust_list 2 => process::set_robust_list;
    280 utimensat 4 => fs::utimensat;
    292 dup3 3 => fs::dup3;
    293 pipe2 2 => io::pipe2;
    302 prlimit64 4 => process::prlimit64;
    309 getcpu 3 => process::getcpu;
    316 renameat2 5 => fs::renameat2;
    318 getrandom 3 => io::getrandom;
    332 statx 5 => fs::statx;
    334 rseq 4 => process::enosys;
    439 faccessat2 4 => fs::faccessat2;
}

/// The table row of syscall `nr`.
pub fn lookup(nr: u64) -> Option<&'static Entry> {
    TABLE
        .binary_search_by_key(&nr, |e| e.nr)
        .ok()
        .map(|i| &TABLE[i])
}

/// Charges the base, runs the handler, traces the call.
pub(crate) fn dispatch(
    k: &mut Kernel,
    nr: u64,
    args: [u64; 6],
    cpu: &mut SyscallCpu,
    mem: &mut dyn GuestMemory,
    gas: &mut u64,
) -> SyscallOutcome {
    let entry = lookup(nr);
    let base = k.schedule.syscall_cost(0);
    let outcome = if *gas < base {
        SyscallOutcome::OutOfGas
    } else {
        *gas -= base;
        let mut cx = Ctx {
            cpu,
            mem,
            gas,
            schedule: k.schedule,
        };
        let r = match entry {
            Some(e) => (e.handler)(k, &mut cx, args),
            None => Err(Stop::Errno(Errno::ENOSYS)),
        };
        match r {
            Ok(v) => SyscallOutcome::Return(v),
            Err(Stop::Errno(e)) => SyscallOutcome::Return(e.as_return()),
            Err(Stop::OutOfGas) => SyscallOutcome::OutOfGas,
            Err(Stop::Exit(s)) => SyscallOutcome::Exit(s),
            Err(Stop::Fault(signal)) => SyscallOutcome::Fault { signal, addr: 0 },
        }
    };
    if let Some(t) = &mut k.strace {
        let n = entry.map_or(6, |e| e.nargs);
        let line = strace::line(entry.map(|e| e.name), nr, &args[..n], &outcome);
        let _ = t.write_all(line.as_bytes());
    }
    outcome
}

/// Transfers are capped at Linux's MAX_RW_COUNT.
pub const MAX_RW_COUNT: u64 = 0x7fff_f000;
/// Chunk size for streaming between guest memory and devices.
pub(crate) const CHUNK: usize = 64 * 1024;

/// Converts a kernel-side length to u64 (lossless on 64-bit hosts).
pub(crate) fn len64(n: usize) -> u64 {
    n as u64
}

/// Converts a guest length already bounded by guest memory to usize.
pub(crate) fn to_usize(n: u64) -> Result<usize, Errno> {
    usize::try_from(n).map_err(|_| Errno::ENOMEM)
}

/// Guest-memory access through the mapping table. These helpers charge
/// `syscall_per_byte` for every byte they copy (structs, paths with their NUL), before
/// copying; bulk data paths (read/write bodies) validate with `check_*`, charge
/// explicitly and copy with `raw_out`.
impl Kernel {
    /// Copies `len` guest bytes at `addr` in (input buffer: must be mapped).
    pub(crate) fn copy_in(&self, cx: &mut Ctx<'_>, addr: u64, len: u64) -> Result<Vec<u8>, Stop> {
        self.check_in(addr, len)?;
        cx.charge_bytes(len)?;
        let mut buf = vec![0; to_usize(len)?];
        cx.mem.read(addr, &mut buf).map_err(|_| Errno::EFAULT)?;
        Ok(buf)
    }

    /// Checks that `[addr, addr+len)` may be written by the kernel.
    pub(crate) fn check_out(&self, addr: u64, len: u64) -> Result<(), Errno> {
        if self.mm.check(addr, len, Access::Write) {
            Ok(())
        } else {
            Err(Errno::EFAULT)
        }
    }

    /// Checks that `[addr, addr+len)` may be read by the kernel.
    pub(crate) fn check_in(&self, addr: u64, len: u64) -> Result<(), Errno> {
        if self.mm.check(addr, len, Access::Read) {
            Ok(())
        } else {
            Err(Errno::EFAULT)
        }
    }

    /// Copies `data` out to guest `addr` (output buffer: must be mapped writable).
    pub(crate) fn copy_out(&self, cx: &mut Ctx<'_>, addr: u64, data: &[u8]) -> Result<(), Stop> {
        let len = len64(data.len());
        self.check_out(addr, len)?;
        cx.charge_bytes(len)?;
        Ok(self.raw_out(cx, addr, data)?)
    }

    /// Copies out after the caller validated the range and paid for it. Writing into
    /// executable pages drops their translated code.
    pub(crate) fn raw_out(&self, cx: &mut Ctx<'_>, addr: u64, data: &[u8]) -> Result<(), Errno> {
        let len = len64(data.len());
        if len == 0 {
            return Ok(());
        }
        cx.mem.write(addr, data).map_err(|_| Errno::EFAULT)?;
        if self.mm.any_exec(addr, addr + len) {
            cx.mem.invalidate_code(addr, len);
        }
        Ok(())
    }

    /// Reads a little-endian u64 from the guest.
    pub(crate) fn read_u64(&self, cx: &mut Ctx<'_>, addr: u64) -> Result<u64, Stop> {
        let b = self.copy_in(cx, addr, 8)?;
        Ok(u64::from_le_bytes(b.try_into().map_err(|_| Errno::EFAULT)?))
    }

    /// Reads a little-endian u32 from the guest.
    pub(crate) fn read_u32(&self, cx: &mut Ctx<'_>, addr: u64) -> Result<u32, Stop> {
        let b = self.copy_in(cx, addr, 4)?;
        Ok(u32::from_le_bytes(b.try_into().map_err(|_| Errno::EFAULT)?))
    }

    /// Reads a NUL-terminated string (at most PATH_MAX bytes with the NUL, else
    /// ENAMETOOLONG); pays for the string and its NUL.
    pub(crate) fn read_cstr(&self, cx: &mut Ctx<'_>, addr: u64) -> Result<Vec<u8>, Stop> {
        let max = len64(crate::fs::PATH_MAX);
        let avail = self.mm.accessible_prefix(addr, max, Access::Read);
        let mut buf = vec![0u8; to_usize(avail)?];
        cx.mem.read(addr, &mut buf).map_err(|_| Errno::EFAULT)?;
        match buf.iter().position(|&b| b == 0) {
            Some(i) => {
                cx.charge_bytes(len64(i + 1))?;
                buf.truncate(i);
                Ok(buf)
            }
            None if avail == max => Err(Errno::ENAMETOOLONG.into()),
            None => Err(Errno::EFAULT.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_table_matches() {
        let src = include_str!("mod.rs");
        for e in TABLE {
            let row = format!("//! | {} | {} |", e.nr, e.name);
            assert!(src.contains(&row), "{row} missing from the module docs");
        }
    }

    #[test]
    fn table_is_sorted_and_unique() {
        for w in TABLE.windows(2) {
            assert!(w[0].nr < w[1].nr, "{} before {}", w[0].name, w[1].name);
        }
        for e in TABLE {
            assert!(e.nargs <= 6);
        }
    }
}
