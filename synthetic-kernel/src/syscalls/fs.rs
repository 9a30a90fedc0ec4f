//! File-system syscalls: opening and closing, metadata, descriptors, directories.
//!
//! Semantics beyond the tree described in [`crate::fs`]:
//!
//! - Paths resolve against the cwd (initially `/`) or a directory fd; there are no
//!   symlinks, so `lstat` = `stat` and `AT_SYMLINK_NOFOLLOW` changes nothing.
//!   `readlink("/proc/self/exe")` returns `exe_path`; readlink of anything else that
//!   exists is `EINVAL`. Opening `/proc/self/maps` (read-only) gives a snapshot of the
//!   mapping table in Linux's format (glibc's `pthread_getattr_np` reads it to find the
//!   main stack); it is not listed in `/proc/self` and cannot be `stat`ed by path.
//! - Permissions: every file is owned by uid/gid 1000 (the process), so the owner bits
//!   decide. Embedder files (0444) and the read-only directories (0555) refuse writes
//!   with `EACCES`; `/tmp` and what the guest creates there are writable. New files get
//!   `mode & ~umask` (umask starts at 022).
//! - `stat`: `st_dev` 1, inode numbers in creation order, `st_blksize` 4096,
//!   `st_blocks` = size in 512-byte units rounded up, all times = block timestamp (ns 0).
//! - `open` flags: `O_CREAT`, `O_EXCL`, `O_TRUNC`, `O_APPEND`, `O_DIRECTORY`,
//!   `O_CLOEXEC`, `O_NONBLOCK`, the access modes; others are accepted and ignored.
//! - `fcntl`: `F_DUPFD`, `F_DUPFD_CLOEXEC`, `F_GETFD`, `F_SETFD`, `F_GETFL` (reports
//!   `O_LARGEFILE` like 64-bit Linux), `F_SETFL` (`O_APPEND`, `O_NONBLOCK`, …); record
//!   locks always succeed (one process: `F_GETLK` answers `F_UNLCK`); `F_GETPIPE_SZ`
//!   is 65536; the rest `EINVAL`.
//! - `ftruncate`/`truncate` growth pays per byte (the kernel zero-fills it) and counts
//!   against `max_memory` (`EFBIG` beyond it; writes beyond it are `ENOSPC`).
//! - `chmod` family: only files and directories the guest created may change mode
//!   (`EPERM` otherwise). `utimensat` is accepted and changes nothing (all times are
//!   the block timestamp).

use std::cell::RefCell;
use std::rc::Rc;

use super::{len64, Ctx, SysResult};
use crate::errno::Errno;
use crate::fd::{
    Fd, OpenFile, O_ACCMODE, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_RDONLY, O_TRUNC, SETFL_MASK,
};
use crate::fs::{is_within, link, lookup, unlink as fs_unlink, NodeKind, NodeRef};
use crate::Kernel;

const AT_FDCWD: i32 = -100;
const AT_SYMLINK_NOFOLLOW: u64 = 0x100;
const AT_REMOVEDIR: u64 = 0x200;
const AT_EACCESS: u64 = 0x200;
const AT_NO_AUTOMOUNT: u64 = 0x800;
const AT_EMPTY_PATH: u64 = 0x1000;
const AT_STATX_SYNC_TYPE: u64 = 0x6000;
const O_LARGEFILE: u32 = 0o100000;
const ST_DEV: u64 = 1;

/// The low 32 bits of an `int` argument, signed.
pub(crate) fn int_arg(v: u64) -> i32 {
    u32::try_from(v & 0xffff_ffff).unwrap_or(0).cast_signed()
}

fn flags32(v: u64) -> u32 {
    u32::try_from(v & 0xffff_ffff).unwrap_or(0)
}

