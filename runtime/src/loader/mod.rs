//! ELF loading and the initial process stack.
//!
//! [`load_elf`] validates a statically linked x86-64 executable (ET_EXEC, or a static-pie
//! ET_DYN without PT_INTERP), maps its PT_LOAD segments into a fresh [`AddressSpace`] and
//! registers them with the synthetic kernel; [`build_stack`] then maps the stack and
//! writes argc/argv/envp/auxv exactly as Linux's `create_elf_tables` does, so the guest's
//! libc starts up as it would on Linux.
//!
//! Only the ELF header and program headers are read (as Linux does): section headers,
//! symbols and notes may be anything. Every malformed input is a [`LoadError`] naming
//! what is wrong; nothing here panics on any input.
//!
//! The kernel is reached through the small [`LoaderKernel`] trait (implemented for
//! [`qvm_kernel::Kernel`]) so the loader can be tested without a whole kernel.
//!
//! [`AddressSpace`]: crate::memory::AddressSpace

mod elf;
mod stack;
#[cfg(test)]
mod tests;

use qvm_kernel::{Kernel, OutOfRange, Prot};

pub use elf::load_elf;
pub use stack::{at, build_stack, StackArgs};

/// Why an ELF could not be loaded (or its stack built). Each message is one line.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file does not start with `\x7fELF`.
    #[error("not an ELF file (bad magic number)")]
    NotElf,
    /// A 32-bit ELF.
    #[error("32-bit ELF (ELFCLASS32): only 64-bit x86-64 programs are supported")]
    Elf32,
    /// EI_CLASS is neither 32 nor 64 bits.
    #[error("invalid ELF class {0}")]
    BadClass(u8),
    /// A big-endian ELF.
    #[error("big-endian ELF: only little-endian x86-64 programs are supported")]
    BigEndian,
    /// EI_DATA is neither little nor big endian.
    #[error("invalid ELF data encoding {0}")]
    BadEncoding(u8),
    /// Built for another processor.
    #[error("ELF is for machine {name} ({machine}), not x86-64")]
    WrongMachine {
        /// `e_machine`.
        machine: u16,
        /// Its name.
        name: &'static str,
    },
    /// Has a PT_INTERP: needs a dynamic linker qvm does not provide.
    #[error("dynamically linked executable (interpreter {interpreter:?}): link it statically (-static or -static-pie)")]
    Dynamic {
        /// The requested interpreter path.
        interpreter: String,
    },
    /// Not an executable (relocatable object, core dump, …).
    #[error("ELF is not an executable: it is {kind}")]
    NotExecutable {
        /// What it is instead.
        kind: &'static str,
    },
    /// Part of the file the headers point at lies beyond its end.
    #[error("truncated ELF: {what} at file offset {offset:#x}+{len:#x} extends beyond the end of the file ({file_len:#x} bytes)")]
    Truncated {
        /// What is missing.
        what: String,
        /// Where it starts.
        offset: u64,
        /// Its length.
        len: u64,
        /// The file's length.
        file_len: u64,
    },
    /// e_phentsize is not the size of an Elf64_Phdr.
    #[error("bad program header entry size {0} (expected 56)")]
    BadPhentsize(u16),
    /// e_phnum is 0 or above Linux's limit (65536 / 56).
    #[error("bad program header count {0}")]
    BadPhnum(u16),
    /// No PT_LOAD segment with a non-zero size.
    #[error("ELF has no loadable (PT_LOAD) segment")]
    NoLoadSegment,
    /// p_filesz > p_memsz.
    #[error("segment {index}: file size {filesz:#x} exceeds memory size {memsz:#x}")]
    FileszExceedsMemsz {
        /// Program header index.
        index: usize,
        /// p_filesz.
        filesz: u64,
        /// p_memsz.
        memsz: u64,
    },
    /// p_offset and p_vaddr are not congruent modulo the page size.
    #[error("segment {index}: offset {offset:#x} and address {vaddr:#x} are misaligned modulo the page size")]
    Misaligned {
        /// Program header index.
        index: usize,
        /// p_offset.
        offset: u64,
        /// p_vaddr.
        vaddr: u64,
    },
    /// A segment (after relocation) is not inside the area programs may occupy.
    #[error("segment {index}: {start:#x}..{end:#x} is outside the loadable guest area {min:#x}..{max:#x}")]
    OutOfSpace {
        /// Program header index.
        index: usize,
        /// First guest address.
        start: u64,
        /// End guest address (exclusive; saturated on overflow).
        end: u64,
        /// Lowest loadable address.
        min: u64,
        /// End of the loadable area (the stack area starts there).
        max: u64,
    },
    /// Two PT_LOAD segments cover the same bytes.
    #[error("segments {a} and {b} overlap")]
    Overlap {
        /// One program header index.
        a: usize,
        /// The other.
        b: usize,
    },
    /// An argument or environment string contains a NUL byte.
    #[error("{what} {index} contains a NUL byte")]
    NulInString {
        /// "argument" or "environment entry".
        what: &'static str,
        /// Its index.
        index: usize,
    },
    /// argv + envp do not fit in the stack (Linux allows a quarter of it: E2BIG).
    #[error("arguments and environment too large for the stack ({size} bytes, limit {limit})")]
    ArgsTooLarge {
        /// Bytes needed.
        size: u64,
        /// Bytes allowed.
        limit: u64,
    },
    /// The kernel refused an initial mapping.
    #[error("cannot map {name}: {reason}")]
    Map {
        /// The mapping's name.
        name: String,
        /// The kernel's reason.
        reason: String,
    },
    /// Guest memory rejected an access (a bug: ranges are validated before).
    #[error(transparent)]
    Memory(#[from] OutOfRange),
}

