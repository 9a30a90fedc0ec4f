//! The REP string helper: loops over a repeated string instruction in Rust.
//!
//! Invariant: RCX, RSI, RDI (and RAX for LODS) in the state always describe the
//! iterations completed so far, so gas exhaustion and faults leave them as the
//! hardware would (the SDM: a REP instruction interrupted by a fault is restartable,
//! with the registers reflecting the iterations done).
//!
//! Fast paths (DF = 0 only): REP MOVS and REP STOS of any width work in chunks that
//! never cross a page boundary on either side beyond the pages touched by the chunk's
//! first element. The first element is done with an ordinary checked access, so any
//! fault happens there, with the registers at the chunk start — exactly the iteration
//! the hardware would fault on; the rest of the chunk cannot fault (same pages, same
//! kind of access) and is copied in bulk. A forward MOVSB whose destination overlaps
//! the source ahead of it replicates bytes exactly as the byte loop would (copying
//! in blocks of `RDI − RSI` bytes); wider overlapping MOVS fall back to the element
//! loop. Gas is charged per chunk, before it runs, `rep_iteration` per element, and a
//! chunk never contains more elements than the remaining gas pays for.

use super::{Rep, StrOp};
use crate::exec::raise_exit;
use crate::guest;
use crate::state::{gpr, CpuState, ExitReason, Flag};

/// Packs the constant helper argument.
pub fn pack(op: StrOp, rep: Rep, bytes: u32) -> u64 {
    u64::from(op as u8) | (u64::from(bytes) << 8) | (u64::from(rep as u8) << 16)
}

const PAGE: u64 = 4096;

/// Raw access to the live state; every method is a short unsafe access.
#[derive(Clone, Copy)]
struct St(*mut CpuState);

impl St {
    fn reg(self, i: usize) -> u64 {
        // SAFETY: `self.0` is the live state passed to the helper; no reference to
        // it is held across this read.
        unsafe { (*self.0).gpr[i] }
    }
    fn set_reg(self, i: usize, v: u64) {
        // SAFETY: as in `reg`.
        unsafe { (*self.0).gpr[i] = v }
    }
    fn flag(self, f: Flag) -> bool {
        // SAFETY: as in `reg`.
        unsafe { (*self.0).flags[f as usize] != 0 }
    }
    fn set_flag(self, f: Flag, v: bool) {
        // SAFETY: as in `reg`.
        unsafe { (*self.0).flags[f as usize] = u8::from(v) }
    }
    fn mem_size(self) -> u64 {
        // SAFETY: as in `reg`.
        unsafe { (*self.0).mem_size }
    }
    /// Gas left for whole iterations: how many of `want` can be paid at `cost` each.
    fn affordable(self, want: u64, cost: u64) -> u64 {
        // SAFETY: as in `reg`.
        let gas = unsafe { (*self.0).gas };
        // Usually the gas pays for all of them: no division (tens of cycles, and
        // short copies call this for a handful of elements).
        if want.checked_mul(cost).is_some_and(|c| c <= gas) {
            return want;
        }
        gas.checked_div(cost).map_or(want, |k| want.min(k))
    }
    /// Pays for `n` iterations (which `affordable` allowed).
    fn charge(self, n: u64, cost: u64) {
        // SAFETY: as in `reg`.
        unsafe { (*self.0).gas -= n * cost }
    }
    fn out_of_gas(self) -> ! {
        // SAFETY: called from a helper of compiled code; nothing needing drop is live.
        unsafe { raise_exit(ExitReason::OutOfGas) }
    }
    fn read(self, addr: u64, bytes: u64) -> u64 {
        // SAFETY: helper contract; guest accessors bounds-check and fault properly.
        unsafe {
            match bytes {
                1 => u64::from(guest::read_u8(self.0, addr)),
                2 => u64::from(guest::read_u16(self.0, addr)),
                4 => u64::from(guest::read_u32(self.0, addr)),
                _ => guest::read_u64(self.0, addr),
            }
        }
    }
    #[allow(clippy::cast_possible_truncation)]
    fn write(self, addr: u64, bytes: u64, v: u64) {
        // SAFETY: as in `read`. The casts keep the low bytes of the element on purpose.
        unsafe {
            match bytes {
                1 => guest::write_u8(self.0, addr, v as u8),
                2 => guest::write_u16(self.0, addr, v as u16),
                4 => guest::write_u32(self.0, addr, v as u32),
                _ => guest::write_u64(self.0, addr, v),
            }
        }
    }
    /// Host pointer of an in-bounds guest range (checked by the caller with `fits`).
    fn host(self, addr: u64) -> *mut u8 {
        // SAFETY: as in `reg`; the pointer is only formed for ranges `fits` accepted.
        let base = unsafe { (*self.0).mem_base };
        (base + addr) as *mut u8
    }
    fn fits(self, addr: u64, len: u64) -> bool {
        addr.checked_add(len).is_some_and(|e| e <= self.mem_size())
    }
}