impl Kernel {
    /// The directory a relative path starts from (`AT_FDCWD` = the cwd).
    fn start_dir(&self, dirfd: u64, path: &[u8]) -> Result<NodeRef, Errno> {
        if path.first() == Some(&b'/') {
            return Ok(self.fs.root.clone());
        }
        if int_arg(dirfd) == AT_FDCWD {
            return Ok(self.cwd.clone());
        }
        let node = self.fds.file(dirfd)?.borrow().node.clone();
        if !node.borrow().is_dir() {
            return Err(Errno::ENOTDIR);
        }
        Ok(node)
    }

    /// Resolves `(dirfd, path)`; an empty path with `AT_EMPTY_PATH` names `dirfd` itself.
    fn lookup_at(&self, dirfd: u64, path: &[u8], flags: u64) -> Result<NodeRef, Errno> {
        if path.is_empty() && flags & AT_EMPTY_PATH != 0 {
            if int_arg(dirfd) == AT_FDCWD {
                return Ok(self.cwd.clone());
            }
            return Ok(self.fds.file(dirfd)?.borrow().node.clone());
        }
        let start = self.start_dir(dirfd, path)?;
        self.fs.resolve(&start, path)
    }

    fn stat_bytes(&self, node: &NodeRef) -> [u8; 144] {
        let n = node.borrow();
        let mut b = [0u8; 144];
        let size = n.size();
        let ts = self.block.timestamp;
        let put =
            |b: &mut [u8; 144], at: usize, v: u64| b[at..at + 8].copy_from_slice(&v.to_le_bytes());
        put(&mut b, 0, ST_DEV);
        put(&mut b, 8, n.ino);
        put(&mut b, 16, n.nlink());
        b[24..28].copy_from_slice(&n.mode().to_le_bytes());
        let uid = u32::try_from(super::process::UID).unwrap_or(0);
        b[28..32].copy_from_slice(&uid.to_le_bytes());
        b[32..36].copy_from_slice(&uid.to_le_bytes());
        put(&mut b, 40, n.rdev());
        put(&mut b, 48, size);
        put(&mut b, 56, 4096);
        put(&mut b, 64, size.div_ceil(512));
        put(&mut b, 72, ts);
        put(&mut b, 88, ts);
        put(&mut b, 104, ts);
        b
    }

    fn statx_bytes(&self, node: &NodeRef) -> [u8; 256] {
        let n = node.borrow();
        let mut b = [0u8; 256];
        let size = n.size();
        let ts = self.block.timestamp;
        let uid = u32::try_from(super::process::UID).unwrap_or(0);
        let nlink = u32::try_from(n.nlink()).unwrap_or(u32::MAX);
        let mode = u16::try_from(n.mode() & 0xffff).unwrap_or(0);
        let rdev = n.rdev();
        let w32 =
            |b: &mut [u8; 256], at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
        let w64 =
            |b: &mut [u8; 256], at: usize, v: u64| b[at..at + 8].copy_from_slice(&v.to_le_bytes());
        w32(&mut b, 0, 0xfff); // STATX_BASIC_STATS | STATX_BTIME
        w32(&mut b, 4, 4096);
        w32(&mut b, 16, nlink);
        w32(&mut b, 20, uid);
        w32(&mut b, 24, uid);
        b[28..30].copy_from_slice(&mode.to_le_bytes());
        w64(&mut b, 32, n.ino);
        w64(&mut b, 40, size);
        w64(&mut b, 48, size.div_ceil(512));
        for at in [64, 80, 96, 112] {
            w64(&mut b, at, ts);
        }
        w32(&mut b, 128, u32::try_from(rdev >> 8).unwrap_or(0));
        w32(&mut b, 132, u32::try_from(rdev & 0xff).unwrap_or(0));
        w32(&mut b, 140, u32::try_from(ST_DEV).unwrap_or(0));
        b
    }

