//! Behaviour of each syscall group through the public API.
#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_possible_wrap
)]
mod support;

use qvm_kernel::layout::{self, MAP_END, MMAP_TOP, PAGE_SIZE};
use qvm_kernel::{GuestMemory, Kernel, Prot, SyscallOutcome};
use support::*;

const O_RDONLY: u64 = 0;
const O_WRONLY: u64 = 1;
const O_RDWR: u64 = 2;
const O_CREAT: u64 = 0o100;
const O_EXCL: u64 = 0o200;
const O_TRUNC: u64 = 0o1000;
const O_APPEND: u64 = 0o2000;
const PROT_RW: u64 = 3;
const MAP_PRIVATE_ANON: u64 = 0x22;
const MAP_FIXED: u64 = 0x10;
const MAP_FIXED_NOREPLACE: u64 = 0x10_0000;

#[test]
fn unknown_syscall_is_enosys_and_traced() {
    let mut h = H::new();
    assert_eq!(h.ret(999, &[1, 2, 3, 4, 5, 6]), ENOSYS);
    assert_eq!(
        h.trace.text(),
        "syscall_999(1, 2, 3, 4, 5, 6) = -38 ENOSYS\n"
    );
    assert_eq!(Kernel::syscall_name(999), None);
    assert_eq!(Kernel::syscall_name(1), Some("write"));
    assert_eq!(Kernel::syscall_name(262), Some("newfstatat"));
    // rseq is known by name but answers ENOSYS, which glibc accepts.
    assert_eq!(h.ret(nr::RSEQ, &[0, 32, 0, 0]), ENOSYS);
    assert!(h.trace.text().ends_with("rseq(0, 32, 0, 0) = -38 ENOSYS\n"));
}

#[test]
fn write_stdout_stderr_and_trace() {
    let mut h = H::new();
    let msg = h.put(b"hello\n");
    assert_eq!(h.ret(nr::WRITE, &[1, msg, 6]), 6);
    assert_eq!(h.ret(nr::WRITE, &[2, msg, 5]), 5);
    assert_eq!(h.out.text(), "hello\n");
    assert_eq!(h.err.text(), "hello");
    assert!(h
        .trace
        .text()
        .starts_with(&format!("write(1, {msg:#x}, 6) = 6\n")));
    assert_eq!(h.ret(nr::WRITE, &[0, msg, 1]), EBADF);
    assert_eq!(h.ret(nr::WRITE, &[77, msg, 1]), EBADF);
}

#[test]
fn writev_gathers() {
    let mut h = H::new();
    let a = h.put(b"ab");
    let b = h.put(b"cde");
    let mut iov = Vec::new();
    for (p, l) in [(a, 2u64), (b, 3)] {
        iov.extend_from_slice(&p.to_le_bytes());
        iov.extend_from_slice(&l.to_le_bytes());
    }
    let iov = h.put(&iov);
    assert_eq!(h.ret(nr::WRITEV, &[1, iov, 2]), 5);
    assert_eq!(h.out.text(), "abcde");
    assert_eq!(h.ret(nr::WRITEV, &[1, iov, 5000]), EINVAL);
}

#[test]
fn output_limit_is_partial_then_efbig() {
    let mut h = H::with(|c| c.max_output = 10);
    let msg = h.put(b"123456");
    assert_eq!(h.ret(nr::WRITE, &[1, msg, 6]), 6);
    assert_eq!(h.ret(nr::WRITE, &[2, msg, 6]), 4);
    assert_eq!(h.ret(nr::WRITE, &[1, msg, 6]), EFBIG);
    assert_eq!(h.out.text(), "123456");
    assert_eq!(h.err.text(), "1234");
    assert_eq!(h.k.output_bytes(), 10);
}

#[test]
fn bad_pointers_are_efault_never_panics() {
    let mut h = H::new();
    assert_eq!(h.ret(nr::WRITE, &[1, 0x1000, 5]), EFAULT);
    assert_eq!(h.ret(nr::WRITE, &[1, u64::MAX - 2, 5]), EFAULT);
    // Straddling the end of a mapping.
    assert_eq!(h.ret(nr::WRITE, &[1, DATA + DATA_LEN - 2, 5]), EFAULT);
    assert_eq!(h.ret(nr::CLOCK_GETTIME, &[0, 0x1000]), EFAULT);
    // Output into read-only memory.
    assert_eq!(h.ret(nr::CLOCK_GETTIME, &[0, 0x30_0000]), EFAULT);
    assert_eq!(h.ret(nr::OPEN, &[0x1000, 0, 0]), EFAULT);
    let z = h.cstr("/dev/zero");
    let fd = h.ret(nr::OPEN, &[z, O_RDONLY, 0]) as u64;
    assert_eq!(h.ret(nr::READ, &[fd, 0x30_0000, 16]), EFAULT);
    // A huge read from an infinite device must not allocate: the buffer is not mapped.
    assert_eq!(h.ret(nr::READ, &[fd, DATA, 1 << 62]), EFAULT);
    // A huge read from a small file copies only what the file holds.
    let p = h.cstr("/data/input.txt");
    let f = h.ret(nr::OPEN, &[p, O_RDONLY, 0]) as u64;
    let buf = h.alloc(64);
    assert_eq!(h.ret(nr::READ, &[f, buf, u64::MAX]), 24);
    assert_eq!(h.get(buf, 24), b"hello from the embedder\n");
    assert_eq!(h.ret(nr::GETRANDOM, &[0x1000, 1 << 40, 0]), EFAULT);
    assert!(h.mem.protects.is_empty());
}

