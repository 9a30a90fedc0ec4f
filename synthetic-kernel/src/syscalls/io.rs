//! Data transfer: read/write and their vector and positioned forms, pipes, poll, ioctl,
//! getrandom.
//!
//! - A transfer is capped at `MAX_RW_COUNT` (0x7ffff000) bytes; the whole buffer (every
//!   iovec) is validated first (`EFAULT`, nothing transferred); then the bytes that will
//!   actually move are paid for; then they move.
//! - **stdin** reads loop on the embedder's source until the request is filled or it
//!   reports end of file (so reads behave like reads of a regular file, whatever the
//!   source's chunking). **stdout/stderr** writes go to the embedder's sinks, bounded by
//!   `max_output` in total (partial write up to the limit, then `-EFBIG`); a sink error
//!   is `-EIO`.
//! - **Pipes** hold up to 64 KiB. With one thread nothing can happen while a call
//!   blocks, so: reading an empty pipe returns 0 (end of file) when no write end is
//!   open and `-EAGAIN` otherwise (it would block forever); writing a full pipe is
//!   `-EAGAIN`; writing with no read end open raises SIGPIPE (default action: the run
//!   ends as a fault; ignored, handled or blocked: `-EPIPE`).
//! - `/dev/null` reads EOF and swallows writes; `/dev/zero` reads zeros; `/dev/random`
//!   and `/dev/urandom` read the random stream (writes are accepted and ignored).
//! - **poll** reports regular files, devices and stdin readable, stdout/stderr writable,
//!   pipes by their state. If nothing is ready it advances the virtual clock by the
//!   timeout and returns 0; an infinite timeout with nothing ready also returns 0 at
//!   once (the wait could never end).
//! - **ioctl**: every terminal request (TCGETS, TIOCGWINSZ, …) is `-ENOTTY` — no fd is
//!   a terminal; FIONBIO, FIOCLEX and FIONCLEX work; bad fds are `-EBADF`.

use super::{bounce_buffer, len64, to_usize, Ctx, Stop, SysResult, CHUNK, MAX_RW_COUNT};
use crate::errno::Errno;
use crate::fd::{Fd, OpenFile, O_CLOEXEC, O_NONBLOCK, O_RDONLY, O_WRONLY};
use crate::fs::{Device, NodeKind, PIPE_CAPACITY};
use crate::Kernel;
use std::cell::RefCell;
use std::rc::Rc;

const IOV_MAX: u64 = 1024;
const SIGPIPE: u64 = 13;

/// Caps segments so their total is at most MAX_RW_COUNT.
fn cap(segs: &mut Vec<(u64, u64)>) -> u64 {
    let mut total = 0u64;
    for s in segs.iter_mut() {
        s.1 = s.1.min(MAX_RW_COUNT - total);
        total += s.1;
    }
    segs.retain(|s| s.1 > 0);
    total
}

/// Writes consecutive bytes across guest segments.
struct Scatter<'s> {
    segs: &'s [(u64, u64)],
    i: usize,
    off: u64,
}

impl Scatter<'_> {
    fn put(&mut self, k: &Kernel, cx: &mut Ctx<'_>, mut data: &[u8]) -> Result<(), Errno> {
        while !data.is_empty() && self.i < self.segs.len() {
            let (base, len) = self.segs[self.i];
            let n = to_usize((len - self.off).min(len64(data.len())))?;
            k.raw_out(cx, base + self.off, &data[..n])?;
            data = &data[n..];
            self.off += len64(n);
            if self.off == len {
                self.i += 1;
                self.off = 0;
            }
        }
        Ok(())
    }
}

/// Reads `n` bytes from guest segments in chunks, handing each chunk to `f`.
fn gather(
    cx: &mut Ctx<'_>,
    segs: &[(u64, u64)],
    n: u64,
    mut f: impl FnMut(&[u8]) -> Result<(), Errno>,
) -> Result<(), Errno> {
    let mut left = n;
    let mut buf = bounce_buffer(n)?;
    for &(base, len) in segs {
        let mut off = 0;
        while off < len && left > 0 {
            let m = (len - off).min(left).min(len64(CHUNK));
            let chunk = &mut buf[..to_usize(m)?];
            cx.mem.read(base + off, chunk).map_err(|_| Errno::EFAULT)?;
            f(chunk)?;
            off += m;
            left -= m;
        }
    }
    Ok(())
}

