//! The guest address space: one reserved host region per guest.
//!
//! Guest address `a` lives at host address `base + a` for every `a` in `[0, size)`.
//! Translated code computes that sum itself and relies on host page protections to
//! fault exactly where the guest's own protections forbid an access, so the host
//! protection of every guest page always mirrors the guest's (see [`AddressSpace::protect`]).
//!
//! # Two views of one memory
//!
//! The guest memory is a `memfd` (a sparse shmem file of `size` bytes) mapped twice:
//!
//! - the **guest view** at [`AddressSpace::base`]: reserved as `GUARD + size + GUARD`
//!   bytes of `PROT_NONE`, with the file mapped over the `size` bytes in the middle. Its
//!   protections are the guest's. The guards are never made accessible, so a compiled
//!   access at `base + a + disp` that overshoots the guest space by less than `GUARD`,
//!   above or below, faults instead of touching host memory (translated code leaves the
//!   confinement check out for an access within a short distance of one already
//!   checked: see `qvm_translator::TranslatorConfig::guard`).
//! - the **kernel view** at [`AddressSpace::rw_base`]: the same file mapped read-write
//!   everywhere. [`GuestMemory::read`], [`GuestMemory::write`] and [`GuestMemory::zero`] go
//!   through it, because the synthetic kernel (and the loader) must be able to write into
//!   pages the guest itself may not write (a read-only code segment being loaded, a
//!   `PROT_NONE` page being cleared) after it has checked the guest's permissions itself.
//!   The alternative, temporarily `mprotect`ing the guest view, would need a shadow table
//!   of every page's protection to restore it and two extra syscalls per access.
//!
//! Host pages are never executable: guest code is translated, never run in place.
//!
//! Both views share physical pages, so a write through one is visible through the other at
//! once. Untouched pages cost nothing. [`GuestMemory::zero`] clears whole pages in place
//! when at most `ZERO_IN_PLACE` (1 MiB) of the range is resident (found with `SEEK_DATA`:
//! a page faulted in again costs microseconds, and a fresh mapping is used at once) and
//! otherwise punches them out of the file (`fallocate(PUNCH_HOLE)`), which both zeroes them
//! and returns their memory to the host, so large freed guest memory does not accumulate.
//! [`AddressSpace::reset`] does the same over the whole space (keeping up to
//! [`KEEP_RESIDENT`]) so that a warm start can reuse it. Large writes (the loader's
//! segments) go to the file with `pwrite` rather than through the read-write view.

use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::ptr::NonNull;

use qvm_kernel::guest::{GuestMemory, OutOfRange, Prot};
use qvm_kernel::layout::{page_down, page_up, PAGE_SIZE};

/// Bytes of never-accessible address space before and after the guest view (1 MiB:
/// an access that overshoots a checked one by less lands in it).
pub const GUARD: u64 = 1 << 20;
const GUARD_USIZE: usize = 1 << 20;

/// Why an address space could not be created.
#[derive(Debug, thiserror::Error)]
pub enum MemoryError {
    /// The requested size is zero, not page-aligned, or too large for this host.
    #[error(
        "invalid guest address space size {0:#x} (must be a non-zero multiple of the page size)"
    )]
    BadSize(u64),
    /// `memfd_create` or `ftruncate` failed.
    #[error("cannot create guest memory file: {0}")]
    Memfd(std::io::Error),
    /// A host `mmap` failed (address space exhausted or restricted).
    #[error("cannot reserve {len:#x} bytes of host address space: {err}")]
    Map {
        /// Bytes asked for.
        len: u64,
        /// The host error.
        err: std::io::Error,
    },
}

/// One guest's address space (see the module documentation).
pub struct AddressSpace {
    /// Start of the guest view (`GUARD` bytes into the reservation).
    base: NonNull<u8>,
    /// Start of the always read-write kernel view (`size` bytes).
    alias: NonNull<u8>,
    /// Guest space size in bytes.
    size: u64,
    /// `size` as a host length.
    size_usize: usize,
    /// The backing memory file; kept open so hole punching works.
    memfd: OwnedFd,
    /// Ranges passed to `invalidate_code` since the last `take_invalidations`.
    invalidations: Vec<(u64, u64)>,
}

