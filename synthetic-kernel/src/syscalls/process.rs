//! Process-level syscalls: identity, exit, signals, limits, futex, uname and friends.
//!
//! Decisions (all fixed, so every run agrees):
//!
//! - **Identity**: one process with one thread: pid = tid = tgid = pgid = sid = [`PID`]
//!   (1000 — not 1, since init ignores default-action signals); ppid = [`PPID`] (1);
//!   uid = euid = gid = egid = [`UID`] (1000, an ordinary user, so permission bits
//!   apply). `set_tid_address` returns the tid.
//! - **exit / exit_group** end the run with the low 8 bits of the status.
//! - **Signals** are never delivered asynchronously. `rt_sigaction` records handlers and
//!   returns the old ones; `rt_sigprocmask` keeps a mask; `sigaltstack` records the
//!   stack. A signal the guest sends itself (`kill`/`tkill`/`tgkill` to its own pid,
//!   or `kill` to its group: 0 or -1000) is acted on at once if unblocked, or kept pending until
//!   `rt_sigprocmask` unblocks it. Acting on it: SIGKILL, or a default action that
//!   terminates (most signals, e.g. SIGABRT from `abort()`), ends the run as
//!   [`crate::SyscallOutcome::Fault`]; default-ignore signals (SIGCHLD, SIGCONT, SIGURG,
//!   SIGWINCH), stop signals (nothing can stop the run), `SIG_IGN` and installed handlers
//!   discard it (handlers are never invoked). Other pids → `ESRCH`.
//! - **futex**: one thread, so nobody else can wake a waiter. `FUTEX_WAKE`,
//!   `FUTEX_WAKE_BITSET`, `FUTEX_REQUEUE` return 0 (nobody woken); `FUTEX_WAIT` /
//!   `FUTEX_WAIT_BITSET` return `-EAGAIN` when `*uaddr != val`, and otherwise — a wait
//!   that could never end — advance the virtual clock by the timeout (if any) and return
//!   `-ETIMEDOUT`. (glibc treats an untimed `ETIMEDOUT` as a fatal futex error, so a
//!   deadlocked program aborts promptly instead of spinning until out of gas.)
//!   `FUTEX_CMP_REQUEUE` checks `val3` (`-EAGAIN`); PI and WAKE_OP variants are `ENOSYS`.
//! - **Limits**: RLIMIT_STACK = 8 MiB (soft and hard), RLIMIT_NOFILE = `max_open_files`
//!   (soft and hard), every other limit infinite. `setrlimit`/`prlimit64` may lower
//!   limits (raising a hard limit is `EPERM`); a lowered RLIMIT_NOFILE is enforced.
//! - **uname**: `Linux` / `qvm` / `6.1.0-qvm` / `#1 SMP qvm` / `x86_64` / `(none)`.
//! - **sysinfo**: uptime = virtual seconds, RAM = `max_memory` (free = what is not
//!   used), one process, no swap, zero loads.
//! - **sched_getaffinity**: one CPU (mask 0x1). `sched_yield` returns 0.
//! - **rseq** is `ENOSYS` (glibc then runs without it).

use super::{Ctx, Stop, SysResult};
use crate::errno::Errno;
use crate::Kernel;

/// The process id (also tid, tgid, pgid, sid).
pub const PID: u64 = 1000;
/// The parent process id.
pub const PPID: u64 = 1;
/// uid, euid, gid, egid (and the owner of every file).
pub const UID: u64 = 1000;
/// Number of resource limits.
pub const RLIM_NLIMITS: usize = 16;
const RLIM_INFINITY: u64 = u64::MAX;
const RLIMIT_STACK: usize = 3;
/// RLIMIT_NOFILE.
pub const RLIMIT_NOFILE: usize = 7;
const SIGKILL: u64 = 9;
const SIGSTOP: u64 = 19;
const SS_DISABLE: u32 = 2;

