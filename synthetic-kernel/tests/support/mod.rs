//! Test support: a sparse fake guest memory and a harness around the kernel.
#![allow(dead_code, missing_docs)]

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::Write;
use std::rc::Rc;

use qvm_kernel::layout::{GUEST_SPACE_SIZE, STACK_LIMIT, STACK_TOP};
use qvm_kernel::{
    BlockContext, GuestMemory, Kernel, KernelConfig, OutOfRange, Prot, SyscallCpu, SyscallOutcome,
};

const PAGE: u64 = 4096;

/// A sparse guest memory of `GUEST_SPACE_SIZE` bytes: untouched pages read as zero.
#[derive(Default)]
pub struct FakeMem {
    pages: HashMap<u64, Box<[u8; 4096]>>,
    pub protects: Vec<(u64, u64, Prot)>,
    pub invalidated: Vec<(u64, u64)>,
}

fn range_ok(addr: u64, len: u64) -> Result<(), OutOfRange> {
    match addr.checked_add(len) {
        Some(e) if e <= GUEST_SPACE_SIZE => Ok(()),
        _ => Err(OutOfRange { addr, len }),
    }
}

impl GuestMemory for FakeMem {
    fn size(&self) -> u64 {
        GUEST_SPACE_SIZE
    }
    fn read(&self, addr: u64, buf: &mut [u8]) -> Result<(), OutOfRange> {
        range_ok(addr, buf.len() as u64)?;
        let mut done = 0usize;
        while done < buf.len() {
            let a = addr + done as u64;
            let (page, off) = (a / PAGE, (a % PAGE) as usize);
            let n = (buf.len() - done).min(4096 - off);
            match self.pages.get(&page) {
                Some(p) => buf[done..done + n].copy_from_slice(&p[off..off + n]),
                None => buf[done..done + n].fill(0),
            }
            done += n;
        }
        Ok(())
    }
    fn write(&mut self, addr: u64, data: &[u8]) -> Result<(), OutOfRange> {
        range_ok(addr, data.len() as u64)?;
        let mut done = 0usize;
        while done < data.len() {
            let a = addr + done as u64;
            let (page, off) = (a / PAGE, (a % PAGE) as usize);
            let n = (data.len() - done).min(4096 - off);
            let p = self
                .pages
                .entry(page)
                .or_insert_with(|| Box::new([0; 4096]));
            p[off..off + n].copy_from_slice(&data[done..done + n]);
            done += n;
        }
        Ok(())
    }
    fn zero(&mut self, addr: u64, len: u64) -> Result<(), OutOfRange> {
        range_ok(addr, len)?;
        let end = addr + len;
        let keys: Vec<u64> = self
            .pages
            .keys()
            .copied()
            .filter(|&p| p * PAGE < end && (p + 1) * PAGE > addr)
            .collect();
        for p in keys {
            let s = (p * PAGE).max(addr);
            let e = ((p + 1) * PAGE).min(end);
            let page = self.pages.get_mut(&p).unwrap();
            page[(s - p * PAGE) as usize..(e - p * PAGE) as usize].fill(0);
        }
        Ok(())
    }
    fn protect(&mut self, addr: u64, len: u64, prot: Prot) -> Result<(), OutOfRange> {
        range_ok(addr, len)?;
        if self.protects.len() < 100_000 {
            self.protects.push((addr, len, prot));
        }
        Ok(())
    }
    fn invalidate_code(&mut self, addr: u64, len: u64) {
        if self.invalidated.len() < 100_000 {
            self.invalidated.push((addr, len));
        }
    }
}

/// A shared byte sink.
#[derive(Clone, Default)]
pub struct Capture(pub Rc<RefCell<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Capture {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.borrow()).into_owned()
    }
}

/// Data region the harness maps RW: scratch space for syscall arguments.
pub const DATA: u64 = 0x40_0000;
pub const DATA_LEN: u64 = 0x10_0000;
/// Where brk starts.
pub const BRK_BASE: u64 = 0x60_0000;

pub struct H {
    pub k: Kernel,
    pub mem: FakeMem,
    pub cpu: SyscallCpu,
    pub gas: u64,
    pub out: Capture,
    pub err: Capture,
    pub trace: Capture,
    bump: u64,
}

pub fn block(hash: u8) -> BlockContext {
    BlockContext {
        height: 7,
        timestamp: 1_700_000_000,
        hash: [hash; 32],
    }
}

impl H {
    pub fn new() -> H {
        Self::with(|_| {})
    }

    pub fn with(f: impl FnOnce(&mut KernelConfig)) -> H {
        let out = Capture::default();
        let err = Capture::default();
        let trace = Capture::default();
        let mut cfg = KernelConfig::new(block(1));
        cfg.stdout = Box::new(out.clone());
        cfg.stderr = Box::new(err.clone());
        cfg.strace = Some(Box::new(trace.clone()));
        cfg.files = vec![(
            "/data/input.txt".into(),
            b"hello from the embedder\n".to_vec(),
        )];
        cfg.exe_path = "/bin/contract".into();
        f(&mut cfg);
        let mut k = Kernel::new(cfg);
        k.map_initial(DATA, DATA_LEN, Prot::RW, "data").unwrap();
        k.map_initial(0x20_0000, 0x1000, Prot::RX, "text").unwrap();
        k.map_initial(0x30_0000, 0x1000, Prot(Prot::READ), "rodata")
            .unwrap();
        k.map_initial(STACK_TOP - STACK_LIMIT, STACK_LIMIT, Prot::RW, "[stack]")
            .unwrap();
        k.set_brk_base(BRK_BASE);
        H {
            k,
            mem: FakeMem::default(),
            cpu: SyscallCpu::default(),
            gas: u64::MAX / 2,
            out,
            err,
            trace,
            bump: DATA,
        }
    }

