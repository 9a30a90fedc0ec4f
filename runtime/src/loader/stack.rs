//! The initial process stack, laid out as Linux's `do_execve` + `create_elf_tables` do
//! on x86-64 (without address randomization), so that a libc sees what it would see
//! under Linux. From `STACK_TOP` downwards:
//!
//! ```text
//! STACK_TOP - 8        8 zero bytes
//!                      the executable path (AT_EXECFN), NUL-terminated
//!                      envp strings, then argv strings (argv[0] lowest)
//!                      ── rounded down to 16 ──
//!                      "x86_64\0" (AT_PLATFORM)
//!                      16 random bytes (AT_RANDOM)
//!                      padding, so that RSP below is 16-byte aligned
//!                      auxv pairs …, AT_NULL 0
//!                      NULL, envp[envc-1] … envp[0]
//!                      NULL, argv[argc-1] … argv[0]
//! RSP →                argc
//! ```
//!
//! Auxiliary vector order follows Linux: AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR,
//! AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY, AT_UID, AT_EUID, AT_GID, AT_EGID,
//! AT_SECURE, AT_RANDOM, AT_HWCAP2, AT_EXECFN, AT_PLATFORM, AT_NULL. Linux's
//! AT_SYSINFO_EHDR (there is no vDSO: time comes from syscalls), AT_MINSIGSTKSZ and
//! AT_RSEQ_* are deliberately absent; libcs fall back to their defaults.

use qvm_kernel::layout::{PAGE_SIZE, STACK_LIMIT, STACK_TOP};
use qvm_kernel::{GuestMemory, Prot};

use super::{LoadError, LoadedImage, LoaderKernel};
use crate::memory::AddressSpace;

/// Auxiliary vector tags (Linux `include/uapi/linux/auxvec.h`).
pub mod at {
    /// End of the vector.
    pub const NULL: u64 = 0;
    /// Program headers' address.
    pub const PHDR: u64 = 3;
    /// Size of one program header.
    pub const PHENT: u64 = 4;
    /// Number of program headers.
    pub const PHNUM: u64 = 5;
    /// Page size.
    pub const PAGESZ: u64 = 6;
    /// Interpreter base (0: none).
    pub const BASE: u64 = 7;
    /// Flags (0).
    pub const FLAGS: u64 = 8;
    /// Program entry point.
    pub const ENTRY: u64 = 9;
    /// Real uid.
    pub const UID: u64 = 11;
    /// Effective uid.
    pub const EUID: u64 = 12;
    /// Real gid.
    pub const GID: u64 = 13;
    /// Effective gid.
    pub const EGID: u64 = 14;
    /// Address of the platform string.
    pub const PLATFORM: u64 = 15;
    /// CPU feature bits.
    pub const HWCAP: u64 = 16;
    /// times() frequency.
    pub const CLKTCK: u64 = 17;
    /// Secure mode (setuid) flag.
    pub const SECURE: u64 = 23;
    /// Address of 16 random bytes.
    pub const RANDOM: u64 = 25;
    /// More CPU feature bits.
    pub const HWCAP2: u64 = 26;
    /// Address of the executable's path.
    pub const EXECFN: u64 = 31;
}

/// `sysconf(_SC_CLK_TCK)` as Linux reports it on x86-64.
const CLOCKS_PER_SEC: u64 = 100;

/// What goes on the initial stack besides the image's own facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StackArgs {
    /// argv, `argv[0]` included; no string may contain NUL.
    pub argv: Vec<Vec<u8>>,
    /// The environment, `KEY=VALUE` strings.
    pub env: Vec<Vec<u8>>,
    /// The executable's guest path (the AT_EXECFN string).
    pub exe_path: String,
    /// AT_HWCAP (CPUID.1:EDX of the synthetic CPU model on x86).
    pub hwcap: u64,
    /// AT_HWCAP2.
    pub hwcap2: u64,
    /// The AT_PLATFORM string: `"x86_64"`.
    pub platform: &'static str,
}

impl StackArgs {
    /// Arguments with the given argv/env/path, zero hwcaps and platform `"x86_64"`.
    pub fn new(argv: Vec<Vec<u8>>, env: Vec<Vec<u8>>, exe_path: String) -> StackArgs {
        StackArgs {
            argv,
            env,
            exe_path,
            hwcap: 0,
            hwcap2: 0,
            platform: "x86_64",
        }
    }
}

/// Builds the stack image below `STACK_TOP` at fixed addresses.
struct Builder {
    /// Bytes of `[low, STACK_TOP)`, stored top-down: `buf[i]` is at `STACK_TOP - len + i`
    /// once finished; while building we prepend.
    rev: Vec<u8>,
}

impl Builder {
    /// Current lowest address.
    fn addr(&self) -> u64 {
        STACK_TOP - self.rev.len() as u64
    }
    /// Places `bytes` right below the current lowest address; returns their address.
    fn push(&mut self, bytes: &[u8]) -> u64 {
        self.rev.extend(bytes.iter().rev());
        self.addr()
    }
    /// Places a NUL-terminated string; returns its address.
    fn push_str(&mut self, s: &[u8]) -> u64 {
        self.push(&[0]);
        self.push(s)
    }
    /// Pads down to an address ≡ 0 (mod `align`).
    fn align_down(&mut self, align: u64) {
        let pad = self.addr() % align;
        self.rev
            .resize(self.rev.len() + usize::try_from(pad).unwrap_or(0), 0);
    }
    /// The finished image, lowest address first.
    fn finish(mut self) -> (u64, Vec<u8>) {
        let low = self.addr();
        self.rev.reverse();
        (low, self.rev)
    }
}