/// The initial limits.
pub fn initial_rlimits(nofile: u64) -> [(u64, u64); RLIM_NLIMITS] {
    let mut r = [(RLIM_INFINITY, RLIM_INFINITY); RLIM_NLIMITS];
    r[RLIMIT_STACK] = (crate::layout::STACK_LIMIT, crate::layout::STACK_LIMIT);
    r[RLIMIT_NOFILE] = (nofile, nofile);
    r
}

/// Recorded signal state.
pub struct Signals {
    /// `struct kernel_sigaction` per signal 1..=64 (handler, flags, restorer, mask).
    actions: [[u64; 4]; 64],
    /// Blocked mask (bit n-1 = signal n).
    blocked: u64,
    /// Pending signals sent to self while blocked.
    pending: u64,
    /// sigaltstack: sp, flags, size.
    altstack: (u64, u32, u64),
}

impl Default for Signals {
    fn default() -> Self {
        Signals {
            actions: [[0; 4]; 64],
            blocked: 0,
            pending: 0,
            altstack: (0, SS_DISABLE, 0),
        }
    }
}

fn bit(sig: u64) -> u64 {
    1u64 << (sig - 1)
}

fn sig_index(sig: u64) -> Result<usize, Errno> {
    if (1..=64).contains(&sig) {
        usize::try_from(sig - 1).map_err(|_| Errno::EINVAL)
    } else {
        Err(Errno::EINVAL)
    }
}

impl Kernel {
    /// Acts on signal `sig` (see the module docs).
    fn act_on(&mut self, sig: u64) -> SysResult {
        let handler = self.signals.actions[sig_index(sig)?][0];
        let default_ignored = matches!(sig, 17 | 18 | 23 | 28) || (19..=22).contains(&sig);
        if sig == SIGKILL || (handler == 0 && !default_ignored) {
            return Err(Stop::Fault(u32::try_from(sig).unwrap_or(9)));
        }
        Ok(0)
    }

    /// Sends `sig` to this process.
    fn send_self(&mut self, sig: u64) -> SysResult {
        if sig == 0 {
            return Ok(0);
        }
        sig_index(sig)?;
        if sig != SIGKILL && sig != SIGSTOP && self.signals.blocked & bit(sig) != 0 {
            self.signals.pending |= bit(sig);
            return Ok(0);
        }
        self.act_on(sig)
    }

    /// Acts on pending signals that are no longer blocked (lowest first).
    fn deliver_unblocked(&mut self) -> SysResult {
        loop {
            let ready = self.signals.pending & !self.signals.blocked;
            if ready == 0 {
                return Ok(0);
            }
            let sig = u64::from(ready.trailing_zeros()) + 1;
            self.signals.pending &= !bit(sig);
            self.act_on(sig)?;
        }
    }

    fn nofile_limit(&self) -> u64 {
        self.rlimits[RLIMIT_NOFILE].0.min(self.max_open_files)
    }

    /// The descriptor limit in force.
    pub(crate) fn fd_limit(&self) -> u64 {
        self.nofile_limit()
    }
}

/// Returns 0 (sched_yield, …).
pub fn zero(_: &mut Kernel, _: &mut Ctx<'_>, _: [u64; 6]) -> SysResult {
    Ok(0)
}

/// A syscall that is known by name but deliberately not implemented (rseq).
pub fn enosys(_: &mut Kernel, _: &mut Ctx<'_>, _: [u64; 6]) -> SysResult {
    Err(Errno::ENOSYS.into())
}

/// getpid / gettid.
pub fn getpid(_: &mut Kernel, _: &mut Ctx<'_>, _: [u64; 6]) -> SysResult {
    Ok(PID)
}

/// getppid.
pub fn getppid(_: &mut Kernel, _: &mut Ctx<'_>, _: [u64; 6]) -> SysResult {
    Ok(PPID)
}

/// getuid / geteuid / getgid / getegid.
pub fn getuid(_: &mut Kernel, _: &mut Ctx<'_>, _: [u64; 6]) -> SysResult {
    Ok(UID)
}

