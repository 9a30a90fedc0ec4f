//! What the kernel needs from the guest address space. The runtime implements it
//! over its host region; tests implement it over a `Vec<u8>`.
//!
//! These are raw accessors: they only check that the range lies inside the guest
//! space. Whether the guest *may* touch a page (its mapping and protection) is the
//! kernel's own knowledge ([`crate::mm`]), checked before calling them.

/// Guest page protection bits (PROT_READ, PROT_WRITE, PROT_EXEC as Linux numbers them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Prot(pub u32);

impl Prot {
    /// No access.
    pub const NONE: Prot = Prot(0);
    /// PROT_READ.
    pub const READ: u32 = 1;
    /// PROT_WRITE.
    pub const WRITE: u32 = 2;
    /// PROT_EXEC.
    pub const EXEC: u32 = 4;
    /// Read + write.
    pub const RW: Prot = Prot(3);
    /// Read + exec.
    pub const RX: Prot = Prot(5);
    /// Whether readable.
    pub fn readable(self) -> bool {
        self.0 & Self::READ != 0
    }
    /// Whether writable.
    pub fn writable(self) -> bool {
        self.0 & Self::WRITE != 0
    }
    /// Whether executable.
    pub fn executable(self) -> bool {
        self.0 & Self::EXEC != 0
    }
}

/// A guest address range lies (partly) outside the guest space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error("guest address range {addr:#x}+{len:#x} is outside the guest address space")]
pub struct OutOfRange {
    /// Start of the range.
    pub addr: u64,
    /// Its length.
    pub len: u64,
}

/// Raw access to guest memory and its host page protections.
pub trait GuestMemory {
    /// Size of the guest address space (every address is below it).
    fn size(&self) -> u64;
    /// Copies guest bytes at `addr` into `buf`.
    fn read(&self, addr: u64, buf: &mut [u8]) -> Result<(), OutOfRange>;
    /// Copies `data` into guest memory at `addr`.
    fn write(&mut self, addr: u64, data: &[u8]) -> Result<(), OutOfRange>;
    /// Fills `len` bytes at `addr` with zeros.
    fn zero(&mut self, addr: u64, len: u64) -> Result<(), OutOfRange>;
    /// Applies a guest protection to the page-aligned range `[addr, addr+len)` so that
    /// compiled guest code faults on forbidden accesses. `Prot::NONE` also means unmapped.
    fn protect(&mut self, addr: u64, len: u64, prot: Prot) -> Result<(), OutOfRange>;
    /// Called when guest pages that may hold code change (munmap, mprotect, mremap,
    /// or a write through the kernel to executable memory), so translated code for
    /// `[addr, addr+len)` can be dropped.
    fn invalidate_code(&mut self, addr: u64, len: u64);
}
