//! The executable's bytes: owned, or the file mapped read-only.
//!
//! `qvm run` used to read the ELF into a `Vec`: for a 750 KiB glibc program that is
//! a fresh anonymous allocation whose ~190 pages are each faulted in and cleared
//! before the copy, then freed again once the loader has copied the segments into the
//! guest space — about a tenth of the glibc hello world's start-up. A private
//! read-only mapping of the file costs a handful of page-cache faults instead (the
//! kernel maps neighbouring cached pages on each), and only the pages the loader
//! touches are ever mapped.
//!
//! A mapped file must not be truncated by another process while the run is being
//! set up: reading a page past the new end raises `SIGBUS` in qvm (the same
//! condition Wasmtime documents for its mapped precompiled modules). The bytes are
//! only read while loading; embedders that cannot rule that out pass an owned
//! `Vec<u8>` instead ([`ElfBytes::from`]).

use std::fs::File;
use std::ops::Deref;
use std::os::fd::AsRawFd;
use std::path::Path;
use std::ptr::NonNull;

/// The bytes of an ELF file, owned or mapped (see the module documentation).
pub struct ElfBytes(Repr);

enum Repr {
    Owned(Vec<u8>),
    Mapped { ptr: NonNull<u8>, len: usize },
}

// SAFETY: a mapping is read-only and owned by this value alone (no interior
// mutability), so sharing or moving it across threads is as safe as for `Vec<u8>`.
unsafe impl Send for ElfBytes {}
// SAFETY: as above: `&ElfBytes` only ever reads.
unsafe impl Sync for ElfBytes {}

impl ElfBytes {
    /// Maps the file at `path` read-only. What cannot be mapped is read instead: an
    /// empty file, a pipe or a device (`qvm run <(…)`); a directory is an error
    /// (`EISDIR`), as for [`std::fs::read`].
    pub fn open(path: &Path) -> std::io::Result<ElfBytes> {
        let mut file = File::open(path)?;
        let meta = file.metadata()?;
        if meta.is_dir() {
            return Err(std::io::Error::from_raw_os_error(libc::EISDIR));
        }
        if !meta.is_file() || meta.len() == 0 {
            let mut v = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut v)?;
            return Ok(ElfBytes(Repr::Owned(v)));
        }
        let len = usize::try_from(meta.len())
            .map_err(|_| std::io::Error::other("file larger than the address space"))?;
        // SAFETY: a fresh private read-only mapping chosen by the kernel: it
        // overlaps nothing of ours; `file` is open for reading and may be closed
        // once mapped.
        let p = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                len,
                libc::PROT_READ,
                libc::MAP_PRIVATE,
                file.as_raw_fd(),
                0,
            )
        };
        if p == libc::MAP_FAILED {
            return Err(std::io::Error::last_os_error());
        }
        let ptr = NonNull::new(p.cast::<u8>())
            .ok_or_else(|| std::io::Error::other("mmap returned null"))?;
        Ok(ElfBytes(Repr::Mapped { ptr, len }))
    }
}

impl Deref for ElfBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match &self.0 {
            Repr::Owned(v) => v,
            // SAFETY: `ptr` is a live read-only mapping of `len` bytes until drop.
            Repr::Mapped { ptr, len } => unsafe { std::slice::from_raw_parts(ptr.as_ptr(), *len) },
        }
    }
}

impl From<Vec<u8>> for ElfBytes {
    fn from(v: Vec<u8>) -> ElfBytes {
        ElfBytes(Repr::Owned(v))
    }
}

impl From<&[u8]> for ElfBytes {
    fn from(v: &[u8]) -> ElfBytes {
        ElfBytes(Repr::Owned(v.to_vec()))
    }
}

impl Drop for ElfBytes {
    fn drop(&mut self) {
        if let Repr::Mapped { ptr, len } = self.0 {
            // SAFETY: the mapping made in `open`, unmapped once; no borrow of it
            // outlives `self`.
            unsafe { libc::munmap(ptr.as_ptr().cast(), len) };
        }
    }
}

impl std::fmt::Debug for ElfBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.0 {
            Repr::Owned(_) => "owned",
            Repr::Mapped { .. } => "mapped",
        };
        write!(f, "ElfBytes({kind}, {} bytes)", self.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapped_file_reads_as_its_bytes() {
        let dir = std::env::temp_dir().join(format!("qvm-elfbytes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("f");
        let data: Vec<u8> = (0..20_000u32)
            .map(|i| u8::try_from(i * 7 % 251).unwrap())
            .collect();
        std::fs::write(&path, &data).unwrap();
        let m = ElfBytes::open(&path).unwrap();
        assert_eq!(&m[..], &data[..]);
        drop(m);
        std::fs::write(&path, b"").unwrap();
        let empty = ElfBytes::open(&dir.join("f")).unwrap();
        assert!(empty.is_empty());
        let missing = ElfBytes::open(&dir.join("missing"));
        assert!(missing.is_err());
        let d = ElfBytes::open(&dir).unwrap_err();
        assert_eq!(d.raw_os_error(), Some(libc::EISDIR), "{d}");
        // A device is read, not mapped.
        let piped = ElfBytes::open(Path::new("/dev/null")).unwrap();
        assert!(piped.is_empty());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