#[test]
fn brk_behaves_like_linux() {
    let mut h = H::new();
    assert_eq!(h.ret(nr::BRK, &[0]) as u64, BRK_BASE);
    assert_eq!(h.ret(nr::BRK, &[BRK_BASE + 100]) as u64, BRK_BASE + 100);
    assert_eq!(h.k.protection_at(BRK_BASE), Some(Prot::RW));
    assert_eq!(h.k.protection_at(BRK_BASE + PAGE_SIZE), None);
    assert_eq!(
        h.ret(nr::BRK, &[BRK_BASE + 0x10000]) as u64,
        BRK_BASE + 0x10000
    );
    assert_eq!(h.k.protection_at(BRK_BASE + 0xf000), Some(Prot::RW));
    // One merged [heap] mapping.
    assert_eq!(h.k.mappings().filter(|v| v.name == "[heap]").count(), 1);
    // Shrinking unmaps.
    assert_eq!(
        h.ret(nr::BRK, &[BRK_BASE + 0x1000]) as u64,
        BRK_BASE + 0x1000
    );
    assert_eq!(h.k.protection_at(BRK_BASE + 0x2000), None);
    // Below the base: returns current.
    assert_eq!(h.ret(nr::BRK, &[0x1000]) as u64, BRK_BASE + 0x1000);
    // Collision with a mapping: returns the old break.
    let fixed = BRK_BASE + 0x8000;
    assert_eq!(
        h.ret(
            nr::MMAP,
            &[
                fixed,
                0x1000,
                PROT_RW,
                MAP_PRIVATE_ANON | MAP_FIXED,
                u64::MAX,
                0
            ]
        ) as u64,
        fixed
    );
    assert_eq!(
        h.ret(nr::BRK, &[BRK_BASE + 0x20000]) as u64,
        BRK_BASE + 0x1000
    );
    // Fresh heap memory is zero even if the host page held data before.
    h.mem.write(BRK_BASE + 0x1800, b"junk").unwrap();
    assert_eq!(
        h.ret(nr::BRK, &[BRK_BASE + 0x2000]) as u64,
        BRK_BASE + 0x2000
    );
    assert_eq!(h.get(BRK_BASE + 0x1800, 4), [0; 4]);
}

#[test]
fn brk_respects_max_memory() {
    let mut h = H::with(|c| c.max_memory = 0x4000);
    assert_eq!(
        h.ret(nr::BRK, &[BRK_BASE + 0x4000]) as u64,
        BRK_BASE + 0x4000
    );
    assert_eq!(
        h.ret(nr::BRK, &[BRK_BASE + 0x5000]) as u64,
        BRK_BASE + 0x4000
    );
    assert_eq!(
        h.ret(
            nr::MMAP,
            &[0, 0x1000, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0]
        ),
        ENOMEM
    );
}

#[test]
fn mmap_placement_is_top_down_first_fit() {
    let mut h = H::new();
    let mm = |h: &mut H, len: u64| {
        h.ret(nr::MMAP, &[0, len, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0]) as u64
    };
    let a = mm(&mut h, 3 * PAGE_SIZE);
    assert_eq!(a, MMAP_TOP - 3 * PAGE_SIZE);
    let b = mm(&mut h, 100);
    assert_eq!(b, a - PAGE_SIZE);
    assert_eq!(h.ret(nr::MUNMAP, &[a, 3 * PAGE_SIZE]), 0);
    let c = mm(&mut h, 2 * PAGE_SIZE);
    assert_eq!(c, MMAP_TOP - 2 * PAGE_SIZE);
    // A 2-page hole is left below... no: [a, a+1 page) is free; a 1-page request lands at the highest fit.
    let d = mm(&mut h, PAGE_SIZE);
    assert_eq!(d, a);
    // Fixed-noreplace on an existing mapping.
    assert_eq!(
        h.ret(
            nr::MMAP,
            &[
                b,
                PAGE_SIZE,
                PROT_RW,
                MAP_PRIVATE_ANON | MAP_FIXED_NOREPLACE,
                u64::MAX,
                0
            ]
        ),
        EEXIST
    );
    // Unaligned fixed.
    assert_eq!(
        h.ret(
            nr::MMAP,
            &[
                b + 1,
                PAGE_SIZE,
                PROT_RW,
                MAP_PRIVATE_ANON | MAP_FIXED,
                u64::MAX,
                0
            ]
        ),
        EINVAL
    );
    assert_eq!(
        h.ret(nr::MMAP, &[0, 0, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0]),
        EINVAL
    );
    assert_eq!(
        h.ret(
            nr::MMAP,
            &[0, 1 << 40, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0]
        ),
        ENOMEM
    );
}

#[test]
fn mmap_sequences_never_overlap_and_are_deterministic() {
    let run = || {
        let mut h = H::new();
        let mut x = 0x1234_5678_9abc_def1u64;
        let mut live: Vec<(u64, u64)> = Vec::new();
        let mut log = Vec::new();
        for _ in 0..300 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            if x.is_multiple_of(3) && !live.is_empty() {
                let (a, l) = live.remove((x as usize / 3) % live.len());
                assert_eq!(h.ret(nr::MUNMAP, &[a, l]), 0);
            } else {
                let len = ((x >> 8) % 16 + 1) * PAGE_SIZE;
                let a = h.ret(nr::MMAP, &[0, len, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0]) as u64;
                for &(b, m) in &live {
                    assert!(a + len <= b || b + m <= a, "overlap");
                }
                live.push((a, len));
                log.push(a);
            }
        }
        log
    };
    assert_eq!(run(), run());
}

#[test]
fn fresh_mmap_memory_is_zero_and_protected() {
    let mut h = H::new();
    let a = h.ret(
        nr::MMAP,
        &[0, PAGE_SIZE, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0],
    ) as u64;
    h.mem.write(a, b"dirty").unwrap();
    assert_eq!(h.ret(nr::MUNMAP, &[a, PAGE_SIZE]), 0);
    assert_eq!(h.k.protection_at(a), None);
    assert_eq!(h.mem.protects.last(), Some(&(a, PAGE_SIZE, Prot::NONE)));
    let b = h.ret(
        nr::MMAP,
        &[0, PAGE_SIZE, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0],
    ) as u64;
    assert_eq!(a, b);
    assert_eq!(h.get(b, 5), [0; 5]);
    assert_eq!(h.mem.protects.last(), Some(&(b, PAGE_SIZE, Prot::RW)));
}