/// The REP helper. `a` = source segment base, `b` = gas per iteration, `c` =
/// [`pack`]ed operation, repeat kind and element size.
///
/// # Safety
/// Called by compiled code with the live CPU state, on the guest thread.
pub unsafe extern "C" fn rep_helper(state: *mut CpuState, a: u64, b: u64, c: u64) -> u64 {
    let st = St(state);
    let bytes = (c >> 8) & 0xff;
    let op = match c & 0xff {
        0 => StrOp::Movs,
        1 => StrOp::Stos,
        2 => StrOp::Lods,
        3 => StrOp::Cmps,
        _ => StrOp::Scas,
    };
    let rep = match c >> 16 {
        1 => Rep::Repe,
        2 => Rep::Repne,
        _ => Rep::Rep,
    };
    if !st.flag(Flag::DF) {
        match op {
            StrOp::Movs => movs_forward(st, a, b, bytes),
            StrOp::Stos => stos_forward(st, b, bytes),
            _ => {}
        }
    }
    element_loop(st, op, rep, a, b, bytes);
    0
}

/// Number of `bytes`-sized elements from `addr` that stay within the pages touched
/// by the first element.
fn elems_in_pages(addr: u64, bytes: u64) -> u64 {
    let last = addr.wrapping_add(bytes - 1);
    let end = (last | (PAGE - 1)).wrapping_add(1);
    // `bytes` is 1, 2, 4 or 8: a shift, not a division.
    (end.wrapping_sub(addr) >> bytes.trailing_zeros()).max(1)
}

/// Pays for up to `want` iterations, or ends the run if not even one is affordable.
fn pay(st: St, want: u64, cost: u64) -> u64 {
    let n = st.affordable(want, cost);
    if n == 0 {
        st.out_of_gas();
    }
    st.charge(n, cost);
    n
}

/// REP MOVS with DF = 0, chunk by chunk; leaves RCX = 0 (or ends the run).
fn movs_forward(st: St, seg: u64, cost: u64, bytes: u64) {
    loop {
        let rcx = st.reg(gpr::RCX);
        if rcx == 0 {
            return;
        }
        let (rsi, rdi) = (st.reg(gpr::RSI), st.reg(gpr::RDI));
        let s = seg.wrapping_add(rsi);
        let want = rcx
            .min(elems_in_pages(s, bytes))
            .min(elems_in_pages(rdi, bytes));
        let len = want * bytes;
        if !(st.fits(s, len) && st.fits(rdi, len)) {
            // Let the exact loop do (and fault on) the next element.
            return;
        }
        let n = pay(st, want, cost);
        // The first element with checked accesses: faults happen here.
        let v = st.read(s, bytes);
        st.write(rdi, bytes, v);
        let rest = (n - 1) * bytes;
        if rest > 0 {
            let (sp, dp) = (st.host(s + bytes), st.host(rdi + bytes));
            let (s1, d1) = (s + bytes, rdi + bytes);
            // SAFETY: both ranges [s1, s1 + rest) and [d1, d1 + rest) are inside the
            // guest space (`fits` above) and on pages the first element already
            // read/wrote successfully, so they cannot fault.
            unsafe {
                if d1 > s1 && d1 < s1 + rest {
                    // Forward overlap: the element loop re-reads bytes it wrote.
                    let delta = d1 - s1;
                    if bytes == 1 {
                        let mut done = 0;
                        while done < rest {
                            let k = delta.min(rest - done);
                            core::ptr::copy_nonoverlapping(
                                sp.add(to_usize(done)),
                                dp.add(to_usize(done)),
                                to_usize(k),
                            );
                            done += k;
                        }
                    } else {
                        let mut off = 0;
                        while off < rest {
                            let mut buf = [0u8; 8];
                            let k = to_usize(bytes);
                            core::ptr::copy_nonoverlapping(
                                sp.add(to_usize(off)),
                                buf.as_mut_ptr(),
                                k,
                            );
                            core::ptr::copy_nonoverlapping(buf.as_ptr(), dp.add(to_usize(off)), k);
                            off += bytes;
                        }
                    }
                } else {
                    core::ptr::copy(sp, dp, to_usize(rest));
                }
            }
        }
        st.set_reg(gpr::RCX, rcx - n);
        st.set_reg(gpr::RSI, rsi.wrapping_add(n * bytes));
        st.set_reg(gpr::RDI, rdi.wrapping_add(n * bytes));
    }
}