/// Where and how an ELF was loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadedImage {
    /// Initial RIP (`e_entry + load_bias`).
    pub entry: u64,
    /// What was added to every p_vaddr: 0 for ET_EXEC, `PIE_BASE - page_down(lowest
    /// p_vaddr)` (wrapping) for static-pie.
    pub load_bias: u64,
    /// Guest address of the program headers (AT_PHDR); 0 if they are not mapped.
    pub phdr_addr: u64,
    /// Size of one program header (AT_PHENT): always 56.
    pub phent: u64,
    /// Number of program headers (AT_PHNUM).
    pub phnum: u64,
    /// Where brk starts: the page-aligned end of the highest segment.
    pub brk_base: u64,
    /// Whether it was a static-pie (ET_DYN).
    pub pie: bool,
    /// The mapped segments, in program-header order.
    pub segments: Vec<LoadedSegment>,
}

/// One mapped PT_LOAD segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadedSegment {
    /// First guest address of the segment's bytes (`p_vaddr + load_bias`).
    pub start: u64,
    /// End of its memory image (exclusive, not page-rounded).
    pub end: u64,
    /// Guest protection from its PF_R/PF_W/PF_X flags.
    pub prot: Prot,
}

/// Uid/gid values for the auxiliary vector (AT_UID, AT_EUID, AT_GID, AT_EGID).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Credentials {
    /// Real user id.
    pub uid: u64,
    /// Effective user id.
    pub euid: u64,
    /// Real group id.
    pub gid: u64,
    /// Effective group id.
    pub egid: u64,
}

/// What the loader needs from the synthetic kernel.
pub trait LoaderKernel {
    /// Registers an initial mapping (page-rounded; a later one sharing a page wins).
    fn map_initial(&mut self, addr: u64, len: u64, prot: Prot, name: &str) -> Result<(), String>;
    /// Sets where brk starts.
    fn set_brk_base(&mut self, addr: u64);
    /// Takes the next bytes of the deterministic random stream (AT_RANDOM).
    fn random_bytes(&mut self, buf: &mut [u8]);
    /// The ids the kernel's getuid/geteuid/getgid/getegid answer.
    fn credentials(&self) -> Credentials;
}

/// The ids the synthetic kernel's getuid/geteuid/getgid/getegid answer (one value for all
/// four: qvm runs guests as an unprivileged user, since a root uid changes how some
/// programs behave).
pub const GUEST_CREDENTIALS: Credentials = Credentials {
    uid: qvm_kernel::syscalls::process::UID,
    euid: qvm_kernel::syscalls::process::UID,
    gid: qvm_kernel::syscalls::process::UID,
    egid: qvm_kernel::syscalls::process::UID,
};

impl LoaderKernel for Kernel {
    fn map_initial(&mut self, addr: u64, len: u64, prot: Prot, name: &str) -> Result<(), String> {
        Kernel::map_initial(self, addr, len, prot, name).map_err(|e| e.to_string())
    }
    fn set_brk_base(&mut self, addr: u64) {
        Kernel::set_brk_base(self, addr);
    }
    fn random_bytes(&mut self, buf: &mut [u8]) {
        Kernel::random_bytes(self, buf);
    }
    fn credentials(&self) -> Credentials {
        GUEST_CREDENTIALS
    }
}

/// A recording kernel for the loader's unit tests.
#[cfg(test)]
pub(crate) mod mock {
    use super::*;

    /// Records every call.
    #[derive(Default)]
    pub struct MockKernel {
        pub maps: Vec<(u64, u64, Prot, String)>,
        pub brk: Option<u64>,
        pub fail_maps: bool,
    }

    impl LoaderKernel for MockKernel {
        fn map_initial(
            &mut self,
            addr: u64,
            len: u64,
            prot: Prot,
            name: &str,
        ) -> Result<(), String> {
            if self.fail_maps {
                return Err("refused".into());
            }
            self.maps.push((addr, len, prot, name.to_string()));
            Ok(())
        }
        fn set_brk_base(&mut self, addr: u64) {
            self.brk = Some(addr);
        }
        fn random_bytes(&mut self, buf: &mut [u8]) {
            for (i, b) in buf.iter_mut().enumerate() {
                *b = 0xa0u8.wrapping_add(u8::try_from(i % 256).unwrap_or(0));
            }
        }
        fn credentials(&self) -> Credentials {
            Credentials {
                uid: 1,
                euid: 2,
                gid: 3,
                egid: 4,
            }
        }
    }
}
