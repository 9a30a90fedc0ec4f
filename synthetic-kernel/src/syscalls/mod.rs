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
    /// The arguments as traces print them, one character each: `d` an `int` (fd,
    /// signal, pid: printed signed), `s` a path (printed as a quoted string), `.` a
    /// number (decimal below 0x10000, hex above).
    pub args: &'static str,
    /// The handler.
    pub handler: Handler,
}

macro_rules! table {
    ($($nr:literal $name:ident $args:literal => $h:path;)*) => {
        /// Every implemented syscall, sorted by number.
        pub static TABLE: &[Entry] = &[
            $(Entry { nr: $nr, name: stringify!($name), args: $args, handler: $h },)*
        ];
    };
}

table! {
    0 read "d.." => io::read;
    1 write "d.." => io::write;
    2 open "s.." => fs::open;
    3 close "d" => fs::close;
    4 stat "s." => fs::stat;
    5 fstat "d." => fs::fstat;
    6 lstat "s." => fs::stat;
    7 poll "..." => io::poll;
    8 lseek "d.." => fs::lseek;
    9 mmap "....d." => memory::mmap;
    10 mprotect "..." => memory::mprotect;
    11 munmap ".." => memory::munmap;
    12 brk "." => memory::brk;
    13 rt_sigaction "...." => process::rt_sigaction;
    14 rt_sigprocmask "...." => process::rt_sigprocmask;
    16 ioctl "d.." => io::ioctl;
    17 pread64 "d..." => io::pread64;
    18 pwrite64 "d..." => io::pwrite64;
    19 readv "d.." => io::readv;
    20 writev "d.." => io::writev;
    21 access "s." => fs::access;
    22 pipe "." => io::pipe;
    24 sched_yield "" => process::zero;
    25 mremap "....." => memory::mremap;
    26 msync "..." => memory::msync;
    28 madvise "..." => memory::madvise;
    32 dup "d" => fs::dup;
    33 dup2 "dd" => fs::dup2;
    35 nanosleep ".." => time::nanosleep;
    39 getpid "" => process::getpid;
    51 getsockname "d.." => io::not_a_socket;
    52 getpeername "d.." => io::not_a_socket;
    60 exit "d" => process::exit;
    61 wait4 "...." => process::wait4;
    62 kill "dd" => process::kill;
    63 uname "." => process::uname;
    72 fcntl "d.." => fs::fcntl;
    74 fsync "d" => fs::fsync;
    75 fdatasync "d" => fs::fsync;
    76 truncate "s." => fs::truncate;
    77 ftruncate "d." => fs::ftruncate;
    79 getcwd ".." => fs::getcwd;
    80 chdir "s" => fs::chdir;
    81 fchdir "d" => fs::fchdir;
    82 rename "ss" => fs::rename;
    83 mkdir "s." => fs::mkdir;
    84 rmdir "s" => fs::rmdir;
    87 unlink "s" => fs::unlink;
    89 readlink "s.." => fs::readlink;
    90 chmod "s." => fs::chmod;
    91 fchmod "d." => fs::fchmod;
    95 umask "." => process::umask;
    96 gettimeofday ".." => time::gettimeofday;
    97 getrlimit ".." => process::getrlimit;
    98 getrusage ".." => process::getrusage;
    99 sysinfo "." => process::sysinfo;
    100 times "." => process::times;
    102 getuid "" => process::getuid;
    104 getgid "" => process::getuid;
    107 geteuid "" => process::getuid;
    108 getegid "" => process::getuid;
    109 setpgid ".." => process::setpgid;
    110 getppid "" => process::getppid;
    111 getpgrp "" => process::getpgrp;
    115 getgroups ".." => process::getgroups;
    121 getpgid "." => process::getpgid;
    124 getsid "." => process::getsid;
    131 sigaltstack ".." => process::sigaltstack;
    140 getpriority ".." => process::getpriority;
    141 setpriority "..." => process::zero;
    149 mlock ".." => process::zero;
    150 munlock ".." => process::zero;
    151 mlockall "." => process::zero;
    152 munlockall "" => process::zero;
    157 prctl "....." => process::prctl;
    158 arch_prctl ".." => process::arch_prctl;
    160 setrlimit ".." => process::setrlimit;
    186 gettid "" => process::getpid;
    200 tkill "dd" => process::tkill;
    201 time "." => time::time;
    202 futex "......" => process::futex;
    203 sched_setaffinity "..." => process::zero;
    204 sched_getaffinity "..." => process::sched_getaffinity;
    217 getdents64 "d.." => fs::getdents64;
    218 set_tid_address "." => process::set_tid_address;
    221 fadvise64 "d..." => fs::fadvise64;
    228 clock_gettime ".." => time::clock_gettime;
    229 clock_getres ".." => time::clock_getres;
    230 clock_nanosleep "...." => time::clock_nanosleep;
    231 exit_group "d" => process::exit;
    234 tgkill "ddd" => process::tgkill;
    257 openat "ds.." => fs::openat;
    258 mkdirat "ds." => fs::mkdirat;
    262 newfstatat "ds.." => fs::newfstatat;
    263 unlinkat "ds." => fs::unlinkat;
    264 renameat "dsds" => fs::renameat;
    267 readlinkat "ds.." => fs::readlinkat;
    268 fchmodat "ds." => fs::fchmodat;
    269 faccessat "ds." => fs::faccessat;
    273 set_robust_list ".." => process::set_robust_list;
    280 utimensat "ds.." => fs::utimensat;
    292 dup3 "dd." => fs::dup3;
    293 pipe2 ".." => io::pipe2;
    302 prlimit64 "...." => process::prlimit64;
    309 getcpu "..." => process::getcpu;
    316 renameat2 "dsds." => fs::renameat2;
    318 getrandom "..." => io::getrandom;
    332 statx "ds..." => fs::statx;
    334 rseq "...." => process::enosys;
    439 faccessat2 "ds.." => fs::faccessat2;
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
    // Traced arguments are rendered before the call (paths are inputs) and read
    // without charging gas: tracing never changes a run.
    let traced_args = k.strace.as_ref().map(|_| {
        let spec = entry.map_or("......", |e| e.args);
        spec.bytes()
            .zip(args)
            .map(|(kind, v)| match kind {
                b's' => strace::path_arg(v, k.peek_cstr(mem, v).as_deref()),
                b'd' => strace::int_arg(v),
                _ => strace::num_arg(v),
            })
            .collect::<Vec<_>>()
    });
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
        let host_range = crate::host_calls::HOST_CALL_BASE
            ..crate::host_calls::HOST_CALL_BASE + crate::host_calls::HOST_CALL_RANGE;
        let hosted = match k.host_calls.as_mut() {
            Some(h) if host_range.contains(&nr) => {
                let mut checked = crate::host_calls::CheckedMemory {
                    mm: &k.mm,
                    mem: &mut *cx.mem,
                };
                Some(
                    h.call(nr, args, &mut checked, cx.gas)
                        .unwrap_or(SyscallOutcome::Return(Errno::ENOSYS.as_return())),
                )
            }
            _ => None,
        };
        let r = match (hosted, entry) {
            (Some(outcome), _) => Ok(outcome),
            (None, Some(e)) => (e.handler)(k, &mut cx, args).map(SyscallOutcome::Return),
            (None, None) => Err(Stop::Errno(Errno::ENOSYS)),
        };
        match r {
            Ok(o) => o,
            Err(Stop::Errno(e)) => SyscallOutcome::Return(e.as_return()),
            Err(Stop::OutOfGas) => SyscallOutcome::OutOfGas,
            Err(Stop::Exit(s)) => SyscallOutcome::Exit(s),
            Err(Stop::Fault(signal)) => SyscallOutcome::Fault { signal, addr: 0 },
        }
    };
    if let (Some(t), Some(a)) = (&mut k.strace, traced_args) {
        let line = strace::line(entry.map(|e| e.name), nr, &a, &outcome);
        let _ = t.write_all(line.as_bytes());
    }
    outcome
}

