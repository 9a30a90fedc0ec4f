//! Guest memory access for helpers (Rust code called from compiled blocks).
//!
//! Every access is bounds-checked against the guest space and raises SIGSEGV via
//! [`crate::exec::raise_fault`] when out of range; accesses to pages the guest may
//! not touch fault in hardware and reach the same end through the signal handler.

use crate::exec::raise_fault;
use crate::state::{signal, CpuState};

/// Host pointer for `len` bytes at guest `addr`, or a SIGSEGV.
///
/// # Safety
/// Only from helpers called by compiled code, with `state` the live CPU state.
pub unsafe fn host_ptr(state: *mut CpuState, addr: u64, len: u64) -> *mut u8 {
    // SAFETY: caller contract.
    let s = unsafe { &*state };
    match addr.checked_add(len) {
        Some(end) if end <= s.mem_size => (s.mem_base + addr) as *mut u8,
        // SAFETY: caller contract.
        _ => unsafe { raise_fault(state, signal::SIGSEGV, addr) },
    }
}

macro_rules! accessors {
    ($($read:ident $write:ident $t:ty;)*) => {$(
        /// Reads a little-endian value from guest memory.
        ///
        /// # Safety
        /// As for [`host_ptr`].
        pub unsafe fn $read(state: *mut CpuState, addr: u64) -> $t {
            // SAFETY: host_ptr checked the range; unaligned reads are allowed on x86.
            unsafe { host_ptr(state, addr, core::mem::size_of::<$t>() as u64).cast::<$t>().read_unaligned() }
        }
        /// Writes a little-endian value to guest memory.
        ///
        /// # Safety
        /// As for [`host_ptr`].
        pub unsafe fn $write(state: *mut CpuState, addr: u64, v: $t) {
            // SAFETY: host_ptr checked the range; unaligned writes are allowed on x86.
            unsafe { host_ptr(state, addr, core::mem::size_of::<$t>() as u64).cast::<$t>().write_unaligned(v) }
        }
    )*};
}

accessors! {
    read_u8 write_u8 u8;
    read_u16 write_u16 u16;
    read_u32 write_u32 u32;
    read_u64 write_u64 u64;
    read_u128 write_u128 u128;
}