#[test]
fn mprotect_and_exec_invalidation() {
    let mut h = H::new();
    let a = h.ret(
        nr::MMAP,
        &[0, 2 * PAGE_SIZE, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0],
    ) as u64;
    assert_eq!(h.ret(nr::MPROTECT, &[a, PAGE_SIZE, 5]), 0);
    assert_eq!(h.k.protection_at(a), Some(Prot::RX));
    assert_eq!(h.k.protection_at(a + PAGE_SIZE), Some(Prot::RW));
    assert!(h.mem.invalidated.contains(&(a, PAGE_SIZE)));
    h.mem.invalidated.clear();
    assert_eq!(h.ret(nr::MUNMAP, &[a, 2 * PAGE_SIZE]), 0);
    assert_eq!(h.mem.invalidated, vec![(a, PAGE_SIZE)]);
    assert_eq!(h.ret(nr::MPROTECT, &[a, PAGE_SIZE, 1]), ENOMEM);
    assert_eq!(h.ret(nr::MPROTECT, &[a + 1, PAGE_SIZE, 1]), EINVAL);
    // The kernel writing into executable memory drops translated code.
    h.mem.invalidated.clear();
    assert_eq!(h.ret(nr::MPROTECT, &[DATA, PAGE_SIZE, 7]), 0);
    h.mem.invalidated.clear();
    assert_eq!(h.ret(nr::CLOCK_GETTIME, &[0, DATA]), 0);
    assert_eq!(h.mem.invalidated, vec![(DATA, 16)]);
}

#[test]
fn mremap_grows_in_place_or_moves() {
    let mut h = H::new();
    // The topmost mmap cannot grow in place: that would enter the gap above MMAP_TOP.
    let top = h.ret(
        nr::MMAP,
        &[0, PAGE_SIZE, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0],
    ) as u64;
    assert_eq!(top, MMAP_TOP - PAGE_SIZE);
    assert_eq!(
        h.ret(nr::MREMAP, &[top, PAGE_SIZE, 2 * PAGE_SIZE, 0, 0]),
        ENOMEM
    );
    // A hinted mapping lower down can.
    let hint = MMAP_TOP - 64 * PAGE_SIZE;
    let a = h.ret(
        nr::MMAP,
        &[hint, PAGE_SIZE, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0],
    ) as u64;
    assert_eq!(a, hint);
    h.mem.write(a, b"keep me").unwrap();
    let b = h.ret(nr::MREMAP, &[a, PAGE_SIZE, 2 * PAGE_SIZE, 0, 0]) as u64;
    assert_eq!(b, a, "grows in place into the free page above");
    // Block the page above, then growing needs MAYMOVE.
    let above = a + 2 * PAGE_SIZE;
    assert_eq!(
        h.ret(
            nr::MMAP,
            &[
                above,
                PAGE_SIZE,
                PROT_RW,
                MAP_PRIVATE_ANON | MAP_FIXED,
                u64::MAX,
                0
            ]
        ) as u64,
        above
    );
    assert_eq!(
        h.ret(nr::MREMAP, &[a, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 0, 0]),
        ENOMEM
    );
    let c = h.ret(nr::MREMAP, &[a, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 1, 0]) as u64;
    assert_ne!(c, a);
    assert_eq!(h.get(c, 7), b"keep me");
    assert_eq!(h.get(c + 2 * PAGE_SIZE, 4), [0; 4]);
    assert_eq!(h.k.protection_at(a), None);
    assert_eq!(h.k.protection_at(c + 3 * PAGE_SIZE), Some(Prot::RW));
    // Shrink.
    assert_eq!(
        h.ret(nr::MREMAP, &[c, 4 * PAGE_SIZE, PAGE_SIZE, 0, 0]) as u64,
        c
    );
    assert_eq!(h.k.protection_at(c + PAGE_SIZE), None);
    // Unmapped source.
    assert_eq!(
        h.ret(nr::MREMAP, &[0x1_0000, PAGE_SIZE, 2 * PAGE_SIZE, 1, 0]),
        EFAULT
    );
}

/// The last page of the guest space is never mapped (translated code relies on it
/// to leave out bounds checks): MAP_FIXED, MREMAP_FIXED and the loader's initial
/// mappings stop at MAP_END; the page below it is still available.
#[test]
fn the_last_page_is_never_mapped() {
    let mut h = H::new();
    let fixed = |h: &mut H, addr: u64, len: u64| {
        h.ret(
            nr::MMAP,
            &[
                addr,
                len,
                PROT_RW,
                MAP_PRIVATE_ANON | MAP_FIXED,
                u64::MAX,
                0,
            ],
        )
    };
    assert_eq!(fixed(&mut h, MAP_END, PAGE_SIZE), ENOMEM);
    assert_eq!(fixed(&mut h, MAP_END - PAGE_SIZE, 2 * PAGE_SIZE), ENOMEM);
    let below = MAP_END - PAGE_SIZE;
    assert_eq!(fixed(&mut h, below, PAGE_SIZE) as u64, below);
    // Growing it in place, or moving a mapping onto the last page, fails too.
    assert_eq!(
        h.ret(nr::MREMAP, &[below, PAGE_SIZE, 2 * PAGE_SIZE, 0, 0]),
        ENOMEM
    );
    assert!(h.ret(nr::MREMAP, &[below, PAGE_SIZE, PAGE_SIZE, 3, MAP_END]) < 0);
    assert_eq!(h.k.protection_at(MAP_END), None);
    assert!(h.k.map_initial(MAP_END, 16, Prot::RW, "segment").is_err());
    assert!(h.k.map_initial(below, 16, Prot::RW, "segment").is_ok());
}

#[test]
fn madvise_dontneed_zeroes_private_anon() {
    let mut h = H::new();
    let a = h.ret(
        nr::MMAP,
        &[0, PAGE_SIZE, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0],
    ) as u64;
    h.mem.write(a, b"data").unwrap();
    assert_eq!(h.ret(nr::MADVISE, &[a, PAGE_SIZE, 4]), 0);
    assert_eq!(h.get(a, 4), [0; 4]);
    assert_eq!(h.ret(nr::MADVISE, &[0x10000, PAGE_SIZE, 4]), ENOMEM);
}