    /// If `path` names `/proc/self/<name>` (or `/proc/1000/<name>`), that name. The
    /// path is taken textually (after joining a relative path to its start directory).
    fn proc_name(&self, start: &NodeRef, path: &[u8]) -> Option<Vec<u8>> {
        let abs = if path.first() == Some(&b'/') {
            path.to_vec()
        } else {
            let mut p = self.fs.path_of(start);
            if p != b"/" {
                p.push(b'/');
            }
            p.extend_from_slice(path);
            p
        };
        let pid_dir = format!("/proc/{}/", super::process::PID);
        abs.strip_prefix(b"/proc/self/")
            .or_else(|| abs.strip_prefix(pid_dir.as_bytes()))
            .map(<[u8]>::to_vec)
    }

    /// `/proc/self/maps` as Linux formats it, generated from the mapping table when
    /// opened (a snapshot).
    fn proc_maps(&self) -> Vec<u8> {
        let mut out = String::new();
        for v in self.mm.vmas() {
            let p = v.prot;
            let mut line = format!(
                "{:08x}-{:08x} {}{}{}{} 00000000 00:00 0",
                v.start,
                v.end,
                if p.readable() { 'r' } else { '-' },
                if p.writable() { 'w' } else { '-' },
                if p.executable() { 'x' } else { '-' },
                if v.shared { 's' } else { 'p' },
            );
            if !v.name.is_empty() {
                while line.len() < 73 {
                    line.push(' ');
                }
                line.push_str(&v.name);
            }
            line.push('\n');
            out.push_str(&line);
        }
        out.into_bytes()
    }

    fn install_fd(&mut self, file: OpenFile, cloexec: bool, min: u64) -> Result<u64, Errno> {
        let limit = self.fd_limit();
        self.fds.install(
            Fd {
                file: Rc::new(RefCell::new(file)),
                cloexec,
            },
            min,
            limit,
        )
    }
}

/// Whether the process (owner of every file) may write `node`.
fn may_write(node: &NodeRef) -> bool {
    let n = node.borrow();
    n.writable && n.perm & 0o200 != 0
}

fn may_access(node: &NodeRef, mode: u64) -> bool {
    let n = node.borrow();
    let owner = u64::from(n.perm >> 6) & 7;
    (mode & 2 == 0 || n.writable) && mode & owner == mode & 7
}

/// open(path, flags, mode).
pub fn open(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    openat(
        k,
        cx,
        [AT_FDCWD.cast_unsigned().into(), a[0], a[1], a[2], 0, 0],
    )
}

/// openat(dirfd, path, flags, mode).
pub fn openat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let path = k.read_cstr(cx, a[1])?;
    let flags = flags32(a[2]);
    let acc = flags & O_ACCMODE;
    if acc == 3 {
        return Err(Errno::EINVAL.into());
    }
    if !k.fds.has_free(k.fd_limit()) {
        return Err(Errno::EMFILE.into());
    }
    let start = k.start_dir(a[0], &path)?;
    if k.proc_name(&start, &path).as_deref() == Some(b"maps") {
        if acc != O_RDONLY || flags & (O_CREAT | O_TRUNC) != 0 {
            return Err(Errno::EACCES.into());
        }
        let node = k.fs.new_snapshot_file(k.proc_maps());
        return Ok(k.install_fd(
            OpenFile::new(node, acc | (flags & SETFL_MASK)),
            flags & O_CLOEXEC != 0,
            0,
        )?);
    }
    let node = if flags & O_CREAT != 0 {
        match k.fs.resolve_parent(&start, &path)? {
            None => {
                k.fs.resolve(&start, &path)?;
                return Err(Errno::EISDIR.into());
            }
            Some(pn) => match lookup(&pn.dir, &pn.name) {
                Some(_) if flags & O_EXCL != 0 => return Err(Errno::EEXIST.into()),
                Some(n) => n,
                None => {
                    if !may_write(&pn.dir) {
                        return Err(Errno::EACCES.into());
                    }
                    let perm = flags32(a[3]) & 0o7777 & !k.umask;
                    let n = k.fs.new_guest_file(perm);
                    link(&pn.dir, &pn.name, n.clone());
                    // A new file is writable by this open whatever its mode.
                    let file = OpenFile::new(n, acc | (flags & SETFL_MASK));
                    return Ok(k.install_fd(file, flags & O_CLOEXEC != 0, 0)?);
                }
            },
        }
    } else {
        k.fs.resolve(&start, &path)?
    };
    let is_dir = node.borrow().is_dir();
    if flags & O_DIRECTORY != 0 && !is_dir {
        return Err(Errno::ENOTDIR.into());
    }
    if is_dir && (acc != O_RDONLY || flags & O_CREAT != 0) {
        return Err(Errno::EISDIR.into());
    }
    let wants_write = acc != O_RDONLY || flags & O_TRUNC != 0;
    if wants_write && !may_write(&node) {
        return Err(Errno::EACCES.into());
    }
    if flags & O_TRUNC != 0 {
        if let NodeKind::File(d) = &mut node.borrow_mut().kind {
            d.resize(0);
        }
    }
    let file = OpenFile::new(node, acc | (flags & SETFL_MASK));
    Ok(k.install_fd(file, flags & O_CLOEXEC != 0, 0)?)
}