/// REP STOS with DF = 0, chunk by chunk.
fn stos_forward(st: St, cost: u64, bytes: u64) {
    let v = st.reg(gpr::RAX);
    loop {
        let rcx = st.reg(gpr::RCX);
        if rcx == 0 {
            return;
        }
        let rdi = st.reg(gpr::RDI);
        let want = rcx.min(elems_in_pages(rdi, bytes));
        let len = want * bytes;
        if !st.fits(rdi, len) {
            return;
        }
        let n = pay(st, want, cost);
        st.write(rdi, bytes, v);
        let rest = n - 1;
        if rest > 0 {
            let dp = st.host(rdi + bytes);
            // SAFETY: [rdi + bytes, rdi + n * bytes) is inside the guest space and on
            // pages the first store already wrote.
            unsafe {
                if bytes == 1 {
                    core::ptr::write_bytes(dp, v.to_le_bytes()[0], to_usize(rest));
                } else {
                    let pattern = v.to_le_bytes();
                    let k = to_usize(bytes);
                    for i in 0..to_usize(rest) {
                        core::ptr::copy_nonoverlapping(pattern.as_ptr(), dp.add(i * k), k);
                    }
                }
            }
        }
        st.set_reg(gpr::RCX, rcx - n);
        st.set_reg(gpr::RDI, rdi.wrapping_add(n * bytes));
    }
}

/// A guest byte count as a host usize (lengths here are bounded by the guest space).
fn to_usize(v: u64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

/// Writes the flags of `a - b` at `bytes` width, as CMP does.
pub(crate) fn cmp_flags(a: u64, b: u64, bytes: u64) -> [(Flag, bool); 6] {
    let bits = bytes * 8;
    let mask = if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    let (a, b) = (a & mask, b & mask);
    let res = a.wrapping_sub(b) & mask;
    let top = bits - 1;
    [
        (Flag::CF, a < b),
        (Flag::PF, (res & 0xff).count_ones() % 2 == 0),
        (Flag::AF, (a ^ b ^ res) & 0x10 != 0),
        (Flag::ZF, res == 0),
        (Flag::SF, (res >> top) & 1 != 0),
        (Flag::OF, (((a ^ b) & (a ^ res)) >> top) & 1 != 0),
    ]
}

/// The exact loop: one element per iteration, in either direction.
fn element_loop(st: St, op: StrOp, rep: Rep, seg: u64, cost: u64, bytes: u64) {
    let step = if st.flag(Flag::DF) {
        bytes.wrapping_neg()
    } else {
        bytes
    };
    loop {
        let rcx = st.reg(gpr::RCX);
        if rcx == 0 {
            return;
        }
        pay(st, 1, cost);
        let (rsi, rdi) = (st.reg(gpr::RSI), st.reg(gpr::RDI));
        let mut cmp = None;
        match op {
            StrOp::Movs => {
                let v = st.read(seg.wrapping_add(rsi), bytes);
                st.write(rdi, bytes, v);
            }
            StrOp::Stos => st.write(rdi, bytes, st.reg(gpr::RAX)),
            StrOp::Lods => {
                let v = st.read(seg.wrapping_add(rsi), bytes);
                let rax = st.reg(gpr::RAX);
                let nv = match bytes {
                    1 => (rax & !0xff) | v,
                    2 => (rax & !0xffff) | v,
                    _ => v,
                };
                st.set_reg(gpr::RAX, nv);
            }
            StrOp::Cmps => {
                let a = st.read(seg.wrapping_add(rsi), bytes);
                let b = st.read(rdi, bytes);
                cmp = Some(cmp_flags(a, b, bytes));
            }
            StrOp::Scas => {
                let b = st.read(rdi, bytes);
                cmp = Some(cmp_flags(st.reg(gpr::RAX), b, bytes));
            }
        }
        st.set_reg(gpr::RCX, rcx - 1);
        if matches!(op, StrOp::Movs | StrOp::Lods | StrOp::Cmps) {
            st.set_reg(gpr::RSI, rsi.wrapping_add(step));
        }
        if op != StrOp::Lods {
            st.set_reg(gpr::RDI, rdi.wrapping_add(step));
        }
        if let Some(flags) = cmp {
            let mut zf = false;
            for (f, v) in flags {
                st.set_flag(f, v);
                if f == Flag::ZF {
                    zf = v;
                }
            }
            match rep {
                Rep::Repe if !zf => return,
                Rep::Repne if zf => return,
                _ => {}
            }
        }
    }
}