// SAFETY: the address space exclusively owns its two mappings and its file; nothing in it
// is tied to the creating thread, so moving it to another thread is sound. (It is not
// `Sync`: `read(&self)` racing a guest store on another thread would be a data race.)
unsafe impl Send for AddressSpace {}

/// The guest address a host fault at `host` maps to, if it lies in the guest view of
/// `size` bytes at `base` or in its guards (an address below the view is a negative,
/// that is wrapped, guest address — what a guest access there computed).
pub fn guest_fault_addr(base: u64, size: u64, host: u64) -> Option<u64> {
    let a = host.wrapping_sub(base);
    (a.wrapping_add(GUARD) < size + 2 * GUARD).then_some(a)
}

/// Bytes of touched memory [`AddressSpace::reset`] zeroes in place and keeps
/// (more is freed instead).
pub const KEEP_RESIDENT: u64 = 8 << 20;

/// Writes at least this long go to the file with `pwrite` rather than through the
/// read-write view.
const PWRITE_MIN: usize = 16 << 10;

/// Bytes of touched memory one [`GuestMemory::zero`] clears in place (more is
/// punched out of the file and freed).
const ZERO_IN_PLACE: u64 = 1 << 20;

/// A guest offset or length inside the space as a host size (the space fits the
/// host's address space: `new` checked).
fn to_usize(v: u64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

fn last_os_error() -> std::io::Error {
    std::io::Error::last_os_error()
}

impl AddressSpace {
    /// Reserves a guest space of `size` bytes (normally
    /// [`qvm_kernel::layout::GUEST_SPACE_SIZE`]). Every page starts zero and `PROT_NONE`.
    pub fn new(size: u64) -> Result<Self, MemoryError> {
        if size == 0 || !size.is_multiple_of(PAGE_SIZE) {
            return Err(MemoryError::BadSize(size));
        }
        let size_usize = usize::try_from(size).map_err(|_| MemoryError::BadSize(size))?;
        let reserve_len = size
            .checked_add(2 * GUARD)
            .and_then(|l| usize::try_from(l).ok())
            .ok_or(MemoryError::BadSize(size))?;
        let file_len = libc::off_t::try_from(size).map_err(|_| MemoryError::BadSize(size))?;

        // SAFETY: the name is a valid NUL-terminated string; flags are valid.
        let fd = unsafe { libc::memfd_create(c"qvm-guest".as_ptr(), libc::MFD_CLOEXEC) };
        if fd < 0 {
            return Err(MemoryError::Memfd(last_os_error()));
        }
        // SAFETY: `fd` was just returned by memfd_create and is owned by nobody else.
        let memfd = unsafe { OwnedFd::from_raw_fd(fd) };
        // SAFETY: plain syscall on a file descriptor we own.
        if unsafe { libc::ftruncate(memfd.as_raw_fd(), file_len) } != 0 {
            return Err(MemoryError::Memfd(last_os_error()));
        }

        let map_err = |len: usize| MemoryError::Map {
            len: len as u64,
            err: last_os_error(),
        };

        // SAFETY: a fresh anonymous PROT_NONE reservation at an address of the kernel's
        // choosing; it aliases nothing.
        let reserve = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                reserve_len,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if reserve == libc::MAP_FAILED {
            return Err(map_err(reserve_len));
        }
        // SAFETY: the reservation is `GUARD + size + GUARD` bytes long.
        let view = unsafe { reserve.cast::<u8>().add(GUARD_USIZE) }.cast::<libc::c_void>();
        // SAFETY: MAP_FIXED replaces `size` bytes in the middle of the reservation we own
        // (nothing else lives there) with the memory file, still PROT_NONE.
        let guest = unsafe {
            libc::mmap(
                view,
                size_usize,
                libc::PROT_NONE,
                libc::MAP_SHARED | libc::MAP_FIXED | libc::MAP_NORESERVE,
                memfd.as_raw_fd(),
                0,
            )
        };
        if guest == libc::MAP_FAILED {
            let err = map_err(size_usize);
            // SAFETY: unmapping the reservation we just made and own.
            unsafe { libc::munmap(reserve, reserve_len) };
            return Err(err);
        }
        // SAFETY: a second, read-write shared mapping of the file, at an address of the
        // kernel's choosing; it overlaps no existing mapping.
        let alias = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size_usize,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_SHARED | libc::MAP_NORESERVE,
                memfd.as_raw_fd(),
                0,
            )
        };
        if alias == libc::MAP_FAILED {
            let err = map_err(size_usize);
            // SAFETY: unmapping the reservation we own (it includes the guest view).
            unsafe { libc::munmap(reserve, reserve_len) };
            return Err(err);
        }
        // mmap never returns null on success for a non-fixed mapping of our own.
        let (Some(base), Some(alias)) = (NonNull::new(view.cast()), NonNull::new(alias.cast()))
        else {
            return Err(MemoryError::Map {
                len: size,
                err: std::io::Error::other("mmap returned null"),
            });
        };
        Ok(AddressSpace {
            base,
            alias,
            size,
            size_usize,
            memfd,
            invalidations: Vec::new(),
        })
    }

    /// Returns the space to the state [`AddressSpace::new`] leaves it in — every page
    /// zero and `PROT_NONE`, no recorded invalidations — for the next run to use
    /// ([`crate::CodeCache`] keeps a space between runs): far cheaper than a new
    /// memory file and three mappings, and unmapping the old ones.
    ///
    /// The pages the last run touched are found with `SEEK_DATA` on the file. Up to
    /// [`KEEP_RESIDENT`] bytes of them are zeroed in place and stay mapped, so the
    /// next run does not fault them in again (a fresh page costs microseconds on a
    /// virtual machine, and a short run touches the same few dozen); beyond that
    /// the whole file is punched out, so a large run's memory goes back to the host.
    pub fn reset(&mut self) -> Result<(), MemoryError> {
        if !self.clear_pages(0, self.size, KEEP_RESIDENT) {
            return Err(MemoryError::Memfd(last_os_error()));
        }
        GuestMemory::protect(self, 0, self.size, Prot::NONE).map_err(|_| MemoryError::Map {
            len: self.size,
            err: last_os_error(),
        })?;
        self.invalidations.clear();
        Ok(())
    }

    /// Zeroes the whole pages `[start, end)`: holes in the file are zero already;
    /// the memory that is there is cleared in place and stays mapped if it adds up
    /// to at most `keep` bytes, else the range is punched out of the file (zero,
    /// and the memory returned to the host). False if the host refused the punch.
    fn clear_pages(&self, start: u64, end: u64, keep: u64) -> bool {
        match self.resident_ranges(start, end, keep) {
            Some(ranges) => {
                for (s, e) in ranges {
                    self.clear(to_usize(s), to_usize(e - s));
                }
                true
            }
            None => self.punch(start, end),
        }
    }

    /// The page ranges of the file within `[start, end)` that hold memory
    /// (`SEEK_DATA`/`SEEK_HOLE`), or `None` if they add up to more than `limit`
    /// bytes or cannot be listed.
    fn resident_ranges(&self, start: u64, end: u64, limit: u64) -> Option<Vec<(u64, u64)>> {
        let fd = self.memfd.as_raw_fd();
        let mut ranges = Vec::new();
        let (mut at, mut total) = (start, 0u64);
        while at < end {
            let from = libc::off_t::try_from(at).ok()?;
            // SAFETY: plain syscalls on our own file.
            let data = unsafe { libc::lseek(fd, from, libc::SEEK_DATA) };
            if data < 0 {
                // ENXIO: no data after `at`; anything else: cannot tell.
                let done = std::io::Error::last_os_error().raw_os_error() == Some(libc::ENXIO);
                return done.then_some(ranges);
            }
            // SAFETY: as above.
            let hole = unsafe { libc::lseek(fd, data, libc::SEEK_HOLE) };
            let (lo, hi) = (u64::try_from(data).ok()?, u64::try_from(hole).ok()?);
            if lo >= end {
                break;
            }
            let hi = hi.min(end);
            if hi <= lo {
                return None;
            }
            total += hi - lo;
            if total > limit {
                return None;
            }
            ranges.push((lo, hi));
            at = hi;
        }
        Some(ranges)
    }

    /// Punches `[start, end)` (page-aligned, inside the space) out of the file:
    /// zero, and the memory returned to the host. False if the host refused.
    fn punch(&self, start: u64, end: u64) -> bool {
        let (Ok(o), Ok(l)) = (
            libc::off_t::try_from(start),
            libc::off_t::try_from(end - start),
        ) else {
            return false;
        };
        // SAFETY: plain syscall on our own file; the range lies inside it.
        unsafe {
            libc::fallocate(
                self.memfd.as_raw_fd(),
                libc::FALLOC_FL_PUNCH_HOLE | libc::FALLOC_FL_KEEP_SIZE,
                o,
                l,
            ) == 0
        }
    }

    /// Writes `data` at file offset `addr` with `pwrite` (the range is inside the
    /// space); false if the host refused, leaving the caller to copy it all.
    fn pwrite_all(&self, addr: u64, data: &[u8]) -> bool {
        let mut done = 0usize;
        while done < data.len() {
            let Ok(at) = libc::off_t::try_from(addr + done as u64) else {
                return false;
            };
            let rest = &data[done..];
            // SAFETY: plain syscall on our own file, reading `rest` (a live borrow).
            let n = unsafe {
                libc::pwrite(self.memfd.as_raw_fd(), rest.as_ptr().cast(), rest.len(), at)
            };
            match usize::try_from(n) {
                Ok(n) if n > 0 => done += n,
                _ => return false,
            }
        }
        true
    }

    /// Zeroes `n` bytes at offset `off` through the read-write view.
    fn clear(&self, off: usize, n: usize) {
        debug_assert!(off.saturating_add(n) <= self.size_usize);
        // SAFETY: callers pass ranges of the space (checked or derived from checked
        // ones), which the alias maps whole; no Rust object lives there.
        unsafe { std::ptr::write_bytes(self.alias.as_ptr().add(off), 0, n) };
    }

    /// Host address of guest address 0 in the guest view (what compiled code adds guest
    /// addresses to). Its protections are the guest's.
    pub fn base(&self) -> *mut u8 {
        self.base.as_ptr()
    }

    /// Host address of guest address 0 in the always read-write view of the same memory
    /// (for the KVM backend's memory slot and other privileged access). Writes through it
    /// bypass guest protections and do not invalidate translated code.
    pub fn rw_base(&self) -> *mut u8 {
        self.alias.as_ptr()
    }

    /// Size of the guest space in bytes.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Returns and clears the ranges recorded by [`GuestMemory::invalidate_code`] since
    /// the last call, in the order they were recorded.
    pub fn take_invalidations(&mut self) -> Vec<(u64, u64)> {
        std::mem::take(&mut self.invalidations)
    }

    /// Checks `[addr, addr+len)` lies in the guest space; returns it as host offsets.
    fn check(&self, addr: u64, len: u64) -> Result<(usize, usize), OutOfRange> {
        let err = OutOfRange { addr, len };
        let end = addr.checked_add(len).ok_or(err)?;
        if end > self.size {
            return Err(err);
        }
        // Both fit: they are at most `size`, which fits in usize.
        Ok((
            usize::try_from(addr).map_err(|_| err)?,
            usize::try_from(len).map_err(|_| err)?,
        ))
    }
}