    pub fn sys(&mut self, nr: u64, args: &[u64]) -> SyscallOutcome {
        let mut a = [0u64; 6];
        a[..args.len()].copy_from_slice(args);
        self.k
            .syscall(nr, a, &mut self.cpu, &mut self.mem, &mut self.gas)
    }

    /// Runs a syscall that must return; gives the value as signed.
    pub fn ret(&mut self, nr: u64, args: &[u64]) -> i64 {
        match self.sys(nr, args) {
            SyscallOutcome::Return(v) => v as i64,
            o => panic!("syscall {nr} ended the run: {o:?}"),
        }
    }

    /// Scratch allocation in the data region.
    pub fn alloc(&mut self, len: u64) -> u64 {
        let a = self.bump;
        self.bump = (self.bump + len + 15) & !15;
        assert!(self.bump <= DATA + DATA_LEN);
        a
    }

    /// Places bytes in scratch memory.
    pub fn put(&mut self, bytes: &[u8]) -> u64 {
        let a = self.alloc(bytes.len() as u64);
        self.mem.write(a, bytes).unwrap();
        a
    }

    /// Places a NUL-terminated string.
    pub fn cstr(&mut self, s: &str) -> u64 {
        let mut b = s.as_bytes().to_vec();
        b.push(0);
        self.put(&b)
    }

    pub fn get(&self, addr: u64, len: usize) -> Vec<u8> {
        let mut b = vec![0; len];
        self.mem.read(addr, &mut b).unwrap();
        b
    }

    pub fn u64_at(&self, addr: u64) -> u64 {
        u64::from_le_bytes(self.get(addr, 8).try_into().unwrap())
    }
}

/// x86-64 syscall numbers used by the tests.
pub mod nr {
    pub const READ: u64 = 0;
    pub const WRITE: u64 = 1;
    pub const OPEN: u64 = 2;
    pub const CLOSE: u64 = 3;
    pub const STAT: u64 = 4;
    pub const FSTAT: u64 = 5;
    pub const LSEEK: u64 = 8;
    pub const MMAP: u64 = 9;
    pub const MPROTECT: u64 = 10;
    pub const MUNMAP: u64 = 11;
    pub const BRK: u64 = 12;
    pub const RT_SIGACTION: u64 = 13;
    pub const RT_SIGPROCMASK: u64 = 14;
    pub const IOCTL: u64 = 16;
    pub const PREAD64: u64 = 17;
    pub const READV: u64 = 19;
    pub const WRITEV: u64 = 20;
    pub const ACCESS: u64 = 21;
    pub const PIPE: u64 = 22;
    pub const MREMAP: u64 = 25;
    pub const MADVISE: u64 = 28;
    pub const DUP: u64 = 32;
    pub const DUP2: u64 = 33;
    pub const NANOSLEEP: u64 = 35;
    pub const GETPID: u64 = 39;
    pub const EXIT: u64 = 60;
    pub const KILL: u64 = 62;
    pub const UNAME: u64 = 63;
    pub const FCNTL: u64 = 72;
    pub const FTRUNCATE: u64 = 77;
    pub const GETCWD: u64 = 79;
    pub const CHDIR: u64 = 80;
    pub const RENAME: u64 = 82;
    pub const MKDIR: u64 = 83;
    pub const RMDIR: u64 = 84;
    pub const UNLINK: u64 = 87;
    pub const READLINK: u64 = 89;
    pub const GETUID: u64 = 102;
    pub const ARCH_PRCTL: u64 = 158;
    pub const GETTID: u64 = 186;
    pub const FUTEX: u64 = 202;
    pub const GETDENTS64: u64 = 217;
    pub const CLOCK_GETTIME: u64 = 228;
    pub const EXIT_GROUP: u64 = 231;
    pub const TGKILL: u64 = 234;
    pub const OPENAT: u64 = 257;
    pub const NEWFSTATAT: u64 = 262;
    pub const PIPE2: u64 = 293;
    pub const PRLIMIT64: u64 = 302;
    pub const GETRANDOM: u64 = 318;
    pub const STATX: u64 = 332;
    pub const RSEQ: u64 = 334;
}

/// errno values.
pub const ENOENT: i64 = -2;
pub const EBADF: i64 = -9;
pub const EAGAIN: i64 = -11;
pub const ENOMEM: i64 = -12;
pub const EACCES: i64 = -13;
pub const EFAULT: i64 = -14;
pub const EEXIST: i64 = -17;
pub const EINVAL: i64 = -22;
pub const ENOTTY: i64 = -25;
pub const EFBIG: i64 = -27;
pub const ENOSYS: i64 = -38;
pub const ETIMEDOUT: i64 = -110;

impl H {
    /// Writes guest memory directly (as guest code would).
    pub fn mem_write(&mut self, addr: u64, data: &[u8]) {
        self.mem.write(addr, data).unwrap();
    }
}