/// Transfers are capped at Linux's MAX_RW_COUNT.
pub const MAX_RW_COUNT: u64 = 0x7fff_f000;
/// Chunk size for streaming between guest memory and devices.
pub(crate) const CHUNK: usize = 64 * 1024;

/// A zeroed bounce buffer for a transfer of `n` bytes: [`CHUNK`] at most, and no
/// larger than the transfer (a 13-byte `write` zeroing and faulting in 64 KiB was a
/// measurable part of a hello world's start).
pub(crate) fn bounce_buffer(n: u64) -> Result<Vec<u8>, Errno> {
    Ok(vec![0u8; to_usize(n.min(len64(CHUNK)))?])
}

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

    /// Reads a NUL-terminated string for tracing: no gas, no side effects, `None` if
    /// unreadable or unterminated within PATH_MAX.
    pub(crate) fn peek_cstr(&self, mem: &dyn GuestMemory, addr: u64) -> Option<Vec<u8>> {
        let avail = self
            .mm
            .accessible_prefix(addr, len64(crate::fs::PATH_MAX), Access::Read);
        let mut buf = vec![0u8; to_usize(avail).ok()?];
        mem.read(addr, &mut buf).ok()?;
        let end = buf.iter().position(|&b| b == 0)?;
        buf.truncate(end);
        Some(buf)
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
            assert!(e.args.len() <= 6 && e.args.bytes().all(|c| b".ds".contains(&c)));
        }
    }
}