#[test]
fn file_backed_mmap_copies_contents() {
    let mut h = H::new();
    let p = h.cstr("/data/input.txt");
    let fd = h.ret(nr::OPEN, &[p, O_RDONLY, 0]) as u64;
    let a = h.ret(nr::MMAP, &[0, 100, 1, 2, fd, 0]) as u64;
    assert_eq!(h.get(a, 24), b"hello from the embedder\n");
    assert_eq!(h.get(a + 24, 8), [0; 8]);
    assert_eq!(h.k.protection_at(a), Some(Prot(1)));
    // Shared writable file mapping is refused.
    assert_eq!(h.ret(nr::MMAP, &[0, 100, 3, 1, fd, 0]), -19);
}

#[test]
fn tmp_file_round_trip() {
    let mut h = H::new();
    let p = h.cstr("/tmp/a.txt");
    let fd = h.ret(nr::OPEN, &[p, O_RDWR | O_CREAT | O_EXCL, 0o644]) as u64;
    assert_eq!(fd, 3);
    let data = h.put(b"round trip");
    assert_eq!(h.ret(nr::WRITE, &[fd, data, 10]), 10);
    assert_eq!(h.ret(nr::LSEEK, &[fd, 0, 0]), 0);
    let buf = h.alloc(32);
    assert_eq!(h.ret(nr::READ, &[fd, buf, 32]), 10);
    assert_eq!(h.get(buf, 10), b"round trip");
    assert_eq!(h.ret(nr::READ, &[fd, buf, 32]), 0);
    assert_eq!(h.ret(nr::PREAD64, &[fd, buf, 4, 6]), 4);
    assert_eq!(h.get(buf, 4), b"trip");
    // fstat: regular file, size 10, mode 0644 & ~022.
    let st = h.alloc(144);
    assert_eq!(h.ret(nr::FSTAT, &[fd, st]), 0);
    let mode = u32::from_le_bytes(h.get(st + 24, 4).try_into().unwrap());
    assert_eq!(mode, 0o100644);
    assert_eq!(h.u64_at(st + 48), 10);
    assert_eq!(h.u64_at(st + 56), 4096);
    assert_eq!(h.u64_at(st + 72), 1_700_000_000);
    // O_EXCL on an existing file.
    assert_eq!(
        h.ret(nr::OPEN, &[p, O_RDWR | O_CREAT | O_EXCL, 0o644]),
        EEXIST
    );
    // O_APPEND, O_TRUNC.
    let fd2 = h.ret(nr::OPEN, &[p, O_WRONLY | O_APPEND, 0]) as u64;
    assert_eq!(h.ret(nr::WRITE, &[fd2, data, 5]), 5);
    assert_eq!(h.ret(nr::NEWFSTATAT, &[(-100i64) as u64, p, st, 0]), 0);
    assert_eq!(h.u64_at(st + 48), 15);
    let fd3 = h.ret(nr::OPEN, &[p, O_WRONLY | O_TRUNC, 0]) as u64;
    assert_eq!(h.ret(nr::FSTAT, &[fd3, st]), 0);
    assert_eq!(h.u64_at(st + 48), 0);
    assert_eq!(h.ret(nr::FTRUNCATE, &[fd3, 100]), 0);
    assert_eq!(h.ret(nr::FSTAT, &[fd, st]), 0);
    assert_eq!(h.u64_at(st + 48), 100);
    // getdents64 lists it.
    let tmp = h.cstr("/tmp");
    let dfd = h.ret(nr::OPEN, &[tmp, O_RDONLY | 0o200000, 0]) as u64;
    let d = h.alloc(512);
    let n = h.ret(nr::GETDENTS64, &[dfd, d, 512]) as usize;
    let raw = h.get(d, n);
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("a.txt") && text.contains(".."));
    assert_eq!(h.ret(nr::GETDENTS64, &[dfd, d, 512]), 0);
    // rename, unlink.
    let q = h.cstr("/tmp/b.txt");
    assert_eq!(h.ret(nr::RENAME, &[p, q]), 0);
    assert_eq!(h.ret(nr::OPEN, &[p, O_RDONLY, 0]), ENOENT);
    assert_eq!(h.ret(nr::UNLINK, &[q]), 0);
    assert_eq!(h.ret(nr::OPEN, &[q, O_RDONLY, 0]), ENOENT);
    // The open descriptor still works after unlink.
    assert_eq!(h.ret(nr::PREAD64, &[fd, buf, 4, 0]), 4);
    for f in [fd, fd2, fd3, dfd] {
        assert_eq!(h.ret(nr::CLOSE, &[f]), 0);
    }
    assert_eq!(h.ret(nr::CLOSE, &[fd]), EBADF);
}