/// getpgrp.
pub fn getpgrp(k: &mut Kernel, _: &mut Ctx<'_>, _: [u64; 6]) -> SysResult {
    Ok(k.pgid)
}

/// getpgid(pid).
pub fn getpgid(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[0] == 0 || a[0] == PID {
        Ok(k.pgid)
    } else {
        Err(Errno::ESRCH.into())
    }
}

/// setpgid(pid, pgid): only "this process, its own group".
pub fn setpgid(_: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[0] != 0 && a[0] != PID {
        return Err(Errno::ESRCH.into());
    }
    if a[1] != 0 && a[1] != PID {
        return Err(Errno::EPERM.into());
    }
    Ok(0)
}

/// umask(mask): returns the old mask.
pub fn umask(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let old = k.umask;
    k.umask = u32::try_from(a[0] & 0o777).unwrap_or(0);
    Ok(u64::from(old))
}

/// exit / exit_group(status).
pub fn exit(_: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    Err(Stop::Exit(i32::from(a[0].to_le_bytes()[0])))
}

/// Whether a kill() target names this process: its pid, its group (0 or -pgid). Like
/// Linux, pid -1 ("every other process") never includes the caller, so it is `ESRCH`.
fn is_self(pid: u64) -> bool {
    let p = pid.cast_signed();
    p == 0 || pid == PID || p == -(PID.cast_signed())
}

/// kill(pid, sig).
pub fn kill(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if !is_self(a[0]) {
        return Err(Errno::ESRCH.into());
    }
    k.send_self(a[1])
}

/// tkill(tid, sig).
pub fn tkill(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[0] != PID {
        return Err(if a[0].cast_signed() <= 0 {
            Errno::EINVAL
        } else {
            Errno::ESRCH
        }
        .into());
    }
    k.send_self(a[1])
}

/// tgkill(tgid, tid, sig).
pub fn tgkill(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[0] != PID || a[1] != PID {
        return Err(Errno::ESRCH.into());
    }
    k.send_self(a[2])
}

/// rt_sigaction(sig, act, oact, sigsetsize).
pub fn rt_sigaction(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let [sig, act, oact, size, ..] = a;
    if size != 8 {
        return Err(Errno::EINVAL.into());
    }
    let i = sig_index(sig)?;
    let new = if act != 0 {
        if sig == SIGKILL || sig == SIGSTOP {
            return Err(Errno::EINVAL.into());
        }
        let b = k.copy_in(cx, act, 32)?;
        let mut v = [0u64; 4];
        for (j, c) in b.chunks_exact(8).enumerate() {
            v[j] = u64::from_le_bytes(c.try_into().map_err(|_| Errno::EFAULT)?);
        }
        Some(v)
    } else {
        None
    };
    if oact != 0 {
        let old: Vec<u8> = k.signals.actions[i]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        k.copy_out(cx, oact, &old)?;
    }
    if let Some(v) = new {
        k.signals.actions[i] = v;
        if v[0] == 1 {
            // SIG_IGN discards a pending signal.
            k.signals.pending &= !bit(sig);
        }
    }
    Ok(0)
}

/// rt_sigprocmask(how, set, oset, sigsetsize).
pub fn rt_sigprocmask(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let [how, set, oset, size, ..] = a;
    if size != 8 {
        return Err(Errno::EINVAL.into());
    }
    let new = if set != 0 {
        if how > 2 {
            return Err(Errno::EINVAL.into());
        }
        Some(k.read_u64(cx, set)?)
    } else {
        None
    };
    if oset != 0 {
        k.copy_out(cx, oset, &k.signals.blocked.to_le_bytes())?;
    }
    if let Some(s) = new {
        let cur = k.signals.blocked;
        let m = match how {
            0 => cur | s,
            1 => cur & !s,
            _ => s,
        };
        k.signals.blocked = m & !(bit(SIGKILL) | bit(SIGSTOP));
        return k.deliver_unblocked();
    }
    Ok(0)
}