/// close(fd).
pub fn close(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    k.fds.close(a[0])?;
    Ok(0)
}

/// stat(path, buf) and lstat (there are no symlinks).
pub fn stat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    newfstatat(
        k,
        cx,
        [AT_FDCWD.cast_unsigned().into(), a[0], a[1], 0, 0, 0],
    )
}

/// fstat(fd, buf).
pub fn fstat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let node = k.fds.file(a[0])?.borrow().node.clone();
    let b = k.stat_bytes(&node);
    k.copy_out(cx, a[1], &b)?;
    Ok(0)
}

/// newfstatat(dirfd, path, buf, flags).
pub fn newfstatat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[3] & !(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT) != 0 {
        return Err(Errno::EINVAL.into());
    }
    let path = k.read_cstr(cx, a[1])?;
    let node = k.lookup_at(a[0], &path, a[3])?;
    let b = k.stat_bytes(&node);
    k.copy_out(cx, a[2], &b)?;
    Ok(0)
}

/// statx(dirfd, path, flags, mask, buf).
pub fn statx(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[2] & !(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT | AT_STATX_SYNC_TYPE) != 0 {
        return Err(Errno::EINVAL.into());
    }
    let path = k.read_cstr(cx, a[1])?;
    let node = k.lookup_at(a[0], &path, a[2])?;
    let b = k.statx_bytes(&node);
    k.copy_out(cx, a[4], &b)?;
    Ok(0)
}

/// lseek(fd, offset, whence).
pub fn lseek(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let file = k.fds.file(a[0])?;
    let mut f = file.borrow_mut();
    let off = a[1].cast_signed();
    let whence = a[2] & 0xffff_ffff;
    if whence > 4 {
        return Err(Errno::EINVAL.into());
    }
    let node = f.node.clone();
    let n = node.borrow();
    let size = match &n.kind {
        NodeKind::File(d) => len64(d.bytes().len()),
        NodeKind::Dir { .. } => {
            if whence != 0 || off < 0 {
                return Err(Errno::EINVAL.into());
            }
            f.pos = a[1];
            return Ok(a[1]);
        }
        NodeKind::Pipe(_) => return Err(Errno::ESPIPE.into()),
        NodeKind::Device(d) if d.is_stdio() => return Err(Errno::ESPIPE.into()),
        NodeKind::Device(_) => return Ok(0),
    };
    let base: i128 = match whence {
        0 => 0,
        1 => i128::from(f.pos),
        2 => i128::from(size),
        _ => {
            // SEEK_DATA / SEEK_HOLE: the file is all data with a hole at its end.
            let o = u64::try_from(off).map_err(|_| Errno::ENXIO)?;
            if o >= size {
                return Err(Errno::ENXIO.into());
            }
            let r = if whence == 3 { o } else { size };
            f.pos = r;
            return Ok(r);
        }
    };
    let new = u64::try_from(base + i128::from(off)).map_err(|_| Errno::EINVAL)?;
    if new.cast_signed() < 0 {
        return Err(Errno::EINVAL.into());
    }
    f.pos = new;
    Ok(new)
}