impl Drop for AddressSpace {
    fn drop(&mut self) {
        // SAFETY: both mappings were created by `new` with exactly these lengths and are
        // owned by `self`; no reference into them outlives `self` (all accessors copy).
        unsafe {
            libc::munmap(self.alias.as_ptr().cast(), self.size_usize);
            libc::munmap(
                self.base.as_ptr().sub(GUARD_USIZE).cast(),
                self.size_usize + 2 * GUARD_USIZE,
            );
        }
    }
}

impl GuestMemory for AddressSpace {
    fn size(&self) -> u64 {
        self.size
    }

    fn read(&self, addr: u64, buf: &mut [u8]) -> Result<(), OutOfRange> {
        let (off, len) = self.check(addr, buf.len() as u64)?;
        // SAFETY: `[off, off+len)` lies inside the read-write alias mapping (checked
        // above), which `buf` (a Rust borrow) cannot overlap.
        unsafe {
            std::ptr::copy_nonoverlapping(self.alias.as_ptr().add(off), buf.as_mut_ptr(), len)
        };
        Ok(())
    }

    fn write(&mut self, addr: u64, data: &[u8]) -> Result<(), OutOfRange> {
        let (off, len) = self.check(addr, data.len() as u64)?;
        // Large writes (the loader's segments) go through the file: the kernel puts
        // the bytes into the file's pages directly instead of each page being
        // faulted into the read-write view first.
        if len >= PWRITE_MIN && self.pwrite_all(addr, data) {
            return Ok(());
        }
        // SAFETY: `[off, off+len)` lies inside the read-write alias mapping (checked
        // above), which `data` (a Rust borrow) cannot overlap.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), self.alias.as_ptr().add(off), len) };
        Ok(())
    }