impl Kernel {
    fn read_iovecs(&self, cx: &mut Ctx<'_>, iov: u64, cnt: u64) -> Result<Vec<(u64, u64)>, Stop> {
        if cnt > IOV_MAX {
            return Err(Errno::EINVAL.into());
        }
        let b = self.copy_in(cx, iov, cnt * 16)?;
        let mut segs = Vec::new();
        let mut total = 0u64;
        for c in b.chunks_exact(16) {
            let base = u64::from_le_bytes(c[..8].try_into().map_err(|_| Errno::EFAULT)?);
            let len = u64::from_le_bytes(c[8..].try_into().map_err(|_| Errno::EFAULT)?);
            total = total
                .checked_add(len)
                .filter(|&t| t <= i64::MAX as u64)
                .ok_or(Errno::EINVAL)?;
            segs.push((base, len));
        }
        Ok(segs)
    }

    /// Validates that the first `n` bytes of the segments are writable (a read checks
    /// only the bytes it will actually store, as Linux copies only those).
    fn check_out_prefix(&self, segs: &[(u64, u64)], n: u64) -> Result<(), Errno> {
        let mut left = n;
        for &(b, l) in segs {
            if left == 0 {
                break;
            }
            let m = l.min(left);
            self.check_out(b, m)?;
            left -= m;
        }
        Ok(())
    }

    /// Fills `buf` from the embedder's stdin until full or end of file.
    fn pull_stdin(&mut self, want: u64) -> Result<Vec<u8>, Errno> {
        let mut out = Vec::new();
        let mut chunk = bounce_buffer(want)?;
        while !self.stdin_eof && len64(out.len()) < want {
            let m = to_usize((want - len64(out.len())).min(len64(CHUNK)))?;
            match self.stdin.read(&mut chunk[..m]) {
                Ok(0) => self.stdin_eof = true,
                Ok(n) => out.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(_) => return Err(Errno::EIO),
            }
        }
        Ok(out)
    }

    /// The common read path.
    pub(crate) fn do_read(
        &mut self,
        cx: &mut Ctx<'_>,
        fd: u64,
        mut segs: Vec<(u64, u64)>,
        offset: Option<u64>,
    ) -> SysResult {
        let file = self.fds.file(fd)?;
        if !file.borrow().readable() {
            return Err(Errno::EBADF.into());
        }
        let total = cap(&mut segs);
        let node = file.borrow().node.clone();
        let mut sc = Scatter {
            segs: &segs,
            i: 0,
            off: 0,
        };
        let mut nb = node.borrow_mut();
        let positional = offset.is_some();
        match &mut nb.kind {
            NodeKind::Dir { .. } => Err(Errno::EISDIR.into()),
            NodeKind::File(data) => {
                let pos = offset.unwrap_or(file.borrow().pos);
                let bytes = data.bytes();
                let start = usize::try_from(pos).unwrap_or(usize::MAX).min(bytes.len());
                let n = to_usize(total)?.min(bytes.len() - start);
                self.check_out_prefix(&segs, len64(n))?;
                cx.charge_bytes(len64(n))?;
                sc.put(self, cx, &bytes[start..start + n])?;
                if !positional {
                    file.borrow_mut().pos = pos + len64(n);
                }
                Ok(len64(n))
            }
            NodeKind::Pipe(_)
            | NodeKind::Device(Device::Stdin | Device::Stdout | Device::Stderr)
                if positional =>
            {
                Err(Errno::ESPIPE.into())
            }
            NodeKind::Pipe(p) => {
                let n = to_usize(total)?.min(p.buf.len());
                if n == 0 && total > 0 {
                    return if p.writers == 0 {
                        Ok(0)
                    } else {
                        Err(Errno::EAGAIN.into())
                    };
                }
                self.check_out_prefix(&segs, len64(n))?;
                cx.charge_bytes(len64(n))?;
                let data: Vec<u8> = p.buf.drain(..n).collect();
                sc.put(self, cx, &data)?;
                Ok(len64(n))
            }
            NodeKind::Device(d) => match *d {
                Device::Null => Ok(0),
                Device::Zero | Device::Random => {
                    self.check_out_prefix(&segs, total)?;
                    cx.charge_bytes(total)?;
                    let mut buf = bounce_buffer(total)?;
                    let mut done = 0;
                    while done < total {
                        let m = to_usize((total - done).min(len64(CHUNK)))?;
                        if *d == Device::Random {
                            self.random.fill(&mut buf[..m]);
                        }
                        sc.put(self, cx, &buf[..m])?;
                        done += len64(m);
                    }
                    Ok(total)
                }
                Device::Stdin => {
                    drop(nb);
                    let data = self.pull_stdin(total)?;
                    self.check_out_prefix(&segs, len64(data.len()))?;
                    cx.charge_bytes(len64(data.len()))?;
                    sc.put(self, cx, &data)?;
                    Ok(len64(data.len()))
                }
                Device::Stdout | Device::Stderr => Err(Errno::EBADF.into()),
            },
        }
    }