#[test]
fn directories_cwd_and_relative_paths() {
    let mut h = H::new();
    let d = h.cstr("/tmp/dir");
    assert_eq!(h.ret(nr::MKDIR, &[d, 0o755]), 0);
    assert_eq!(h.ret(nr::MKDIR, &[d, 0o755]), EEXIST);
    assert_eq!(h.ret(nr::CHDIR, &[d]), 0);
    let buf = h.alloc(64);
    assert_eq!(h.ret(nr::GETCWD, &[buf, 64]), 9);
    assert_eq!(h.get(buf, 9), b"/tmp/dir\0");
    assert_eq!(h.ret(nr::GETCWD, &[buf, 3]), -34);
    let rel = h.cstr("f");
    let fd = h.ret(nr::OPEN, &[rel, O_WRONLY | O_CREAT, 0o600]) as u64;
    assert_eq!(h.ret(nr::CLOSE, &[fd]), 0);
    let abs = h.cstr("/tmp/dir/../dir/./f");
    let st = h.alloc(144);
    assert_eq!(h.ret(nr::STAT, &[abs, st]), 0);
    assert_eq!(h.ret(nr::RMDIR, &[d]), -39);
    assert_eq!(h.ret(nr::UNLINK, &[rel]), 0);
    assert_eq!(h.ret(nr::RMDIR, &[d]), 0);
    // Read-only places.
    let ro = h.cstr("/newfile");
    assert_eq!(h.ret(nr::OPEN, &[ro, O_WRONLY | O_CREAT, 0o600]), EACCES);
    let emb = h.cstr("/data/input.txt");
    assert_eq!(h.ret(nr::OPEN, &[emb, O_RDWR, 0]), EACCES);
    assert_eq!(h.ret(nr::UNLINK, &[emb]), EACCES);
    assert_eq!(h.ret(nr::ACCESS, &[emb, 4]), 0);
    assert_eq!(h.ret(nr::ACCESS, &[emb, 2]), EACCES);
    let missing = h.cstr("/nope");
    assert_eq!(h.ret(nr::ACCESS, &[missing, 0]), ENOENT);
    // readlink /proc/self/exe.
    let exe = h.cstr("/proc/self/exe");
    assert_eq!(h.ret(nr::READLINK, &[exe, buf, 64]), 13);
    assert_eq!(h.get(buf, 13), b"/bin/contract");
    assert_eq!(h.ret(nr::READLINK, &[emb, buf, 64]), EINVAL);
    assert_eq!(h.ret(nr::READLINK, &[missing, buf, 64]), ENOENT);
}

#[test]
fn devices_and_stdio_stat() {
    let mut h = H::new();
    let st = h.alloc(144);
    assert_eq!(h.ret(nr::FSTAT, &[1, st]), 0);
    let mode = u32::from_le_bytes(h.get(st + 24, 4).try_into().unwrap());
    assert_eq!(mode & 0o170000, 0o010000, "stdout is a FIFO");
    assert_eq!(h.ret(nr::IOCTL, &[1, 0x5401, st]), ENOTTY);
    assert_eq!(h.ret(nr::IOCTL, &[0, 0x5413, st]), ENOTTY);
    assert_eq!(h.ret(nr::IOCTL, &[99, 0x5401, st]), EBADF);
    assert_eq!(h.ret(nr::LSEEK, &[1, 0, 1]), -29);
    let null = h.cstr("/dev/null");
    let fd = h.ret(nr::OPEN, &[null, O_RDWR, 0]) as u64;
    let buf = h.alloc(16);
    assert_eq!(h.ret(nr::READ, &[fd, buf, 16]), 0);
    assert_eq!(h.ret(nr::WRITE, &[fd, buf, 16]), 16);
    assert_eq!(h.ret(nr::FSTAT, &[fd, st]), 0);
    let mode = u32::from_le_bytes(h.get(st + 24, 4).try_into().unwrap());
    assert_eq!(mode, 0o020666);
    // statx on a directory.
    let root = h.cstr("/");
    let sx = h.alloc(256);
    assert_eq!(h.ret(nr::STATX, &[(-100i64) as u64, root, 0, 0xfff, sx]), 0);
    let m = u16::from_le_bytes(h.get(sx + 28, 2).try_into().unwrap());
    assert_eq!(u32::from(m) & 0o170000, 0o040000);
    assert_eq!(h.u64_at(sx + 32), 1, "the root is inode 1");
    // /dev/stdout writes to stdout.
    let so = h.cstr("/dev/stdout");
    let fd = h.ret(nr::OPEN, &[so, O_WRONLY, 0]) as u64;
    let msg = h.put(b"via dev");
    assert_eq!(h.ret(nr::WRITE, &[fd, msg, 7]), 7);
    assert_eq!(h.out.text(), "via dev");
}

#[test]
fn stdin_reads_fill_the_request() {
    struct Trickle(Vec<u8>);
    impl std::io::Read for Trickle {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0.is_empty() || buf.is_empty() {
                return Ok(0);
            }
            buf[0] = self.0.remove(0);
            Ok(1)
        }
    }
    let mut h = H::with(|c| c.stdin = Box::new(Trickle(b"abcdef".to_vec())));
    let buf = h.alloc(16);
    assert_eq!(h.ret(nr::READ, &[0, buf, 4]), 4);
    assert_eq!(h.get(buf, 4), b"abcd");
    assert_eq!(h.ret(nr::READ, &[0, buf, 16]), 2);
    assert_eq!(h.ret(nr::READ, &[0, buf, 16]), 0);
}

#[test]
fn dup_and_fcntl() {
    let mut h = H::new();
    assert_eq!(h.ret(nr::DUP, &[1]), 3);
    assert_eq!(h.ret(nr::DUP2, &[1, 10]), 10);
    assert_eq!(h.ret(nr::FCNTL, &[1, 0, 5]), 5);
    assert_eq!(h.ret(nr::FCNTL, &[1, 1030, 0]), 4);
    assert_eq!(h.ret(nr::FCNTL, &[4, 1, 0]), 1);
    assert_eq!(h.ret(nr::FCNTL, &[3, 1, 0]), 0);
    assert_eq!(h.ret(nr::FCNTL, &[3, 2, 1]), 0);
    assert_eq!(h.ret(nr::FCNTL, &[3, 1, 0]), 1);
    assert_eq!(h.ret(nr::FCNTL, &[1, 3, 0]) & 3, 1);
    assert_eq!(h.ret(nr::FCNTL, &[1, 4, 0o4000]), 0);
    assert_eq!(
        h.ret(nr::FCNTL, &[3, 3, 0]) & 0o4000,
        0o4000,
        "status flags are shared"
    );
    let msg = h.put(b"x");
    assert_eq!(h.ret(nr::WRITE, &[10, msg, 1]), 1);
    assert_eq!(h.out.text(), "x");
    assert_eq!(h.ret(nr::DUP2, &[77, 11]), EBADF);
}