/// access(path, mode).
pub fn access(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    faccessat2(
        k,
        cx,
        [AT_FDCWD.cast_unsigned().into(), a[0], a[1], 0, 0, 0],
    )
}

/// faccessat(dirfd, path, mode).
pub fn faccessat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    faccessat2(k, cx, [a[0], a[1], a[2], 0, 0, 0])
}

/// faccessat2(dirfd, path, mode, flags).
pub fn faccessat2(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let mode = a[2] & 0xffff_ffff;
    if mode & !7 != 0 || a[3] & !(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH) != 0 {
        return Err(Errno::EINVAL.into());
    }
    let path = k.read_cstr(cx, a[1])?;
    let node = k.lookup_at(a[0], &path, a[3])?;
    if may_access(&node, mode) {
        Ok(0)
    } else {
        Err(Errno::EACCES.into())
    }
}

/// dup(fd).
pub fn dup(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let file = k.fds.file(a[0])?;
    let limit = k.fd_limit();
    Ok(k.fds.install(
        Fd {
            file,
            cloexec: false,
        },
        0,
        limit,
    )?)
}

/// dup2(old, new).
pub fn dup2(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let file = k.fds.file(a[0])?;
    if a[0] == a[1] {
        return Ok(a[1]);
    }
    let limit = k.fd_limit();
    Ok(k.fds.install_at(
        Fd {
            file,
            cloexec: false,
        },
        a[1],
        limit,
    )?)
}

/// dup3(old, new, flags).
pub fn dup3(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let flags = flags32(a[2]);
    if flags & !O_CLOEXEC != 0 || a[0] == a[1] {
        return Err(Errno::EINVAL.into());
    }
    let file = k.fds.file(a[0])?;
    let limit = k.fd_limit();
    Ok(k.fds.install_at(
        Fd {
            file,
            cloexec: flags != 0,
        },
        a[1],
        limit,
    )?)
}

/// fcntl(fd, cmd, arg).
pub fn fcntl(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let file = k.fds.file(a[0])?;
    let limit = k.fd_limit();
    match int_arg(a[1]) {
        0 | 1030 => {
            let cloexec = int_arg(a[1]) == 1030;
            Ok(k.fds
                .install(Fd { file, cloexec }, a[2] & 0xffff_ffff, limit)?)
        }
        1 => Ok(u64::from(k.fds.get(a[0])?.cloexec)),
        2 => {
            k.fds.get_mut(a[0])?.cloexec = a[2] & 1 != 0;
            Ok(0)
        }
        3 => Ok(u64::from(file.borrow().flags | O_LARGEFILE)),
        4 => {
            let mut f = file.borrow_mut();
            f.flags = (f.flags & !SETFL_MASK) | (flags32(a[2]) & SETFL_MASK);
            Ok(0)
        }
        // F_GETLK, F_OFD_GETLK: nothing else holds a lock.
        5 | 36 => {
            k.copy_out(cx, a[2], &2u16.to_le_bytes())?;
            Ok(0)
        }
        // F_SETLK, F_SETLKW, F_OFD_SETLK, F_OFD_SETLKW.
        6 | 7 | 37 | 38 => Ok(0),
        // F_GETPIPE_SZ
        1032 if matches!(file.borrow().node.borrow().kind, NodeKind::Pipe(_)) => Ok(65536),
        _ => Err(Errno::EINVAL.into()),
    }
}

/// fsync / fdatasync(fd): 0 (nothing is durable anyway).
pub fn fsync(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    k.fds.get(a[0])?;
    Ok(0)
}

/// fadvise64(fd, offset, len, advice): 0.
pub fn fadvise64(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let file = k.fds.file(a[0])?;
    let f = file.borrow();
    let n = f.node.borrow();
    match &n.kind {
        NodeKind::Pipe(_) => Err(Errno::ESPIPE.into()),
        NodeKind::Device(d) if d.is_stdio() => Err(Errno::ESPIPE.into()),
        _ if a[3] > 5 => Err(Errno::EINVAL.into()),
        _ => Ok(0),
    }
}