    fn zero(&mut self, addr: u64, len: u64) -> Result<(), OutOfRange> {
        let (off, n) = self.check(addr, len)?;
        let first_full = page_up(addr).unwrap_or(u64::MAX);
        let end = addr + len;
        let last_full = page_down(end);
        if first_full >= last_full {
            self.clear(off, n);
            return Ok(());
        }
        // The partial pages at either end are cleared by hand (both are below
        // PAGE_SIZE); the whole pages are cleared in place when little of them is
        // resident (it stays mapped: a fresh mapping, what this mostly serves, is
        // used at once, and a page faulted in again costs microseconds), else
        // punched out (see `clear_pages`).
        let head = to_usize(first_full - addr);
        let tail = to_usize(end - last_full);
        self.clear(off, head);
        self.clear(off + n - tail, tail);
        if !self.clear_pages(first_full, last_full, ZERO_IN_PLACE) {
            self.clear(off + head, n - head - tail);
        }
        Ok(())
    }

    /// Host protection for a guest protection: READ or EXEC → `PROT_READ`, WRITE →
    /// `PROT_READ|PROT_WRITE`, nothing → `PROT_NONE`; never `PROT_EXEC`. The range is
    /// widened to whole pages. A host `mprotect` failure (only possible when the host's
    /// `vm.max_map_count` is exhausted) is reported as `OutOfRange`, as the trait offers
    /// no other error.
    fn protect(&mut self, addr: u64, len: u64, prot: Prot) -> Result<(), OutOfRange> {
        let err = OutOfRange { addr, len };
        self.check(addr, len)?;
        let start = page_down(addr);
        let end = page_up(addr + len).ok_or(err)?.min(self.size);
        if end == start {
            return Ok(());
        }
        let host = if prot.writable() {
            libc::PROT_READ | libc::PROT_WRITE
        } else if prot.readable() || prot.executable() {
            libc::PROT_READ
        } else {
            libc::PROT_NONE
        };
        let (off, n) = self.check(start, end - start)?;
        // SAFETY: `[off, off+n)` is page-aligned and inside the guest view, which only
        // compiled guest code accesses; it never holds Rust objects.
        let rc = unsafe { libc::mprotect(self.base.as_ptr().add(off).cast(), n, host) };
        if rc != 0 {
            return Err(err);
        }
        Ok(())
    }

