//! Time: every clock reads the virtual clock, which starts at the block timestamp and
//! moves only when the guest sleeps (nanosleep, clock_nanosleep, and the timeouts of
//! poll and futex waits), by exactly the time asked. So wait loops that sleep end, and
//! every run sees the same times.
//!
//! | clock | reads |
//! |---|---|
//! | REALTIME (0), REALTIME_COARSE (5), REALTIME_ALARM (8), TAI (11) | block timestamp + virtual ns slept |
//! | MONOTONIC (1), MONOTONIC_RAW (4), MONOTONIC_COARSE (6), BOOTTIME (7), BOOTTIME_ALARM (9) | virtual ns since start |
//! | PROCESS_CPUTIME_ID (2), THREAD_CPUTIME_ID (3) | virtual ns since start |
//!
//! TAI has a zero offset from UTC. Other clock ids (including the negative per-process CPU clocks) are `EINVAL`.
//! `clock_getres` reports 1 ns for every clock. Sleeping also advances
//! [`crate::SyscallCpu::tsc`] by the nanoseconds slept.

use super::{Ctx, SysResult};
use crate::errno::Errno;
use crate::Kernel;

const NS: u64 = 1_000_000_000;
const TIMER_ABSTIME: u64 = 1;

impl Kernel {
    /// Nanoseconds on clock `id`, or EINVAL.
    pub(crate) fn clock_now(&self, id: u64) -> Result<u64, Errno> {
        match id {
            0 | 5 | 8 | 11 => Ok(self
                .block
                .timestamp
                .saturating_mul(NS)
                .saturating_add(self.clock_ns)),
            1..=4 | 6 | 7 | 9 => Ok(self.clock_ns),
            _ => Err(Errno::EINVAL),
        }
    }

    /// Advances the virtual clock (and the virtual TSC) by `ns`.
    pub(crate) fn sleep_ns(&mut self, cx: &mut Ctx<'_>, ns: u64) {
        self.clock_ns = self.clock_ns.saturating_add(ns);
        cx.cpu.tsc = cx.cpu.tsc.wrapping_add(ns);
    }

    /// Reads a `struct timespec`, validated (EINVAL for negative or ≥ 1e9 ns fields),
    /// as nanoseconds (saturating).
    pub(crate) fn read_timespec(&self, cx: &mut Ctx<'_>, addr: u64) -> Result<u64, super::Stop> {
        let b = self.copy_in(cx, addr, 16)?;
        let sec = i64::from_le_bytes(b[..8].try_into().map_err(|_| Errno::EFAULT)?);
        let nsec = i64::from_le_bytes(b[8..].try_into().map_err(|_| Errno::EFAULT)?);
        let sec = u64::try_from(sec).map_err(|_| Errno::EINVAL)?;
        let nsec = u64::try_from(nsec)
            .ok()
            .filter(|&n| n < NS)
            .ok_or(Errno::EINVAL)?;
        Ok(sec.saturating_mul(NS).saturating_add(nsec))
    }

    fn write_timespec(&self, cx: &mut Ctx<'_>, addr: u64, ns: u64) -> Result<(), super::Stop> {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&(ns / NS).to_le_bytes());
        b[8..].copy_from_slice(&(ns % NS).to_le_bytes());
        self.copy_out(cx, addr, &b)
    }
}

/// clock_gettime(clock, tp).
pub fn clock_gettime(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let now = k.clock_now(a[0])?;
    k.write_timespec(cx, a[1], now)?;
    Ok(0)
}

/// clock_getres(clock, res): 1 ns.
pub fn clock_getres(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    k.clock_now(a[0])?;
    if a[1] != 0 {
        k.write_timespec(cx, a[1], 1)?;
    }
    Ok(0)
}

/// gettimeofday(tv, tz): the realtime clock in µs; the time zone is UTC (zeros).
pub fn gettimeofday(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let now = k.clock_now(0)?;
    if a[0] != 0 {
        let mut b = [0u8; 16];
        b[..8].copy_from_slice(&(now / NS).to_le_bytes());
        b[8..].copy_from_slice(&((now % NS) / 1000).to_le_bytes());
        k.copy_out(cx, a[0], &b)?;
    }
    if a[1] != 0 {
        k.copy_out(cx, a[1], &[0u8; 8])?;
    }
    Ok(0)
}

/// time(tloc): seconds of the realtime clock.
pub fn time(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let secs = k.clock_now(0)? / NS;
    if a[0] != 0 {
        k.copy_out(cx, a[0], &secs.to_le_bytes())?;
    }
    Ok(secs)
}

/// nanosleep(req, rem): advances the virtual clock by `req`; never interrupted, so
/// `rem` is not written.
pub fn nanosleep(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let ns = k.read_timespec(cx, a[0])?;
    k.sleep_ns(cx, ns);
    Ok(0)
}

/// clock_nanosleep(clock, flags, req, rem): relative, or absolute with TIMER_ABSTIME
/// (a target in the past returns at once).
pub fn clock_nanosleep(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let (clock, flags) = (a[0], a[1]);
    if clock == 3 {
        return Err(Errno::EINVAL.into());
    }
    let now = k.clock_now(clock)?;
    let req = k.read_timespec(cx, a[2])?;
    let ns = if flags & TIMER_ABSTIME != 0 {
        req.saturating_sub(now)
    } else {
        req
    };
    k.sleep_ns(cx, ns);
    Ok(0)
}