#[test]
fn open_file_limit() {
    let mut h = H::with(|c| c.max_open_files = 5);
    assert_eq!(h.ret(nr::DUP, &[1]), 3);
    assert_eq!(h.ret(nr::DUP, &[1]), 4);
    assert_eq!(h.ret(nr::DUP, &[1]), -24);
    let rl = h.alloc(16);
    assert_eq!(h.ret(nr::PRLIMIT64, &[0, 7, 0, rl]), 0);
    assert_eq!((h.u64_at(rl), h.u64_at(rl + 8)), (5, 5));
    assert_eq!(h.ret(nr::PRLIMIT64, &[0, 3, 0, rl]), 0);
    assert_eq!(h.u64_at(rl), 8 << 20);
    assert_eq!(h.ret(nr::PRLIMIT64, &[0, 0, 0, rl]), 0);
    assert_eq!(h.u64_at(rl), u64::MAX);
}

#[test]
fn pipes() {
    let mut h = H::new();
    let fds = h.alloc(8);
    assert_eq!(h.ret(nr::PIPE2, &[fds, 0]), 0);
    let r = u64::from(u32::from_le_bytes(h.get(fds, 4).try_into().unwrap()));
    let w = u64::from(u32::from_le_bytes(h.get(fds + 4, 4).try_into().unwrap()));
    assert_eq!((r, w), (3, 4));
    let buf = h.alloc(16);
    assert_eq!(h.ret(nr::READ, &[r, buf, 16]), EAGAIN);
    let msg = h.put(b"piped");
    assert_eq!(h.ret(nr::WRITE, &[w, msg, 5]), 5);
    assert_eq!(h.ret(nr::READ, &[r, buf, 3]), 3);
    assert_eq!(h.get(buf, 3), b"pip");
    assert_eq!(h.ret(nr::CLOSE, &[w]), 0);
    assert_eq!(h.ret(nr::READ, &[r, buf, 16]), 2);
    assert_eq!(h.ret(nr::READ, &[r, buf, 16]), 0);
    assert_eq!(h.ret(nr::LSEEK, &[r, 0, 0]), -29);
    // Writing with no reader: SIGPIPE kills (default action).
    assert_eq!(h.ret(nr::PIPE, &[fds]), 0);
    let r2 = u64::from(u32::from_le_bytes(h.get(fds, 4).try_into().unwrap()));
    let w2 = u64::from(u32::from_le_bytes(h.get(fds + 4, 4).try_into().unwrap()));
    assert_eq!(h.ret(nr::CLOSE, &[r2]), 0);
    assert_eq!(
        h.sys(nr::WRITE, &[w2, msg, 5]),
        SyscallOutcome::Fault {
            signal: 13,
            addr: 0
        }
    );
    // With SIGPIPE ignored: EPIPE.
    let act = h.put(
        &[1u64, 0, 0, 0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<_>>(),
    );
    assert_eq!(h.ret(nr::RT_SIGACTION, &[13, act, 0, 8]), 0);
    assert_eq!(h.ret(nr::WRITE, &[w2, msg, 5]), -32);
}

#[test]
fn getrandom_is_deterministic_and_seeded_by_the_block_hash() {
    let draw = |hash: u8| {
        let mut h = H::with(|c| c.block = block(hash));
        let buf = h.alloc(64);
        assert_eq!(h.ret(nr::GETRANDOM, &[buf, 32, 0]), 32);
        let p = h.cstr("/dev/urandom");
        let fd = h.ret(nr::OPEN, &[p, O_RDONLY, 0]) as u64;
        assert_eq!(h.ret(nr::READ, &[fd, buf + 32, 32]), 32);
        h.get(buf, 64)
    };
    let a = draw(1);
    assert_eq!(a, draw(1));
    assert_ne!(a, draw(2));
    // One stream, consumed in order: the loader's AT_RANDOM bytes come from it too.
    let mut k = Kernel::new(qvm_kernel::KernelConfig::new(block(1)));
    let mut s = vec![0u8; 64];
    k.random_bytes(&mut s[..16]);
    k.random_bytes(&mut s[16..]);
    assert_eq!(a, s);
    let mut h = H::new();
    assert_eq!(h.ret(nr::GETRANDOM, &[DATA, 8, 8]), EINVAL);
}

#[test]
fn gas_is_charged_exactly() {
    let sched = qvm_gas::Schedule::V1;
    let mut h = H::new();
    let msg = h.put(b"0123456789");
    let start = h.gas;
    assert_eq!(h.ret(nr::WRITE, &[1, msg, 10]), 10);
    assert_eq!(start - h.gas, sched.syscall_cost(10));
    let g = h.gas;
    assert_eq!(h.ret(nr::GETPID, &[]), 1000);
    assert_eq!(g - h.gas, sched.syscall_cost(0));
    let g = h.gas;
    let ts = h.alloc(16);
    assert_eq!(h.ret(nr::CLOCK_GETTIME, &[0, ts]), 0);
    assert_eq!(g - h.gas, sched.syscall_cost(16));
    let g = h.gas;
    h.ret(
        nr::MMAP,
        &[0, 3 * PAGE_SIZE, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0],
    );
    assert_eq!(g - h.gas, sched.syscall_cost(0) + sched.memory_cost(3));
    let g = h.gas;
    h.ret(nr::BRK, &[BRK_BASE + 2 * PAGE_SIZE]);
    assert_eq!(g - h.gas, sched.syscall_cost(0) + sched.memory_cost(2));
    let g = h.gas;
    let p = h.cstr("/dev/null");
    h.ret(nr::OPEN, &[p, O_RDONLY, 0]);
    assert_eq!(
        g - h.gas,
        sched.syscall_cost(10),
        "the path and its NUL are bytes moved"
    );
    // A failing call still pays the base.
    let g = h.gas;
    assert_eq!(h.ret(999, &[]), ENOSYS);
    assert_eq!(g - h.gas, sched.syscall_cost(0));
}

#[test]
fn out_of_gas_does_nothing_observable() {
    let sched = qvm_gas::Schedule::V1;
    let mut h = H::new();
    let msg = h.put(b"0123456789");
    h.gas = sched.syscall_cost(10) - 1;
    assert_eq!(h.sys(nr::WRITE, &[1, msg, 10]), SyscallOutcome::OutOfGas);
    assert_eq!(h.out.text(), "");
    assert_eq!(
        h.gas,
        sched.syscall_cost(10) - 1 - sched.syscall_base,
        "only the base was taken"
    );
    h.gas = sched.syscall_base - 1;
    assert_eq!(h.sys(nr::GETPID, &[]), SyscallOutcome::OutOfGas);
    assert_eq!(h.gas, sched.syscall_base - 1);
    h.gas = sched.syscall_cost(0) + sched.memory_cost(2) - 1;
    assert_eq!(
        h.sys(nr::BRK, &[BRK_BASE + 2 * PAGE_SIZE]),
        SyscallOutcome::OutOfGas
    );
    assert_eq!(h.k.protection_at(BRK_BASE), None);
    assert!(h.trace.text().contains("out of gas"));
}

#[test]
fn time_is_virtual() {
    let mut h = H::new();
    let ts = h.alloc(16);
    assert_eq!(h.ret(nr::CLOCK_GETTIME, &[0, ts]), 0);
    assert_eq!((h.u64_at(ts), h.u64_at(ts + 8)), (1_700_000_000, 0));
    assert_eq!(h.ret(nr::CLOCK_GETTIME, &[1, ts]), 0);
    assert_eq!((h.u64_at(ts), h.u64_at(ts + 8)), (0, 0));
    let req = h.put(&[1u64.to_le_bytes(), 500_000_000u64.to_le_bytes()].concat());
    assert_eq!(h.ret(nr::NANOSLEEP, &[req, 0]), 0);
    assert_eq!(h.cpu.tsc, 1_500_000_000);
    assert_eq!(h.ret(nr::CLOCK_GETTIME, &[1, ts]), 0);
    assert_eq!((h.u64_at(ts), h.u64_at(ts + 8)), (1, 500_000_000));
    assert_eq!(h.ret(nr::CLOCK_GETTIME, &[0, ts]), 0);
    assert_eq!(
        (h.u64_at(ts), h.u64_at(ts + 8)),
        (1_700_000_001, 500_000_000)
    );
    assert_eq!(h.ret(nr::CLOCK_GETTIME, &[99, ts]), EINVAL);
    assert_eq!(h.ret(201, &[0]), 1_700_000_001);
    let bad = h.put(&[0u64.to_le_bytes(), 2_000_000_000u64.to_le_bytes()].concat());
    assert_eq!(h.ret(nr::NANOSLEEP, &[bad, 0]), EINVAL);
}

#[test]
fn signals_to_self() {
    let mut h = H::new();
    assert_eq!(h.ret(nr::KILL, &[1000, 0]), 0);
    assert_eq!(h.ret(nr::KILL, &[1234, 6]), -3);
    assert_eq!(
        h.ret(nr::TGKILL, &[1000, 1000, 17]),
        0,
        "SIGCHLD is ignored by default"
    );
    // Blocked: pending until unblocked (glibc raise() blocks all signals around tgkill).
    let set = h.put(&u64::MAX.to_le_bytes());
    let old = h.alloc(8);
    assert_eq!(h.ret(nr::RT_SIGPROCMASK, &[0, set, old, 8]), 0);
    assert_eq!(h.u64_at(old), 0);
    assert_eq!(h.ret(nr::TGKILL, &[1000, 1000, 6]), 0);
    let empty = h.put(&0u64.to_le_bytes());
    assert_eq!(
        h.sys(nr::RT_SIGPROCMASK, &[2, empty, 0, 8]),
        SyscallOutcome::Fault { signal: 6, addr: 0 }
    );
    // A handler is recorded and returned, never invoked.
    let mut h = H::new();
    let act = h.put(
        &[0x40_1000u64, 0x0400_0000, 0x40_2000, 0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect::<Vec<_>>(),
    );
    let oact = h.alloc(32);
    assert_eq!(h.ret(nr::RT_SIGACTION, &[6, act, 0, 8]), 0);
    assert_eq!(h.ret(nr::RT_SIGACTION, &[6, 0, oact, 8]), 0);
    assert_eq!(h.u64_at(oact), 0x40_1000);
    assert_eq!(h.ret(nr::TGKILL, &[1000, 1000, 6]), 0);
    assert_eq!(h.ret(nr::RT_SIGACTION, &[9, act, 0, 8]), EINVAL);
    assert_eq!(
        h.sys(nr::KILL, &[0, 9]),
        SyscallOutcome::Fault { signal: 9, addr: 0 }
    );
}

#[test]
fn process_identity_and_exit() {
    let mut h = H::new();
    assert_eq!(h.ret(nr::GETPID, &[]), 1000);
    assert_eq!(h.ret(nr::GETTID, &[]), 1000);
    assert_eq!(h.ret(nr::GETUID, &[]), 1000);
    assert_eq!(h.ret(218, &[0x1234]), 1000);
    assert_eq!(h.ret(nr::ARCH_PRCTL, &[0x1002, 0x7000_1000]), 0);
    assert_eq!(h.cpu.fs_base, 0x7000_1000);
    let out = h.alloc(8);
    assert_eq!(h.ret(nr::ARCH_PRCTL, &[0x1003, out]), 0);
    assert_eq!(h.u64_at(out), 0x7000_1000);
    assert_eq!(h.ret(nr::ARCH_PRCTL, &[0x3001, out]), EINVAL);
    let u = h.alloc(390);
    assert_eq!(h.ret(nr::UNAME, &[u]), 0);
    assert_eq!(&h.get(u, 6), b"Linux\0");
    assert_eq!(&h.get(u + 65, 4), b"qvm\0");
    assert_eq!(&h.get(u + 4 * 65, 7), b"x86_64\0");
    assert_eq!(h.sys(nr::EXIT_GROUP, &[0x1_02]), SyscallOutcome::Exit(2));
    assert_eq!(h.sys(nr::EXIT, &[u64::MAX]), SyscallOutcome::Exit(255));
    assert!(h.trace.text().contains("exit_group(258) = ? (exit 2)"));
}

#[test]
fn futex_single_thread() {
    let mut h = H::new();
    let w = h.put(&5u32.to_le_bytes());
    assert_eq!(h.ret(nr::FUTEX, &[w, 1, 1]), 0);
    assert_eq!(h.ret(nr::FUTEX, &[w, 128, 4]), EAGAIN);
    assert_eq!(h.ret(nr::FUTEX, &[w, 0, 5]), ETIMEDOUT);
    let t = h.put(&[2u64.to_le_bytes(), 0u64.to_le_bytes()].concat());
    assert_eq!(h.ret(nr::FUTEX, &[w, 0, 5, t]), ETIMEDOUT);
    assert_eq!(h.cpu.tsc, 2_000_000_000);
    assert_eq!(h.ret(nr::FUTEX, &[0x1000, 0, 5]), EFAULT);
    assert_eq!(h.ret(nr::FUTEX, &[w + 1, 0, 5]), EINVAL);
}

#[test]
fn embedder_file_paths_are_validated() {
    let mut c = qvm_kernel::KernelConfig::new(block(0));
    c.files = vec![("relative".into(), vec![])];
    assert!(Kernel::try_new(c).is_err());
    let mut c = qvm_kernel::KernelConfig::new(block(0));
    c.files = vec![("/dev/null".into(), vec![])];
    assert!(Kernel::try_new(c).is_err());
    let mut c = qvm_kernel::KernelConfig::new(block(0));
    c.files = vec![("/a/b/c".into(), vec![1]), ("/a/d".into(), vec![2])];
    assert!(Kernel::try_new(c).is_ok());
}

#[test]
fn readv_scatters() {
    let mut h = H::new();
    let p = h.cstr("/data/input.txt");
    let fd = h.ret(nr::OPEN, &[p, O_RDONLY, 0]) as u64;
    let a = h.alloc(5);
    let b = h.alloc(100);
    let mut iov = Vec::new();
    for (p, l) in [(a, 5u64), (b, 100)] {
        iov.extend_from_slice(&p.to_le_bytes());
        iov.extend_from_slice(&l.to_le_bytes());
    }
    let iov = h.put(&iov);
    assert_eq!(h.ret(nr::READV, &[fd, iov, 2]), 24);
    assert_eq!(h.get(a, 5), b"hello");
    assert_eq!(h.get(b, 19), b" from the embedder\n");
}

#[test]
fn proc_self_maps_lists_mappings() {
    let mut h = H::new();
    let p = h.cstr("/proc/self/maps");
    let fd = h.ret(nr::OPEN, &[p, O_RDONLY, 0]) as u64;
    let buf = h.alloc(4096);
    let n = h.ret(nr::READ, &[fd, buf, 4096]) as usize;
    let text = String::from_utf8(h.get(buf, n)).unwrap();
    assert!(
        text.contains("00200000-00201000 r-xp 00000000 00:00 0"),
        "{text}"
    );
    assert!(text.lines().last().unwrap().ends_with("[stack]"), "{text}");
    let (lo, hi) = (layout::STACK_TOP - layout::STACK_LIMIT, layout::STACK_TOP);
    assert!(text.contains(&format!("{lo:08x}-{hi:08x} rw-p")), "{text}");
    assert_eq!(h.ret(nr::OPEN, &[p, O_RDWR, 0]), EACCES);
}

#[test]
fn strace_prints_paths_and_ints_without_changing_gas() {
    let run = |trace: bool| {
        let mut h = H::with(|c| {
            if !trace {
                c.strace = None;
            }
        });
        let p = h.cstr("/tmp/\"q\"\n");
        let fd = h.ret(
            nr::OPENAT,
            &[(-100i64) as u64, p, O_WRONLY | O_CREAT, 0o644],
        );
        assert_eq!(fd, 3);
        assert_eq!(h.ret(nr::OPEN, &[0x1000, 0, 0]), EFAULT);
        (h.gas, h.trace.text())
    };
    let (gas_traced, text) = run(true);
    let (gas_plain, empty) = run(false);
    assert_eq!(gas_traced, gas_plain);
    assert!(empty.is_empty());
    assert_eq!(
        text,
        "openat(-100, \"/tmp/\\\"q\\\"\\x0a\", 65, 420) = 3\nopen(4096, 0, 0) = -14 EFAULT\n"
    );
}

#[test]
fn tmp_files_count_against_max_memory() {
    let mut h = H::with(|c| c.max_memory = 3 * PAGE_SIZE);
    let p = h.cstr("/tmp/big");
    let fd = h.ret(nr::OPEN, &[p, O_RDWR | O_CREAT, 0o600]) as u64;
    assert_eq!(h.ret(nr::FTRUNCATE, &[fd, 2 * PAGE_SIZE]), 0);
    assert_eq!(
        h.ret(
            nr::MMAP,
            &[0, 2 * PAGE_SIZE, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0]
        ),
        ENOMEM
    );
    assert_eq!(h.ret(nr::FTRUNCATE, &[fd, 4 * PAGE_SIZE]), EFBIG);
    let data = h.alloc(PAGE_SIZE * 2);
    assert_eq!(h.ret(18, &[fd, data, 2 * PAGE_SIZE, PAGE_SIZE * 2]), -28);
    // Unlinking and closing gives the memory back.
    assert_eq!(h.ret(nr::UNLINK, &[p]), 0);
    assert_eq!(h.ret(nr::CLOSE, &[fd]), 0);
    assert!(
        h.ret(
            nr::MMAP,
            &[0, 2 * PAGE_SIZE, PROT_RW, MAP_PRIVATE_ANON, u64::MAX, 0]
        ) > 0
    );
}

#[test]
fn full_pipe_would_block() {
    let mut h = H::new();
    let fds = h.alloc(8);
    assert_eq!(h.ret(nr::PIPE, &[fds]), 0);
    let w = u64::from(u32::from_le_bytes(h.get(fds + 4, 4).try_into().unwrap()));
    let big = h.alloc(0x20000);
    assert_eq!(h.ret(nr::WRITE, &[w, big, 0x20000]), 0x10000);
    assert_eq!(h.ret(nr::WRITE, &[w, big, 1]), EAGAIN);
}