    /// The common write path.
    pub(crate) fn do_write(
        &mut self,
        cx: &mut Ctx<'_>,
        fd: u64,
        mut segs: Vec<(u64, u64)>,
        offset: Option<u64>,
    ) -> SysResult {
        let file = self.fds.file(fd)?;
        if !file.borrow().writable() {
            return Err(Errno::EBADF.into());
        }
        let total = cap(&mut segs);
        for &(b, l) in &segs {
            self.check_in(b, l)?;
        }
        let node = file.borrow().node.clone();
        let positional = offset.is_some();
        let append = file.borrow().flags & crate::fd::O_APPEND != 0;
        let mut nb = node.borrow_mut();
        match &mut nb.kind {
            NodeKind::Dir { .. } => Err(Errno::EISDIR.into()),
            NodeKind::File(data) => {
                let size = len64(data.bytes().len());
                let pos = if append {
                    size
                } else {
                    offset.unwrap_or(file.borrow().pos)
                };
                let end = pos.checked_add(total).ok_or(Errno::EFBIG)?;
                if total == 0 {
                    return Ok(0);
                }
                if !self.memory_fits(end.saturating_sub(size), 0) {
                    return Err(Errno::ENOSPC.into());
                }
                cx.charge_bytes(total)?;
                if end > size {
                    data.resize(to_usize(end).map_err(|_| Errno::EFBIG)?);
                }
                let mut at = to_usize(pos)?;
                let bytes = data.bytes_mut();
                for &(base, len) in &segs {
                    let l = to_usize(len)?;
                    cx.mem
                        .read(base, &mut bytes[at..at + l])
                        .map_err(|_| Errno::EFAULT)?;
                    at += l;
                }
                if !positional {
                    file.borrow_mut().pos = end;
                }
                Ok(total)
            }
            NodeKind::Pipe(_)
            | NodeKind::Device(Device::Stdin | Device::Stdout | Device::Stderr)
                if positional =>
            {
                Err(Errno::ESPIPE.into())
            }
            NodeKind::Pipe(p) => {
                if p.readers == 0 {
                    drop(nb);
                    self.raise_sigpipe()?;
                    return Err(Errno::EPIPE.into());
                }
                let n = total.min(len64(PIPE_CAPACITY - p.buf.len()));
                if n == 0 && total > 0 {
                    return Err(Errno::EAGAIN.into());
                }
                cx.charge_bytes(n)?;
                gather(cx, &segs, n, |c| {
                    p.buf.extend(c.iter().copied());
                    Ok(())
                })?;
                Ok(n)
            }
            NodeKind::Device(d) => match *d {
                Device::Null | Device::Zero | Device::Random => {
                    cx.charge_bytes(total)?;
                    Ok(total)
                }
                Device::Stdin => Err(Errno::EBADF.into()),
                Device::Stdout | Device::Stderr => {
                    let dev = *d;
                    drop(nb);
                    let room = self.max_output.saturating_sub(self.output_used);
                    if room == 0 && total > 0 {
                        return Err(Errno::EFBIG.into());
                    }
                    let n = total.min(room);
                    cx.charge_bytes(n)?;
                    let sink = if dev == Device::Stdout {
                        &mut self.stdout
                    } else {
                        &mut self.stderr
                    };
                    gather(cx, &segs, n, |c| sink.write_all(c).map_err(|_| Errno::EIO))?;
                    self.output_used += n;
                    Ok(n)
                }
            },
        }
    }