/// sigaltstack(ss, old_ss): records the alternate stack.
pub fn sigaltstack(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let new = if a[0] != 0 {
        let b = k.copy_in(cx, a[0], 24)?;
        let sp = u64::from_le_bytes(b[..8].try_into().map_err(|_| Errno::EFAULT)?);
        let flags = u32::from_le_bytes(b[8..12].try_into().map_err(|_| Errno::EFAULT)?);
        let size = u64::from_le_bytes(b[16..].try_into().map_err(|_| Errno::EFAULT)?);
        if flags & !(SS_DISABLE | 0x8000_0000) != 0 {
            return Err(Errno::EINVAL.into());
        }
        Some((sp, flags, size))
    } else {
        None
    };
    if a[1] != 0 {
        let (sp, flags, size) = k.signals.altstack;
        let mut b = [0u8; 24];
        b[..8].copy_from_slice(&sp.to_le_bytes());
        b[8..12].copy_from_slice(&flags.to_le_bytes());
        b[16..].copy_from_slice(&size.to_le_bytes());
        k.copy_out(cx, a[1], &b)?;
    }
    if let Some(s) = new {
        k.signals.altstack = s;
    }
    Ok(0)
}

/// arch_prctl(code, addr): ARCH_SET_GS/SET_FS/GET_FS/GET_GS.
pub fn arch_prctl(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    const USER_TOP: u64 = 1 << 47;
    match a[0] {
        0x1001 | 0x1002 if a[1] >= USER_TOP => Err(Errno::EPERM.into()),
        0x1001 => {
            cx.cpu.gs_base = a[1];
            Ok(0)
        }
        0x1002 => {
            cx.cpu.fs_base = a[1];
            Ok(0)
        }
        0x1003 => {
            let v = cx.cpu.fs_base;
            k.copy_out(cx, a[1], &v.to_le_bytes())?;
            Ok(0)
        }
        0x1004 => {
            let v = cx.cpu.gs_base;
            k.copy_out(cx, a[1], &v.to_le_bytes())?;
            Ok(0)
        }
        _ => Err(Errno::EINVAL.into()),
    }
}

/// set_tid_address(ptr): returns the tid (the pointer is never used: no thread exits
/// before the process).
pub fn set_tid_address(_: &mut Kernel, _: &mut Ctx<'_>, _: [u64; 6]) -> SysResult {
    Ok(PID)
}

/// set_robust_list(head, len): accepted (len must be 24).
pub fn set_robust_list(_: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[1] != 24 {
        return Err(Errno::EINVAL.into());
    }
    Ok(0)
}

/// futex(uaddr, op, val, timeout, uaddr2, val3) for a single thread.
pub fn futex(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let [uaddr, op, val, timeout, _, val3] = a;
    if !uaddr.is_multiple_of(4) {
        return Err(Errno::EINVAL.into());
    }
    let cmd = op & 0x7f;
    match cmd {
        // FUTEX_WAIT, FUTEX_WAIT_BITSET
        0 | 9 => {
            if cmd == 9 && val3 & 0xffff_ffff == 0 {
                return Err(Errno::EINVAL.into());
            }
            let cur = k.read_u32(cx, uaddr)?;
            if u64::from(cur) != val & 0xffff_ffff {
                return Err(Errno::EAGAIN.into());
            }
            if timeout != 0 {
                let t = k.read_timespec(cx, timeout)?;
                // FUTEX_WAIT's timeout is relative; WAIT_BITSET's is absolute on
                // CLOCK_MONOTONIC, or CLOCK_REALTIME with FUTEX_CLOCK_REALTIME (256).
                let ns = if cmd == 0 {
                    t
                } else {
                    let clock = if op & 256 != 0 { 0 } else { 1 };
                    t.saturating_sub(k.clock_now(clock)?)
                };
                k.sleep_ns(cx, ns);
            }
            Err(Errno::ETIMEDOUT.into())
        }
        // FUTEX_WAKE, FUTEX_REQUEUE, FUTEX_WAKE_BITSET
        1 | 3 | 10 => Ok(0),
        // FUTEX_CMP_REQUEUE
        4 => {
            let cur = k.read_u32(cx, uaddr)?;
            if u64::from(cur) != val3 & 0xffff_ffff {
                return Err(Errno::EAGAIN.into());
            }
            Ok(0)
        }
        _ => Err(Errno::ENOSYS.into()),
    }
}

