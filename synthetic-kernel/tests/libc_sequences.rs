//! Replays the syscall sequences real static glibc and musl programs make (taken from
//! `strace` of a small C program: malloc, realloc via mremap, clock_gettime, a /tmp
//! file round trip, stdio, exit and abort), checking every answer is one the C library
//! accepts.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]
mod support;

use qvm_kernel::SyscallOutcome;
use support::*;

const AT_FDCWD: u64 = (-100i64) as u64;
const AT_EMPTY_PATH: u64 = 0x1000;

#[test]
fn glibc_static_startup_and_stdio() {
    let mut h = H::new();
    let base = h.ret(nr::BRK, &[0]) as u64;
    assert_eq!(base, BRK_BASE);
    assert_eq!(h.ret(nr::BRK, &[base + 0xd00]) as u64, base + 0xd00);
    assert_eq!(h.ret(nr::ARCH_PRCTL, &[0x1002, base + 0x380]), 0);
    assert_eq!(h.ret(218, &[base + 0x650]), 1000);
    assert_eq!(h.ret(273, &[base + 0x660, 24]), 0);
    assert_eq!(
        h.ret(nr::RSEQ, &[base + 0xca0, 0x20, 0, 0x5305_3053]),
        ENOSYS
    );
    let rl = h.alloc(16);
    assert_eq!(h.ret(nr::PRLIMIT64, &[0, 3, 0, rl]), 0);
    assert_eq!(h.u64_at(rl), 8 << 20);
    let exe = h.cstr("/proc/self/exe");
    let buf = h.alloc(4096);
    assert_eq!(h.ret(nr::READLINK, &[exe, buf, 4096]), 13);
    let r = h.alloc(8);
    assert_eq!(h.ret(nr::GETRANDOM, &[r, 8, 1]), 8);
    assert_eq!(h.ret(nr::BRK, &[0]) as u64, base + 0xd00);
    assert_eq!(h.ret(nr::BRK, &[base + 0x21d00]) as u64, base + 0x21d00);
    assert_eq!(h.ret(nr::BRK, &[base + 0x22000]) as u64, base + 0x22000);
    assert_eq!(h.ret(nr::MPROTECT, &[0x30_0000, 4096, 1]), 0);
    let big = h.ret(nr::MMAP, &[0, 10_489_856, 3, 0x22, u64::MAX, 0]) as u64;
    assert!(big > base && big.is_multiple_of(4096));
    h.mem_write(big + 5, &[2]);
    let moved = h.ret(nr::MREMAP, &[big, 10_489_856, 20_975_616, 1]) as u64;
    assert_eq!(h.get(moved + 5, 1), [2]);
    let ts = h.alloc(16);
    assert_eq!(h.ret(nr::CLOCK_GETTIME, &[0, ts]), 0);
    let path = h.cstr("/tmp/qvm-kt.txt");
    let fd = h.ret(nr::OPENAT, &[AT_FDCWD, path, 0o1101, 0o666]) as u64;
    assert_eq!(fd, 3);
    let empty = h.cstr("");
    let st = h.alloc(144);
    assert_eq!(h.ret(nr::NEWFSTATAT, &[fd, empty, st, AT_EMPTY_PATH]), 0);
    assert_eq!(h.u64_at(st + 56), 4096, "st_blksize sizes the stdio buffer");
    let line = h.put(b"hi 1700000000\n");
    assert_eq!(h.ret(nr::WRITE, &[fd, line, 14]), 14);
    assert_eq!(h.ret(nr::CLOSE, &[fd]), 0);
    let fd = h.ret(nr::OPENAT, &[AT_FDCWD, path, 0, 0]) as u64;
    assert_eq!(h.ret(nr::NEWFSTATAT, &[fd, empty, st, AT_EMPTY_PATH]), 0);
    assert_eq!(h.u64_at(st + 48), 14);
    assert_eq!(h.ret(nr::READ, &[fd, buf, 4096]), 14);
    assert_eq!(h.ret(nr::CLOSE, &[fd]), 0);
    assert_eq!(h.ret(nr::NEWFSTATAT, &[1, empty, st, AT_EMPTY_PATH]), 0);
    let mode = u32::from_le_bytes(h.get(st + 24, 4).try_into().unwrap());
    assert_eq!(mode, 0o010600);
    let err = h.put(b"err\n");
    assert_eq!(h.ret(nr::WRITE, &[2, err, 4]), 4);
    assert_eq!(h.ret(nr::WRITE, &[1, buf, 14]), 14);
    assert_eq!(h.sys(nr::EXIT_GROUP, &[3]), SyscallOutcome::Exit(3));
    assert_eq!(h.out.text(), "hi 1700000000\n");
    assert_eq!(h.err.text(), "err\n");
}