fn check_no_nul(strings: &[Vec<u8>], what: &'static str) -> Result<(), LoadError> {
    match strings.iter().position(|s| s.contains(&0)) {
        Some(index) => Err(LoadError::NulInString { what, index }),
        None => Ok(()),
    }
}

/// Maps the stack `[STACK_TOP - STACK_LIMIT, STACK_TOP)` read-write and writes argc,
/// argv, envp and the auxiliary vector as Linux does (see the module documentation).
/// Returns the initial RSP (16-byte aligned, pointing at argc).
pub fn build_stack(
    space: &mut AddressSpace,
    kernel: &mut impl LoaderKernel,
    image: &LoadedImage,
    args: &StackArgs,
) -> Result<u64, LoadError> {
    check_no_nul(&args.argv, "argument")?;
    check_no_nul(&args.env, "environment entry")?;
    if args.exe_path.as_bytes().contains(&0) {
        return Err(LoadError::NulInString {
            what: "executable path",
            index: 0,
        });
    }
    if args.platform.as_bytes().contains(&0) {
        return Err(LoadError::NulInString {
            what: "platform string",
            index: 0,
        });
    }
    // Linux's E2BIG rule: strings and pointers may use a quarter of the stack.
    let strings: u64 = args
        .argv
        .iter()
        .chain(&args.env)
        .map(|s| s.len() as u64 + 1)
        .sum::<u64>()
        + args.exe_path.len() as u64
        + 1;
    let pointers = 8 * (args.argv.len() as u64 + args.env.len() as u64);
    let limit = STACK_LIMIT / 4;
    if strings + pointers > limit {
        return Err(LoadError::ArgsTooLarge {
            size: strings + pointers,
            limit,
        });
    }

    let stack_low = STACK_TOP - STACK_LIMIT;
    kernel
        .map_initial(stack_low, STACK_LIMIT, Prot::RW, "[stack]")
        .map_err(|reason| LoadError::Map {
            name: "the stack".into(),
            reason,
        })?;
    space.protect(stack_low, STACK_LIMIT, Prot::RW)?;

    let mut b = Builder {
        rev: Vec::with_capacity(usize::try_from(2 * PAGE_SIZE).unwrap_or(0)),
    };
    b.push(&[0; 8]);
    let execfn = b.push_str(args.exe_path.as_bytes());
    let mut env_ptrs: Vec<u64> = args.env.iter().rev().map(|s| b.push_str(s)).collect();
    env_ptrs.reverse();
    let mut argv_ptrs: Vec<u64> = args.argv.iter().rev().map(|s| b.push_str(s)).collect();
    argv_ptrs.reverse();
    b.align_down(16);
    let platform = b.push_str(args.platform.as_bytes());
    let mut random = [0u8; 16];
    kernel.random_bytes(&mut random);
    let random_addr = b.push(&random);

    let ids = kernel.credentials();
    let auxv: [(u64, u64); 19] = [
        (at::HWCAP, args.hwcap),
        (at::PAGESZ, PAGE_SIZE),
        (at::CLKTCK, CLOCKS_PER_SEC),
        (at::PHDR, image.phdr_addr),
        (at::PHENT, image.phent),
        (at::PHNUM, image.phnum),
        (at::BASE, 0),
        (at::FLAGS, 0),
        (at::ENTRY, image.entry),
        (at::UID, ids.uid),
        (at::EUID, ids.euid),
        (at::GID, ids.gid),
        (at::EGID, ids.egid),
        (at::SECURE, 0),
        (at::RANDOM, random_addr),
        (at::HWCAP2, args.hwcap2),
        (at::EXECFN, execfn),
        (at::PLATFORM, platform),
        (at::NULL, 0),
    ];
    // Words below the random bytes: auxv, then argc + argv + NULL + envp + NULL; the
    // lowest is rounded down to 16 (Linux's STACK_ROUND), the gap is padding.
    let words = 2 * auxv.len() as u64 + 1 + argv_ptrs.len() as u64 + 1 + env_ptrs.len() as u64 + 1;
    let rsp = (b.addr() - 8 * words) & !15;
    let mut table: Vec<u64> = Vec::with_capacity(usize::try_from(words).unwrap_or(0));
    table.push(argv_ptrs.len() as u64);
    table.extend(&argv_ptrs);
    table.push(0);
    table.extend(&env_ptrs);
    table.push(0);
    for (k, v) in auxv {
        table.extend([k, v]);
    }
    let table_bytes: Vec<u8> = table.iter().flat_map(|w| w.to_le_bytes()).collect();
    // Pad between the table's end and the random bytes.
    let gap = b.addr() - (rsp + 8 * words);
    b.push(&vec![0; usize::try_from(gap).unwrap_or(0)]);
    b.push(&table_bytes);
    let (low, bytes) = b.finish();
    debug_assert_eq!(low, rsp);
    space.write(low, &bytes)?;
    Ok(rsp)
}