/// sched_getaffinity(pid, len, mask): one CPU.
pub fn sched_getaffinity(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[0] != 0 && a[0] != PID {
        return Err(Errno::ESRCH.into());
    }
    if a[1] < 8 || !a[1].is_multiple_of(8) {
        return Err(Errno::EINVAL.into());
    }
    k.copy_out(cx, a[2], &1u64.to_le_bytes())?;
    Ok(8)
}

/// uname(buf).
pub fn uname(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let mut b = [0u8; 65 * 6];
    let fields: [&[u8]; 6] = [
        b"Linux",
        b"qvm",
        b"6.1.0-qvm",
        b"#1 SMP qvm",
        b"x86_64",
        b"(none)",
    ];
    for (i, f) in fields.iter().enumerate() {
        b[i * 65..i * 65 + f.len()].copy_from_slice(f);
    }
    k.copy_out(cx, a[0], &b)?;
    Ok(0)
}

fn resource(r: u64) -> Result<usize, Errno> {
    usize::try_from(r)
        .ok()
        .filter(|&r| r < RLIM_NLIMITS)
        .ok_or(Errno::EINVAL)
}

fn rlimit_bytes(l: (u64, u64)) -> [u8; 16] {
    let mut b = [0u8; 16];
    b[..8].copy_from_slice(&l.0.to_le_bytes());
    b[8..].copy_from_slice(&l.1.to_le_bytes());
    b
}

impl Kernel {
    fn read_rlimit(&self, cx: &mut Ctx<'_>, addr: u64) -> Result<(u64, u64), Stop> {
        let b = self.copy_in(cx, addr, 16)?;
        let soft = u64::from_le_bytes(b[..8].try_into().map_err(|_| Errno::EFAULT)?);
        let hard = u64::from_le_bytes(b[8..].try_into().map_err(|_| Errno::EFAULT)?);
        Ok((soft, hard))
    }

    fn set_rlimit(&mut self, r: usize, new: (u64, u64)) -> Result<(), Errno> {
        if new.0 > new.1 {
            return Err(Errno::EINVAL);
        }
        if new.1 > self.rlimits[r].1 {
            return Err(Errno::EPERM);
        }
        self.rlimits[r] = new;
        Ok(())
    }
}

/// getrlimit(resource, rlim).
pub fn getrlimit(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let r = resource(a[0])?;
    k.copy_out(cx, a[1], &rlimit_bytes(k.rlimits[r]))?;
    Ok(0)
}

/// setrlimit(resource, rlim).
pub fn setrlimit(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let r = resource(a[0])?;
    let new = k.read_rlimit(cx, a[1])?;
    k.set_rlimit(r, new)?;
    Ok(0)
}

/// prlimit64(pid, resource, new, old).
pub fn prlimit64(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[0] != 0 && a[0] != PID {
        return Err(Errno::ESRCH.into());
    }
    let r = resource(a[1])?;
    let new = if a[2] != 0 {
        Some(k.read_rlimit(cx, a[2])?)
    } else {
        None
    };
    if a[3] != 0 {
        k.copy_out(cx, a[3], &rlimit_bytes(k.rlimits[r]))?;
    }
    if let Some(n) = new {
        k.set_rlimit(r, n)?;
    }
    Ok(0)
}