/// ftruncate(fd, length).
pub fn ftruncate(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let file = k.fds.file(a[0])?;
    if !file.borrow().writable() {
        return Err(Errno::EINVAL.into());
    }
    let node = file.borrow().node.clone();
    truncate_node(k, cx, &node, a[1])
}

/// truncate(path, length).
pub fn truncate(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let path = k.read_cstr(cx, a[0])?;
    let node = k.fs.resolve(&k.cwd, &path)?;
    if node.borrow().is_dir() {
        return Err(Errno::EISDIR.into());
    }
    if !may_write(&node) {
        return Err(Errno::EACCES.into());
    }
    truncate_node(k, cx, &node, a[1])
}

fn truncate_node(k: &mut Kernel, cx: &mut Ctx<'_>, node: &NodeRef, len: u64) -> SysResult {
    if len.cast_signed() < 0 {
        return Err(Errno::EINVAL.into());
    }
    let mut n = node.borrow_mut();
    let NodeKind::File(d) = &mut n.kind else {
        return Err(Errno::EINVAL.into());
    };
    let size = len64(d.bytes().len());
    let growth = len.saturating_sub(size);
    if !k.memory_fits(growth, 0) {
        return Err(Errno::EFBIG.into());
    }
    cx.charge_bytes(growth)?;
    d.resize(super::to_usize(len).map_err(|_| Errno::EFBIG)?);
    Ok(0)
}

/// chmod(path, mode).
pub fn chmod(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    fchmodat(
        k,
        cx,
        [AT_FDCWD.cast_unsigned().into(), a[0], a[1], 0, 0, 0],
    )
}

/// fchmod(fd, mode).
pub fn fchmod(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let node = k.fds.file(a[0])?.borrow().node.clone();
    set_perm(&node, a[1])
}

/// fchmodat(dirfd, path, mode).
pub fn fchmodat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let path = k.read_cstr(cx, a[1])?;
    let node = k.lookup_at(a[0], &path, 0)?;
    set_perm(&node, a[2])
}

/// Only what the guest created may change mode; the read-only part is `EPERM`.
fn set_perm(node: &NodeRef, mode: u64) -> SysResult {
    let mut n = node.borrow_mut();
    if !n.writable || matches!(n.kind, NodeKind::Device(_)) {
        return Err(Errno::EPERM.into());
    }
    n.perm = flags32(mode) & 0o7777;
    Ok(0)
}

/// utimensat(dirfd, path, times, flags): accepted when the file exists; every time
/// stays the block timestamp.
pub fn utimensat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[1] == 0 {
        k.fds.file(a[0])?;
        return Ok(0);
    }
    let path = k.read_cstr(cx, a[1])?;
    k.lookup_at(a[0], &path, a[3])?;
    Ok(0)
}

/// getcwd(buf, size): returns the length including the NUL.
pub fn getcwd(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let mut p = k.fs.path_of(&k.cwd);
    p.push(0);
    if a[1] < len64(p.len()) {
        return Err(Errno::ERANGE.into());
    }
    k.copy_out(cx, a[0], &p)?;
    Ok(len64(p.len()))
}

/// chdir(path).
pub fn chdir(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let path = k.read_cstr(cx, a[0])?;
    let node = k.fs.resolve(&k.cwd, &path)?;
    if !node.borrow().is_dir() {
        return Err(Errno::ENOTDIR.into());
    }
    k.cwd = node;
    Ok(0)
}

/// fchdir(fd).
pub fn fchdir(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let node = k.fds.file(a[0])?.borrow().node.clone();
    if !node.borrow().is_dir() {
        return Err(Errno::ENOTDIR.into());
    }
    k.cwd = node;
    Ok(0)
}

/// mkdir(path, mode).
pub fn mkdir(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    mkdirat(
        k,
        cx,
        [AT_FDCWD.cast_unsigned().into(), a[0], a[1], 0, 0, 0],
    )
}

