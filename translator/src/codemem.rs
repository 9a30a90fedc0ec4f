//! Executable memory for compiled blocks, packed densely.
//!
//! cranelift-jit's default provider starts every finalized function on a fresh
//! page (it cannot write to a page it has made executable). qvm finalizes after
//! every block, so each block — typically a few hundred bytes — sat alone on a
//! 4 KiB page, and a hot loop over a thousand blocks walked a thousand pages:
//! instruction-TLB misses at nearly every block transition.
//!
//! [`PackedCode`] bump-allocates from one reserved range instead, and maps it
//! twice: the memory file behind it is mapped read+write at one address, where
//! cranelift-jit writes each function, and read+execute at another, where the
//! code runs ([`PackedCode::exec_offset`] turns one address into the other). No
//! page is ever writable and executable in the same mapping (W^X holds per
//! view), and no `mprotect` is needed between functions: flipping the last page's
//! protection twice per compiled block used to cost two system calls and a TLB
//! flush each time (7 000 calls in a SQLite run).
//!
//! The writable view is host memory like any other the translator owns (the
//! jump cache, which holds code pointers, is another): guest code reaches neither,
//! since every guest access is confined to the guest space. Compiled code must be
//! position-independent — it has no relocations ([`crate::cache`] checks) — so it
//! runs unchanged at the other view. x86 keeps instruction fetch coherent with
//! stores by physical address, so code written through one view runs correctly
//! from the other.

use cranelift_jit::{BranchProtection, JITMemoryKind, JITMemoryProvider};
use cranelift_module::ModuleResult;
use std::io;

/// Address space reserved per provider: far more code than any run compiles
/// (a large program compiles a few MiB); only pages written are committed.
const RESERVE: usize = 1 << 30;

/// A bump allocator over one doubly mapped range (see the module docs).
pub struct PackedCode {
    /// The read+write view: where functions are written.
    write: *mut u8,
    /// The read+execute view of the same memory: where they run.
    exec: *mut u8,
    /// The memory file both views map.
    fd: libc::c_int,
    /// Bytes handed out so far.
    position: usize,
    /// Functions start at a multiple of this (at least).
    min_align: usize,
}

// SAFETY: the provider owns its range; cranelift-jit moves it with the module, and
// all access goes through `&mut self`.
unsafe impl Send for PackedCode {}

/// Maps the whole reservation of `fd`, shared, with protection `prot`.
fn map_view(fd: libc::c_int, prot: libc::c_int) -> io::Result<*mut u8> {
    // SAFETY: a fresh shared mapping of our own memory file; no existing memory
    // is affected.
    let p = unsafe {
        libc::mmap(
            core::ptr::null_mut(),
            RESERVE,
            prot,
            libc::MAP_SHARED | libc::MAP_NORESERVE,
            fd,
            0,
        )
    };
    if p == libc::MAP_FAILED {
        Err(io::Error::last_os_error())
    } else {
        Ok(p.cast())
    }
}

impl PackedCode {
    /// Creates the memory file and maps its two views (nothing is committed
    /// until written).
    /// A provider whose functions start at least `min_align`-aligned. Regions use
    /// whole cache lines (64): one compiled on the compile thread then never
    /// shares a line with code the run loop's thread may be executing while it
    /// is written (see [`crate::background`]).
    pub fn new(min_align: usize) -> io::Result<PackedCode> {
        // SAFETY: memfd_create with a NUL-terminated name; the descriptor is
        // owned by the provider from here on and closed on every error path.
        let fd = unsafe { libc::memfd_create(c"qvm-code".as_ptr(), libc::MFD_CLOEXEC) };
        if fd < 0 {
            return Err(io::Error::last_os_error());
        }
        let close = |e: io::Error| {
            // SAFETY: fd is ours and not used after this.
            unsafe { libc::close(fd) };
            e
        };
        let len = libc::off_t::try_from(RESERVE).map_err(|_| close(io::Error::other("size")))?;
        // SAFETY: fd is a memory file we just created.
        if unsafe { libc::ftruncate(fd, len) } != 0 {
            return Err(close(io::Error::last_os_error()));
        }
        let write = map_view(fd, libc::PROT_READ | libc::PROT_WRITE).map_err(close)?;
        let exec = match map_view(fd, libc::PROT_READ | libc::PROT_EXEC) {
            Ok(p) => p,
            Err(e) => {
                // SAFETY: `write` is the mapping made just above, unused so far.
                unsafe { libc::munmap(write.cast(), RESERVE) };
                return Err(close(e));
            }
        };
        Ok(PackedCode {
            write,
            exec,
            fd,
            position: 0,
            min_align: min_align.max(1),
        })
    }

    /// What to add (wrapping) to the address cranelift-jit reports for a function
    /// — in the writable view — to get the address it runs at.
    pub fn exec_offset(&self) -> usize {
        (self.exec as usize).wrapping_sub(self.write as usize)
    }
}

impl JITMemoryProvider for PackedCode {
    fn allocate(&mut self, size: usize, align: u64, kind: JITMemoryKind) -> io::Result<*mut u8> {
        let align = usize::try_from(align).unwrap_or(4096).max(self.min_align);
        if !matches!(kind, JITMemoryKind::Executable) {
            // Compiled blocks declare no data objects, and this memory runs.
            return Err(io::Error::other(
                "qvm code cache: data objects are not supported",
            ));
        }
        let start = self.position.div_ceil(align) * align;
        let end = start
            .checked_add(size)
            .filter(|&e| e <= RESERVE)
            .ok_or_else(|| io::Error::other("qvm code cache: 1 GiB of compiled code exhausted"))?;
        self.position = end;
        // SAFETY: start < RESERVE, inside the writable view.
        Ok(unsafe { self.write.add(start) })
    }

    unsafe fn free_memory(&mut self) {
        // SAFETY: the caller promises no function of this module runs again; the
        // views and the descriptor are ours.
        unsafe {
            libc::munmap(self.write.cast(), RESERVE);
            libc::munmap(self.exec.cast(), RESERVE);
            libc::close(self.fd);
        }
        self.position = 0;
    }

    fn finalize(&mut self, _branch_protection: BranchProtection) -> ModuleResult<()> {
        // Nothing to change: the code is already executable in the other view.
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Code written through the writable view runs at the executable one, and a
    /// second function packed right behind the first (same page) runs too.
    #[test]
    fn written_code_runs_at_the_other_view() {
        let mut code = PackedCode::new(1).expect("code memory");
        let mut make = |value: u8| {
            // mov eax, value; ret
            let bytes = [0xb8, value, 0, 0, 0, 0xc3];
            let p = code
                .allocate(bytes.len(), 16, JITMemoryKind::Executable)
                .expect("allocate");
            // SAFETY: `allocate` handed out `bytes.len()` writable bytes at `p`.
            unsafe { core::ptr::copy_nonoverlapping(bytes.as_ptr(), p, bytes.len()) };
            p.wrapping_add(code.exec_offset())
        };
        let first = make(42);
        let second = make(7);
        assert_eq!(second as usize - first as usize, 16, "packed");
        code.finalize(BranchProtection::None).expect("finalize");
        for (f, want) in [(first, 42), (second, 7)] {
            // SAFETY: `f` is the executable address of the function just written.
            let f: extern "C" fn() -> u32 = unsafe { core::mem::transmute(f) };
            assert_eq!(f(), want);
        }
        assert!(
            code.allocate(8, 16, JITMemoryKind::ReadOnly).is_err(),
            "data objects are refused"
        );
        // SAFETY: nothing runs from this memory any more.
        unsafe { code.free_memory() };
    }
}