/// sysinfo(info).
pub fn sysinfo(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let mut b = [0u8; 112];
    let used = k.mm.accounted_bytes().saturating_add(k.fs.usage());
    b[..8].copy_from_slice(&(k.clock_ns / 1_000_000_000).to_le_bytes());
    b[32..40].copy_from_slice(&k.max_memory.to_le_bytes());
    b[40..48].copy_from_slice(&k.max_memory.saturating_sub(used).to_le_bytes());
    b[80..82].copy_from_slice(&1u16.to_le_bytes());
    b[104..108].copy_from_slice(&1u32.to_le_bytes());
    k.copy_out(cx, a[0], &b)?;
    Ok(0)
}

/// Raises `sig` on this process from inside the kernel (SIGPIPE): ends the run if its
/// action is to terminate, otherwise returns so the syscall can fail normally.
pub(crate) fn raise(k: &mut Kernel, sig: u64) -> Result<(), Stop> {
    k.send_self(sig).map(|_| ())
}

/// wait4: there are never children (`ECHILD`).
pub fn wait4(_: &mut Kernel, _: &mut Ctx<'_>, _: [u64; 6]) -> SysResult {
    Err(Errno::ECHILD.into())
}

/// getrusage(who, usage): user time = the virtual clock, everything else 0.
pub fn getrusage(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let who = super::fs::int_arg(a[0]);
    if !(-1..=1).contains(&who) {
        return Err(Errno::EINVAL.into());
    }
    let mut b = [0u8; 144];
    if who != -1 {
        b[..8].copy_from_slice(&(k.clock_ns / 1_000_000_000).to_le_bytes());
        b[8..16].copy_from_slice(&((k.clock_ns % 1_000_000_000) / 1000).to_le_bytes());
    }
    k.copy_out(cx, a[1], &b)?;
    Ok(0)
}

/// times(buf): user time = the virtual clock in 100 Hz ticks; returns elapsed ticks.
pub fn times(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let ticks = k.clock_ns / 10_000_000;
    if a[0] != 0 {
        let mut b = [0u8; 32];
        b[..8].copy_from_slice(&ticks.to_le_bytes());
        k.copy_out(cx, a[0], &b)?;
    }
    Ok(ticks)
}

/// getsid(pid).
pub fn getsid(_: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[0] == 0 || a[0] == PID {
        Ok(PID)
    } else {
        Err(Errno::ESRCH.into())
    }
}

/// getgroups(size, list): no supplementary groups.
pub fn getgroups(_: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if super::fs::int_arg(a[0]) < 0 {
        return Err(Errno::EINVAL.into());
    }
    Ok(0)
}

/// prctl(option, …): PR_SET_NAME/PR_GET_NAME (the name starts as the last component
/// of `exe_path`, truncated to 15 bytes), PR_SET_PDEATHSIG, PR_{GET,SET}_DUMPABLE,
/// PR_{GET,SET}_NO_NEW_PRIVS; others `EINVAL`.
pub fn prctl(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    match a[0] {
        1 | 4 | 38 => Ok(0),
        3 => Ok(1),
        39 => Ok(0),
        15 => {
            let avail = k.mm.accessible_prefix(a[1], 16, crate::mm::Access::Read);
            let name = k.copy_in(cx, a[1], avail)?;
            let end = name
                .iter()
                .position(|&c| c == 0)
                .unwrap_or(name.len())
                .min(15);
            k.comm = name[..end].to_vec();
            Ok(0)
        }
        16 => {
            let mut b = [0u8; 16];
            b[..k.comm.len().min(15)].copy_from_slice(&k.comm[..k.comm.len().min(15)]);
            k.copy_out(cx, a[1], &b)?;
            Ok(0)
        }
        _ => Err(Errno::EINVAL.into()),
    }
}

/// getcpu(cpu, node, cache): CPU 0, node 0.
pub fn getcpu(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    for p in [a[0], a[1]] {
        if p != 0 {
            k.copy_out(cx, p, &0u32.to_le_bytes())?;
        }
    }
    Ok(0)
}

/// getpriority(which, who): nice 0, which the raw syscall reports as 20.
pub fn getpriority(_: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[0] > 2 {
        return Err(Errno::EINVAL.into());
    }
    Ok(20)
}