/// mkdirat(dirfd, path, mode).
pub fn mkdirat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let path = k.read_cstr(cx, a[1])?;
    let start = k.start_dir(a[0], &path)?;
    let Some(pn) = k.fs.resolve_parent(&start, &path)? else {
        k.fs.resolve(&start, &path)?;
        return Err(Errno::EEXIST.into());
    };
    if lookup(&pn.dir, &pn.name).is_some() {
        return Err(Errno::EEXIST.into());
    }
    if !may_write(&pn.dir) {
        return Err(Errno::EACCES.into());
    }
    let perm = flags32(a[2]) & 0o7777 & !k.umask;
    k.fs.add_dir(&pn.dir, &pn.name, perm, true);
    Ok(0)
}

/// rmdir(path).
pub fn rmdir(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    unlinkat(
        k,
        cx,
        [AT_FDCWD.cast_unsigned().into(), a[0], AT_REMOVEDIR, 0, 0, 0],
    )
}

/// unlink(path).
pub fn unlink(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    unlinkat(k, cx, [AT_FDCWD.cast_unsigned().into(), a[0], 0, 0, 0, 0])
}

/// unlinkat(dirfd, path, flags).
pub fn unlinkat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if a[2] & !AT_REMOVEDIR != 0 {
        return Err(Errno::EINVAL.into());
    }
    let rmdir = a[2] & AT_REMOVEDIR != 0;
    let path = k.read_cstr(cx, a[1])?;
    let start = k.start_dir(a[0], &path)?;
    let Some(pn) = k.fs.resolve_parent(&start, &path)? else {
        let n = k.fs.resolve(&start, &path)?;
        let is_root = Rc::ptr_eq(&n, &k.fs.root);
        return Err(if !rmdir {
            Errno::EISDIR
        } else if is_root {
            Errno::EBUSY
        } else {
            Errno::EINVAL
        }
        .into());
    };
    let node = lookup(&pn.dir, &pn.name).ok_or(Errno::ENOENT)?;
    let is_dir = node.borrow().is_dir();
    if rmdir {
        if !is_dir {
            return Err(Errno::ENOTDIR.into());
        }
        if let NodeKind::Dir { entries, .. } = &node.borrow().kind {
            if !entries.is_empty() {
                return Err(Errno::ENOTEMPTY.into());
            }
        }
    } else if is_dir {
        return Err(Errno::EISDIR.into());
    }
    if !may_write(&pn.dir) {
        return Err(Errno::EACCES.into());
    }
    fs_unlink(&pn.dir, &pn.name);
    Ok(0)
}

/// rename(old, new).
pub fn rename(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let cwd = AT_FDCWD.cast_unsigned().into();
    renameat2(k, cx, [cwd, a[0], cwd, a[1], 0, 0])
}

/// renameat(olddirfd, old, newdirfd, new).
pub fn renameat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    renameat2(k, cx, [a[0], a[1], a[2], a[3], 0, 0])
}