#[test]
fn glibc_abort() {
    let mut h = H::new();
    let set = h.put(&(1u64 << 5).to_le_bytes());
    assert_eq!(h.ret(nr::RT_SIGPROCMASK, &[1, set, 0, 8]), 0);
    assert_eq!(h.ret(nr::GETTID, &[]), 1000);
    assert_eq!(h.ret(nr::GETPID, &[]), 1000);
    assert_eq!(
        h.sys(nr::TGKILL, &[1000, 1000, 6]),
        SyscallOutcome::Fault { signal: 6, addr: 0 }
    );
    assert!(h
        .trace
        .text()
        .ends_with("tgkill(1000, 1000, 6) = ? (killed by signal 6)\n"));
}

#[test]
fn musl_static_malloc_and_stdio() {
    let mut h = H::new();
    assert_eq!(h.ret(nr::ARCH_PRCTL, &[0x1002, DATA + 0x798]), 0);
    assert_eq!(h.ret(218, &[DATA + 0x8d0]), 1000);
    let big = h.ret(nr::MMAP, &[0, 10_485_780, 3, 0x22, u64::MAX, 0]) as u64;
    let base = h.ret(nr::BRK, &[0]) as u64;
    assert_eq!(h.ret(nr::BRK, &[base + 0x2000]) as u64, base + 0x2000);
    // mallocng's guard page over the start of the heap.
    assert_eq!(
        h.ret(nr::MMAP, &[base, 4096, 0, 0x32, u64::MAX, 0]) as u64,
        base
    );
    assert_eq!(h.k.protection_at(base), Some(qvm_kernel::Prot::NONE));
    assert_eq!(h.k.protection_at(base + 4096), Some(qvm_kernel::Prot::RW));
    let moved = h.ret(nr::MREMAP, &[big, 10_489_856, 20_975_616, 1]) as u64;
    assert_ne!(moved as i64, ENOMEM);
    let path = h.cstr("/tmp/qvm-kt.txt");
    let fd = h.ret(nr::OPEN, &[path, 0o101101, 0o666]) as u64;
    let ws = h.alloc(8);
    assert_eq!(h.ret(nr::IOCTL, &[fd, 0x5413, ws]), ENOTTY);
    let line = h.put(b"hi 1700000000\n");
    let iov = h.put(
        &[
            line.to_le_bytes(),
            14u64.to_le_bytes(),
            0u64.to_le_bytes(),
            0u64.to_le_bytes(),
        ]
        .concat(),
    );
    assert_eq!(h.ret(nr::WRITEV, &[fd, iov, 2]), 14);
    assert_eq!(h.ret(nr::CLOSE, &[fd]), 0);
    let fd = h.ret(nr::OPEN, &[path, 0o100000, 0]) as u64;
    let buf = h.alloc(1024);
    assert_eq!(h.ret(nr::READ, &[fd, buf, 1024]), 14);
    assert_eq!(h.ret(nr::IOCTL, &[1, 0x5413, ws]), ENOTTY);
    let iov = h.put(
        &[
            0u64.to_le_bytes(),
            0u64.to_le_bytes(),
            buf.to_le_bytes(),
            14u64.to_le_bytes(),
        ]
        .concat(),
    );
    assert_eq!(h.ret(nr::WRITEV, &[1, iov, 2]), 14);
    assert_eq!(h.sys(nr::EXIT_GROUP, &[3]), SyscallOutcome::Exit(3));
    assert_eq!(h.out.text(), "hi 1700000000\n");
}
