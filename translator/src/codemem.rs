//! Executable memory for compiled blocks, packed densely.
//!
//! Every compiled function is used at once, so code cannot wait for a page to
//! fill before it turns executable; and a block — typically a few hundred bytes —
//! alone on a 4 KiB page (cranelift-jit's way) made a hot loop over a thousand
//! blocks walk a thousand pages: instruction-TLB misses at nearly every block
//! transition.
//!
//! [`PackedCode`] bump-allocates from one reserved range instead, and maps it
//! twice: the memory file behind it is mapped read+write at one address, where
//! each function is written, and read+execute at another, where the code runs.
//! No page is ever writable and executable in the same mapping (W^X holds per
//! view), and no `mprotect` is needed between functions: flipping the last page's
//! protection twice per compiled block used to cost two system calls and a TLB
//! flush each time (7 000 calls in a SQLite run).
//!
//! (The functions are compiled by Cranelift directly, not through cranelift-jit's
//! module: it formatted a symbol name and searched the environment for
//! `PERF_BUILDID_DIR` at every function, and kept per-function records qvm never
//! reads — about 3% of the run loop's thread on SQLite.)
//!
//! The writable view is host memory like any other the translator owns (the
//! jump cache, which holds code pointers, is another): guest code reaches neither,
//! since every guest access is confined to the guest space. Compiled code must be
//! position-independent — it has no relocations ([`crate::cache`] checks) — so it
//! runs unchanged at the other view. x86 keeps instruction fetch coherent with
//! stores by physical address, so code written through one view runs correctly
//! from the other.

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

// SAFETY: the provider owns its range; a code module (and with it the provider)
// moves to the compile thread whole, and all access goes through `&mut self`.
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

    /// Copies `code` to the next `align`-aligned free bytes and returns the
    /// address it runs at.
    pub fn write(&mut self, code: &[u8], align: usize) -> io::Result<*const u8> {
        let align = align.max(self.min_align);
        let start = self.position.div_ceil(align) * align;
        let end = start
            .checked_add(code.len())
            .filter(|&e| e <= RESERVE)
            .ok_or_else(|| io::Error::other("qvm code cache: 1 GiB of compiled code exhausted"))?;
        // SAFETY: start..end lies inside the writable view (end <= RESERVE), past
        // every function written so far, so no code that may run is overwritten.
        unsafe {
            core::ptr::copy_nonoverlapping(code.as_ptr(), self.write.add(start), code.len());
        }
        self.position = end;
        Ok(self.exec.wrapping_add(start).cast_const())
    }

    /// Unmaps both views and closes the memory file.
    ///
    /// # Safety
    /// No function written here may run again.
    pub unsafe fn free(&mut self) {
        // SAFETY: the caller promises no function of this provider runs again; the
        // views and the descriptor are ours.
        unsafe {
            libc::munmap(self.write.cast(), RESERVE);
            libc::munmap(self.exec.cast(), RESERVE);
            libc::close(self.fd);
        }
        self.position = 0;
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
            code.write(&[0xb8, value, 0, 0, 0, 0xc3], 16)
                .expect("write")
        };
        let first = make(42);
        let second = make(7);
        assert_eq!(second as usize - first as usize, 16, "packed");
        for (f, want) in [(first, 42), (second, 7)] {
            // SAFETY: `f` is the executable address of the function just written.
            let f: extern "C" fn() -> u32 = unsafe { core::mem::transmute(f) };
            assert_eq!(f(), want);
        }
        // SAFETY: nothing runs from this memory any more.
        unsafe { code.free() };
    }

    /// A reservation runs out with an error, not by writing past it.
    #[test]
    fn code_beyond_the_reservation_is_refused() {
        let mut code = PackedCode::new(1).expect("code memory");
        code.position = RESERVE - 4;
        assert!(code.write(&[0xc3; 8], 1).is_err());
        assert!(code.write(&[0xc3; 4], 1).is_ok());
        // SAFETY: nothing runs from this memory.
        unsafe { code.free() };
    }
}