/// renameat2(olddirfd, old, newdirfd, new, flags): RENAME_NOREPLACE is supported,
/// RENAME_EXCHANGE and RENAME_WHITEOUT are `EINVAL`.
pub fn renameat2(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    const RENAME_NOREPLACE: u64 = 1;
    if a[4] & !RENAME_NOREPLACE != 0 {
        return Err(Errno::EINVAL.into());
    }
    let old = k.read_cstr(cx, a[1])?;
    let new = k.read_cstr(cx, a[3])?;
    let os = k.start_dir(a[0], &old)?;
    let ns = k.start_dir(a[2], &new)?;
    let src = k.fs.resolve_parent(&os, &old)?.ok_or(Errno::EBUSY)?;
    let node = lookup(&src.dir, &src.name).ok_or(Errno::ENOENT)?;
    let dst = k.fs.resolve_parent(&ns, &new)?.ok_or(Errno::EBUSY)?;
    if !may_write(&src.dir) || !may_write(&dst.dir) {
        return Err(Errno::EACCES.into());
    }
    let is_dir = node.borrow().is_dir();
    if is_dir && is_within(&dst.dir, &node) {
        return Err(Errno::EINVAL.into());
    }
    if let Some(existing) = lookup(&dst.dir, &dst.name) {
        if Rc::ptr_eq(&existing, &node) {
            return Ok(0);
        }
        if a[4] & RENAME_NOREPLACE != 0 {
            return Err(Errno::EEXIST.into());
        }
        let e = existing.borrow();
        match (&e.kind, is_dir) {
            (NodeKind::Dir { entries, .. }, true) if !entries.is_empty() => {
                return Err(Errno::ENOTEMPTY.into())
            }
            (NodeKind::Dir { .. }, false) => return Err(Errno::EISDIR.into()),
            (_, true) if !e.is_dir() => return Err(Errno::ENOTDIR.into()),
            _ => {}
        }
    }
    fs_unlink(&src.dir, &src.name);
    link(&dst.dir, &dst.name, node);
    Ok(0)
}

/// readlink(path, buf, size).
pub fn readlink(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    readlinkat(
        k,
        cx,
        [AT_FDCWD.cast_unsigned().into(), a[0], a[1], a[2], 0, 0],
    )
}

/// readlinkat(dirfd, path, buf, size).
pub fn readlinkat(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    if int_arg(a[3]) <= 0 {
        return Err(Errno::EINVAL.into());
    }
    let path = k.read_cstr(cx, a[1])?;
    let start = k.start_dir(a[0], &path)?;
    if k.proc_name(&start, &path).as_deref() == Some(b"exe") {
        let target = k.exe_path.as_bytes().to_vec();
        let n = target.len().min(super::to_usize(a[3] & 0xffff_ffff)?);
        k.copy_out(cx, a[2], &target[..n])?;
        return Ok(len64(n));
    }
    k.fs.resolve(&start, &path)?;
    Err(Errno::EINVAL.into())
}

/// getdents64(fd, buf, count).
pub fn getdents64(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let file = k.fds.file(a[0])?;
    let node = file.borrow().node.clone();
    let n = node.borrow();
    let NodeKind::Dir { entries, parent } = &n.kind else {
        return Err(Errno::ENOTDIR.into());
    };
    let parent_ino = parent.upgrade().map_or(n.ino, |p| {
        if Rc::ptr_eq(&p, &node) {
            n.ino
        } else {
            p.borrow().ino
        }
    });
    let mut list: Vec<(u64, u8, &[u8])> = vec![(n.ino, 4, b"."), (parent_ino, 4, b"..")];
    let children: Vec<(u64, u8)> = entries
        .values()
        .map(|c| (c.borrow().ino, c.borrow().dtype()))
        .collect();
    for ((name, _), (ino, t)) in entries.iter().zip(children) {
        list.push((ino, t, name));
    }
    let count = a[2] & 0xffff_ffff;
    let start = super::to_usize(file.borrow().pos).unwrap_or(usize::MAX);
    let mut out = Vec::new();
    let mut idx = start;
    for (ino, t, name) in list.iter().skip(start) {
        let reclen = (19 + name.len() + 1).div_ceil(8) * 8;
        if len64(out.len() + reclen) > count {
            break;
        }
        out.extend_from_slice(&ino.to_le_bytes());
        out.extend_from_slice(&len64(idx + 1).to_le_bytes());
        out.extend_from_slice(&u16::try_from(reclen).unwrap_or(0).to_le_bytes());
        out.push(*t);
        out.extend_from_slice(name);
        out.resize(out.len() + reclen - 19 - name.len(), 0);
        idx += 1;
    }
    if out.is_empty() && idx < list.len() {
        return Err(Errno::EINVAL.into());
    }
    drop(n);
    k.copy_out(cx, a[1], &out)?;
    file.borrow_mut().pos = len64(idx);
    Ok(len64(out.len()))
}