    fn raise_sigpipe(&mut self) -> Result<(), Stop> {
        super::process::raise(self, SIGPIPE)
    }
}

/// read(fd, buf, count).
pub fn read(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    k.do_read(cx, a[0], vec![(a[1], a[2])], None)
}

/// write(fd, buf, count).
pub fn write(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    k.do_write(cx, a[0], vec![(a[1], a[2])], None)
}

fn offset(o: u64) -> Result<u64, Errno> {
    if o.cast_signed() < 0 {
        Err(Errno::EINVAL)
    } else {
        Ok(o)
    }
}

/// pread64(fd, buf, count, offset).
pub fn pread64(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let off = offset(a[3])?;
    k.do_read(cx, a[0], vec![(a[1], a[2])], Some(off))
}

/// pwrite64(fd, buf, count, offset).
pub fn pwrite64(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let off = offset(a[3])?;
    k.do_write(cx, a[0], vec![(a[1], a[2])], Some(off))
}

/// readv(fd, iov, iovcnt).
pub fn readv(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    k.fds.get(a[0])?;
    let segs = k.read_iovecs(cx, a[1], a[2])?;
    k.do_read(cx, a[0], segs, None)
}

/// writev(fd, iov, iovcnt).
pub fn writev(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    k.fds.get(a[0])?;
    let segs = k.read_iovecs(cx, a[1], a[2])?;
    k.do_write(cx, a[0], segs, None)
}

/// pipe(fds).
pub fn pipe(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    pipe2(k, cx, [a[0], 0, 0, 0, 0, 0])
}

/// pipe2(fds, flags).
pub fn pipe2(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let flags = u32::try_from(a[1]).map_err(|_| Errno::EINVAL)?;
    if flags & !(O_CLOEXEC | O_NONBLOCK | 0o40000) != 0 {
        return Err(Errno::EINVAL.into());
    }
    k.check_out(a[0], 8)?;
    let limit = k.fd_limit();
    let node = k.fs.new_pipe();
    let cloexec = flags & O_CLOEXEC != 0;
    let status = flags & O_NONBLOCK;
    let r = Rc::new(RefCell::new(OpenFile::new(node.clone(), O_RDONLY | status)));
    let w = Rc::new(RefCell::new(OpenFile::new(node, O_WRONLY | status)));
    let rfd = k.fds.install(Fd { file: r, cloexec }, 0, limit)?;
    let wfd = match k.fds.install(Fd { file: w, cloexec }, 0, limit) {
        Ok(fd) => fd,
        Err(e) => {
            let _ = k.fds.close(rfd);
            return Err(e.into());
        }
    };
    let mut b = [0u8; 8];
    b[..4].copy_from_slice(&u32::try_from(rfd).unwrap_or(0).to_le_bytes());
    b[4..].copy_from_slice(&u32::try_from(wfd).unwrap_or(0).to_le_bytes());
    if let Err(e) = k.copy_out(cx, a[0], &b) {
        let _ = k.fds.close(rfd);
        let _ = k.fds.close(wfd);
        return Err(e);
    }
    Ok(0)
}