    fn invalidate_code(&mut self, addr: u64, len: u64) {
        self.invalidations.push((addr, len));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: u64 = 1 << 20;

    /// The permission string of the `/proc/self/maps` line containing host address `a`.
    fn host_perms(a: usize) -> String {
        let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
        for line in maps.lines() {
            let range = line.split_whitespace().next().unwrap();
            let (lo, hi) = range.split_once('-').unwrap();
            let lo = usize::from_str_radix(lo, 16).unwrap();
            let hi = usize::from_str_radix(hi, 16).unwrap();
            if (lo..hi).contains(&a) {
                return line.split_whitespace().nth(1).unwrap().to_string();
            }
        }
        panic!("{a:#x} not mapped");
    }

    #[test]
    fn rejects_bad_sizes() {
        assert!(matches!(AddressSpace::new(0), Err(MemoryError::BadSize(0))));
        assert!(matches!(
            AddressSpace::new(4097),
            Err(MemoryError::BadSize(4097))
        ));
    }

    #[test]
    fn full_size_space_reserves_and_drops() {
        let size = qvm_kernel::layout::GUEST_SPACE_SIZE;
        for _ in 0..3 {
            let mut s = AddressSpace::new(size).unwrap();
            assert_eq!(GuestMemory::size(&s), size);
            s.write(size - 4, &[1, 2, 3, 4]).unwrap();
            let mut b = [0; 4];
            s.read(size - 4, &mut b).unwrap();
            assert_eq!(b, [1, 2, 3, 4]);
        }
    }

    #[test]
    fn read_write_roundtrip_and_bounds() {
        let mut s = AddressSpace::new(16 * MIB).unwrap();
        s.write(0x1234, b"hello").unwrap();
        let mut b = [0u8; 5];
        s.read(0x1234, &mut b).unwrap();
        assert_eq!(&b, b"hello");
        let size = 16 * MIB;
        assert_eq!(
            s.write(size - 2, b"abc"),
            Err(OutOfRange {
                addr: size - 2,
                len: 3
            })
        );
        assert!(s.read(u64::MAX, &mut b).is_err());
        assert!(s.zero(size, 1).is_err());
        assert!(s.zero(1, u64::MAX).is_err());
        assert!(s.protect(size, PAGE_SIZE, Prot::RW).is_err());
        // Empty accesses at the very end are fine.
        s.write(size, &[]).unwrap();
    }

    #[test]
    fn kernel_writes_through_read_only_and_none_pages() {
        let mut s = AddressSpace::new(16 * MIB).unwrap();
        s.protect(0x10000, 0x2000, Prot::RX).unwrap();
        s.write(0x10ffe, &[0xaa; 4]).unwrap(); // straddles two read-only pages
        s.protect(0x20000, 0x1000, Prot::NONE).unwrap();
        s.write(0x20010, &[0xbb]).unwrap();
        let mut b = [0; 4];
        s.read(0x10ffe, &mut b).unwrap();
        assert_eq!(b, [0xaa; 4]);
        // The guest view sees the same bytes.
        // SAFETY: 0x10ffe..0x11002 is mapped PROT_READ in the guest view.
        let v = unsafe { std::ptr::read_unaligned(s.base().add(0x10ffe).cast::<[u8; 4]>()) };
        assert_eq!(v, [0xaa; 4]);
    }

    #[test]
    fn large_writes_reach_both_views() {
        let mut s = AddressSpace::new(16 * MIB).unwrap();
        let data: Vec<u8> = (0..PWRITE_MIN * 4 + 123)
            .map(|i| u8::try_from(i % 251).unwrap())
            .collect();
        s.protect(0x20000, 0x20000, Prot::RX).unwrap();
        s.write(0x20005, &data).unwrap();
        let mut got = vec![0u8; data.len()];
        s.read(0x20005, &mut got).unwrap();
        assert_eq!(got, data);
        // SAFETY: the range was made readable in the guest view above.
        let seen = unsafe { std::slice::from_raw_parts(s.base().add(0x20005), data.len()) };
        assert_eq!(seen, &data[..]);
    }

    #[test]
    fn protections_map_to_host() {
        let mut s = AddressSpace::new(16 * MIB).unwrap();
        let host =
            |s: &AddressSpace, a: u64| host_perms(s.base() as usize + usize::try_from(a).unwrap());
        assert_eq!(&host(&s, 0x5000)[..3], "---");
        s.protect(0x5000, 0x1000, Prot(Prot::READ)).unwrap();
        assert_eq!(&host(&s, 0x5000)[..3], "r--");
        s.protect(0x5000, 0x1000, Prot(Prot::EXEC)).unwrap();
        assert_eq!(&host(&s, 0x5000)[..3], "r--");
        s.protect(0x5000, 0x1000, Prot(7)).unwrap();
        assert_eq!(&host(&s, 0x5000)[..3], "rw-");
        s.protect(0x5000, 0x1000, Prot::NONE).unwrap();
        assert_eq!(&host(&s, 0x5000)[..3], "---");
        // Unaligned ranges widen to whole pages.
        s.protect(0x7ff0, 0x20, Prot::RW).unwrap();
        assert_eq!(&host(&s, 0x7000)[..3], "rw-");
        assert_eq!(&host(&s, 0x8000)[..3], "rw-");
        assert_eq!(&host(&s, 0x9000)[..3], "---");
        // The guard after the space is never accessible.
        s.protect(0, 16 * MIB, Prot::RW).unwrap();
        assert_eq!(&host(&s, 16 * MIB)[..3], "---");
        assert_eq!(&host(&s, 16 * MIB + GUARD - 1)[..3], "---");
    }

    #[test]
    fn zero_clears_partial_and_whole_pages() {
        let mut s = AddressSpace::new(16 * MIB).unwrap();
        let pattern = vec![0x5au8; 0x6000];
        s.write(0x10000, &pattern).unwrap();
        s.protect(0x10000, 0x6000, Prot::RX).unwrap();
        // Clears 0x10800..0x14800: two partial pages and three whole ones.
        s.zero(0x10800, 0x4000).unwrap();
        let mut got = vec![0u8; 0x6000];
        s.read(0x10000, &mut got).unwrap();
        for (i, b) in got.iter().enumerate() {
            let a = 0x10000 + i;
            let expect = if (0x10800..0x14800).contains(&a) {
                0
            } else {
                0x5a
            };
            assert_eq!(*b, expect, "at {a:#x}");
        }
        // Small range inside one page.
        s.zero(0x15001, 3).unwrap();
        s.read(0x15000, &mut got[..5]).unwrap();
        assert_eq!(&got[..5], &[0x5a, 0, 0, 0, 0x5a]);
        // The guest view agrees after hole punching.
        // SAFETY: 0x12000 is mapped PROT_READ in the guest view.
        let v = unsafe { std::ptr::read(s.base().add(0x12000)) };
        assert_eq!(v, 0);
    }

    #[test]
    fn reset_leaves_the_space_as_new() {
        let mut s = AddressSpace::new(16 * MIB).unwrap();
        let base = s.base() as usize;
        s.write(0x3000, &[0x77; 0x2100]).unwrap();
        s.protect(0x3000, 0x3000, Prot::RW).unwrap();
        s.protect(0x9000, 0x1000, Prot::RX).unwrap();
        s.invalidate_code(0x9000, 1);
        s.reset().unwrap();
        assert_eq!(s.base() as usize, base, "the same mapping is kept");
        let mut got = vec![0xffu8; 0x3000];
        s.read(0x3000, &mut got).unwrap();
        assert!(got.iter().all(|&b| b == 0), "memory reads zero again");
        for a in [0x3000, 0x5000, 0x9000] {
            assert_eq!(
                &host_perms(base + a)[..3],
                "---",
                "{a:#x} is PROT_NONE again"
            );
        }
        assert!(s.take_invalidations().is_empty());
        // More touched memory than is kept resident: freed, and zero as well.
        let big = usize::try_from(KEEP_RESIDENT).unwrap() + 0x2000;
        s.write(0x10_0000, &vec![0x33; big]).unwrap();
        s.reset().unwrap();
        assert_eq!(
            s.resident_ranges(0, s.size, u64::MAX),
            Some(Vec::new()),
            "all freed"
        );
        let mut tail = [0xffu8; 16];
        s.read(0x10_0000 + big as u64 - 16, &mut tail).unwrap();
        assert_eq!(tail, [0; 16]);
        // And it works as a fresh one.
        s.protect(0x3000, 0x1000, Prot::RW).unwrap();
        // SAFETY: 0x3000 was just made read-write in the guest view.
        unsafe { s.base().add(0x3000).write(5) };
        s.read(0x3000, &mut got[..1]).unwrap();
        assert_eq!(got[0], 5);
    }

    #[test]
    fn zero_keeps_a_little_memory_and_frees_a_lot() {
        let mut s = AddressSpace::new(16 * MIB).unwrap();
        s.write(0x4000, &[9; 0x3000]).unwrap();
        s.zero(0x4000, 0x3000).unwrap();
        assert_eq!(
            s.resident_ranges(0, s.size, u64::MAX),
            Some(vec![(0x4000, 0x7000)]),
            "cleared in place"
        );
        let big = 2 * MIB;
        s.write(MIB, &vec![9; usize::try_from(big).unwrap()])
            .unwrap();
        s.zero(MIB, big).unwrap();
        assert_eq!(
            s.resident_ranges(MIB, MIB + big, u64::MAX),
            Some(Vec::new()),
            "punched out"
        );
        let mut got = vec![1u8; 0x3000];
        s.read(0x4000, &mut got).unwrap();
        assert!(got.iter().all(|&b| b == 0));
        s.read(MIB + big - 0x3000, &mut got).unwrap();
        assert!(got.iter().all(|&b| b == 0));
    }

    #[test]
    fn invalidations_are_recorded_and_taken() {
        let mut s = AddressSpace::new(MIB).unwrap();
        s.invalidate_code(0x1000, 0x10);
        s.invalidate_code(0x3000, 0x2000);
        assert_eq!(
            s.take_invalidations(),
            vec![(0x1000, 0x10), (0x3000, 0x2000)]
        );
        assert!(s.take_invalidations().is_empty());
    }
}
