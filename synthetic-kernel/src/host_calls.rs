//! The embedder's syscall range: numbers `HOST_CALL_BASE..HOST_CALL_BASE + HOST_CALL_RANGE`
//! go to a [`HostCalls`] implementation (the contract layer's storage, events, hashing,
//! signature checks) instead of the kernel's own table.
//!
//! The kernel charges the usual syscall base first, as for every syscall; the host
//! call charges its own prices on top. It sees guest memory only through
//! [`CheckedMemory`], which enforces the guest's own page permissions (a host call
//! can never read a `PROT_NONE` page or write a read-only one) — so a bad pointer
//! is `-EFAULT` there exactly as it is for the kernel's syscalls.

use crate::guest::{GuestMemory, OutOfRange, Prot};
use crate::mm::{Access, Mm};
use crate::SyscallOutcome;

/// First syscall number of the embedder's range ("QV" in ASCII).
pub const HOST_CALL_BASE: u64 = 0x5156_0000;
/// Size of the range.
pub const HOST_CALL_RANGE: u64 = 0x1_0000;

/// Handles the syscall numbers in the embedder's range.
pub trait HostCalls {
    /// Handles syscall `nr`; `None` means "not mine" (the guest gets `-ENOSYS`).
    /// `gas` is the remaining gas: charge before doing anything observable and
    /// return `SyscallOutcome::OutOfGas` when it does not suffice.
    fn call(
        &mut self,
        nr: u64,
        args: [u64; 6],
        mem: &mut dyn GuestMemory,
        gas: &mut u64,
    ) -> Option<SyscallOutcome>;
}

/// Guest memory as a host call may touch it: only what the guest itself could.
pub struct CheckedMemory<'a> {
    pub(crate) mm: &'a Mm,
    pub(crate) mem: &'a mut dyn GuestMemory,
}

impl GuestMemory for CheckedMemory<'_> {
    fn size(&self) -> u64 {
        self.mem.size()
    }
    fn read(&self, addr: u64, buf: &mut [u8]) -> Result<(), OutOfRange> {
        let len = buf.len() as u64;
        if !self.mm.check(addr, len, Access::Read) {
            return Err(OutOfRange { addr, len });
        }
        self.mem.read(addr, buf)
    }
    fn write(&mut self, addr: u64, data: &[u8]) -> Result<(), OutOfRange> {
        let len = data.len() as u64;
        if !self.mm.check(addr, len, Access::Write) {
            return Err(OutOfRange { addr, len });
        }
        self.mem.write(addr, data)
    }
    fn zero(&mut self, addr: u64, len: u64) -> Result<(), OutOfRange> {
        if !self.mm.check(addr, len, Access::Write) {
            return Err(OutOfRange { addr, len });
        }
        self.mem.zero(addr, len)
    }
    fn protect(&mut self, addr: u64, len: u64, _prot: Prot) -> Result<(), OutOfRange> {
        // Host calls never change page protections.
        Err(OutOfRange { addr, len })
    }
    fn invalidate_code(&mut self, _addr: u64, _len: u64) {}
}