/// poll(fds, nfds, timeout_ms).
pub fn poll(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    const POLLIN: u16 = 0x1;
    const POLLOUT: u16 = 0x4;
    const POLLERR: u16 = 0x8;
    const POLLHUP: u16 = 0x10;
    const POLLNVAL: u16 = 0x20;
    const POLLRDNORM: u16 = 0x40;
    const POLLWRNORM: u16 = 0x100;
    let (addr, nfds) = (a[0], a[1]);
    if nfds > k.fd_limit() {
        return Err(Errno::EINVAL.into());
    }
    let mut b = k.copy_in(cx, addr, nfds * 8)?;
    let mut ready = 0u64;
    for e in b.chunks_exact_mut(8) {
        let fd = i32::from_le_bytes([e[0], e[1], e[2], e[3]]);
        let events = u16::from_le_bytes([e[4], e[5]]);
        let revents = if fd < 0 {
            0
        } else {
            match k.fds.file(u64::from(fd.unsigned_abs())) {
                Err(_) => POLLNVAL,
                Ok(f) => {
                    let f = f.borrow();
                    let rd = if f.readable() { POLLIN | POLLRDNORM } else { 0 };
                    let wr = if f.writable() {
                        POLLOUT | POLLWRNORM
                    } else {
                        0
                    };
                    let st = match &f.node.borrow().kind {
                        NodeKind::Pipe(p) => {
                            let mut s = 0;
                            if !p.buf.is_empty() {
                                s |= rd;
                            }
                            if p.writers == 0 && f.readable() {
                                s |= POLLHUP;
                            }
                            if p.buf.len() < PIPE_CAPACITY {
                                s |= wr;
                            }
                            if p.readers == 0 && f.writable() {
                                s |= POLLERR;
                            }
                            s
                        }
                        _ => rd | wr,
                    };
                    st & (events | POLLERR | POLLHUP)
                }
            }
        };
        e[6..8].copy_from_slice(&revents.to_le_bytes());
        if revents != 0 {
            ready += 1;
        }
    }
    k.copy_out(cx, addr, &b)?;
    let timeout = a[2] & 0xffff_ffff;
    if ready == 0 && timeout < 0x8000_0000 {
        k.sleep_ns(cx, timeout * 1_000_000);
    }
    Ok(ready)
}

/// ioctl(fd, request, arg).
pub fn ioctl(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    const FIONBIO: u64 = 0x5421;
    const FIONCLEX: u64 = 0x5450;
    const FIOCLEX: u64 = 0x5451;
    let file = k.fds.file(a[0])?;
    match a[1] & 0xffff_ffff {
        FIONBIO => {
            let on = k.read_u32(cx, a[2])? != 0;
            let mut f = file.borrow_mut();
            f.flags = if on {
                f.flags | O_NONBLOCK
            } else {
                f.flags & !O_NONBLOCK
            };
            Ok(0)
        }
        FIOCLEX | FIONCLEX => {
            k.fds.get_mut(a[0])?.cloexec = a[1] & 0xffff_ffff == FIOCLEX;
            Ok(0)
        }
        _ => Err(Errno::ENOTTY.into()),
    }
}

/// getrandom(buf, len, flags): the next `len` bytes of the random stream (at most
/// 33554431 per call, as Linux).
pub fn getrandom(k: &mut Kernel, cx: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    let flags = a[2];
    if flags & !7 != 0 || flags & 6 == 6 {
        return Err(Errno::EINVAL.into());
    }
    let n = a[1].min(33_554_431);
    k.check_out(a[0], n)?;
    cx.charge_bytes(n)?;
    let segs = [(a[0], n)];
    let mut sc = Scatter {
        segs: &segs,
        i: 0,
        off: 0,
    };
    let mut buf = bounce_buffer(n)?;
    let mut done = 0;
    while done < n {
        let m = to_usize((n - done).min(len64(CHUNK)))?;
        k.random.fill(&mut buf[..m]);
        sc.put(k, cx, &buf[..m])?;
        done += len64(m);
    }
    Ok(n)
}

/// getsockname / getpeername(fd, …): no descriptor is a socket (`ENOTSOCK`; bash asks
/// this of stdin to decide whether it runs under sshd).
pub fn not_a_socket(k: &mut Kernel, _: &mut Ctx<'_>, a: [u64; 6]) -> SysResult {
    k.fds.get(a[0])?;
    Err(Errno::ENOTSOCK.into())
}
