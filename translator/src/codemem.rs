//! Executable memory for compiled blocks, packed densely.
//!
//! cranelift-jit's default provider starts every finalized function on a fresh
//! page (it cannot write to a page it has made executable). qvm finalizes after
//! every block, so each block — typically a few hundred bytes — sat alone on a
//! 4 KiB page, and a hot loop over a thousand blocks walked a thousand pages:
//! instruction-TLB misses at nearly every block transition.
//!
//! [`PackedCode`] bump-allocates from one reserved range instead. The page that
//! holds the end of the code so far is made writable again (and not executable)
//! while the next function is written into it, then everything written becomes
//! read+execute. Memory is never writable and executable at once (W^X holds). It
//! is sound because a translator compiles only between guest runs on its own
//! thread: no code of this range runs while one of its pages is writable.

use cranelift_jit::{BranchProtection, JITMemoryKind, JITMemoryProvider};
use cranelift_module::{ModuleError, ModuleResult};
use std::io;

/// Address space reserved per provider: far more code than any run compiles
/// (a large program compiles a few MiB); only pages written are committed.
const RESERVE: usize = 1 << 30;
const PAGE: usize = 4096;

/// A bump allocator over one reserved range (see the module docs).
pub struct PackedCode {
    base: *mut u8,
    /// Bytes handed out so far.
    position: usize,
    /// Bytes (page-rounded) currently read+execute, from `base`.
    executable: usize,
    /// Bytes (page-rounded) committed read+write beyond `executable`.
    writable_end: usize,
}

// SAFETY: the provider owns its range; cranelift-jit moves it with the module, and
// all access goes through `&mut self`.
unsafe impl Send for PackedCode {}

impl PackedCode {
    /// Reserves the range (inaccessible until used).
    pub fn new() -> io::Result<PackedCode> {
        // SAFETY: an anonymous private PROT_NONE reservation; no existing memory
        // is affected.
        let p = unsafe {
            libc::mmap(
                core::ptr::null_mut(),
                RESERVE,
                libc::PROT_NONE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(io::Error::last_os_error());
        }
        Ok(PackedCode {
            base: p.cast(),
            position: 0,
            executable: 0,
            writable_end: 0,
        })
    }

    fn protect(&self, from: usize, to: usize, prot: libc::c_int) -> io::Result<()> {
        if to <= from {
            return Ok(());
        }
        // SAFETY: [from, to) is page-aligned and inside the reservation this
        // provider owns; no code in it runs while it changes (see module docs).
        let r = unsafe { libc::mprotect(self.base.add(from).cast(), to - from, prot) };
        if r == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }
}

fn page_down(x: usize) -> usize {
    x & !(PAGE - 1)
}

fn page_up(x: usize) -> usize {
    (x + PAGE - 1) & !(PAGE - 1)
}

impl JITMemoryProvider for PackedCode {
    fn allocate(&mut self, size: usize, align: u64, kind: JITMemoryKind) -> io::Result<*mut u8> {
        let align = usize::try_from(align).unwrap_or(PAGE).max(1);
        if !matches!(kind, JITMemoryKind::Executable) {
            // Compiled blocks declare no data objects; finalizing makes everything
            // here executable, so data must not be placed here.
            return Err(io::Error::other(
                "qvm code cache: data objects are not supported",
            ));
        }
        let start = self.position.div_ceil(align) * align;
        let end = start
            .checked_add(size)
            .filter(|&e| e <= RESERVE)
            .ok_or_else(|| io::Error::other("qvm code cache: 1 GiB of compiled code exhausted"))?;
        // The page the new code starts in may be executable (it holds the end of
        // earlier code): make it writable for the write; finalize makes it
        // executable again.
        let first = page_down(start).min(self.executable);
        self.protect(first, page_up(end), libc::PROT_READ | libc::PROT_WRITE)?;
        self.executable = first;
        self.writable_end = self.writable_end.max(page_up(end));
        self.position = end;
        // SAFETY: start < RESERVE, inside the reservation.
        Ok(unsafe { self.base.add(start) })
    }

    unsafe fn free_memory(&mut self) {
        // SAFETY: the caller promises no function of this module runs again.
        unsafe { libc::munmap(self.base.cast(), RESERVE) };
        self.position = 0;
        self.executable = 0;
        self.writable_end = 0;
    }

    fn finalize(&mut self, _branch_protection: BranchProtection) -> ModuleResult<()> {
        self.protect(
            self.executable,
            self.writable_end,
            libc::PROT_READ | libc::PROT_EXEC,
        )
        .map_err(|e| ModuleError::Backend(e.into()))?;
        self.executable = self.writable_end;
        // x86 keeps instruction fetch coherent with stores; the pages were just
        // remapped executable by mprotect, which serializes as a syscall.
        Ok(())
    }
}
